/**
 * Plugins on the site: the plugin an agent ships in, where its section on the home page is, and the slash commands
 * that install it, with this build's MARKETPLACE_SOURCE / REPO_URL.
 */
import { marketplaceSource, pluginCommands, type PluginCommands } from '../agents/install';
import type { PluginInfo } from '../agents/types';
import { siteCatalog } from './catalog';
import { settings } from '../settings';
import { agentsFolderInRepo } from './source';
import { slugify } from './urls';

export const pluginAnchor = (name: string) => `plugin-${slugify(name)}`;

/** Where `/plugin marketplace add` points, or undefined when the build was not told (see README: MARKETPLACE_SOURCE). */
export function siteMarketplaceSource(): string | undefined {
  return marketplaceSource({ marketplaceSource: settings.marketplaceSource, repoUrl: settings.repoUrl, folderInRepo: agentsFolderInRepo(settings) });
}

/** The install commands of a plugin of this catalog's marketplace; undefined when the catalog is not a marketplace. */
export function pluginInstall(plugin: string): PluginCommands | undefined {
  const { marketplace } = siteCatalog().info;
  return marketplace ? pluginCommands(siteMarketplaceSource(), plugin, marketplace.name) : undefined;
}

/** "GitHub lighthouse-labs/cloud-costs", "npm @scope/pkg", … for a plugin that lives elsewhere. */
export function sourceLabel(plugin: PluginInfo): string | undefined {
  const s = plugin.source;
  switch (s.kind) {
    case 'local':
      return undefined;
    case 'github':
      return `GitHub ${s.repo}${s.ref ? ` (${s.ref})` : ''}`;
    case 'git':
      return `git ${s.url}${s.path ? ` (${s.path})` : ''}`;
    case 'npm':
      return `npm ${s.package}${s.version ? `@${s.version}` : ''}`;
    default:
      return `a "${s.type}" source`;
  }
}

/** A web page for a remote plugin's source, when one follows from it. */
export function sourceHref(plugin: PluginInfo): string | undefined {
  const s = plugin.source;
  if (plugin.homepage && /^https?:\/\//.test(plugin.homepage)) return plugin.homepage;
  if (s.kind === 'github') return `https://github.com/${s.repo}`;
  if (s.kind === 'git' && /^https?:\/\//.test(s.url)) return s.url.replace(/\.git$/, '');
  if (s.kind === 'npm') return `https://www.npmjs.com/package/${s.package}`;
  return undefined;
}
