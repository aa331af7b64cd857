/**
 * The parsed catalog's one owner. The content loader hands it each sync's agents (`keepCatalog`); pages,
 * endpoints, the build's per-agent files and the dev search read them only through `siteCatalog()`, which works
 * out once per sync what they need: catalog order, category and plugin slugs, listings, and per agent its
 * capabilities, facets, sections, plugin and card.
 *
 * Astro's data store is not where the agents live: it compiles its whole store into the build as one JSON string,
 * which the prerender bundle parses again while the loader's copy stays alive (at 5,000 agents ~500 MB of the
 * build's peak memory). Its entries are small (collection schema, content.config.ts) and serve `astro dev` as the
 * signal that the catalog changed.
 *
 * The state lives on `globalThis` because Astro runs the loader, the integrations and the pages from different
 * copies of the modules (the content layer's, astro.config's, the prerender bundle or Vite's dev runner), always in
 * the one process. This module is the only one that reads it.
 */
import { capabilityRoutes, type Capabilities } from '../agents/capabilities.ts';
import { agentSections, type PageSection } from '../agents/page-sections.ts';
import type { Catalog, MarketplaceInfo, PluginInfo, StoredAgent } from '../agents/types.ts';
import { agentCardData, type AgentCardData } from '../og/card.ts';
import { settings } from '../settings.ts';
import { agentFacets, listingFacets, type FacetValues, type ListingFacet } from './facets.ts';
import { pluginKey, uniqueSlugs, uniqueSlugsBy } from './format.ts';
import { collator, compareAgents } from './order.ts';

/** What the catalog is beside its agents: its layout, its marketplace and every plugin (local and remote). */
export interface CatalogInfo {
  layout: Catalog['layout'];
  marketplace?: MarketplaceInfo;
  plugins: PluginInfo[];
  /** Where the files are read from, when not AGENTS_DIR alone (several sources, fetched plugins). */
  mounts?: Catalog['mounts'];
  /** The sources, when AGENTS_DIR lists several. */
  sources?: Catalog['sources'];
}

/** One agent of a sync, as the loader hands it over: what pages render, and its prompt's HTML apart. */
export interface KeptAgent {
  agent: StoredAgent;
  promptHtml: string;
}

interface Sync {
  agents: readonly StoredAgent[];
  info: CatalogInfo;
  computed?: SiteCatalog;
}

interface Shared {
  sync?: Sync;
  /**
   * Each agent's prompt HTML, the heaviest part, read by its page only (`promptHtml`). Keyed by the agent itself,
   * not by sync: in `astro dev` a page may still hold an agent of the sync before (Astro drops the props it cached
   * only once it hears the store changed), and it renders that agent whole rather than fail.
   */
  prompts: WeakMap<StoredAgent, string>;
  /** Agents whose prompt a built page has taken. */
  taken: WeakSet<StoredAgent>;
  listeners: Set<() => void>;
}

const KEY = Symbol.for('agent-docs:catalog');
const shared = (): Shared =>
  ((globalThis as typeof globalThis & { [KEY]?: Shared })[KEY] ??= { prompts: new WeakMap(), taken: new WeakSet(), listeners: new Set() });

/** Called by the loader on every sync with the whole catalog as it now is. */
export function keepCatalog(kept: readonly KeptAgent[], info: CatalogInfo): void {
  const state = shared();
  for (const { agent, promptHtml } of kept) state.prompts.set(agent, promptHtml);
  state.sync = { agents: kept.map((k) => k.agent), info };
  for (const listener of state.listeners) listener();
}

/**
 * The catalog as the loader handed it over, for another thread to keep (a render worker, render-pool.ts): the agents
 * and the catalog's info, without the prompts, the heaviest part (at 10,000 agents a second copy of them took the
 * build past 3 GB). A prompt goes to the thread that renders its page, with the page (`takePrompt`, `givePrompt`).
 */
export interface CatalogHandOver {
  agents: readonly StoredAgent[];
  info: CatalogInfo;
}

export function catalogHandOver(): CatalogHandOver {
  const { sync } = shared();
  if (!sync) throw new Error('The agents loader has not synced: there is no catalog to hand over (src/site/catalog.ts).');
  return { agents: sync.agents, info: sync.info };
}

/** Keeps a catalog handed over by another thread; its prompts arrive one by one (`givePrompt`). */
export function keepHandedOver({ agents, info }: CatalogHandOver): void {
  const state = shared();
  state.sync = { agents, info };
}

/**
 * Takes an agent's prompt from this thread's catalog, to send it with its page to the thread that renders it;
 * undefined when this thread does not have it.
 */
export function takePrompt(slug: string): string | undefined {
  const agent = siteCatalog().bySlug.get(slug);
  const { prompts, taken } = shared();
  const html = agent && prompts.get(agent);
  if (!agent || html === undefined) return undefined;
  prompts.delete(agent);
  taken.add(agent);
  return html;
}

/** Gives an agent its prompt (a render worker gets it with the page; the main thread gets it back when the worker stopped). */
export function givePrompt(slug: string, html: string): void {
  const agent = siteCatalog().bySlug.get(slug);
  if (!agent) throw new Error(`No agent "${slug}" in this thread's catalog to give its prompt to (src/site/catalog.ts).`);
  const { prompts, taken } = shared();
  prompts.set(agent, html);
  taken.delete(agent);
}

/** Calls `listener` after every sync (the dev search index); returns the function that stops it. */
export function onCatalogSync(listener: () => void): () => void {
  const { listeners } = shared();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether the loader has synced in this process. */
export const hasCatalog = () => shared().sync !== undefined;

export interface Listing {
  kind: 'category' | 'plugin' | 'all';
  /** The category's or plugin's name; the page title for `all`. */
  name: string;
  /** A plugin's source, when another source has a plugin of the same name (its page says which it is). */
  source?: string;
  /** Its URL segment (`all` for the all-agents view). */
  slug: string;
  /** Path inside the site, without BASE_PATH, ending in `/`. */
  route: string;
  agents: StoredAgent[];
  plugin?: PluginInfo;
}

/** Everything the site shows of one agent, worked out once per sync. */
export interface AgentData {
  agent: StoredAgent;
  /** Per install route (capabilities.ts): `file` always, `plugin` in a plugin. */
  capabilities: { file: Capabilities; plugin?: Capabilities };
  /** Its values per facet (facets.ts `agentFacets`). */
  facets: FacetValues;
  /** The sections its page shows (page-sections.ts). */
  sections: PageSection[];
  /** The plugin it ships in, and how many agents of the catalog that plugin has. */
  plugin?: PluginInfo;
  pluginAgents?: number;
  /** What its link-preview card draws. */
  card: AgentCardData;
}

export interface SiteCatalog {
  /** Every agent, in catalog order. */
  agents: readonly StoredAgent[];
  /** Every agent by slug. */
  bySlug: ReadonlyMap<string, StoredAgent>;
  info: CatalogInfo;
  /** URL segments of categories by name, and of plugins by source and name (`pluginKey`). */
  categorySlugs: ReadonlyMap<string, string>;
  pluginSlugs: ReadonlyMap<string, string>;
  /** Every category's listing, then every plugin's that has agents here; agents in catalog order. */
  listings: readonly Listing[];
  /** Every agent by name (the rows do not show categories, so A–Z is what scans). */
  all: Listing;
  /** An agent's data, computed the first time it is asked for in this sync. */
  data(agent: StoredAgent): AgentData;
  /**
   * The filters of a listing of these agents (facets.ts `listingFacets`), computed once per list in this sync: every
   * page of a paginated listing shows the filters of all its agents, ~350 pages of 10,000 agents at that size.
   */
  filters(agents: readonly StoredAgent[]): ListingFacet[];
}

const EMPTY: Sync = { agents: [], info: { layout: 'folder', plugins: [] } };

/** The catalog of the last sync (an empty folder until the loader has run). */
export function siteCatalog(): SiteCatalog {
  const sync = shared().sync ?? EMPTY;
  return (sync.computed ??= compute(sync));
}

/**
 * The prompt's HTML, for the agent's own page. `astro build` renders each page once, so there (`once`) the page
 * takes the HTML and the catalog lets go of it: at 5,000 agents ~165 MB are free again by the time Pagefind writes
 * its bundle. A second read in the same build is an error, not an empty prompt. `astro dev` renders pages again and
 * again and keeps it.
 */
export function promptHtml(agent: StoredAgent, once: boolean): string {
  const { prompts, taken } = shared();
  const html = prompts.get(agent);
  if (html === undefined) {
    const why = taken.has(agent) ? 'was already taken by its page in this build: a second page read it' : 'was not kept by the agents loader';
    throw new Error(`The prompt of "${agent.slug}" ${why} (src/site/catalog.ts promptHtml).`);
  }
  if (once) {
    prompts.delete(agent);
    taken.add(agent);
  }
  return html;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Each plugin's URL segment, by `pluginKey`: its name's, as `uniqueSlugs` gives it; a plugin whose name another
 * source's plugin has takes its source's name after it (`review-kit-team`), so each page says what it is.
 */
function pluginSlugsOf(plugins: readonly PluginInfo[]): Map<string, string> {
  const wanted = new Map<string, string>();
  const named = new Set<string>();
  // A stable sort: plugins of one name keep their sources' order, so the first source's has the plain slug.
  for (const p of [...plugins].sort((a, b) => collator.compare(a.name, b.name))) {
    const key = pluginKey(p.name, p.from);
    if (wanted.has(key)) continue;
    wanted.set(key, named.has(p.name) && p.from !== undefined ? `${p.name}-${p.from}` : p.name);
    named.add(p.name);
  }
  // Per plugin: `kit` of the source `team` and a plugin named `kit-team` get two slugs.
  return uniqueSlugsBy(wanted);
}

function compute({ agents: unsorted, info }: Sync): SiteCatalog {
  const agents = [...unsorted].sort(compareAgents);
  const byCategory = new Map<string, StoredAgent[]>();
  const byPlugin = new Map<string, StoredAgent[]>();
  const ownAgents = new Map<string, number>();
  for (const agent of agents) {
    push(byCategory, agent.category, agent);
    if (agent.plugin !== undefined) {
      const key = pluginKey(agent.plugin, agent.source);
      push(byPlugin, key, agent);
      ownAgents.set(key, (ownAgents.get(key) ?? 0) + 1);
    }
    // A folder two marketplace entries share: its agents are in both plugins (of its own source).
    for (const other of agent.alsoIn ?? []) push(byPlugin, pluginKey(other.plugin, agent.source), agent);
  }
  // Sorted, so a slug does not depend on which file the loader read first.
  const categorySlugs = uniqueSlugs([...byCategory.keys()].sort(collator.compare));
  const pluginSlugs = pluginSlugsOf(info.plugins);
  const plugins = new Map(info.plugins.map((p) => [pluginKey(p.name, p.from), p]));
  const names = new Map<string, number>();
  for (const p of info.plugins) if (byPlugin.has(pluginKey(p.name, p.from))) names.set(p.name, (names.get(p.name) ?? 0) + 1);
  const listings: Listing[] = [
    ...[...byCategory].map(([name, list]): Listing => {
      const slug = categorySlugs.get(name)!;
      return { kind: 'category', name, slug, route: `categories/${slug}/`, agents: list };
    }),
    ...info.plugins.flatMap((plugin): Listing[] => {
      const key = pluginKey(plugin.name, plugin.from);
      const list = byPlugin.get(key);
      const slug = pluginSlugs.get(key)!;
      const source = names.get(plugin.name)! > 1 ? plugin.from : undefined;
      return list ? [{ kind: 'plugin', name: plugin.name, ...(source ? { source } : {}), slug, route: `plugins/${slug}/`, agents: list, plugin }] : [];
    }),
  ];
  const all: Listing = {
    kind: 'all',
    name: 'All agents',
    slug: 'all',
    route: 'all/',
    agents: [...agents].sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.slug, b.slug)),
  };
  const computed = new Map<StoredAgent, AgentData>();
  const data = (agent: StoredAgent): AgentData => {
    let found = computed.get(agent);
    if (!found) {
      const routes = capabilityRoutes(agent);
      const plugin = agent.plugin === undefined ? undefined : plugins.get(pluginKey(agent.plugin, agent.source));
      found = {
        agent,
        capabilities: routes,
        facets: agentFacets(agent, routes.file),
        sections: agentSections(agent),
        ...(plugin ? { plugin, pluginAgents: ownAgents.get(pluginKey(plugin.name, plugin.from)) ?? 1 } : {}),
        card: agentCardData(agent, settings.siteTitle),
      };
      computed.set(agent, found);
    }
    return found;
  };
  const filtersOf = new WeakMap<readonly StoredAgent[], ListingFacet[]>();
  const filters = (list: readonly StoredAgent[]): ListingFacet[] => {
    let found = filtersOf.get(list);
    if (!found) filtersOf.set(list, (found = listingFacets(list.map((agent) => data(agent).facets))));
    return found;
  };
  return { agents, bySlug: new Map(agents.map((agent) => [agent.slug, agent])), info, categorySlugs, pluginSlugs, listings, all, data, filters };
}
