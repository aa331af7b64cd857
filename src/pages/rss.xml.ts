/** `/rss.xml`: agents by last change, newest first. @astrojs/rss escapes every value for XML. */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { siteCatalog } from '../site/catalog.ts';
import { absolute, feedItems, latestUpdate } from '../site/outputs.ts';
import { settings } from '../settings.ts';

export const GET: APIRoute = async () => {
  const agents = siteCatalog().agents;
  return rss({
    title: settings.siteTitle,
    description: `Claude Code agents in ${settings.siteTitle}, by last change.`,
    site: absolute(settings),
    items: feedItems(agents, settings),
    customData: [`<language>en</language>`, lastBuildDate(latestUpdate(agents))].join(''),
    trailingSlash: true,
  });
};

/** The catalog's own date, never the clock, so the feed is the same for every build of a commit. */
const lastBuildDate = (iso: string | null) => (iso ? `<lastBuildDate>${new Date(iso).toUTCString()}</lastBuildDate>` : '');
