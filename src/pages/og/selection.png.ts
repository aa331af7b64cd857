/** `/og/selection.png`: the link-preview card of a selection link (`/selection/?agents=…`). */
import type { APIRoute } from 'astro';
import { selectionCard } from '../../og/card.ts';
import { cardPng } from '../../og/render.ts';
import { settings } from '../../settings.ts';

export const GET: APIRoute = async () => {
  const address = `${new URL(settings.siteUrl).host}${settings.basePath}`.replace(/\/$/, '');
  const png = await cardPng(selectionCard({ siteTitle: settings.siteTitle, address }));
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
