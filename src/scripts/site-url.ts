/**
 * Absolute URLs of this site as the reader's browser reaches it. Install commands and share links name the files by
 * absolute URL, and the build only knows SITE_URL (`http://localhost:4321` when unset): served from anywhere else, a
 * copied command would fetch from the wrong host. In the page, the origin it was loaded from is the one that
 * certainly serves these files. Feeds, link-preview cards and canonical links keep SITE_URL (src/settings.ts).
 */

/** SITE_URL as the build saw it, without a trailing slash. */
const BUILT = (import.meta.env.SITE ?? '').replace(/\/+$/, '');
/** BASE_PATH, with leading and trailing `/`. */
const BASE = import.meta.env.BASE_URL.replace(/\/?$/, '/');

/** The page's own origin; SITE_URL where the page has none to speak of (opened from a file). */
export const siteOrigin = (): string => (/^https?:$/.test(location.protocol) ? location.origin : BUILT);

/** `SITE_URL + BASE_PATH` in `text` made the page's own origin + BASE_PATH. */
export function withPageOrigin(text: string): string {
  const here = siteOrigin();
  return !BUILT || here === BUILT ? text : text.split(`${BUILT}${BASE}`).join(`${here}${BASE}`);
}

/**
 * Rewrites the text of every element the build marked `data-site-url` (commands that name this site's files) to
 * the page's origin, text node by text node so the markup inside stays. Run before any copy button is enabled, so
 * what a button copies is what the page shows.
 */
export function showPageOrigin(root: ParentNode = document): void {
  for (const element of root.querySelectorAll('[data-site-url]')) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = withPageOrigin(node.nodeValue ?? '');
      if (text !== node.nodeValue) node.nodeValue = text;
    }
    element.removeAttribute('data-site-url');
  }
}
