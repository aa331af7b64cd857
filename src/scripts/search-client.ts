/**
 * The page's side of the search: starts the search worker (search-worker.ts) and turns its messages back into
 * promises for the controller. Where a module worker cannot start (a very old browser, a host that refuses the
 * script), the same engine runs in the page instead, and Pagefind starts its own worker from there.
 */
import type { Hit, Reply, Request } from './search-engine.ts';
import type { FilterSelection } from './search-pagefind.ts';

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
  /** The search the engine is working on, and the newest one asked for meanwhile, sent when that one is answered. */
  #running?: Extract<Request, { type: 'search' }>;
  #queued?: Extract<Request, { type: 'search' }>;
  /** The newest search's hits, by index, and how many of them the engine was asked for. */
  #hits = new Map<number, Deferred<Hit>>();
  #hitsOf = 0;
  #asked = 0;
  #inPage = false;

  /** `connect`: the tests' stand-in for the worker. */
  constructor(connect?: Connect) {
    this.#post = connect ? connect((reply) => this.#receive(reply)) : this.#startWorker();
  }

  /** Loads Pagefind where the search runs; resolves once it can search. Again after a failure, it tries again. */
  load(): Promise<void> {
    this.#ready = deferred();
    this.#post({ type: 'load' });
    return this.#ready.promise;
  }

  /**
   * Searches; undefined when a newer search overtook this one before it was sent. One search at a time goes to the
   * engine: one that the engine has begun cannot be stopped, and messages sent meanwhile would queue up behind it
   * and each run in turn. So while one runs, the newest query waits here, replacing any that waited before it, and
   * goes as soon as the running one is answered: the last keystroke waits for at most the search in progress.
   */
  search(term: string | null, filters: FilterSelection, count: number): Promise<Found | undefined> {
    const id = ++this.#id;
    for (const hit of this.#hits.values()) hit.reject(new Superseded());
    this.#hits = new Map();
    this.#hitsOf = id;
    this.#asked = count;
    const answer = deferred<Found | undefined>();
    this.#searches.set(id, answer);
    if (this.#queued) this.#answer(this.#queued.id)?.resolve(undefined);
    this.#queued = { type: 'search', id, term, filters, count };
    if (!this.#running) this.#sendQueued();
    return answer.promise;
  }

  #sendQueued(): void {
    const request = this.#queued;
    this.#queued = this.#running = undefined;
    if (!request) return;
    this.#running = request;
    this.#post(request);
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
        if (id !== this.#hitsOf) return Array.from({ length: Math.max(0, end - from) }, () => Promise.reject(new Superseded()));
        if (end > this.#asked) {
          this.#post({ type: 'more', id, from: this.#asked, count: end - this.#asked });
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
    if (reply.type === 'hit') return void (reply.id === this.#hitsOf && this.#hit(reply.index).resolve(reply.hit));
    if (reply.type === 'error' && reply.id === undefined) return this.#ready?.reject(new Error(reply.message)); // loading Pagefind failed
    const id = reply.id!;
    const search = this.#answer(id);
    if (id === this.#running?.id) this.#sendQueued();
    if (reply.type === 'superseded') return search?.resolve(undefined);
    if (reply.type === 'found') return search?.resolve(this.#found(id, reply.total));
    // An error: of the search itself, or of loading one of its results.
    const error = new Error(reply.message);
    if (search) return search.reject(error);
    if (id === this.#hitsOf) for (const hit of this.#hits.values()) hit.reject(error);
  }

  #startWorker(): (request: Request) => void {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module', name: 'agent-docs search' });
    } catch (error) {
      console.warn('[agent-docs:search] no search worker; searching in the page', error);
      return this.#startInPage();
    }
    worker.addEventListener('message', (event: MessageEvent<Reply>) => this.#receive(event.data));
    // The script did not load or run: search in the page, and ask there what the worker was asked.
    worker.addEventListener('error', (event) => {
      console.warn('[agent-docs:search] the search worker failed; searching in the page', event.message);
      worker.terminate();
      this.#post = this.#startInPage();
      if (this.#ready) this.#post({ type: 'load' });
      if (this.#running) this.#post(this.#running);
    });
    return (request) => worker.postMessage(request);
  }

  #startInPage(): (request: Request) => void {
    if (this.#inPage) return this.#post;
    this.#inPage = true;
    const engine = Promise.all([import('./search-engine.ts'), import('./search-pagefind.ts')]).then(
      ([{ SearchEngine }, { loadPagefind }]) => new SearchEngine(loadPagefind, (reply) => this.#receive(reply)),
    );
    return (request) => void engine.then((it) => it.handle(request));
  }
}
