/**
 * The Pagefind filters of an agent page, in one place: SearchMeta.astro renders them into the page, the dev index
 * (dev-search-document.ts) into its documents, and `/search-filters.json` counts them over the catalog.
 */
import type { Agent } from '../agents/types.ts';
import { modelFamily } from '../agents/claude-code.ts';
import { colorGroup } from './colors.ts';
import { toolFilterValues } from './tools.ts';
import { capabilities, capabilitySummary } from '../agents/capabilities.ts';

/** The Pagefind filters of an agent page (SearchMeta.astro). */
export function searchFilters(agent: Pick<Agent, 'fields' | 'category'>): Record<string, string[]> {
  return {
    // Grouped as the catalog's filters group them: a family, not each model id.
    model: [modelFamily(agent.fields.model)],
    category: [agent.category],
    color: [colorGroup(agent.fields.color)],
    tools: toolFilterValues(agent.fields.tools),
  };
}

/** The Pagefind meta of an agent page: its summary, and what it can do in short ("read-only", "runs shell commands"). */
export function searchMeta(agent: Pick<Agent, 'fields' | 'summary'>): Record<string, string> {
  const can = capabilitySummary(capabilities(agent.fields)).join(' · ');
  return { summary: agent.summary, ...(can ? { can } : {}) };
}

/**
 * How many agents have each filter value, as Pagefind's `filters()` would count them: what the search's selects
 * show (`/search-filters.json`). Asking Pagefind instead loads every filter's index into it, and from then on it
 * counts every filter value for every query's results, which the selects never show: at 5,000 agents ~200 KB more
 * to fetch and 60–150 ms more per query.
 */
export function filterCounts(agents: ReadonlyArray<Pick<Agent, 'fields' | 'category'>>): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const agent of agents) {
    for (const [name, values] of Object.entries(searchFilters(agent))) {
      const filter = (counts[name] ??= {});
      for (const value of new Set(values)) filter[value] = (filter[value] ?? 0) + 1;
    }
  }
  return counts;
}
