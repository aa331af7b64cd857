/** `/og/catalog.png`: the link-preview card of the home page and every page without a card of its own. */
import type { APIRoute } from 'astro';
import { catalogCard } from '../../og/card.ts';
import { categoryLabel } from '../../site/category-label.ts';
import { cardPng } from '../../og/render.ts';
import { siteCatalog } from '../../site/catalog.ts';
import { settings } from '../../settings.ts';

export const GET: APIRoute = async () => {
  const agents = siteCatalog().agents;
  const address = `${new URL(settings.siteUrl).host}${settings.basePath}`.replace(/\/$/, '');
  const png = await cardPng(
    catalogCard({ siteTitle: settings.siteTitle, address, agentCount: agents.length, categories: [...new Set(agents.map((a) => a.category))].map(categoryLabel) }),
  );
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
