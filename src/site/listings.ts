/**
 * The catalog's listing pages: one per category (`/categories/<slug>/`), one per plugin (`/plugins/<slug>/`) and the
 * all-agents view (`/all/`), each paginated so no page grows with the catalog (issue: a page of 1,629 cards was
 * 2.4 MB and 25,000 elements). A listing's second page is `<path>2/`, as Astro's `paginate` names it.
 *
 * With scripts, a listing of more than one page filters over all its agents, not only the page's: its rows come
 * from `<path>rows.json` (`rowsResponse`), fetched on the first filter (scripts/listing-rows.ts).
 */
import type { PaginateFunction } from 'astro';
import { modelFamily } from '../agents/claude-code';
import { facetValues as namedFacetValues } from './facets';
import { capabilities } from '../agents/capabilities';
import type { PluginInfo, StoredAgent } from '../agents/types';
import { catalogInfo, keptAgents } from '../integrations/agent-store';
import { colorGroup } from './colors';
import { visible } from '../agents/text';
import { toolAccess, toolFilterValues } from './tools';
import { withBase } from './urls';
import { slugify, uniqueSlugs } from './format';
import { CATALOG_CARD_PATH } from './outputs';
import { loadAgents } from './route-data';

/** Cards per page of a category or plugin page: ~25 elements each, so a page stays under 1,500 with its filters. */
export const CARDS_PER_PAGE = 40;
/** Rows per page of the all-agents view (~9 elements each). */
export const ROWS_PER_PAGE = 100;

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

interface Slugs {
  categories: Map<string, string>;
  plugins: Map<string, string>;
}
const memo = new WeakMap<object, Slugs>();

/** The slugs of this catalog's categories and plugins, worked out once per loader sync. */
function slugs(): Slugs {
  const agents = keptAgents();
  let found = memo.get(agents);
  if (!found) {
    // Sorted, so a slug does not depend on which file the loader read first.
    const categories = [...new Set([...agents.values()].map((a) => a.category))].sort(collator.compare);
    const plugins = catalogInfo().plugins.map((p) => p.name).sort(collator.compare);
    memo.set(agents, (found = { categories: uniqueSlugs(categories), plugins: uniqueSlugs(plugins) }));
  }
  return found;
}

export const categorySlug = (name: string) => slugs().categories.get(name) ?? slugify(name);
export const pluginSlug = (name: string) => slugs().plugins.get(name) ?? slugify(name);

/** Paths inside the site, without BASE_PATH (for `withBase`, `absoluteUrl`, the sitemap's and agents.json's URLs). */
export const categoryRoute = (name: string) => `categories/${categorySlug(name)}/`;
export const pluginRoute = (name: string) => `plugins/${pluginSlug(name)}/`;
export const ALL_ROUTE = 'all/';

export const categoryPath = (name: string) => withBase(categoryRoute(name));
export const pluginPath = (name: string) => withBase(pluginRoute(name));
export const allPath = () => withBase(ALL_ROUTE);


/** The `model` value as written, `inherit` when absent: what ModelBadge shows, and the `model-id` facet's value. */
export const modelId = (model: string | undefined) => model?.trim() || 'inherit';

/** What the filters know of an agent, per facet in FACETS order (scripts/filter-match.ts; the values: facets.ts). */
export function facetValues(agent: StoredAgent): string[][] {
  const v = namedFacetValues(agent);
  return [v.category, v.model, v.color, v.tools, v.can, [modelId(agent.fields.model)]];
}

/** One agent in `rows.json`: short keys, since the all-agents list carries thousands. */
export interface FilterRow {
  /** slug */
  s: string;
  /** name, with invisible characters shown (`visible`) */
  n: string;
  /** summary */
  d: string;
  /** `model` as written, `inherit` when absent (what ModelBadge shows) */
  m: string;
  /** 1 when Claude Code loads it */
  l: 0 | 1;
  /** values per facet, in FACETS order */
  v: string[][];
}

export function filterRow(agent: StoredAgent): FilterRow {
  return { s: agent.slug, n: visible(agent.name), d: agent.summary, m: modelId(agent.fields.model), l: agent.loads ? 1 : 0, v: facetValues(agent) };
}

export interface Listing {
  kind: 'category' | 'plugin' | 'all';
  /** The category's or plugin's name; the page title for `all`. */
  name: string;
  /** Path inside the site, without BASE_PATH, ending in `/`. */
  route: string;
  agents: StoredAgent[];
  plugin?: PluginInfo;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Every category's and plugin's listing, agents in catalog order (`agents` already is). */
export function listings(agents: readonly StoredAgent[], plugins: readonly PluginInfo[] = catalogInfo().plugins): Listing[] {
  const byCategory = new Map<string, StoredAgent[]>();
  const byPlugin = new Map<string, StoredAgent[]>();
  for (const agent of agents) {
    push(byCategory, agent.category, agent);
    if (agent.plugin !== undefined) push(byPlugin, agent.plugin, agent);
    // A folder two marketplace entries share: its agents are in both plugins.
    for (const other of agent.alsoIn ?? []) push(byPlugin, other.plugin, agent);
  }
  return [
    ...[...byCategory].map(([name, list]): Listing => ({ kind: 'category', name, route: categoryRoute(name), agents: list })),
    ...plugins.flatMap((plugin): Listing[] => {
      const list = byPlugin.get(plugin.name);
      return list ? [{ kind: 'plugin', name: plugin.name, route: pluginRoute(plugin.name), agents: list, plugin }] : [];
    }),
  ];
}

/**
 * The data-* attributes of a card or row, read by the filters (scripts/catalog-filters.ts): data-category,
 * data-model (family), data-model-id (as written), data-color (group), data-tools (JSON list: "all tools" | "read-only" and tool names),
 * data-tool-access (all | read-only | custom), data-can (JSON list of capability flags, capabilities.ts), data-loads;
 * and data-facets, the values per facet the filters match (`facetValues`).
 */
export function filterData(agent: StoredAgent): Record<`data-${string}`, string> {
  const { fields } = agent;
  return {
    'data-slug': agent.slug,
    'data-category': agent.category,
    'data-model': modelFamily(fields.model),
    'data-model-id': modelId(fields.model),
    'data-color': colorGroup(fields.color),
    'data-tools': JSON.stringify(toolFilterValues(fields)),
    'data-tool-access': toolAccess(fields),
    'data-can': JSON.stringify(capabilities(fields).flags),
    'data-loads': String(agent.loads),
    // What the filters match: the same values rows.json carries, so the script derives nothing from the others.
    'data-facets': JSON.stringify(facetValues(agent)),
  };
}

/** The listing's link-preview card, inside the site without BASE_PATH (the all-agents view uses the catalog's). */
export function listingCardPath(listing: Pick<Listing, 'kind' | 'name'>): string {
  if (listing.kind === 'category') return `og/categories/${categorySlug(listing.name)}.png`;
  if (listing.kind === 'plugin') return `og/plugins/${pluginSlug(listing.name)}.png`;
  return CATALOG_CARD_PATH;
}

/** Every agent by name (not by category, as elsewhere: the rows do not show categories, so A–Z is what scans). */
export const allListing = (agents: readonly StoredAgent[]): Listing => ({
  kind: 'all',
  name: 'All agents',
  route: ALL_ROUTE,
  agents: [...agents].sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.slug, b.slug)),
});

const SLUG_OF = { category: categorySlug, plugin: pluginSlug } as const;

/** `getStaticPaths` of a listing's pages: its agents paginated, cards or rows. */
export async function listingPaths(kind: Listing['kind'], paginate: PaginateFunction) {
  const agents = await loadAgents();
  if (kind === 'all') {
    const listing = allListing(agents);
    return paginate(listing.agents, { pageSize: ROWS_PER_PAGE, props: { listing } });
  }
  return listings(agents)
    .filter((l) => l.kind === kind)
    .flatMap((listing) => paginate(listing.agents, { pageSize: CARDS_PER_PAGE, params: { slug: SLUG_OF[kind](listing.name) }, props: { listing } }));
}

/** `getStaticPaths` of the category or plugin `rows.json` routes: only listings of more than one page use one. */
export async function rowsPaths(kind: 'category' | 'plugin') {
  return listings(await loadAgents())
    .filter((l) => l.kind === kind && l.agents.length > CARDS_PER_PAGE)
    .map((listing) => ({ params: { slug: SLUG_OF[kind](listing.name) }, props: { listing } }));
}

export function rowsResponse(props: Record<string, unknown>): Response {
  const { listing } = props as { listing: Listing };
  return new Response(JSON.stringify(listing.agents.map(filterRow)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
