/**
 * The search worker: Pagefind and the search engine (search-engine.ts) off the page's thread, so typing stays
 * smooth while a query scores thousands of pages. Started by search-worker-start.ts, empty while the page is idle;
 * it loads Pagefind when asked to (`load`), at the first sign of intent.
 */
import { SearchEngine, type Request, type Reply } from './search-engine.ts';
import { loadPagefind } from './search-pagefind.ts';

const scope = self as unknown as { postMessage(reply: Reply): void; onmessage: ((event: MessageEvent<Request>) => void) | null };
const engine = new SearchEngine(loadPagefind, (reply) => scope.postMessage(reply));
scope.onmessage = (event) => void engine.handle(event.data);
