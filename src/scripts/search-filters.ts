/**
 * The search's filter selects (model, category, tools), filled from Pagefind's filter counts, and the URLs that
 * carry a query with its filters: the search page's own address and the dialog's "See all" link.
 */
import { BASE_URL, type FilterSelection, type Pagefind } from './search-pagefind.ts';

export class SearchFilters {
  readonly selects: HTMLSelectElement[];

  constructor(
    root: HTMLElement,
    private readonly fieldset: HTMLFieldSetElement,
  ) {
    this.selects = [...root.querySelectorAll<HTMLSelectElement>('[data-search-filter]')];
  }

  /** True when `params` (the search page's URL) chooses a value for one of the filters. */
  chosenIn(params?: URLSearchParams): boolean {
    return this.selects.some((select) => params?.get(select.dataset.searchFilter!));
  }

  /** Fills each select with Pagefind's values and counts, choosing what `initial` asks for when it exists. */
  async fill(pagefind: Pagefind, initial?: URLSearchParams): Promise<void> {
    const counts = await pagefind.filters();
    for (const select of this.selects) {
      const name = select.dataset.searchFilter!;
      const values = Object.entries(counts[name] ?? {}).sort(([a], [b]) => a.localeCompare(b));
      const wanted = initial?.get(name) ?? select.value;
      select.append(...values.map(([value, count]) => new Option(`${value} (${count})`, value)));
      select.value = values.some(([value]) => value === wanted) ? wanted : '';
      select.closest<HTMLElement>('[data-search-filter-field]')!.hidden = values.length === 0;
    }
    this.fieldset.hidden = this.selects.every((select) => select.options.length <= 1);
    this.fieldset.disabled = this.fieldset.hidden;
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
