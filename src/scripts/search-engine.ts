/**
 * The search itself, next to Pagefind: in the search worker (search-worker.ts), or in the page when no worker can
 * start (search-client.ts). It answers in messages, so the page receives what it shows and nothing else:
 *
 * - A search's answer is its count, then its first results' data, loaded here and sent one by one as each arrives.
 *   A word in every prompt of a 5,000-agent catalog matches 5,000 pages; Pagefind's own worker would copy all 5,000
 *   results into the page, and then be asked for each one's data in a message of its own.
 * - Only what a result shows is sent: not the page's whole text, which Pagefind keeps in each result's data.
 * - Only the newest search counts. The client sends one at a time (search-client.ts); should another arrive while
 *   one waits for Pagefind to load, the older is dropped, and results of a search overtaken are not sent.
 */
import type { FilterSelection, Pagefind, PagefindFragment, PagefindResult } from './search-pagefind.ts';

/** What a result shows: a page's data without its text. */
export type Hit = Pick<PagefindFragment, 'url' | 'raw_url' | 'excerpt' | 'plain_excerpt' | 'sub_results' | 'meta' | 'filters'>;

export type Request =
  /** Load Pagefind now (answered by `ready` or `error`). */
  | { type: 'load' }
  /** Search for `term` (null: filters only) and send the data of results `0 .. count - 1`. */
  | { type: 'search'; id: number; term: string | null; filters: FilterSelection; count: number }
  /** Send the data of results `from .. from + count - 1` of search `id`, if it is still the newest. */
  | { type: 'more'; id: number; from: number; count: number };

export type Reply =
  | { type: 'ready' }
  /** `id` absent: loading Pagefind failed. */
  | { type: 'error'; id?: number; message: string }
  /** A newer search overtook search `id` before it found anything. */
  | { type: 'superseded'; id: number }
  | { type: 'found'; id: number; total: number }
  | { type: 'hit'; id: number; index: number; hit: Hit };

export function toHit(fragment: PagefindFragment): Hit {
  const { url, raw_url, excerpt, plain_excerpt, sub_results, meta, filters } = fragment;
  return { url, raw_url, excerpt, plain_excerpt, sub_results: sub_results.map(({ title, url, excerpt, anchor }) => ({ title, url, excerpt, anchor })), meta, filters };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class SearchEngine {
  #loading?: Promise<Pagefind>;
  /** The newest search asked for: any other is stale. */
  #newest = 0;
  /** The newest search's results, for `more`. */
  #results: { id: number; list: PagefindResult[] } = { id: 0, list: [] };

  readonly #load: () => Promise<Pagefind>;
  readonly #post: (reply: Reply) => void;

  constructor(load: () => Promise<Pagefind>, post: (reply: Reply) => void) {
    this.#load = load;
    this.#post = post;
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
      if (request.id === this.#results.id) this.#send(request.id, this.#results.list, request.from, request.count);
    }
  }

  async #search({ id, term, filters, count }: Extract<Request, { type: 'search' }>): Promise<void> {
    this.#newest = Math.max(this.#newest, id);
    try {
      const pagefind = await this.#pagefind();
      // Overtaken while Pagefind loaded: the newer search runs instead.
      if (id !== this.#newest) return this.#post({ type: 'superseded', id });
      const found = await pagefind.search(term, { filters });
      if (id !== this.#newest) return this.#post({ type: 'superseded', id });
      this.#results = { id, list: found.results };
      this.#post({ type: 'found', id, total: found.results.length });
      this.#send(id, found.results, 0, count);
    } catch (error) {
      this.#post({ type: 'error', id, message: message(error) });
    }
  }

  /** Loads results `from .. from + count - 1` in parallel and sends each as it arrives, unless a newer search began. */
  #send(id: number, results: PagefindResult[], from: number, count: number): void {
    results.slice(from, from + count).forEach((result, i) => {
      result.data().then(
        (fragment) => id === this.#newest && this.#post({ type: 'hit', id, index: from + i, hit: toHit(fragment) }),
        (error: unknown) => id === this.#newest && this.#post({ type: 'error', id, message: message(error) }),
      );
    });
  }
}
