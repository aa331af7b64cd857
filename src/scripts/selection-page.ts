/**
 * <selection-page>: the selection page (src/pages/selection.astro), loaded by selection-ui.ts. Shows the agents of
 * this browser's selection, or those a selection link names (`?agents=a,b,c`), with what `/selection.json` says of
 * them (never what another page's HTML says): the list, the install-all commands for each scope and shell, "Download
 * all" (a .zip of the raw files, built here with fflate, loaded on first use) and the link to share. A shared link
 * can replace this browser's selection or be merged into it; slugs the catalog does not have are named and dropped.
 * Every piece of agent text goes in as text.
 */
import { installAllCommands, uniqueFileNames, type SelectedAgent } from '../agents/install.ts';
import { visible } from '../agents/text.ts';
import { mergeSelections, parseSelectionParam, resolveSelection, selectionLink, SELECTION_PARAM, type SelectionData } from '../site/selection.ts';
import { commandParts } from '../site/command.ts';
import { siteOrigin } from './site-url.ts';
import { announce } from './copy.ts';
import { onSelectionChange, readSelection, writeSelection } from './selection-store.ts';

const plural = (n: number) => `${n} agent${n === 1 ? '' : 's'}`;
const list = (slugs: readonly string[]) => slugs.map((slug) => `“${visible(slug)}”`).join(', ');

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A command in its `<code class="command-text">`, one box per word, as CommandText.astro renders them (site/command.ts). */
function showCommand(code: Element, command: string): void {
  code.replaceChildren(...commandParts(command).map((part) => ('word' in part ? element('span', '', part.word) : part.space)));
}

class SelectionPage extends HTMLElement {
  #data?: SelectionData;
  /** The slugs a selection link names (known ones), or undefined when the page shows this browser's selection. */
  #shared?: string[];
  /** The last .zip offered, released when the next one is made. */
  #zipUrl?: string;

  connectedCallback(): void {
    if (this.#data || this.dataset.state === 'starting') return;
    this.dataset.state = 'starting';
    this.#hook('replace').addEventListener('click', () => this.#adopt('replace'));
    this.#hook('merge').addEventListener('click', () => this.#adopt('merge'));
    this.#hook('clear').addEventListener('click', () => this.#clear());
    this.#hook('download').addEventListener('click', () => void this.#download());
    this.#hook('list').addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('[data-remove]');
      if (button) this.#remove(button.dataset.remove!);
    });
    void this.#start();
  }

  #hook<T extends HTMLElement = HTMLElement>(name: string): T {
    const node = this.querySelector<T>(`[data-selection-${name}]`);
    if (!node) throw new Error(`selection.astro is missing [data-selection-${name}]`);
    return node;
  }

  async #start(): Promise<void> {
    try {
      const response = await fetch(this.dataset.source!);
      if (!response.ok) throw new Error(`${this.dataset.source}: HTTP ${response.status}`);
      this.#data = (await response.json()) as SelectionData;
    } catch (error) {
      console.error('[agent-docs:selection] the list of agents did not load', error);
      this.#hook('loading').textContent = 'The list of agents could not be loaded. Check your connection and reload the page.';
      this.dataset.state = 'error';
      return;
    }
    const params = new URLSearchParams(location.search);
    if (params.has(SELECTION_PARAM)) {
      const { known, unknown } = resolveSelection(parseSelectionParam(params.get(SELECTION_PARAM)), this.#data);
      this.#shared = known;
      const note = this.#hook('unknown');
      note.hidden = unknown.length === 0;
      note.textContent = unknown.length
        ? `${unknown.length === 1 ? 'One agent' : `${unknown.length} agents`} of this link ${unknown.length === 1 ? 'is' : 'are'} not in this catalog and left out: ${list(unknown)}.`
        : '';
      // The address names only what the page shows.
      if (unknown.length) history.replaceState(history.state, '', this.#sharedUrl(known));
    }
    this.#hook('loading').hidden = true;
    this.#hook('main').hidden = false;
    onSelectionChange(() => this.#render());
    this.#render();
  }

  /** The page's own address for a shared selection (relative, so it works wherever the build is served). */
  #sharedUrl(slugs: readonly string[]): string {
    return slugs.length ? `${location.pathname}?${SELECTION_PARAM}=${slugs.map(encodeURIComponent).join(',')}` : location.pathname;
  }

  /** This browser's selection, less (and naming) the slugs the catalog no longer has. */
  #mine(): string[] {
    const { known, unknown } = resolveSelection(readSelection(), this.#data!);
    if (unknown.length) {
      writeSelection(known);
      const note = this.#hook('dropped');
      note.hidden = false;
      note.textContent = `Left out of your selection, no longer in this catalog: ${list(unknown)}.`;
    }
    return known;
  }

  #render(): void {
    const data = this.#data!;
    const mine = this.#mine();
    const shared = this.#shared;
    const slugs = shared ?? mine;
    this.dataset.mode = shared ? 'shared' : 'mine';

    this.#hook('shared').hidden = !shared;
    if (shared) {
      this.#hook('shared-text').textContent = `This link names ${plural(shared.length)}. Your selection in this browser has ${plural(mine.length)}.`;
      this.#hook<HTMLButtonElement>('merge').disabled = shared.every((slug) => mine.includes(slug));
      this.#hook<HTMLButtonElement>('replace').disabled = shared.length === 0;
    }
    this.#hook('title').textContent = shared ? `The agents of this link (${shared.length})` : `Your selection (${mine.length})`;
    this.#hook('empty').hidden = slugs.length > 0;
    this.#hook('mine-actions').hidden = !!shared || mine.length === 0;
    this.#hook('list').replaceChildren(...slugs.map((slug) => this.#item(slug, !shared)));

    for (const name of ['install', 'share']) this.#hook(name).hidden = slugs.length === 0;
    const selected: SelectedAgent[] = slugs.map((slug) => {
      const agent = data.agents[slug];
      const plugin = agent.plugin === undefined ? undefined : data.plugins[agent.plugin];
      return { slug, fileName: agent.fileName, ...(plugin ? { plugin } : {}) };
    });
    // Commands and the link name the files where this page was loaded from (site-url.ts), not SITE_URL.
    const site = { siteUrl: siteOrigin(), basePath: data.basePath };
    const all = installAllCommands(site.siteUrl, site.basePath, selected);
    for (const code of this.querySelectorAll<HTMLElement>('[data-selection-command]')) {
      const [scope, shell] = code.dataset.selectionCommand!.split('.') as ['project' | 'user', 'bash' | 'powershell'];
      showCommand(code, all[scope][shell]);
    }
    this.#hook('files').hidden = all.files.length === 0;
    this.#hook('plugins').hidden = all.plugins.length === 0;
    this.#hook('source-missing').hidden = !all.pluginSourceMissing;
    showCommand(this.querySelector('#selection-cmd-plugins')!, all.plugins.join('\n'));
    showCommand(this.#hook('link'), selectionLink(site, slugs));
    this.#hook<HTMLButtonElement>('download').disabled = slugs.length === 0;
    this.dataset.state = 'ready';
  }

  #item(slug: string, removable: boolean): HTMLLIElement {
    const data = this.#data!;
    const agent = data.agents[slug];
    const item = element('li', 'selection-item');
    item.dataset.slug = slug;
    item.dataset.testid = 'selection-item';
    const head = element('div', '');
    const link = element('a', 'selection-item__name', visible(agent.name));
    link.href = `${data.basePath}agents/${encodeURIComponent(slug)}/`;
    const meta = element('div', 'selection-item__meta');
    meta.append(element('code', '', agent.fileName));
    if (agent.plugin !== undefined) meta.append(element('span', 'badge', `plugin ${agent.plugin}`));
    head.append(link, meta);
    item.append(head);
    if (removable) {
      const button = element('button', 'button', 'Remove');
      button.type = 'button';
      button.dataset.remove = slug;
      button.append(element('span', 'sr-only', ` ${visible(agent.name)}`));
      item.append(button);
    }
    item.append(element('p', 'selection-item__summary', agent.summary));
    return item;
  }

  #remove(slug: string): void {
    const slugs = readSelection();
    const at = slugs.indexOf(slug);
    const name = visible(this.#data!.agents[slug]?.name ?? slug);
    writeSelection(slugs.filter((s) => s !== slug)); // renders through onSelectionChange
    // Focus the next agent's Remove button, else the previous one's, else the list's heading.
    const buttons = this.querySelectorAll<HTMLButtonElement>('[data-remove]');
    (buttons[Math.min(at, buttons.length - 1)] ?? this.#hook('title')).focus();
    announce(`Removed ${name}: ${plural(slugs.length - 1)} left.`);
  }

  #clear(): void {
    writeSelection([]);
    this.#hook('title').focus();
    announce('The selection is empty.');
  }

  /** A shared selection becomes this browser's: in place of it, or added to it. Then the page shows it. */
  #adopt(how: 'replace' | 'merge'): void {
    const shared = this.#shared ?? [];
    const next = how === 'replace' ? shared : mergeSelections(readSelection(), shared);
    this.#shared = undefined;
    history.replaceState(history.state, '', location.pathname);
    writeSelection(next);
    this.#render();
    this.#hook('title').focus();
    announce(`${how === 'replace' ? 'Replaced' : 'Merged'}: your selection has ${plural(next.length)}.`);
  }

  /** Every selected agent's raw file, byte for byte, in one .zip named after the files they install as. */
  async #download(): Promise<void> {
    const data = this.#data!;
    const button = this.#hook<HTMLButtonElement>('download');
    const slugs = this.#shared ?? readSelection();
    button.disabled = true;
    this.setAttribute('aria-busy', 'true');
    try {
      const [{ zipSync }, files] = await Promise.all([
        import('fflate'),
        Promise.all(
          uniqueFileNames(slugs.map((slug) => ({ slug, fileName: data.agents[slug].fileName }))).map(async ({ slug, fileName }) => {
            const response = await fetch(`${data.basePath}agents/${encodeURIComponent(slug)}.md`);
            if (!response.ok) throw new Error(`${slug}.md: HTTP ${response.status}`);
            return [fileName, new Uint8Array(await response.arrayBuffer())] as const;
          }),
        ),
      ]);
      // zipSync, not zip: fflate's asynchronous zip starts workers from blob: URLs, which the CSP does not allow.
      const zip = zipSync(Object.fromEntries(files));
      if (this.#zipUrl) URL.revokeObjectURL(this.#zipUrl);
      this.#zipUrl = URL.createObjectURL(new Blob([zip], { type: 'application/zip' }));
      const link = Object.assign(document.createElement('a'), { href: this.#zipUrl, download: 'agents.zip' });
      link.click();
      announce(`Downloading agents.zip: ${plural(files.length)}.`);
    } catch (error) {
      console.error('[agent-docs:selection] the .zip could not be made', error);
      announce('The .zip could not be made: a file did not download. Try again.');
    } finally {
      button.disabled = false;
      this.removeAttribute('aria-busy');
    }
  }
}

if (!customElements.get('selection-page')) customElements.define('selection-page', SelectionPage);
