/**
 * The Pagefind filters of an agent page, in one place: SearchMeta.astro renders them into the page, the dev index
 * (dev-search-document.ts) into its documents, and `/search-filters.json` counts them over the catalog.
 */
import type { Agent } from '../agents/types.ts';
import { capabilitySummary, type Capabilities } from '../agents/capabilities.ts';
import { facet, FACET_NAMES, facetOptions, narrowing, type FacetName, type FacetOption, type FacetValues } from './facets.ts';

/**
 * The Pagefind filters of an agent page (SearchMeta.astro), from its `agentFacets`: the catalog's facets with the same
 * values, so `?model=haiku&tools=read-only` means the same on a listing and in the search, and every select stays short.
 */
export function searchFilters(facets: FacetValues): Record<FacetName, string[]> {
  return Object.fromEntries(FACET_NAMES.map((name) => [name, facet(facets, name)])) as Record<FacetName, string[]>;
}

/**
 * The Pagefind meta of an agent page: its summary, and what it can do in short ("read-only", "runs shell commands");
 * `caps` is its `capabilities(fields)`.
 */
export function searchMeta(agent: Pick<Agent, 'summary'>, caps: Pick<Capabilities, 'flags'>): Record<string, string> {
  const can = capabilitySummary(caps).join(' · ');
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
export function filterOptions(perAgent: readonly FacetValues[]): SearchFilterOptions {
  const values = Object.fromEntries(FACET_NAMES.map((name) => [name, [] as string[]])) as Record<FacetName, string[]>;
  for (const facets of perAgent) {
    for (const name of FACET_NAMES) values[name].push(...new Set(facet(facets, name)));
  }
  return Object.fromEntries(FACET_NAMES.map((name) => [name, narrowing(facetOptions(name, values[name]), perAgent.length)]));
}
