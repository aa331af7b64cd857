/** Measuring search in Chromium: how soon results show after the last keystroke, and what Pagefind fetches. */
import path from 'node:path';
import type { SiteServer } from './serve.ts';

/** A word every catalog has (a seed agent's name and a synthetic verb) and a second one for the warm search. */
export const QUERIES = ['review', 'deploy'] as const;
export const SEARCH_RUNS = 3;
/** Keys 100 ms apart: a fast typist. */
export const KEY_DELAY_MS = 100;

export interface SearchFigures {
  /** First results after the last keystroke of the first query, typed right after opening the search (Pagefind
   * loads meanwhile), on a fresh page: one per run. The budgeted figure: what a visitor's first search feels like. */
  first: number[];
  /** The first query typed once Pagefind has loaded (its index chunks and fragments still to fetch). */
  ready: number[];
  /** A second query on the same page (Pagefind warm). */
  next: number[];
  /** Bytes under /pagefind/ from opening the search to the first query's shown results, and the requests by kind. */
  pagefindBytes: number;
  pagefindRequests: Map<string, { count: number; bytes: number }>;
}

function pagefindKind(file: string): string {
  if (/\.pf_fragment$/.test(file)) return 'fragments';
  if (/\.pf_index$/.test(file)) return 'index chunks';
  if (/\.pf_filter$/.test(file)) return 'filters';
  if (/\.pf_meta$/.test(file)) return 'metadata';
  if (/wasm\./.test(file)) return 'wasm';
  return path.basename(file);
}

/**
 * Installs, in the page, a record of keydown times and of the times results are added to the list, each with the
 * text the field held then: results added while it held the whole query are that query's (the controller drops the
 * answers of any query but the field's).
 */
const RECORDER = () => {
  const record = { keys: [] as number[], results: [] as Array<{ at: number; value: string }> };
  (window as unknown as { __bench: typeof record }).__bench = record;
  // The key's own time (when the browser received it), not when the page got round to the handler: a busy page
  // must not shorten the figure.
  document.addEventListener('keydown', (event) => record.keys.push(event.timeStamp), true);
  const list = document.querySelector('dialog [data-search-results]')!;
  const input = document.querySelector<HTMLInputElement>('dialog [data-search-input]')!;
  new MutationObserver((mutations) => {
    const now = performance.now();
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (node instanceof Element && node.matches('.ad-search-result')) return void record.results.push({ at: now, value: input.value });
      }
    }
  }).observe(list, { childList: true });
};

type Page = import('playwright').Page;

/** Types `query` into the focused search field and resolves with ms from its last keydown to results in the DOM. */
async function typeAndTime(page: Page, query: string): Promise<number> {
  const before = await page.evaluate(() => (window as any).__bench.keys.length as number);
  await page.keyboard.type(query, { delay: KEY_DELAY_MS });
  const lastKey = await page.evaluate((from) => (window as any).__bench.keys.slice(from).pop() as number, before);
  const shown = await page.waitForFunction(
    ({ after, query }) => (window as any).__bench.results.find((r: { at: number; value: string }) => r.at > after && r.value === query)?.at as number | undefined,
    { after: lastKey, query },
    { timeout: 20_000, polling: 50 },
  );
  return ((await shown.jsonValue()) as number) - lastKey;
}

export async function measureSearch(server: SiteServer, executablePath: string, args: readonly string[]): Promise<SearchFigures> {
  const { chromium } = await import('playwright');
  const browser = await chromium.launch({ executablePath, args: [...args] });
  const figures: SearchFigures = { first: [], ready: [], next: [], pagefindBytes: 0, pagefindRequests: new Map() };
  const bundle = `${server.base}pagefind/`;
  /** Resolves once Pagefind's files have been fetched and nothing more came for `quietMs`. */
  const pagefindSettled = async (since: number, quietMs = 400) => {
    for (const started = performance.now(); performance.now() - started < 20_000; await new Promise((r) => setTimeout(r, 50))) {
      const fetched = server.served.slice(since).filter((s) => s.path.startsWith(bundle));
      if (fetched.length && performance.now() - fetched[fetched.length - 1].at > quietMs) return;
    }
    throw new Error('Pagefind did not load within 20 s of opening the search');
  };
  /** A fresh visitor (empty cache) on the home page, search opened with `/`. */
  const visit = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.origin}${server.base}`, { waitUntil: 'load' });
    await page.waitForSelector('[data-search-open]'); // the trigger upgraded: search.ts has run
    await page.evaluate(RECORDER);
    const since = server.served.length;
    await page.keyboard.press('/');
    return { context, page, since };
  };
  try {
    for (let run = 0; run < SEARCH_RUNS; run++) {
      // The query typed as soon as the search opens: Pagefind loads while the visitor types.
      const typed = await visit();
      figures.first.push(await typeAndTime(typed.page, QUERIES[0]));
      if (run === 0) {
        // The bytes of the first query's results, all of them: they arrive one by one, and the list is busy until
        // the last of the batch is in.
        await typed.page.waitForFunction(() => !document.querySelector('dialog [data-search-results]')!.hasAttribute('aria-busy'), null, {
          timeout: 20_000,
          polling: 50,
        });
        for (const { path: file, bytes: size } of server.served.slice(typed.since)) {
          if (!file.startsWith(bundle)) continue;
          const kind = pagefindKind(file);
          const entry = figures.pagefindRequests.get(kind) ?? { count: 0, bytes: 0 };
          figures.pagefindRequests.set(kind, { count: entry.count + 1, bytes: entry.bytes + size });
          figures.pagefindBytes += size;
        }
      }
      await typed.page.keyboard.press('Control+A');
      figures.next.push(await typeAndTime(typed.page, QUERIES[1]));
      await typed.context.close();

      // The same query typed once Pagefind has loaded: what is left is its index chunks, the search and fragments.
      const waited = await visit();
      await pagefindSettled(waited.since);
      figures.ready.push(await typeAndTime(waited.page, QUERIES[0]));
      await waited.context.close();
    }
  } finally {
    await browser.close();
  }
  return figures;
}
