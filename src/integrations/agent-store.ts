/**
 * The catalog as the loader last parsed it, kept in memory beside Astro's data store instead of inside it. Astro
 * compiles its whole store into the build as one JSON string in a JavaScript module: rolldown bundles that module,
 * the prerender bundle parses it again, and the loader's own copy stays alive meanwhile. At 5,000 agents that was
 * 22 MB of JSON, three copies of every agent and ~500 MB of the build's peak memory, for data one process already
 * holds. So each store entry is only a reference (the slug; the entry's digest, set by the loader, says when the
 * agent changed), and pages read the agent from here.
 *
 * The map lives on `globalThis` because the loader and the pages run from different copies of the modules (Astro's
 * content layer; the prerender bundle or Vite's dev runner), always in the one process.
 */
import type { Catalog, MarketplaceInfo, PluginInfo, StoredAgent } from '../agents/types.ts';

/** What Astro's data store holds for an agent. */
export interface AgentRef {
  slug: string;
}

const KEY = Symbol.for('agent-docs:agents');
type WithAgents = typeof globalThis & { [KEY]?: Map<string, StoredAgent> };

/** Called by the loader on every sync with the whole catalog as it now is. */
export function keepAgents(agents: readonly StoredAgent[]): void {
  (globalThis as WithAgents)[KEY] = new Map(agents.map((agent) => [agent.slug, agent]));
}

/** The agent a store entry refers to. */
export function storedAgent(ref: AgentRef): StoredAgent {
  const agent = (globalThis as WithAgents)[KEY]?.get(ref.slug);
  if (!agent) {
    throw new Error(
      `The agent "${ref.slug}" is in Astro's data store but not in this process: the agents loader (src/integrations/agents-loader.ts) ` +
        'did not run in the process rendering pages. Build again; if it persists, Astro renders pages elsewhere and agent-store.ts needs another way.',
    );
  }
  // In `astro dev` a page may still hold the entry of the sync before; the newest parse is the one to show.
  return agent;
}

/** Agents whose prompt a built page has taken (`takePromptHtml`). */
const taken = new WeakSet<StoredAgent>();

/**
 * The prompt's HTML, for the agent's own page. `astro build` renders each page once, so there (`once`) the page takes
 * the HTML and the kept agent lets go of it: at 5,000 agents ~165 MB are free again by the time Pagefind writes its
 * bundle. Nothing else reads it; a second read in the same build is an error, not an empty prompt. `astro dev`
 * renders pages again and again and keeps it.
 */
export function takePromptHtml(agent: StoredAgent, once: boolean): string {
  if (taken.has(agent)) {
    throw new Error(`The prompt of "${agent.slug}" was already taken by its page in this build: a second page read it (agent-store.ts takePromptHtml).`);
  }
  const html = agent.html.body;
  if (once) {
    taken.add(agent);
    agent.html.body = '';
  }
  return html;
}

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

const INFO_KEY = Symbol.for('agent-docs:catalog-info');
type WithInfo = typeof globalThis & { [INFO_KEY]?: CatalogInfo };

/** Called by the loader on every sync, beside `keepAgents`. */
export function keepCatalogInfo(info: CatalogInfo): void {
  (globalThis as WithInfo)[INFO_KEY] = info;
}

/** The catalog's layout and plugins as the loader last read them (a plain folder until it has run). */
export function catalogInfo(): CatalogInfo {
  return (globalThis as WithInfo)[INFO_KEY] ?? { layout: 'folder', plugins: [] };
}

/** Every kept agent, by slug; the same Map until the loader syncs again (so it can key memoised lookups). */
export function keptAgents(): ReadonlyMap<string, StoredAgent> {
  return (globalThis as WithAgents)[KEY] ?? new Map();
}
