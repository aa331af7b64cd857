/**
 * On a page opened from a search result (`?highlight=word&highlight=other`, added by Pagefind's `highlightParam`),
 * marks the searched words in the page's `data-pagefind-body`. Pagefind's highlighter (~45 KB, mark.js) loads only
 * then; every other visit costs this file and nothing more. Include it with `<SearchHighlight />` on agent pages.
 */
import { BASE_URL, HIGHLIGHT_PARAM } from './search-pagefind.ts';

type Highlighter = new (options: { highlightParam: string; addStyles: boolean }) => unknown;

export async function highlightSearchTerms(): Promise<void> {
  const module = (await import(/* @vite-ignore */ `${BASE_URL}pagefind/pagefind-highlight.js`)) as { default: Highlighter };
  // Styles come from search-results.css (`.pagefind-highlight`), in the site's colours, instead of Pagefind's yellow.
  new module.default({ highlightParam: HIGHLIGHT_PARAM, addStyles: false });
}

// A filter-only search adds an empty `?highlight=`: nothing to mark then.
if (new URLSearchParams(location.search).getAll(HIGHLIGHT_PARAM).some((term) => term.trim())) {
  highlightSearchTerms().catch((error: unknown) => console.error('[agent-docs:search] highlighting failed', error));
}
