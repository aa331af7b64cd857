/**
 * The page's side of the search: talks to the search worker (search-worker.ts, started by search-worker-start.ts)
 * and turns its messages back into promises for the controller. Where a module worker cannot start (a very old
 * browser, a host that refuses the script), the same engine runs in the page instead, and Pagefind starts its own
 * worker from there.
 */
import type { Hit, Reply, Request } from './search-engine.ts';
import type { FilterSelection } from './search-pagefind.ts';
import type { StartedWorker } from './search-worker-start.ts';

export type { Hit } from './search-engine.ts';

/** A search's answer: how many results, and their data a batch at a time, in Pagefind's order. */
export interface Found {
  total: number;
  /** One promise per result `from .. from + count - 1` (fewer at the end), each settling as its data arrives. */
  hits(from: number, count: number): Promise<Hit>[];
}

/** What a hit's promise rejects with once a newer search has begun: nobody will read it. */
export class Superseded extends Error {
  constructor() {
    super('a newer search began');
  }
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((ok, fail) => ([resolve, reject] = [ok, fail]));
  promise.catch(() => undefined); // rejections nobody awaits (a superseded batch) are not errors
  return { promise, resolve, reject };
}

/** Where the engine runs: given where replies go, returns how requests reach it. */
export type Connect = (receive: (reply: Reply) => void) => (request: Request) => void;

export class SearchClient {
  #post: (request: Request) => void;
  #id = 0;
  #ready?: Deferred<void>;
  /** Searches asked for and not yet answered: resolved with their answer, or undefined when superseded. */
  readonly #searches = new Map<number, Deferred<Found | undefined>>();
  /** The newest search, asked again of the page's engine should the worker fail. */
  #newest?: Extract<Request, { type: 'search' }>;
  /** The newest search's hits (search `#id`), by index, and how many of them the engine has been asked for. */
  #hits = new Map<number, Deferred<Hit>>();
  #asked = 0;
  /** While the search runs in a worker: gives the worker up for the page, once. */
  #leaveWorker?: (why: string) => void;

  /**
   * `started`: the worker search-worker-start.ts started (undefined: none could start, so the search runs in the
   * page); or `connect`, the tests' stand-in for it.
   */
  constructor(started: StartedWorker | undefined | Connect) {
    this.#post = typeof started === 'function' ? started((reply) => this.#receive(reply)) : started ? this.#useWorker(started) : this.#startInPage();
  }

  /** Loads Pagefind where the search runs; resolves once it can search. Again after a failure, it tries again. */
  load(): Promise<void> {
    this.#ready = deferred();
    this.#post({ type: 'load' });
    return this.#ready.promise;
  }

  /**
   * Searches, and has the engine send the data of the first `count` results; undefined when a newer search
   * overtook this one. Every keystroke's search goes at once: the engine runs only the newest (search-engine.ts).
   */
  search(term: string | null, filters: FilterSelection, count: number): Promise<Found | undefined> {
    const id = ++this.#id;
    for (const hit of this.#hits.values()) hit.reject(new Superseded());
    this.#hits = new Map();
    this.#asked = count;
    const answer = deferred<Found | undefined>();
    this.#searches.set(id, answer);
    this.#newest = { type: 'search', id, term, filters, count };
    this.#post(this.#newest);
    return answer.promise;
  }

  /** The promise of search `id`, taken out of those waiting for an answer. */
  #answer(id: number): Deferred<Found | undefined> | undefined {
    const answer = this.#searches.get(id);
    this.#searches.delete(id);
    return answer;
  }

  #found(id: number, total: number): Found {
    return {
      total,
      hits: (from, count) => {
        const end = Math.min(from + count, total);
        if (id !== this.#id) {
          return Array.from({ length: Math.max(0, end - from) }, () => {
            const stale = deferred<Hit>();
            stale.reject(new Superseded());
            return stale.promise;
          });
        }
        if (end > this.#asked) {
          this.#post({ type: 'hits', id, from: this.#asked, count: end - this.#asked });
          this.#asked = end;
        }
        const promises: Promise<Hit>[] = [];
        for (let index = from; index < end; index++) promises.push(this.#hit(index).promise);
        return promises;
      },
    };
  }

  #hit(index: number): Deferred<Hit> {
    let hit = this.#hits.get(index);
    if (!hit) this.#hits.set(index, (hit = deferred()));
    return hit;
  }

  #receive(reply: Reply): void {
    if (reply.type === 'ready') return this.#ready?.resolve();
    if (reply.type === 'hit') return void (reply.id === this.#id && this.#hit(reply.index).resolve(reply.hit));
    if (reply.type === 'error' && reply.id === undefined) {
      // Pagefind did not load. In the worker that may be the worker's doing (a browser whose workers cannot import
      // modules): try once more in the page, where a missing index fails again and says so.
      if (this.#leaveWorker) return this.#leaveWorker(`Pagefind did not load in it: ${reply.message}`);
      return this.#ready?.reject(new Error(reply.message));
    }
    const id = reply.id!;
    const search = this.#answer(id);
    if (reply.type === 'superseded') return search?.resolve(undefined);
    if (reply.type === 'found') return search?.resolve(this.#found(id, reply.total));
    // An error: of the search itself, or of loading one of its results.
    const error = new Error(reply.message);
    if (search) return search.reject(error);
    if (id === this.#id) for (const hit of this.#hits.values()) hit.reject(error);
  }

  #useWorker({ worker, failed }: StartedWorker): (request: Request) => void {
    let left = false;
    // Once left, what the worker had already sent is not read: a second "did not load" would fail the page's load.
    worker.addEventListener('message', (event: MessageEvent<Reply>) => left || this.#receive(event.data));
    // The worker failed: search in the page from now on, and ask there what the worker was asked.
    const leave = (why: string) => {
      if (left) return;
      left = true;
      this.#leaveWorker = undefined;
      console.warn('[agent-docs:search] the search worker failed; searching in the page.', why);
      worker.terminate();
      this.#post = this.#startInPage();
      if (this.#ready) this.#post({ type: 'load' });
      if (this.#newest && this.#searches.has(this.#newest.id)) this.#post(this.#newest);
    };
    this.#leaveWorker = leave;
    void failed.then((message) => leave(`Its script did not run: ${message}`));
    return (request) => worker.postMessage(request);
  }

  #startInPage(): (request: Request) => void {
    const engine = Promise.all([import('./search-engine.ts'), import('./search-pagefind.ts')]).then(
      ([{ SearchEngine }, { loadPagefind }]) => new SearchEngine(loadPagefind, (reply) => this.#receive(reply)),
    );
    return (request) => void engine.then((it) => it.handle(request));
  }
}
