/**
 * Turns Pagefind result data into listbox options, and says what the search is doing. Shared by the dialog and the
 * /search/ page so a result looks and behaves the same in both. Text from the index goes in as text; only Pagefind's excerpts go in as HTML — Pagefind
 * escapes the page text itself and adds nothing but `<mark>` around the matched words.
 */
import type { Hit } from './search-engine.ts';
import { slugFromUrl } from './search-install.ts';

/**
 * Sections (examples, principles, prompt headings) shown under a page on the search page; more would bury the next
 * page. The dialog shows one: with three, the first result filled it and hid how many others there were.
 */
export const MAX_SECTIONS = { page: 3, dialog: 1 } as const;

type OptionKind = 'page' | 'section' | 'all';

function span(className: string, text?: string): HTMLSpanElement {
  const node = document.createElement('span');
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** An `<a role="option">`: a real link for pointers and new tabs, never a tab stop (the input owns focus). */
export function createOption(id: string, href: string, kind: OptionKind): HTMLAnchorElement {
  const link = document.createElement('a');
  link.id = id;
  link.href = href;
  link.className = `ad-search-option ad-search-option--${kind}`;
  link.tabIndex = -1;
  link.setAttribute('role', 'option');
  link.setAttribute('aria-selected', 'false');
  link.dataset.searchOption = kind;
  return link;
}

function excerpt(html: string, id: string): HTMLSpanElement {
  const node = span('ad-search-option__excerpt');
  node.id = id;
  node.innerHTML = html; // safe: see the module comment
  // Pagefind cuts a window of words out of the page, usually mid-sentence: say so, rather than end on "If".
  const text = node.textContent!.trim();
  if (/^[a-z]/.test(text)) node.prepend('…');
  if (text && !/[.!?:)”"…]$/.test(text)) node.append('…');
  return node;
}

/** A filter value in the reader's words: `label('model', 'sonnet')` is "Sonnet". */
export type Labeller = (filter: string, value: string) => string;

/** One page result: the page option, then its best-matching sections, wrapped in a labelled group. */
export function renderResult(data: Hit, id: string, label: Labeller = (_, value) => value, maxSections: number = MAX_SECTIONS.page): HTMLElement {
  const group = document.createElement('div');
  group.className = 'ad-search-result';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-labelledby', `${id}-title`);

  const page = createOption(id, data.url, 'page');
  const slug = slugFromUrl(data.raw_url ?? data.url);
  if (slug) page.dataset.slug = slug;

  const title = span('ad-search-option__title', data.meta.title || data.raw_url || data.url);
  title.id = `${id}-title`;
  const head = span('ad-search-option__head');
  head.append(title);
  // The plugin first: two agents of one name in two plugins (an aggregate plugin and a topic one) are told apart by it.
  const facets = (['plugin', 'category', 'model'] as const)
    .flatMap((name) => data.filters[name]?.slice(0, 1).map((value) => label(name, value)) ?? [])
    .join(' · ');
  if (facets) head.append(span('ad-search-option__facets', facets));
  page.append(head);

  const described: string[] = [];
  // Its place in the reader's selection: a chip a pointer can click, and words in the description (search-controller.ts).
  if (slug) {
    const chip = span('ad-search-option__select');
    chip.dataset.selectChip = '';
    chip.setAttribute('aria-hidden', 'true');
    head.append(chip);
    const state = span('sr-only');
    state.id = `${id}-selected`;
    state.dataset.selectState = '';
    page.append(state);
    described.push(state.id);
  }
  // What the agent can do, in short ("read-only", "runs shell commands · has hooks"): SearchMeta.astro.
  if (data.meta.can) {
    const can = span('ad-search-option__can', data.meta.can);
    can.id = `${id}-can`;
    page.append(can);
    described.push(can.id);
  }
  if (data.meta.summary) {
    const summary = span('ad-search-option__summary', data.meta.summary);
    summary.id = `${id}-summary`;
    page.append(summary);
    described.push(summary.id);
  }
  // Skip an excerpt that only repeats the summary (a match near the top of the page): the sections show the rest.
  const repeatsSummary = !!data.meta.summary && (data.plain_excerpt ?? '').includes(data.meta.summary.slice(0, 40));
  if (data.excerpt && !repeatsSummary) {
    page.append(excerpt(data.excerpt, `${id}-excerpt`));
    described.push(`${id}-excerpt`);
  }
  page.setAttribute('aria-labelledby', title.id);
  if (described.length) page.setAttribute('aria-describedby', described.join(' '));
  group.append(page);

  // A sub-result without an anchor is the text before the first heading: the page option already covers it.
  const sections = data.sub_results.filter((sub) => sub.anchor && sub.url !== data.url).slice(0, maxSections);
  sections.forEach((sub, i) => {
    const sectionId = `${id}-${i}`;
    const option = createOption(sectionId, sub.url, 'section');
    if (slug) option.dataset.slug = slug;
    const label = span('ad-search-option__title', sub.title);
    label.id = `${sectionId}-title`;
    option.append(label, excerpt(sub.excerpt, `${sectionId}-excerpt`));
    option.setAttribute('aria-labelledby', label.id);
    option.setAttribute('aria-describedby', `${sectionId}-excerpt`);
    group.append(option);
  });
  return group;
}

/** The last option when only the first results are shown: opens the full list on the search page. */
export function renderSeeAll(id: string, href: string, total: number): HTMLAnchorElement {
  const option = createOption(id, href, 'all');
  option.append(span('ad-search-option__title', `See all ${total} results`));
  return option;
}

/** The visible count above the results: "12 results", or "8 of 23 results" while only the first are shown. */
export function countText(total: number, shown: number): string {
  const results = `${total.toLocaleString('en')} result${total === 1 ? '' : 's'}`;
  return shown > 0 && shown < total ? `${shown.toLocaleString('en')} of ${results}` : results;
}

export type State = 'idle' | 'loading' | 'results' | 'none' | 'error';

/** The status line under the search field for each state (empty where the list or the static hint speaks). */
export function statusText(state: State, term: string, filtered: boolean): string {
  const text: Record<State, string> = {
    idle: '', // the static hint in [data-search-empty] says it better
    loading: 'Loading the search index…',
    results: '',
    none: term
      ? `No agents match “${term}”${filtered ? ' with these filters. Try clearing a filter.' : '. Try fewer or other words.'}`
      : 'No agents match these filters.',
    error: 'Search is unavailable: the index could not be loaded. Check your connection and try again.',
  };
  return text[state];
}
