/**
 * The pure work each built page needs before it is written: the CSP check (src/site/csp.ts) and the text Pagefind
 * indexes (search-prompt.ts). Each is a function of the page's HTML alone, so it runs wherever the page was rendered
 * — the build's main thread or a render worker (render-pool.ts) — and only its result crosses over to the main
 * thread, where the integrations take it in page order (built-pages.ts `registerPreparedStep`).
 */
import { securePage } from '../site/csp.ts';
import { pageForSearch } from './search-prompt.ts';

/** Each step, in the order they run: a step sees the HTML the ones before it returned. */
export const PAGE_STEPS = {
  /** The completed policy, or the page unchanged and why it fails (the build fails on any problem). */
  csp: (file: string, html: string) => {
    const { html: secured, problems } = securePage(file, html);
    return { html: problems.length ? html : secured, value: problems };
  },
  /** The page as Pagefind gets it. */
  search: (_file: string, html: string) => ({ html, value: pageForSearch(html) }),
};

export type PageStepName = keyof typeof PAGE_STEPS;
export type PageStepValue<N extends PageStepName> = ReturnType<(typeof PAGE_STEPS)[N]>['value'];
export type PreparedValues = { [N in PageStepName]?: PageStepValue<N> };

const ORDER = Object.keys(PAGE_STEPS) as PageStepName[];

/** Runs the named steps on one page, in their order; returns the HTML to write and each step's result. */
export function preparePage(names: ReadonlySet<PageStepName>, file: string, html: string): { html: string; values: PreparedValues } {
  let out = html;
  const values: Record<string, unknown> = {};
  for (const name of ORDER) {
    if (!names.has(name)) continue;
    const step = PAGE_STEPS[name](file, out);
    out = step.html;
    values[name] = step.value;
  }
  return { html: out, values: values as PreparedValues };
}
