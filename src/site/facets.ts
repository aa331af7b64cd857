/**
 * The facets the catalog's filters and the search's selects share: one encoding of an agent's values
 * (`agentFacets`), their labels and order, and options that stay readable at any catalog size (past a handful, the
 * most common stay in view and the rest fold behind "Show all", CatalogFilters.astro).
 */
import type { Agent } from '../agents/types.ts';
import { COLORS, MODEL_FAMILIES, mcpTool, modelFamily, type ModelFamily } from '../agents/claude-code.ts';
import { capabilities, FLAG_LABELS, type Capabilities, type CapabilityFlag } from '../agents/capabilities.ts';
import { FACETS, type Facet } from '../scripts/filter-match.ts';
import { colorGroup } from './colors.ts';
import { categoryLabel } from './category-label.ts';
import { capitalize } from './format.ts';
import { toolAccess } from './tools.ts';

/** How many options a facet shows before folding the rest. */
export const SHOWN_OPTIONS = 8;

/**
 * The options to show and the ones to fold, each in the given order. The `shown` most common stay in view (ties keep
 * the given order); a facet of `shown + 1` options shows them all, since "Show all" would hide only one.
 */
export function fold<T extends { count: number }>(options: readonly T[], shown = SHOWN_OPTIONS): { shown: T[]; more: T[] } {
  if (options.length <= shown + 1) return { shown: [...options], more: [] };
  const top = new Set([...options].sort((a, b) => b.count - a.count).slice(0, shown));
  return { shown: options.filter((o) => top.has(o)), more: options.filter((o) => !top.has(o)) };
}

/**
 * The facets' values and labels, shared by the catalog's filters (CatalogFilters.astro, the cards' data-facets) and the
 * search's selects (search-meta.ts → `/search-filters.json`), so both group and name things alike.
 */
export const MODEL_LABELS: Readonly<Record<ModelFamily, string>> = { opus: 'Opus', sonnet: 'Sonnet', haiku: 'Haiku', inherit: 'Inherit', other: 'Other' };

/** Claude Code's eight colours, then every other value (hex codes, unknown names) as one "other", then none. */
export const COLOR_ORDER: readonly string[] = [...COLORS, 'other', 'none'];
export const colorLabel = (value: string) => (value === 'none' ? 'no colour' : value === 'other' ? 'other colours' : value);

export const TOOL_LABELS: Readonly<Record<string, string>> = {
  all: 'All tools (inherits)',
  'read-only': 'Read-only: no Write, Edit or Bash',
  custom: 'Custom list',
  mcp: 'Uses MCP tools',
};

/** What the agent can do, less what the Tools facet already says (all tools, read-only, MCP tools). */
export const CAN: readonly CapabilityFlag[] = ['runs-commands', 'changes-files', 'web', 'agents', 'hooks', 'mcp-servers', 'memory', 'skips-prompts'];
export const canLabel = (flag: string) => capitalize(FLAG_LABELS[flag as CapabilityFlag] ?? flag);

/** The facets the search filters by (Pagefind filters, `/search-filters.json`), in the order its selects show them. */
export const FACET_NAMES = ['model', 'category', 'plugin', 'color', 'tools', 'can'] as const satisfies readonly Facet[];
export type FacetName = (typeof FACET_NAMES)[number];

/** Each facet's label and the order of its values (values not in `order` follow, alphabetically). */
const FACET_LABELS: Readonly<Record<FacetName, { label: (value: string) => string; order: readonly string[] }>> = {
  model: { label: (v) => MODEL_LABELS[v as ModelFamily] ?? v, order: MODEL_FAMILIES },
  category: { label: categoryLabel, order: [] },
  // A plugin is named as written: `all-agents:x` and `topic:x` are told apart by it.
  plugin: { label: (v) => v, order: [] },
  color: { label: colorLabel, order: COLOR_ORDER },
  tools: { label: (v) => TOOL_LABELS[v] ?? v, order: Object.keys(TOOL_LABELS) },
  can: { label: canLabel, order: CAN },
};

/** The `model` value as written, `inherit` when absent: what ModelBadge shows, and the `model-id` facet's value. */
export const modelId = (model: string | undefined) => model?.trim() || 'inherit';

/** An agent's values per facet, in filter-match.ts `FACETS` order. */
export type FacetValues = string[][];

/**
 * The one encoding of an agent's facets, in filter-match.ts `FACETS` order: what a card's `data-facets` and a row of
 * `rows.json` carry, what the listing's filters count (`listingFacets`) and what the search's filters are
 * (`searchFilters`). `caps` is the agent's `capabilities(fields)`, when the caller has it already.
 */
export function agentFacets(agent: Pick<Agent, 'fields' | 'category' | 'plugin'>, caps: Capabilities = capabilities(agent.fields)): FacetValues {
  const { fields } = agent;
  const values: Record<Facet, string[]> = {
    category: [agent.category],
    model: [modelFamily(fields.model)],
    color: [colorGroup(fields.color)],
    tools: [toolAccess(fields, caps), ...(fields.tools?.some((t) => mcpTool(t)) ? ['mcp'] : [])],
    can: caps.flags.filter((flag) => CAN.includes(flag)),
    'model-id': [modelId(fields.model)],
    plugin: agent.plugin === undefined ? [] : [agent.plugin],
  };
  return FACETS.map((name) => values[name]);
}

/** One facet's values out of `agentFacets`. */
export const facet = (values: FacetValues, name: Facet): string[] => values[FACETS.indexOf(name)] ?? [];

export interface FacetOption {
  value: string;
  label: string;
  count: number;
}

/** Distinct values and their counts, labelled, in `order` first, then alphabetically. */
export function optionsOf(values: readonly string[], label: (value: string) => string, order: readonly string[] = []): FacetOption[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const rank = (value: string) => (order.includes(value) ? order.indexOf(value) : order.length);
  return [...counts]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b, 'en'))
    .map(([value, count]) => ({ value, label: label(value), count }));
}

/** Distinct values of one facet with their labels and counts, in the facet's order, then alphabetically. */
export function facetOptions(name: FacetName, values: readonly string[]): FacetOption[] {
  const { label, order } = FACET_LABELS[name];
  return optionsOf(values, label, order);
}

/**
 * The options worth offering over `total` agents: those some but not all of them have. An option every agent has
 * narrows nothing ("Runs shell commands 16" on a category of 16): ticking it changes no result, so it is left out.
 */
export const narrowing = <T extends { count: number }>(options: readonly T[], total: number): T[] => options.filter((o) => o.count < total);

/** One facet of a listing's filters (CatalogFilters.astro): its options, the most common `shown`, the rest `more`. */
export interface ListingFacet {
  /** The form field's name, as filter-match.ts FACETS names it. */
  name: string;
  legend: string;
  options: FacetOption[];
  shown: FacetOption[];
  more: FacetOption[];
}

/**
 * The facets of a listing, from each agent's `agentFacets`, in the order the filters show them: category, plugin,
 * model, model id, colour, tools, can. Only options that narrow the listing; a facet with none is left out.
 *
 * Exact model ids are a facet only where a family is written more than one way (`sonnet` and a dated id): then it
 * lists every id the agents use, alias first within each family, so no id is missing beside the ones it lists.
 */
export function listingFacets(perAgent: readonly FacetValues[]): ListingFacet[] {
  const total = perAgent.length;
  const all = (name: Facet) => perAgent.flatMap((v) => facet(v, name));
  const idsOf = new Map<string, Set<string>>();
  for (const agent of perAgent) {
    const [family] = facet(agent, 'model');
    const [id] = facet(agent, 'model-id');
    if (family !== undefined && id !== undefined) idsOf.set(family, (idsOf.get(family) ?? new Set()).add(id));
  }
  const ids = [...idsOf.values()].some((set) => set.size > 1) ? all('model-id') : [];
  const family = (id: string) => MODEL_FAMILIES.indexOf(modelFamily(id));
  const alias = (id: string) => Number(id === MODEL_FAMILIES[family(id)]);
  const idOrder = [...new Set(ids)].sort((a, b) => family(a) - family(b) || alias(b) - alias(a) || a.localeCompare(b, 'en'));
  const facets = [
    // Categories in catalog order (agents come sorted), as the home page lists them.
    { name: 'category', legend: 'Category', options: optionsOf(all('category'), FACET_LABELS.category.label, [...new Set(all('category'))]) },
    // Plugins in the order their agents come (catalog order), like categories.
    { name: 'plugin', legend: 'Plugin', options: optionsOf(all('plugin'), FACET_LABELS.plugin.label, [...new Set(all('plugin'))]) },
    { name: 'model', legend: 'Model', options: facetOptions('model', all('model')) },
    { name: 'model-id', legend: 'Model id', options: optionsOf(ids, (v) => v, idOrder) },
    { name: 'color', legend: 'Colour', options: facetOptions('color', all('color')) },
    { name: 'tools', legend: 'Tools', options: facetOptions('tools', all('tools')) },
    { name: 'can', legend: 'Can', options: facetOptions('can', all('can')) },
  ];
  return facets
    .map((facet) => ({ ...facet, options: narrowing(facet.options, total) }))
    .filter((facet) => facet.options.length > 0)
    .map((facet) => ({ ...facet, ...fold(facet.options) }));
}
