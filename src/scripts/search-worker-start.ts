/**
 * Starts the search worker (search-worker.ts) and has it load Pagefind. A worker is slow to start (its thread, its
 * JavaScript engine and its script: 70-90 ms on a busy two-core machine, all of it before Pagefind can begin to
 * load), so one is started, empty, once the page is idle (`prestartSearchWorker`). Pagefind loads at the first sign
 * of intent (the dialog's trigger pointed at or opened, a key in the search page's form), before the search UI's own
 * code has loaded, so the two load side by side rather than one after the other.
 */
import type { Request } from './search-engine.ts';

export interface StartedWorker {
  worker: Worker;
  /** Settles with the error's message if the worker's script fails to load or run. */
  failed: Promise<string>;
}

/** The worker started while the page was idle, until a search takes it. */
let spare: StartedWorker | undefined;
/** Once a search has begun, no spare is started any more. */
let searched = false;

function createWorker(): StartedWorker | undefined {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module', name: 'agent-docs search' });
  } catch (error) {
    console.warn('[agent-docs:search] no search worker; searching in the page', error);
    return undefined;
  }
  // Listened for at once: an error before the client is there to listen must not be lost.
  const failed = new Promise<string>((resolve) => worker.addEventListener('error', (event) => resolve(event.message || 'the script did not load'), { once: true }));
  return { worker, failed };
}

/**
 * Starts a worker once the page is idle, without loading Pagefind: that costs the worker's small script (cached
 * with the site's other scripts) and a thread, no index. The first search takes it (`startSearchWorker`).
 */
export function prestartSearchWorker(): void {
  const start = () => {
    if (!searched) spare ??= createWorker();
  };
  if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 2_000 });
  else setTimeout(start, 500);
}

/** A worker for a search UI, loading Pagefind from now on: the idle one if there is one. Undefined: none could start. */
export function startSearchWorker(): StartedWorker | undefined {
  searched = true;
  const started = spare ?? createWorker();
  spare = undefined;
  started?.worker.postMessage({ type: 'load' } satisfies Request);
  return started;
}
