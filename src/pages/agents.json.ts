/** `/agents.json`: every agent, machine-readable; described by `/agents.schema.json`. */
import type { APIRoute } from 'astro';
import { loadAgents } from '../site/route-data';
import { catalogJson } from '../site/outputs';
import { settings } from '../settings';
import { catalogInfo } from '../integrations/agent-store';
import { siteMarketplaceSource } from '../site/plugins';
import { categoryRoute, pluginRoute } from '../site/listings';

const pluginContext = () => {
  const { marketplace, plugins } = catalogInfo();
  const source = siteMarketplaceSource();
  return { plugins, routes: { category: categoryRoute, plugin: pluginRoute }, ...(marketplace ? { marketplace: { name: marketplace.name, ...(source ? { source } : {}) } } : {}) };
};

export const GET: APIRoute = async () =>
  new Response(`${JSON.stringify(catalogJson(await loadAgents(), settings, pluginContext()), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
