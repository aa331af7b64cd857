/** The routes behind category and plugin link-preview cards (src/pages/og/categories, src/pages/og/plugins). */
import { listingCard, type ListingCardData } from './card.ts';
import { cardPng } from './render.ts';
import { visible } from '../agents/text.ts';
import { categoryLabel } from '../site/category-label.ts';
import { siteCatalog } from '../site/catalog.ts';
import { settings } from '../settings.ts';

export function listingCardPaths(kind: 'category' | 'plugin') {
  return siteCatalog()
    .listings.filter((l) => l.kind === kind)
    .map((l) => ({
      params: { slug: l.slug },
      props: { card: { siteTitle: settings.siteTitle, kind, name: kind === 'category' ? categoryLabel(l.name) : l.name, agents: l.agents.map((a) => visible(a.name)) } satisfies ListingCardData },
    }));
}

export async function listingPng(props: Record<string, unknown>): Promise<Response> {
  const png = await cardPng(listingCard((props as { card: ListingCardData }).card));
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
}
