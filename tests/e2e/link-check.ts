/**
 * A link checker for a built site, run on the files (no server): every URL a page points at — `a`/`area`/`link`
 * `href`, `script`/`img`/`source`/`iframe` `src`, `form` `action`, and the absolute URLs of the share tags — must,
 * when it belongs to the site, stay under BASE_PATH, name a built file, and name an id on that page when it has
 * a `#fragment`. Links to other origins are only collected: fetching them would make the tests depend on the network.
 */
import { fileForUrl, readPages, type BuiltPage } from './built-site.ts';

/** Which attribute of which element holds a URL. */
const URL_ATTRIBUTES: Record<string, string> = { a: 'href', area: 'href', link: 'href', script: 'src', img: 'src', source: 'src', iframe: 'src', form: 'action' };
/** Share tags whose content is a URL. */
const URL_METAS = new Set(['og:url', 'og:image', 'twitter:image']);

export interface BrokenLink {
  /** The page it is on (path inside the outDir). */
  page: string;
  /** As written in the HTML. */
  href: string;
  reason: string;
}

export interface LinkReport {
  /** Internal links checked. */
  checked: number;
  broken: BrokenLink[];
  /** Links to other origins, `page → url`, not fetched. */
  external: string[];
}

/** The URLs a page points at, as written. */
export function linksOf(page: Pick<BuiltPage, 'tags'>): string[] {
  const links: string[] = [];
  for (const tag of page.tags) {
    const attribute = URL_ATTRIBUTES[tag.name];
    const value = attribute ? tag.attrs.get(attribute) : undefined;
    if (value !== undefined) links.push(value);
    if (tag.name === 'meta' && URL_METAS.has(tag.attrs.get('property') ?? tag.attrs.get('name') ?? '')) {
      links.push(tag.attrs.get('content') ?? '');
    }
  }
  return links;
}

/** One line per broken link, for a failure message. */
export const describeBroken = (broken: BrokenLink[]) => broken.map((b) => `  ${b.page}: ${b.href} — ${b.reason}`).join('\n');

export async function checkLinks(outDir: string, site: { siteUrl: string; basePath: string }): Promise<LinkReport> {
  const pages = await readPages(outDir, site);
  const byFile = new Map(pages.map((page) => [page.file, page]));
  const origin = new URL(site.siteUrl).origin;
  const report: LinkReport = { checked: 0, broken: [], external: [] };

  for (const page of pages) {
    for (const href of linksOf(page)) {
      const broken = (reason: string) => report.broken.push({ page: page.file, href, reason });
      if (!href.trim()) {
        broken('empty URL');
        continue;
      }
      let url: URL;
      try {
        url = new URL(href, page.url);
      } catch {
        broken('not a valid URL');
        continue;
      }
      if (url.protocol === 'javascript:') broken('a script URL');
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue; // mailto:, tel:, data:
      if (url.origin !== origin) {
        report.external.push(`${page.file} → ${url.href}`);
        continue;
      }
      report.checked++;
      if (!url.pathname.startsWith(site.basePath)) {
        broken(`leaves the base path ${site.basePath}`);
        continue;
      }
      const file = await fileForUrl(outDir, url, site.basePath);
      if (!file) {
        broken(`no file in the build for ${url.pathname}`);
        continue;
      }
      const fragment = url.hash.slice(1);
      if (!fragment) continue;
      const target = byFile.get(file);
      let id = fragment;
      try {
        id = decodeURIComponent(fragment);
      } catch {
        // Kept as written: an id may contain a lone `%`.
      }
      if (!target) broken(`#${fragment} points into ${file}, which is not a page`);
      else if (!target.ids.has(id)) broken(`no id="${id}" on ${file}`);
    }
  }
  return report;
}
