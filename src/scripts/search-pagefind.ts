/**
 * Pagefind's JS API: its types, and loading it. The bundle lives at `${BASE_URL}pagefind/` and is written by
 * `src/integrations/pagefind.ts` after the build (in `astro dev`, served from memory by `pagefind-dev.ts`), so it is
 * imported by URL at runtime, never bundled by Vite.
 */

/** The subset of Pagefind 1.6's JS API the search UI uses (types/index.d.ts in the pagefind repo). */
export interface PagefindSubResult {
  title: string;
  url: string;
  /** HTML: Pagefind escapes the page text and wraps matches in `<mark>`. */
  excerpt: string;
  anchor?: { id: string };
}

export interface PagefindFragment {
  url: string;
  raw_url?: string;
  excerpt: string;
  /** The excerpt as text, without the `<mark>`s. */
  plain_excerpt?: string;
  sub_results: PagefindSubResult[];
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}

export interface PagefindResult {
  id: string;
  data(): Promise<PagefindFragment>;
}

export type FilterSelection = Record<string, string>;

export interface PagefindSearch {
  results: PagefindResult[];
  unfilteredResultCount: number;
}

export interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string | null, options?: { filters?: FilterSelection }): Promise<PagefindSearch>;
  preload(term: string): Promise<void>;
}

/** The site's base path, always ending in `/` (Astro keeps `base` as configured). */
export const BASE_URL = import.meta.env.BASE_URL.replace(/\/?$/, '/');

/** Result URLs carry the searched words as `?highlight=`, read by `search-highlight.ts` on the target page. */
export const HIGHLIGHT_PARAM = 'highlight';

/**
 * Imports Pagefind's JS API from `${BASE_URL}pagefind/` and configures it. Runs where the search runs: in the search
 * worker (src/scripts/search-worker.ts), or in the page when the worker fails. Inside a worker Pagefind sees no
 * `window` and searches in that same thread rather than starting a worker of its own.
 */
export async function loadPagefind(): Promise<Pagefind> {
  const bundle = `${BASE_URL}pagefind/`;
  const pagefind = (await import(/* @vite-ignore */ `${bundle}pagefind.js`)) as Pagefind;
  // `basePath` is the JS API's name for the bundle location (`bundlePath` is Pagefind UI's); `baseUrl` prefixes
  // result URLs, since the index was built from `dist/` where pages sit at the root, not under the base path.
  // In a worker Pagefind cannot read `<html lang>` and takes the index with the most pages: the site has one.
  await pagefind.options({ basePath: bundle, baseUrl: BASE_URL, highlightParam: HIGHLIGHT_PARAM, excerptLength: 20 });
  await pagefind.init();
  // `init` only starts loading the WebAssembly and the index metadata; a preload of no words returns once both are in.
  await pagefind.preload('');
  return pagefind;
}
