/**
 * Starts the search worker (search-worker.ts) and has it load Pagefind. Called at the first sign of intent (the
 * dialog's trigger pointed at or opened, a key in the search page's form), before the search UI's own code has
 * loaded, so the two load side by side rather than one after the other.
 */
import type { Request } from './search-engine.ts';

export interface StartedWorker {
  worker: Worker;
  /** Settles with the error's message if the worker's script fails to load or run. */
  failed: Promise<string>;
}

export function startSearchWorker(): StartedWorker | undefined {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module', name: 'agent-docs search' });
  } catch (error) {
    console.warn('[agent-docs:search] no search worker; searching in the page', error);
    return undefined;
  }
  // Listened for at once: an error before the client is there to listen must not be lost.
  const failed = new Promise<string>((resolve) => worker.addEventListener('error', (event) => resolve(event.message || 'the script did not load'), { once: true }));
  worker.postMessage({ type: 'load' } satisfies Request);
  return { worker, failed };
}
