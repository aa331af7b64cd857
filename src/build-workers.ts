/**
 * BUILD_WORKERS: worker threads a build uses beside the main thread, to parse agent files
 * (src/agents/parse-pool.ts) and to render pages (src/integrations/render-pool.ts). By default one fewer than the
 * cores, at most three (each render worker holds its own copy of the catalog); 0 does everything on the main thread.
 * The output is the same either way.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';

export function readBuildWorkers(value: string | undefined): number {
  if (!value?.trim()) return Math.min(3, availableParallelism() - 1);
  const workers = Number(value);
  if (!Number.isInteger(workers) || workers < 0) throw new Error(`BUILD_WORKERS must be a whole number of worker threads (0 for none), not "${value}".`);
  return workers;
}

/**
 * Lets go of a worker whose share is done: its listeners go (for as long as the worker object is alive, which lasts
 * until its thread has exited, they keep alive whatever their closures reach — the results they filled in), one
 * that ignores a late error takes their place, and its thread is stopped.
 */
export function letGo(worker: Worker): void {
  worker.removeAllListeners();
  worker.on('error', () => {});
  void worker.terminate();
}
