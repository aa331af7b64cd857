/**
 * The Pagefind filters of an agent page, in one place: SearchMeta.astro renders them into the page, the dev index
 * (dev-search-document.ts) into its documents, and `/search-filters.json` counts them over the catalog.
 */
import type { Agent } from '../agents/types.ts';
import { capabilities, capabilitySummary } from '../agents/capabilities.ts';
import { FACET_NAMES, facetOptions, facetValues, narrowing, type FacetName, type FacetOption } from './facets.ts';

/**
 * The Pagefind filters of an agent page (SearchMeta.astro): the catalog's facets with the same values (facets.ts), so
 * `?model=haiku&tools=read-only` means the same on the home page and in the search, and every select stays short.
 */
export function searchFilters(agent: Pick<Agent, 'fields' | 'category'>): Record<FacetName, string[]> {
  return facetValues(agent);
}

/** The Pagefind meta of an agent page: its summary, and what it can do in short ("read-only", "runs shell commands"). */
export function searchMeta(agent: Pick<Agent, 'fields' | 'summary'>): Record<string, string> {
  const can = capabilitySummary(capabilities(agent.fields)).join(' · ');
  return { summary: agent.summary, ...(can ? { can } : {}) };
}

/** `/search-filters.json`: per filter, its values with the catalog's labels and their counts, in the catalog's order. */
export type SearchFilterOptions = Record<string, FacetOption[]>;

/**
 * How many agents have each filter value, as Pagefind's `filters()` would count them, with each value's label: what
 * the search's selects show (`/search-filters.json`). Asking Pagefind instead loads every filter's index into it, and
 * from then on it counts every filter value for every query's results, which the selects never show: at 5,000 agents
 * ~200 KB more to fetch and 60–150 ms more per query. Values every agent has are left out: they narrow nothing.
 */
export function filterOptions(agents: ReadonlyArray<Pick<Agent, 'fields' | 'category'>>): SearchFilterOptions {
  const values = Object.fromEntries(FACET_NAMES.map((name) => [name, [] as string[]])) as Record<FacetName, string[]>;
  for (const agent of agents) {
    for (const [name, own] of Object.entries(searchFilters(agent)) as Array<[FacetName, string[]]>) values[name].push(...new Set(own));
  }
  return Object.fromEntries(FACET_NAMES.map((name) => [name, narrowing(facetOptions(name, values[name]), agents.length)]));
}
