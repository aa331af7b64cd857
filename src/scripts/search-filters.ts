/**
 * The search's filter selects (model, category, colour, tools, can), filled from the catalog's values, labels and counts, and the URLs that
 * carry a query with its filters: the search page's own address and the dialog's "See all" link.
 */
import { BASE_URL, type FilterSelection } from './search-pagefind.ts';
import type { SearchFilterOptions } from '../site/search-meta.ts';

/**
 * The filters, in the order they show. "Any", not "Any category": the label says which, and on a phone three selects
 * share one row.
 */
const FIELDS = [
  { name: 'model', label: 'Model' },
  { name: 'category', label: 'Category' },
  { name: 'plugin', label: 'Plugin' },
  { name: 'color', label: 'Colour' },
  { name: 'tools', label: 'Tools' },
  { name: 'can', label: 'Can' },
];

/** One filter: its label and select, hidden until the catalog's values fill it (SearchFilters.astro has the fieldset). */
function field(name: string, label: string): { field: HTMLLabelElement; select: HTMLSelectElement } {
  const field = document.createElement('label');
  field.className = 'ad-search-filter';
  field.dataset.searchFilterField = '';
  field.hidden = true;
  const text = document.createElement('span');
  text.className = 'ad-search-filter__label';
  text.textContent = label;
  const select = document.createElement('select');
  select.className = 'ad-search-filter__select';
  select.name = name;
  select.dataset.searchFilter = name;
  select.append(new Option('Any', ''));
  field.append(text, select);
  return { field, select };
}

export class SearchFilters {
  readonly selects: HTMLSelectElement[];
  #filled?: Promise<void>;
  /** Each filter's values and their labels, once `/search-filters.json` is in. */
  readonly #labels = new Map<string, Map<string, string>>();

  constructor(private readonly fieldset: HTMLFieldSetElement) {
    const fields = FIELDS.map(({ name, label }) => field(name, label));
    fieldset.append(...fields.map((f) => f.field));
    this.selects = fields.map((f) => f.select);
  }

  /** True when `params` (the search page's URL) chooses a value for one of the filters. */
  chosenIn(params?: URLSearchParams): boolean {
    return this.selects.some((select) => params?.get(select.dataset.searchFilter!));
  }

  /**
   * Fills each select with the catalog's values, labels and counts (`/search-filters.json`: the catalog filters' groups
   * and labels, the counts Pagefind would give),
   * choosing what `initial` asks for when it exists. Not from Pagefind's `filters()`: that loads every filter's
   * index into Pagefind, which then counts them again for every query (src/site/search-meta.ts).
   */
  fill(initial?: URLSearchParams): Promise<void> {
    // Once: the search loads again after a failure, and the options must not be added twice.
    this.#filled ??= this.#fill(initial).catch((error: unknown) => {
      this.#filled = undefined;
      throw error;
    });
    return this.#filled;
  }

  async #fill(initial?: URLSearchParams): Promise<void> {
    const response = await fetch(`${BASE_URL}search-filters.json`);
    if (!response.ok) throw new Error(`${BASE_URL}search-filters.json: HTTP ${response.status}`);
    const filters = (await response.json()) as SearchFilterOptions;
    for (const [name, values] of Object.entries(filters)) this.#labels.set(name, new Map(values.map(({ value, label }) => [value, label])));
    for (const select of this.selects) {
      const name = select.dataset.searchFilter!;
      const values = filters[name] ?? [];
      const wanted = initial?.get(name) ?? select.value;
      select.append(...values.map(({ value, label, count }) => new Option(`${label} (${count})`, value)));
      select.value = values.some(({ value }) => value === wanted) ? wanted : '';
      select.closest<HTMLElement>('[data-search-filter-field]')!.hidden = values.length === 0;
    }
    this.fieldset.hidden = this.selects.every((select) => select.options.length <= 1);
    this.fieldset.disabled = this.fieldset.hidden;
  }

  /** A filter value as the selects say it ("Sonnet", "Infrastructure"); as indexed until the labels are in. */
  label(name: string, value: string): string {
    return this.#labels.get(name)?.get(value) ?? value;
  }

  selected(): FilterSelection {
    const selected: FilterSelection = {};
    for (const select of this.selects) {
      if (select.value) selected[select.dataset.searchFilter!] = select.value;
    }
    return selected;
  }
}

/** The search page's address for `term` and `filters`. */
export function searchPageUrl(term: string, filters: FilterSelection): string {
  return `${BASE_URL}search/?${new URLSearchParams({ q: term, ...filters })}`;
}

/** Keeps the search page's own URL in step with what is searched, without adding history entries. */
export function syncSearchUrl(term: string, filters: FilterSelection): void {
  const params = new URLSearchParams(term ? { q: term, ...filters } : filters);
  const url = `${location.pathname}${params.size ? `?${params}` : ''}`;
  if (url !== `${location.pathname}${location.search}`) history.replaceState(history.state, '', url);
}
