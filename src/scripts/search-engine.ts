/**
 * The search itself, next to Pagefind: in the search worker (search-worker.ts), or in the page when no worker can
 * start (search-client.ts). It answers in messages, so the page receives what it shows and nothing else:
 *
 * - Only the newest query runs, one at a time. Pagefind cannot stop a search it has begun, so a search waits for the
 *   one in progress; then, and again before its results load, the engine lets every request waiting in the queue in
 *   (`nextTask`), and any search older than the newest is dropped. So the last keystroke waits for at most the search
 *   in progress, and a fast typist's prefixes queue up nothing.
 * - A search's answer is its count, then the data of its first results, loaded here and sent one by one: the first
 *   on its own, so it is not held up behind the others (each is a fetch and an excerpt cut from the page's text).
 *   A word in every prompt of a 5,000-agent catalog matches 5,000 pages; Pagefind's own worker would copy all 5,000
 *   results into the page, and then be asked for each one's data in a message of its own.
 * - Only what a result shows is sent: not the page's whole text, which Pagefind keeps in each result's data.
 */
import type { FilterSelection, Pagefind, PagefindFragment, PagefindResult } from './search-pagefind.ts';

/** What a result shows: a page's data without its text. */
export type Hit = Pick<PagefindFragment, 'url' | 'raw_url' | 'excerpt' | 'plain_excerpt' | 'sub_results' | 'meta' | 'filters'>;

export type Request =
  /** Load Pagefind now (answered by `ready` or `error`). */
  | { type: 'load' }
  /** Search for `term` (null: filters only): answered by `found` with the count, then results `0 .. count - 1`. */
  | { type: 'search'; id: number; term: string | null; filters: FilterSelection; count: number }
  /** Send the data of results `from .. from + count - 1` of search `id`, if it is still the newest. */
  | { type: 'hits'; id: number; from: number; count: number };

export type Reply =
  | { type: 'ready' }
  /** `id` absent: loading Pagefind failed. */
  | { type: 'error'; id?: number; message: string }
  /** A newer search overtook search `id`: nothing more comes for it. */
  | { type: 'superseded'; id: number }
  | { type: 'found'; id: number; total: number }
  | { type: 'hit'; id: number; index: number; hit: Hit };

export function toHit(fragment: PagefindFragment): Hit {
  const { url, raw_url, excerpt, plain_excerpt, sub_results, meta, filters } = fragment;
  return { url, raw_url, excerpt, plain_excerpt, sub_results: sub_results.map(({ title, url, excerpt, anchor }) => ({ title, url, excerpt, anchor })), meta, filters };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Resolves in a task of its own, queued behind the messages already waiting: a message to itself, which Chromium
 * takes from the same queue as the page's messages, in order. A browser that takes them in another order only
 * runs a search that was already overtaken; its answer is still dropped by the client.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

export class SearchEngine {
  #loading?: Promise<Pagefind>;
  /** Settles when the searches begun so far are done (`#alone`). */
  #searching: Promise<unknown> = Promise.resolve();
  /** The newest search asked for: any other is stale. */
  #newest = 0;
  /** The newest search's results, for `hits`. */
  #results: { id: number; list: PagefindResult[] } = { id: 0, list: [] };

  readonly #load: () => Promise<Pagefind>;
  readonly #post: (reply: Reply) => void;
  readonly #nextTask: () => Promise<void>;

  /** `yieldTask`: how to let waiting requests in (the tests decide when they have arrived). */
  constructor(load: () => Promise<Pagefind>, post: (reply: Reply) => void, yieldTask = nextTask) {
    this.#load = load;
    this.#post = post;
    this.#nextTask = yieldTask;
  }

  /**
   * Runs `search` once the searches before it are done. Pagefind awaits its index chunks mid-search, and a search
   * begun meanwhile would run beside it: typed on opening, the cold searches for "re", "rev" and "revie" all ran at
   * once, and the last keystroke's search waited for every one of them.
   */
  #alone<T>(search: () => Promise<T>): Promise<T> {
    const turn = this.#searching.then(search);
    this.#searching = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** Pagefind, loaded once; a failed load is tried again by the next request. */
  #pagefind(): Promise<Pagefind> {
    this.#loading ??= this.#load();
    this.#loading.catch(() => (this.#loading = undefined));
    return this.#loading;
  }

  async handle(request: Request): Promise<void> {
    if (request.type === 'load') {
      await this.#pagefind().then(
        () => this.#post({ type: 'ready' }),
        (error: unknown) => this.#post({ type: 'error', message: message(error) }),
      );
    } else if (request.type === 'search') {
      await this.#search(request);
    } else {
      if (request.id === this.#results.id) await this.#send(request.id, this.#results.list, request.from, request.count);
    }
  }

  async #search({ id, term, filters, count }: Extract<Request, { type: 'search' }>): Promise<void> {
    this.#newest = Math.max(this.#newest, id);
    try {
      const pagefind = await this.#pagefind();
      const found = await this.#alone(async () => {
        // Searches asked for while Pagefind loaded, or while the previous search ran: only the newest goes on.
        await this.#nextTask();
        return id === this.#newest ? pagefind.search(term, { filters }) : undefined;
      });
      if (!found) return this.#post({ type: 'superseded', id });
      await this.#nextTask();
      if (id !== this.#newest) {
        // Overtaken while it ran, most often by the same word one letter longer, whose first result is likely the
        // same page: fetch that page's data meanwhile, so the newer search finds it loaded.
        found.results[0]?.data().catch(() => undefined);
        return this.#post({ type: 'superseded', id });
      }
      this.#results = { id, list: found.results };
      this.#post({ type: 'found', id, total: found.results.length });
      await this.#send(id, found.results, 0, count);
    } catch (error) {
      this.#post({ type: 'error', id, message: message(error) });
    }
  }

  /**
   * Loads results `from .. from + count - 1` and sends each as it arrives, unless a newer search began: the first
   * alone, then the others in parallel.
   */
  async #send(id: number, results: PagefindResult[], from: number, count: number): Promise<void> {
    const load = async (result: PagefindResult, index: number) => {
      if (id !== this.#newest) return;
      try {
        const fragment = await result.data();
        if (id === this.#newest) this.#post({ type: 'hit', id, index, hit: toHit(fragment) });
      } catch (error) {
        if (id === this.#newest) this.#post({ type: 'error', id, message: message(error) });
      }
    };
    const [first, ...rest] = results.slice(from, from + count);
    if (!first) return;
    await load(first, from);
    await Promise.all(rest.map((result, i) => load(result, from + 1 + i)));
  }
}
