/**
 * Plugins on the site: the plugin an agent ships in, where its section on the home page is, and the slash commands
 * that install it, with this build's MARKETPLACE_SOURCE / REPO_URL.
 */
import { marketplaceSource, pluginCommands, type PluginCommands } from '../agents/install.ts';
import type { MarketplaceInfo, PluginInfo } from '../agents/types.ts';
import { siteCatalog } from './catalog.ts';
import { settings } from '../settings.ts';
import { agentsFolderInRepo } from './source.ts';
import { slugify } from './urls.ts';

export const pluginAnchor = (name: string) => `plugin-${slugify(name)}`;

/** The marketplace a plugin is installed from: the catalog's, or its own source's when there are several. */
export function pluginMarketplace(plugin: PluginInfo | undefined): MarketplaceInfo | undefined {
  const { info } = siteCatalog();
  return plugin?.from === undefined ? info.marketplace : info.sources?.find((s) => s.name === plugin.from)?.marketplace;
}

/** Where `/plugin marketplace add` points, or undefined when the build was not told (see README: MARKETPLACE_SOURCE). */
export function siteMarketplaceSource(): string | undefined {
  return marketplaceSource({ marketplaceSource: settings.marketplaceSource, repoUrl: settings.repoUrl, folderInRepo: agentsFolderInRepo(settings) });
}

/** The install commands of a plugin of this catalog's marketplace (or of its source's); undefined when there is none. */
export function pluginInstall(plugin: string | PluginInfo): PluginCommands | undefined {
  const { info } = siteCatalog();
  const found = typeof plugin === 'string' ? info.plugins.find((p) => p.name === plugin) : plugin;
  const name = typeof plugin === 'string' ? plugin : plugin.name;
  const marketplace = found ? pluginMarketplace(found) : info.marketplace;
  // The first folder is added from where MARKETPLACE_SOURCE / REPO_URL say; another from its own clone's origin, and
  // a git source from its repository.
  const source = found?.from === undefined ? undefined : info.sources?.find((s) => s.name === found.from);
  const addFrom = source && (source.git || source !== info.sources?.[0]) ? source.addFrom : siteMarketplaceSource();
  return marketplace ? pluginCommands(addFrom, name, marketplace.name) : undefined;
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
