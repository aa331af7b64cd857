/**
 * The search UI behind both the dialog and the /search/ page: query and filters in, Pagefind results out as a
 * listbox the input drives (↑/↓, Enter, Alt+C copies the install command, Alt+A adds the agent to the selection).
 * Loaded lazily; Pagefind itself runs in the search worker (search-client.ts).
 * The markup it drives is `SearchPanel.astro`; every element is found by its `data-search-*` hook.
 */
import { BASE_URL, type FilterSelection } from './search-pagefind.ts';
import { SearchClient, type Found } from './search-client.ts';
import type { StartedWorker } from './search-worker-start.ts';
import { SearchFilters, searchPageUrl, syncSearchUrl } from './search-filters.ts';
import { countText, MAX_SECTIONS, renderResult, renderSeeAll, statusText, type State } from './search-render.ts';
import { installCommand } from './search-install.ts';
import { copyText } from './copy.ts';
import { isApple, isCopyShortcut, isSelectShortcut } from './search-keys.ts';
import { isSelected, toggle } from './selection-ui.ts';
import { onSelectionChange } from './selection-store.ts';
import { Listbox } from './search-listbox.ts';

export interface SearchOptions {
  /** Pages rendered per batch: a few in the dialog, more on the search page. */
  pageSize: number;
  /** The search page keeps `?q=` and the filters in its URL; the dialog links to it for the full list. */
  mode: 'dialog' | 'page';
  /** The search worker, started at the first sign of intent (search-worker-start.ts); undefined if none could start. */
  worker: StartedWorker | undefined;
}

function query<T extends Element>(root: Element, hook: string): T {
  const node = root.querySelector<T>(`[data-search-${hook}]`);
  if (!node) throw new Error(`SearchPanel markup is missing [data-search-${hook}]`);
  return node;
}

export class SearchController {
  readonly input: HTMLInputElement;
  readonly #root: HTMLElement;
  readonly #form: HTMLFormElement;
  readonly #list: HTMLElement;
  readonly #status: HTMLElement;
  /** How many results there are, in sight of everyone (the live region says it to screen readers). */
  readonly #count: HTMLElement;
  readonly #empty: HTMLElement;
  readonly #live: HTMLElement;
  readonly #copy: HTMLButtonElement;
  readonly #select: HTMLButtonElement;
  readonly #more: HTMLButtonElement | null;
  readonly #filters: SearchFilters;
  readonly #listbox: Listbox;
  /** The results' scroll box in the dialog (the page itself scrolls on /search/). */
  readonly #scroller: HTMLElement;
  /** The results were scrolled, so new ones must start at the top again (resetting an unscrolled list forces a layout). */
  #scrolled = false;
  readonly #client: SearchClient;
  #ready = false;
  #found?: Found;
  #shown = 0;
  #run = 0;
  #loading = false;
  #copyTimer?: ReturnType<typeof setTimeout>;

  constructor(
    root: HTMLElement,
    readonly options: SearchOptions,
  ) {
    this.#root = root;
    this.#client = new SearchClient(options.worker);
    this.input = query(root, 'input');
    this.#form = query(root, 'form');
    this.#list = query(root, 'results');
    this.#status = query(root, 'status');
    this.#count = query(root, 'count');
    this.#empty = query(root, 'empty');
    this.#live = query(root, 'live');
    this.#copy = query(root, 'copy');
    this.#select = query(root, 'select');
    this.#more = root.querySelector('[data-search-more]');
    this.#filters = new SearchFilters(query<HTMLFieldSetElement>(root, 'filters'));
    this.#listbox = new Listbox(this.input, this.#list);
    this.#scroller = this.#list.parentElement!;
    this.#scroller.addEventListener('scroll', () => (this.#scrolled = this.#scroller.scrollTop > 0), { passive: true });
  }

  /** Wires the events, then loads Pagefind; whatever was typed meanwhile is searched as soon as it is ready. */
  start(initial?: URLSearchParams): void {
    if (initial) this.input.value = initial.get('q') ?? this.input.value;
    this.input.addEventListener('input', () => this.search());
    this.input.addEventListener('keydown', (event) => this.#onKey(event));
    this.#form.addEventListener('submit', (event) => this.#onSubmit(event));
    for (const select of this.#filters.selects) select.addEventListener('change', () => this.search());
    let pointer = '';
    this.#list.addEventListener('pointermove', (event) => {
      // Only a moving pointer picks an option: content scrolling under a still mouse (↑/↓) must not steal it.
      const at = `${event.screenX},${event.screenY}`;
      if (at === pointer) return;
      pointer = at;
      const option = (event.target as Element).closest<HTMLAnchorElement>('[role="option"]');
      if (option && option !== this.#listbox.active) this.#activate(option, false);
    });
    // Keep focus in the input when the copy button is clicked, so ↑/↓ keep working afterwards.
    this.#copy.addEventListener('mousedown', (event) => event.preventDefault());
    this.#copy.addEventListener('click', () => this.copyActive());
    this.#select.addEventListener('mousedown', (event) => event.preventDefault());
    this.#select.addEventListener('click', () => this.toggleActive());
    this.#select.querySelector('[data-search-select-key]')!.textContent = isApple() ? '⌥A' : 'Alt+A';
    this.#select.setAttribute('aria-keyshortcuts', 'Alt+A');
    // The chip on a result adds it with a pointer, without following the link (or closing the dialog).
    this.#list.addEventListener('click', (event) => {
      const option = (event.target as Element).closest<HTMLAnchorElement>('[data-select-chip]')?.closest<HTMLAnchorElement>('[role="option"]');
      if (!option?.dataset.slug) return;
      event.preventDefault();
      event.stopPropagation();
      this.#activate(option, false);
      this.toggleActive();
    });
    onSelectionChange(() => this.#paintSelection());
    this.#more?.addEventListener('click', () => this.#showMore(this.#run));
    this.#copy.querySelector('[data-search-copy-key]')!.textContent = isApple() ? '⌥C' : 'Alt+C';
    this.#copy.disabled = true;
    query<HTMLElement>(this.#root, 'hints').hidden = false;

    if (this.input.value.trim() || initial?.toString()) this.#setState('loading');
    this.#load(initial);
  }

  /** Loads Pagefind (again, after a failure) and then runs whatever query is in the field by now. */
  #load(initial?: URLSearchParams): void {
    if (this.#loading) return;
    this.#loading = true;
    // A filter named in the URL must be in place for the first query; otherwise the query need not wait for the
    // filter lists.
    const filled = this.#filters.fill(initial);
    const chosen = this.#filters.chosenIn(initial);
    if (!chosen) filled.catch((error: unknown) => console.error('[agent-docs:search] the filter lists did not load', error));
    // The dev server's index is built from the agent files (or falls back on a production build): say which.
    if (import.meta.env.DEV) void import('./search-dev-notice.ts').then(({ showDevNotice }) => showDevNotice(`${BASE_URL}pagefind/`));
    this.#client
      .load()
      .then(async () => {
        if (chosen) await filled;
        this.#ready = true;
        void this.search();
      })
      .catch((error: unknown) => {
        console.error('[agent-docs:search] Pagefind did not load', error);
        this.#setState('error');
      })
      .finally(() => (this.#loading = false));
  }

  /**
   * Searches for what is in the field now. Every keystroke asks; the search engine runs only the newest query and
   * drops those overtaken while they waited (search-engine.ts), so the last keystroke never waits for a debounce,
   * and a fast typist never queues up searches for prefixes nobody will read.
   */
  async search(): Promise<void> {
    const run = ++this.#run;
    const term = this.input.value.trim();
    const filters = this.#filters.selected();
    if (this.options.mode === 'page') syncSearchUrl(term, filters);
    if (!term && !Object.keys(filters).length) return this.#reset('idle');
    if (!this.#ready) {
      this.#setState('loading');
      return this.#load(); // searches again once Pagefind is ready
    }
    this.#list.setAttribute('aria-busy', 'true');
    let found: Found | undefined;
    try {
      found = await this.#client.search(term || null, filters, this.options.pageSize);
    } catch (error) {
      if (run === this.#run) {
        console.error('[agent-docs:search] search failed', error);
        this.#reset('error');
      }
      return;
    }
    if (!found || run !== this.#run) return; // superseded by a newer keystroke: its search is running now
    await this.#show(run, found, term, filters);
  }

  /** Replaces the list with `found`'s results, showing each as soon as it and those above it have loaded. */
  async #show(run: number, found: Found, term: string, filters: FilterSelection): Promise<void> {
    this.#found = found;
    this.#shown = 0;
    if (!found.total) return this.#reset('none', term, filters);
    let first = true;
    try {
      const done = await this.#render(run, (node) => {
        if (!first) return void this.#list.append(node);
        // The previous results stay until the first new one can take their place: no empty flash between queries.
        first = false;
        this.#listbox.clear();
        this.#list.append(node);
        this.#setState('results');
        this.#count.textContent = countText(found.total, 0);
        this.#list.setAttribute('aria-busy', 'true');
        if (this.#scrolled) this.#scroller.scrollTop = 0;
        this.#listbox.select(0, false);
        this.#updateCopy();
      });
      if (!done) return;
      this.#count.textContent = countText(found.total, this.#shown);
      this.#list.removeAttribute('aria-busy');
      this.#announce(`${found.total} result${found.total === 1 ? '' : 's'}`);
    } catch (error) {
      if (run !== this.#run) return;
      console.error('[agent-docs:search] search failed', error);
      this.#reset('error');
    }
  }

  /** Copies the install command of the active result, if it is an agent. */
  async copyActive(): Promise<void> {
    const slug = this.#listbox.active?.dataset.slug;
    if (!slug) return this.#announce('Only agent results have an install command.');
    const copied = await copyText(installCommand(slug)).catch(() => false);
    this.#announce(copied ? `Copied install command for ${slug}` : 'Copy failed: the browser refused the clipboard.');
    // The button's labels are all in the page (SearchHints.astro); the state picks the one that shows.
    this.#copy.dataset.state = copied ? 'copied' : 'failed';
    clearTimeout(this.#copyTimer);
    this.#copyTimer = setTimeout(() => delete this.#copy.dataset.state, 2000);
  }

  /** Adds the active result's agent to the selection, or removes it; says which. */
  toggleActive(): void {
    const slug = this.#listbox.active?.dataset.slug;
    if (!slug) return this.#announce('Only agent results can be added to the selection.');
    const added = toggle(slug, false);
    this.#announce(added ? `Added ${slug} to your selection` : `Removed ${slug} from your selection`);
  }

  /** Each agent result's chip and words, and the Alt+A button for the active one, say whether it is selected. */
  #paintSelection(): void {
    for (const option of this.#list.querySelectorAll<HTMLElement>('[data-search-option="page"][data-slug]')) {
      const on = isSelected(option.dataset.slug!);
      const chip = option.querySelector<HTMLElement>('[data-select-chip]');
      if (chip) {
        chip.textContent = on ? '✓ In selection' : '+ Add to selection';
        chip.toggleAttribute('data-on', on);
      }
      const state = option.querySelector('[data-select-state]');
      if (state) state.textContent = on ? 'In your selection.' : '';
    }
    const slug = this.#listbox.active?.dataset.slug;
    this.#select.disabled = !slug;
    this.#select.setAttribute('aria-pressed', String(!!slug && isSelected(slug)));
  }

  /**
   * Renders the next batch of results in order, handing each node to `place` as soon as its data and that of those
   * before it have loaded (the fragments load in parallel). False when a newer search took over meanwhile.
   */
  async #render(run: number, place: (node: Node) => void): Promise<boolean> {
    const found = this.#found;
    if (!found) return false;
    const start = this.#shown;
    const pending = found.hits(start, this.options.pageSize);
    for (const [i, data] of pending.entries()) {
      const hit = await data.catch((error: unknown) => {
        if (run === this.#run) throw error;
      });
      if (!hit || run !== this.#run) return false;
      place(renderResult(hit, `${this.#list.id}-${start + i}`, (name, value) => this.#filters.label(name, value), MAX_SECTIONS[this.options.mode]));
      this.#paintSelection();
    }
    this.#shown = start + pending.length;
    const remaining = found.total - this.#shown;
    if (this.options.mode === 'dialog' && remaining > 0) {
      place(renderSeeAll(`${this.#list.id}-all`, searchPageUrl(this.input.value.trim(), this.#filters.selected()), found.total));
    }
    if (this.#more) this.#more.hidden = remaining <= 0;
    return true;
  }

  async #showMore(run: number): Promise<void> {
    const first = this.#shown;
    const done = await this.#render(run, (node) => this.#list.append(node)).catch((error: unknown) => {
      console.error('[agent-docs:search] more results did not load', error);
      return false;
    });
    if (!done) return;
    if (this.#found) this.#count.textContent = countText(this.#found.total, this.#shown);
    this.#listbox.selectOption(this.#list.querySelector(`[id="${this.#list.id}-${first}"]`)!);
    this.input.focus();
  }

  #onKey(event: KeyboardEvent): void {
    if (event.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.#listbox.move(event.key === 'ArrowDown' ? 1 : -1);
      this.#updateCopy();
    } else if (event.key === 'Enter' && this.#listbox.active) {
      event.preventDefault();
      const active = this.#listbox.active;
      if (event.ctrlKey || event.metaKey || event.shiftKey) window.open(active.href, '_blank', 'noopener');
      else active.click();
    } else if (isCopyShortcut(event)) {
      event.preventDefault();
      void this.copyActive();
    } else if (isSelectShortcut(event)) {
      event.preventDefault();
      this.toggleActive();
    }
  }

  #onSubmit(event: SubmitEvent): void {
    // The dialog lets Enter without an active result fall through to the search page; the page searches in place.
    if (this.options.mode === 'page') {
      event.preventDefault();
      void this.search();
    }
  }

  #activate(option: HTMLAnchorElement, scroll: boolean): void {
    this.#listbox.selectOption(option, scroll);
    this.#updateCopy();
  }

  #updateCopy(): void {
    this.#copy.disabled = !this.#listbox.active?.dataset.slug;
    this.#paintSelection();
  }

  #reset(state: State, term = '', filters: FilterSelection = {}): void {
    this.#found = undefined;
    this.#listbox.clear();
    if (this.#more) this.#more.hidden = true;
    this.#updateCopy();
    this.#setState(state, term, filters);
    if (state === 'none') this.#announce(this.#status.textContent ?? '');
  }

  #setState(state: State, term = '', filters: FilterSelection = {}): void {
    this.#root.dataset.state = state;
    this.#list.hidden = state !== 'results';
    this.#count.hidden = state !== 'results';
    this.#list.removeAttribute('aria-busy');
    this.input.setAttribute('aria-expanded', String(state === 'results'));
    const text = statusText(state, term, Object.keys(filters).length > 0);
    this.#status.textContent = text;
    this.#status.hidden = !text;
    this.#empty.hidden = state !== 'idle';
  }

  #announce(message: string): void {
    // Clearing first makes screen readers repeat an identical message ("Copied" twice in a row).
    this.#live.textContent = '';
    requestAnimationFrame(() => (this.#live.textContent = message));
  }
}
