/**
 * The catalog as this build reads it: every source AGENTS_DIR lists, with this build's settings (file size, where
 * the marketplace is added from, fetching). The content loader and the dev search index read the same.
 */
import { loadSources } from '../agents/sources.ts';
import type { Catalog } from '../agents/types.ts';
import { settings } from '../settings.ts';
import { siteMarketplaceSource } from './plugins.ts';

export function loadSiteCatalog(): Promise<Catalog> {
  return loadSources(settings.sources, {
    maxFileBytes: settings.maxFileBytes,
    marketplaceSource: siteMarketplaceSource(),
    workers: settings.buildWorkers,
    ...(settings.fetchPlugins ? { fetch: { cache: settings.pluginCache, policy: settings.fetchAllow } } : {}),
    // A source listed as a git repository is fetched whether or not FETCH_PLUGINS is on: listing it asks for it.
    sourceFetch: { cache: settings.pluginCache, policy: settings.fetchAllow },
    basePath: settings.basePath,
  });
}
