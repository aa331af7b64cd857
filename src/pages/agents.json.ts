/** `/agents.json`: every agent, machine-readable; described by `/agents.schema.json`. */
import type { APIRoute } from 'astro';
import { catalogJson } from '../site/outputs.ts';
import { settings } from '../settings.ts';
import { siteCatalog } from '../site/catalog.ts';
import type { StoredAgent } from '../agents/types.ts';
import { siteMarketplaceSource } from '../site/plugins.ts';
import { categoryRoute, pluginRoute } from '../site/listings.ts';

const pluginContext = () => {
  const catalog = siteCatalog();
  const { marketplace, plugins } = catalog.info;
  const source = siteMarketplaceSource();
  return {
    plugins,
    routes: { category: categoryRoute, plugin: pluginRoute },
    capabilities: (agent: StoredAgent) => catalog.data(agent).capabilities,
    ...(marketplace ? { marketplace: { name: marketplace.name, ...(source ? { source } : {}) } } : {}),
  };
};

export const GET: APIRoute = () =>
  new Response(`${JSON.stringify(catalogJson(siteCatalog().agents, settings, pluginContext()), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
