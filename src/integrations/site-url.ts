/**
 * A production build without SITE_URL names `http://localhost:4321` in its feed, sitemap, link previews and canonical
 * links, which only work on the machine that built it: say so once, with the fix. (Install commands and share links
 * use the address the page is served from, whatever SITE_URL says: src/scripts/site-url.ts.)
 */
import type { AstroIntegration } from 'astro';
import { settings } from '../settings.ts';

export default function siteUrl(): AstroIntegration {
  return {
    name: 'agent-docs:site-url',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        if (command !== 'build' || settings.siteUrlSet) return;
        logger.warn(
          `SITE_URL is not set, so the RSS feed, the sitemap, link previews and canonical links name ${settings.siteUrl}. ` +
            'Before deploying, build with the address the site will have: SITE_URL=https://agents.example.com npm run build',
        );
      },
    },
  };
}
