/**
 * The /search/ page. Its form works without JavaScript (a GET to itself); with it, results for `?q=` and the
 * filters render in place through the same controller as the dialog. The controller, and Pagefind with it, loads
 * straight away when the URL carries a query, otherwise on the first key or click in the form — not on the
 * autofocus, which is not the reader's doing.
 */
import { startSearchWorker } from './search-worker-start.ts';

const root = document.querySelector<HTMLElement>('[data-search-inline] [data-search-panel]');

if (root) {
  const params = new URLSearchParams(location.search);
  const input = root.querySelector<HTMLInputElement>('[data-search-input]')!;
  input.value = params.get('q') ?? ''; // show the query at once, before the controller arrives
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    const worker = startSearchWorker(); // loads Pagefind while the search UI's code loads
    const { SearchController } = await import('./search-controller.ts');
    new SearchController(root, { mode: 'page', pageSize: 20, worker }).start(params);
  };
  if ([...params.keys()].length) void start();
  else for (const type of ['keydown', 'pointerdown', 'change']) root.addEventListener(type, start, { once: true });
  if (!params.has('q')) input.focus({ preventScroll: true });
}
