/**
 * <catalog-filters>: narrows a listing (a category, a plugin, all agents: ListingPage.astro) by text and by
 * category, model, colour, tool access and what the agent can do.
 *
 * The form is the state: its fields serialise to the URL query (`?q=…&category=a&category=b&model=…`), so a
 * filtered listing can be shared and comes back on reload and with back/forward. Typing replaces the history
 * entry; a facet change pushes one. Matching is filter-match.ts.
 *
 * A listing on one page filters its cards or rows in place, from the data-* attributes they carry. A listing of
 * more than one page (`data-rows`) filters all its agents from its `rows.json`, fetched on the first filter, and
 * shows the matches as rows (listing-rows.ts). Option counts follow the other filters.
 */
import { FACETS, match, words, type Entry } from './filter-match.ts';
import { ListingRows, type RowEntry } from './listing-rows.ts';

const KEYS = ['q', ...FACETS];

type Card = Entry & { item: HTMLElement };

const agents = (n: number) => `${n.toLocaleString('en')} agent${n === 1 ? '' : 's'}`;

class CatalogFilters extends HTMLElement {
  #form!: HTMLFormElement;
  #cards: Card[] = [];
  /** Option count elements by facet index + value. */
  #counts = new Map<string, HTMLElement>();
  /** A paginated listing's rows: where they come from, once fetched, and where they are drawn. */
  #rowsUrl?: string;
  #rows?: Promise<RowEntry[]>;
  #loaded?: RowEntry[];
  #results?: ListingRows;
  /** The status as the page was built ("Showing all 12 agents", or which of them this page shows). */
  #status = '';
  /** Counts each #filter run, so a run that waited for rows.json does not overwrite a later one. */
  #run = 0;

  connectedCallback() {
    const form = this.querySelector('form');
    const catalog = document.getElementById(this.dataset.catalog ?? '');
    if (!form || !catalog || this.#cards.length) return;
    this.#form = form;
    this.#status = this.querySelector('[data-filter-count]')!.textContent ?? '';
    this.#rowsUrl = this.dataset.rows;
    if (this.#rowsUrl) this.#results = new ListingRows(catalog);

    // Cards and rows alike (a <template>'s row is not in the document, so it is not among them).
    for (const card of catalog.querySelectorAll<HTMLElement>('[data-facets]')) {
      const text = ['.card-title, .row-name', '.card-summary, .row-summary'].map((s) => card.querySelector(s)?.textContent).join(' ');
      this.#cards.push({
        item: card.closest('li') ?? card,
        values: JSON.parse(card.dataset.facets!) as string[][],
        text: text.toLowerCase(),
      });
    }
    for (const input of form.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
      const count = input.parentElement?.querySelector<HTMLElement>('[data-count]');
      if (count) this.#counts.set(FACETS.indexOf(input.name as (typeof FACETS)[number]) + input.value, count);
    }

    form.addEventListener('submit', (event) => event.preventDefault());
    form.addEventListener('input', (event) => this.#update((event.target as HTMLInputElement).type === 'checkbox'));
    for (const button of this.querySelectorAll('[data-filter-clear]')) {
      button.addEventListener('click', () => {
        form.reset();
        this.#update(true);
        (form.elements.namedItem('q') as HTMLInputElement).focus();
      });
    }
    addEventListener('popstate', () => this.#restore());
    const toggle = this.querySelector('[data-filter-toggle]')!;
    toggle.addEventListener('click', () => toggle.setAttribute('aria-expanded', String(toggle.ariaExpanded !== 'true')));

    this.querySelector<HTMLFieldSetElement>('[data-filter-fields]')!.disabled = false;
    this.#restore();
    // Values the form has no option for are dropped, so the URL always says what the page shows.
    history.replaceState(history.state, '', this.#url());
  }

  /** Sets the fields from the URL, then filters. */
  #restore() {
    const params = new URLSearchParams(location.search);
    for (const input of this.#form.querySelectorAll('input')) {
      if (input.type === 'checkbox') input.checked = params.getAll(input.name).includes(input.value);
      else input.value = params.get(input.name) ?? '';
    }
    // A ticked option folded behind "Show all" is shown, so the form never hides what it filters by.
    for (const more of this.#form.querySelectorAll<HTMLDetailsElement>('details[data-filter-more]')) {
      if (more.querySelector('input:checked')) more.open = true;
    }
    void this.#filter();
  }

  #update(push: boolean) {
    void this.#filter();
    const url = this.#url();
    if (url !== location.pathname + location.search + location.hash) history[push ? 'pushState' : 'replaceState'](null, '', url);
  }

  /** The current URL with the filter keys replaced by the form's non-empty fields; other parameters are kept. */
  #url(): string {
    const params = new URLSearchParams(location.search);
    for (const key of KEYS) params.delete(key);
    for (const [key, value] of new FormData(this.#form)) if (String(value).trim()) params.append(key, String(value));
    const query = params.toString();
    return location.pathname + (query && `?${query}`) + location.hash;
  }

  async #filter() {
    const run = ++this.#run;
    // Tests and assistive tech can tell a list still being drawn from one that matched nothing.
    this.setAttribute('aria-busy', 'true');
    const data = new FormData(this.#form);
    const query = words(String(data.get('q') ?? ''));
    const chosen = FACETS.map((facet) => new Set(data.getAll(facet) as string[]));
    const active = query.length > 0 || chosen.some((set) => set.size > 0);
    const status = this.querySelector('[data-filter-count]')!;
    if (this.#rowsUrl && active && !this.#loaded) {
      status.textContent = 'Loading every agent of this list…';
      this.#rows ??= ListingRows.load(this.#rowsUrl);
      try {
        this.#loaded = await this.#rows;
      } catch (error) {
        this.#rows = undefined;
        if (run === this.#run) {
          status.textContent = `Could not load the agents to filter (${(error as Error).message}). Reload to try again.`;
          this.removeAttribute('aria-busy');
        }
        return;
      }
      if (run !== this.#run) return;
    }
    // A paginated listing matches all its rows once it has them; until then (nothing filtered) the page stands.
    const entries: Entry[] = this.#loaded ?? (this.#rowsUrl ? [] : this.#cards);
    const result = match(entries, query, chosen);

    if (this.#results) this.#results.show(active ? this.#loaded!.filter((_, i) => result.passes[i]).map((e) => e.row) : undefined);
    else this.#cards.forEach((card, i) => (card.item.hidden = !result.passes[i]));

    if (entries.length) {
      for (const [key, element] of this.#counts) {
        const n = result.counts.get(key) ?? 0;
        element.textContent = n.toLocaleString('en');
        element.closest('label')!.toggleAttribute('data-none', n === 0);
      }
    }
    const text = active ? `Showing ${result.shown.toLocaleString('en')} of ${agents(entries.length)}` : this.#status;
    if (status.textContent !== text) status.textContent = text;
    this.querySelector<HTMLElement>('form [data-filter-clear]')!.hidden = !active;
    const ticked = chosen.reduce((sum, set) => sum + set.size, 0);
    this.querySelector<HTMLElement>('[data-filter-selected]')!.hidden = !ticked;
    this.querySelector('[data-n]')!.textContent = String(ticked);
    this.querySelector<HTMLElement>('[data-filter-empty]')!.hidden = !active || result.shown > 0;
    this.removeAttribute('aria-busy');
  }
}

if (!customElements.get('catalog-filters')) customElements.define('catalog-filters', CatalogFilters);
