/**
 * The catalog's listing pages: one per category (`/categories/<slug>/`), one per plugin (`/plugins/<slug>/`) and the
 * all-agents view (`/all/`), each paginated so no page grows with the catalog (issue: a page of 1,629 cards was
 * 2.4 MB and 25,000 elements). A listing's second page is `<path>2/`, as Astro's `paginate` names it. The listings
 * themselves, with their slugs, are the catalog's (catalog.ts).
 *
 * With scripts, a listing of more than one page filters over all its agents, not only the page's: its rows come
 * from `<path>rows.json` (`rowsResponse`), fetched on the first filter (scripts/listing-rows.ts).
 */
import type { PaginateFunction } from 'astro';
import type { StoredAgent } from '../agents/types.ts';
import { visible } from '../agents/text.ts';
import { siteCatalog, type Listing } from './catalog.ts';
import { modelId } from './facets.ts';
import { withBase } from './urls.ts';
import { pluginKey, slugify } from './format.ts';
import { CATALOG_CARD_PATH } from './outputs.ts';

/** Cards per page of a category or plugin page: ~25 elements each, so a page stays under 1,500 with its filters. */
export const CARDS_PER_PAGE = 40;
/** Rows per page of the all-agents view (~9 elements each). */
export const ROWS_PER_PAGE = 100;

export const categorySlug = (name: string) => siteCatalog().categorySlugs.get(name) ?? slugify(name);
/** A plugin's slug: by its name and source (`PluginInfo.from`, `Agent.source`), since two sources may share a name. */
export const pluginSlug = (name: string, from?: string) => siteCatalog().pluginSlugs.get(pluginKey(name, from)) ?? slugify(name);

/** Paths inside the site, without BASE_PATH (for `withBase`, `absoluteUrl`, the sitemap's and agents.json's URLs). */
export const categoryRoute = (name: string) => `categories/${categorySlug(name)}/`;
export const pluginRoute = (name: string, from?: string) => `plugins/${pluginSlug(name, from)}/`;

export const categoryPath = (name: string) => withBase(categoryRoute(name));
export const pluginPath = (name: string, from?: string) => withBase(pluginRoute(name, from));
export const allPath = () => withBase(siteCatalog().all.route);

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
  /** values per facet, in FACETS order (facets.ts `agentFacets`) */
  v: string[][];
}

export function filterRow(agent: StoredAgent): FilterRow {
  const v = siteCatalog().data(agent).facets;
  return { s: agent.slug, n: visible(agent.name), d: agent.summary, m: modelId(agent.fields.model), l: agent.loads ? 1 : 0, v };
}

/** What a card or row carries for the filters (scripts/catalog-filters.ts): its slug, and its values per facet. */
export function filterData(agent: StoredAgent): Record<`data-${string}`, string> {
  return { 'data-slug': agent.slug, 'data-facets': JSON.stringify(siteCatalog().data(agent).facets) };
}

/** The listing's link-preview card, inside the site without BASE_PATH (the all-agents view uses the catalog's). */
export function listingCardPath(listing: Pick<Listing, 'kind' | 'slug'>): string {
  if (listing.kind === 'category') return `og/categories/${listing.slug}.png`;
  if (listing.kind === 'plugin') return `og/plugins/${listing.slug}.png`;
  return CATALOG_CARD_PATH;
}

/** `getStaticPaths` of a listing's pages: its agents paginated, cards or rows. */
export function listingPaths(kind: Listing['kind'], paginate: PaginateFunction) {
  const catalog = siteCatalog();
  if (kind === 'all') return paginate(catalog.all.agents, { pageSize: ROWS_PER_PAGE, props: { listing: catalog.all } });
  return catalog.listings
    .filter((l) => l.kind === kind)
    .flatMap((listing) => paginate(listing.agents, { pageSize: CARDS_PER_PAGE, params: { slug: listing.slug }, props: { listing } }));
}

/** `getStaticPaths` of the category or plugin `rows.json` routes: only listings of more than one page use one. */
export function rowsPaths(kind: 'category' | 'plugin') {
  return siteCatalog()
    .listings.filter((l) => l.kind === kind && l.agents.length > CARDS_PER_PAGE)
    .map((listing) => ({ params: { slug: listing.slug }, props: { listing } }));
}

export function rowsResponse(props: Record<string, unknown>): Response {
  const { listing } = props as { listing: Listing };
  return new Response(JSON.stringify(listing.agents.map(filterRow)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
