/**
 * Plugins the marketplace lists but whose files live elsewhere (GitHub, a git URL, npm): their own listing at
 * `/other-sources/`, sorted by name and paginated so no page grows with the count, and a summary on the home page
 * (issue 27: 233 of them in full made the home page 40.8 KB gzip and ~3,970 elements).
 */
import type { PluginInfo } from '../agents/types.ts';
import { siteCatalog } from './catalog.ts';
import { collator } from './order.ts';
import { pluginAnchor } from './plugins.ts';
import { withBase } from './urls.ts';

export const OTHER_SOURCES_ROUTE = 'other-sources/';
/** Plugins a page of the listing holds: about 15 elements each, so a page stays well under 1,500. */
export const REMOTE_PER_PAGE = 50;
/** Plugins the home page names before "see all". */
export const REMOTE_ON_HOME = 6;

/** Plugins the catalog lists but does not read (elsewhere, and not fetched), sorted by name (then as written, so the order is total). */
export function remotePlugins(plugins: readonly PluginInfo[] = siteCatalog().info.plugins): PluginInfo[] {
  return plugins.filter((p) => p.source.kind !== 'local' && !p.fetched).sort((a, b) => collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The address of a remote plugin's entry: its page of the listing, and its anchor there. */
export function remotePluginHref(sorted: readonly PluginInfo[], name: string): string {
  const index = sorted.findIndex((p) => p.name === name);
  const page = Math.floor(Math.max(0, index) / REMOTE_PER_PAGE) + 1;
  return `${withBase(page === 1 ? OTHER_SOURCES_ROUTE : `${OTHER_SOURCES_ROUTE}${page}/`)}#${pluginAnchor(name)}`;
}

const KIND_WORDS: Record<string, string> = { github: 'on GitHub', git: 'from git URLs', npm: 'on npm' };

/** "150 on GitHub, 83 from git URLs": how many plugins each kind of source holds, most first. */
export function sourceCounts(plugins: readonly PluginInfo[]): Array<{ count: number; where: string }> {
  const counts = new Map<string, number>();
  for (const plugin of plugins) {
    const where = KIND_WORDS[plugin.source.kind] ?? 'from other kinds of source';
    counts.set(where, (counts.get(where) ?? 0) + 1);
  }
  return [...counts].map(([where, count]) => ({ count, where })).sort((a, b) => b.count - a.count || (a.where < b.where ? -1 : 1));
}
