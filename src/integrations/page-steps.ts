/**
 * The pure work each built page needs before it is written: the CSP check (src/site/csp.ts) and the text Pagefind
 * indexes (search-prompt.ts). Each is a function of the page's HTML alone, so it runs wherever the page was rendered
 * — the build's main thread or a render worker (render-pool.ts) — and only its result crosses over to the main
 * thread, where the integrations take it in page order (built-pages.ts `registerPreparedStep`).
 *
 * The steps read a page as its bytes (`pageBytesText`): its UTF-8 read as Latin-1, one character per byte. The HTML
 * they look at (tags, attributes, the CSP's hashes) is ASCII or hashed as bytes, and the page is written back byte
 * for byte. Read as UTF-8 instead, an agent page is two-byte text (a few `—` or `…` are enough): decoding it, encoding
 * it again for the write, and every search over it cost ~0.5 ms a page more. Only the part Pagefind reads is
 * decoded, and what crosses to the main thread is text.
 */
import { securePage } from '../site/csp.ts';
import { searchedPart } from './search-cut.ts';
import { pageForSearch } from './search-prompt.ts';

/** A page's bytes as the steps read them: one character per byte. */
export const pageBytesText = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
/** The bytes of a page the steps return. */
export const pageBytes = (text: string): Buffer => Buffer.from(text, 'latin1');
/** Text (UTF-8 decoded) of part of a page as the steps read it. */
export const pageText = (bytesText: string): string => Buffer.from(bytesText, 'latin1').toString('utf8');

/** Each step, in the order they run: a step sees the page the ones before it returned, as `pageBytesText`. */
export const PAGE_STEPS = {
  /** The completed policy, or the page unchanged and why it fails (the build fails on any problem). */
  csp: (file: string, page: string) => {
    const { html: secured, problems } = securePage(file, page, 'latin1');
    return { html: problems.length ? page : secured, value: problems };
  },
  /** The page as Pagefind gets it: the part it reads, decoded. */
  search: (_file: string, page: string) => ({ html: page, value: pageForSearch(pageText(searchedPart(page)), true) }),
};

export type PageStepName = keyof typeof PAGE_STEPS;
export type PageStepValue<N extends PageStepName> = ReturnType<(typeof PAGE_STEPS)[N]>['value'];
export type PreparedValues = { [N in PageStepName]?: PageStepValue<N> };

const ORDER = Object.keys(PAGE_STEPS) as PageStepName[];

/** Runs the named steps on one page (`pageBytesText`), in their order; returns the page to write and each step's result. */
export function preparePage(names: ReadonlySet<PageStepName>, file: string, page: string): { html: string; values: PreparedValues } {
  let out = page;
  const values: Record<string, unknown> = {};
  for (const name of ORDER) {
    if (!names.has(name)) continue;
    const step = PAGE_STEPS[name](file, out);
    out = step.html;
    values[name] = step.value;
  }
  return { html: out, values: values as PreparedValues };
}
