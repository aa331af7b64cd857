/**
 * The rows a filtered listing shows when it has more than one page (ListingPage.astro): the filters match every
 * agent of the listing from its `rows.json`, and the matches are drawn here as rows cloned from the page's row
 * template, a hundred at a time ("Show more").
 */
import { FACETS, type Entry } from './filter-match.ts';
// Type only: nothing of listings.ts reaches the browser.
import type { FilterRow } from '../site/listings.ts';

export type RowEntry = Entry & { row: FilterRow };

const CHUNK = 100;

export class ListingRows {
  #box: HTMLElement;
  #list: HTMLElement;
  #more: HTMLButtonElement;
  #template: HTMLTemplateElement;
  #page: HTMLElement;
  #agentsBase: string;
  #rows: FilterRow[] = [];
  #drawn = 0;

  constructor(listing: HTMLElement) {
    this.#box = listing.querySelector('[data-filter-results]')!;
    this.#list = this.#box.querySelector('ul')!;
    this.#more = this.#box.querySelector('[data-filter-more-rows]')!;
    this.#template = this.#box.querySelector('template')!;
    this.#page = listing.querySelector('[data-listing-page]')!;
    this.#agentsBase = this.#box.dataset.agents!;
    this.#more.addEventListener('click', () => {
      // Focus moves to the first new row, so keyboard users continue where the list grew.
      const first = this.#drawn;
      this.#draw();
      this.#list.children[first]?.querySelector('a')?.focus();
    });
  }

  /** Fetches the listing's rows (once). */
  static async load(url: string): Promise<RowEntry[]> {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const rows = (await response.json()) as FilterRow[];
    return rows.map((row) => ({ row, values: row.v, text: `${row.n} ${row.d}`.toLowerCase() }));
  }

  /** Shows these rows instead of the page's own list; `undefined` shows the page again. */
  show(rows: FilterRow[] | undefined) {
    this.#page.hidden = rows !== undefined;
    this.#box.hidden = rows === undefined;
    this.#list.replaceChildren();
    this.#rows = rows ?? [];
    this.#drawn = 0;
    this.#draw();
  }

  #draw() {
    const end = Math.min(this.#rows.length, this.#drawn + CHUNK);
    const fragment = document.createDocumentFragment();
    for (const row of this.#rows.slice(this.#drawn, end)) fragment.append(this.#rowElement(row));
    this.#list.append(fragment);
    this.#drawn = end;
    const left = this.#rows.length - end;
    this.#more.hidden = left === 0;
    this.#more.textContent = `Show ${Math.min(left, CHUNK).toLocaleString('en')} more of ${left.toLocaleString('en')}`;
  }

  #rowElement(row: FilterRow): Element {
    const li = (this.#template.content.firstElementChild as Element).cloneNode(true) as Element;
    const part = (name: string) => li.querySelector<HTMLElement>(`[data-part="${name}"]`)!;
    const link = part('name') as HTMLAnchorElement;
    link.href = `${this.#agentsBase}${encodeURIComponent(row.s)}/`;
    link.textContent = row.n;
    part('summary').textContent = row.d;
    part('model-name').textContent = row.m;
    part('loads').hidden = row.l === 1;
    // Its plugin, from the facets: an aggregate plugin's copy and the topic plugin's agent share a name.
    const [plugin] = row.v[FACETS.indexOf('plugin')] ?? [];
    part('plugin').hidden = plugin === undefined;
    part('plugin-name').textContent = plugin ?? '';
    return li;
  }
}
