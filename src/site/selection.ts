/**
 * The selection: agents a reader picks on the site, kept in their browser, installed with one command and shared as
 * one link, `/selection/?agents=a,b,c`. Pure functions shared by the build (`/selection.json`) and the browser
 * (scripts/selection-*.ts); no Astro imports.
 *
 * Everything the selection page shows about an agent comes from `/selection.json`, which the build writes from the
 * same agents as every other page: never from another page's HTML.
 */
import { installFileName, type PluginCommands } from '../agents/install.ts';
import type { StoredAgent } from '../agents/types.ts';

/** The query parameter of a selection link. */
export const SELECTION_PARAM = 'agents';
/** The selection page, a path inside the site. */
export const SELECTION_PATH = 'selection/';
/** Where the build writes the selection data, a path inside the site. */
export const SELECTION_DATA_PATH = 'selection.json';

/** What the selection page knows of an agent. */
export interface SelectionAgent {
  name: string;
  summary: string;
  /** The file name it installs as (`installFileName`). */
  fileName: string;
  /** The plugin it ships in, when the catalog can install that plugin (a marketplace's plugin). */
  plugin?: string;
}

export interface SelectionData {
  /** SITE_URL and BASE_PATH of the build: install commands and links name them. */
  siteUrl: string;
  basePath: string;
  agents: Record<string, SelectionAgent>;
  /** Each plugin named above, with the slash commands that install it. */
  plugins: Record<string, PluginCommands>;
}

/** `/selection.json`: every agent by slug, and the plugins the catalog can install. */
export function selectionData(
  agents: readonly Pick<StoredAgent, 'slug' | 'name' | 'summary' | 'plugin'>[],
  site: { siteUrl: string; basePath: string },
  pluginInstall: (plugin: string) => PluginCommands | undefined,
): SelectionData {
  const data: SelectionData = { siteUrl: site.siteUrl.replace(/\/+$/, ''), basePath: site.basePath, agents: {}, plugins: {} };
  for (const agent of agents) {
    const plugin = agent.plugin;
    const commands = plugin === undefined ? undefined : (data.plugins[plugin] ?? pluginInstall(plugin));
    if (plugin !== undefined && commands) data.plugins[plugin] = commands;
    data.agents[agent.slug] = {
      name: agent.name,
      summary: agent.summary,
      fileName: installFileName(agent.name, agent.slug),
      ...(plugin !== undefined && commands ? { plugin } : {}),
    };
  }
  return data;
}

/**
 * The slugs a selection link names: `?agents=a,b,c` (commas, or `%2C` as some mail clients rewrite them), each once,
 * in order, blanks dropped. Anything else in the value is kept for `resolveSelection` to name as unknown.
 */
export function parseSelectionParam(value: string | null | undefined): string[] {
  const slugs: string[] = [];
  for (const part of (value ?? '').split(',')) {
    const slug = part.trim();
    if (slug && !slugs.includes(slug)) slugs.push(slug);
  }
  return slugs;
}

/** The slugs the catalog has, in the order given, and the ones it does not (named to the reader, then dropped). */
export function resolveSelection(slugs: readonly string[], data: Pick<SelectionData, 'agents'>): { known: string[]; unknown: string[] } {
  const known: string[] = [];
  const unknown: string[] = [];
  for (const slug of slugs) (Object.hasOwn(data.agents, slug) ? known : unknown).push(slug);
  return { known, unknown };
}

/** The absolute link to a selection: `https://host/base/selection/?agents=a,b,c` (commas kept readable). */
export function selectionLink(site: { siteUrl: string; basePath: string }, slugs: readonly string[]): string {
  const page = `${site.siteUrl.replace(/\/+$/, '')}${site.basePath}${SELECTION_PATH}`;
  return slugs.length ? `${page}?${SELECTION_PARAM}=${slugs.map(encodeURIComponent).join(',')}` : page;
}

/** Merge `extra` into `mine`: mine first, then the new ones in their order. */
export function mergeSelections(mine: readonly string[], extra: readonly string[]): string[] {
  return [...mine, ...extra.filter((slug) => !mine.includes(slug))];
}
