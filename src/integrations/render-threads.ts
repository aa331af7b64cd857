/**
 * The render workers of a build (render-worker.ts) as the main thread sees them: each started with the catalog,
 * loaded with the prerender bundle, given pages while it has room (`free`), and dropped — its pages handed back to
 * the main thread — when it cannot start, cannot load the bundle or stops. render-pool.ts decides which pages go.
 */
import type { AstroIntegrationLogger } from 'astro';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CatalogHandOver } from '../site/catalog.ts';
import type { PageStepName, PreparedValues } from './page-steps.ts';

/** What a worker needs to render with the build's prerender bundle. */
export interface BundleHandOver {
  /** The prerender entry, absolute. */
  entry: string;
  /** Where pages are written (the worker writes the pages it renders). */
  outDir: string;
  /** Each page's build data (by Astro's page key), only its stylesheets. */
  pages: Array<[string, { styles: unknown }]>;
  bundles: Array<[string, string]>;
  /** The scripts integrations injected (settings.scripts). */
  scripts: unknown[];
  /** The prepared steps to run on each page. */
  steps: PageStepName[];
}

export interface RenderRequest {
  id: number;
  url: string;
  route: string;
  component: string;
  /** The output file, relative to outDir (built-pages.ts `outputFile`), which the CSP check names in its problems. */
  file: string;
  /** An agent page's prompt, taken from the main thread's catalog (catalog.ts `takePrompt`). */
  prompt?: { slug: string; html: string };
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'page'; id: number; status: number; values: PreparedValues }
  | { type: 'failed'; id: number; error: string }
  | { type: 'log'; level: string; message: string };

/** Resolved from the project root, where `astro build` runs (as the card worker is, src/og/pool.ts). */
const WORKER_FILE = path.resolve(process.cwd(), 'src/integrations/render-worker.ts');
/** Pages a worker holds at once: one rendering while the next waits, so it never idles between messages. */
const IN_FLIGHT = 2;

interface PoolWorker {
  worker: Worker;
  ready: boolean;
  inFlight: number;
  /** Settles once the worker has loaded the bundle, or has been dropped. */
  loaded: Promise<void>;
  settle: () => void;
}

/** A page's worker stopped before it answered: the page is rendered on the main thread instead. */
export class WorkerStopped extends Error {}

interface Pending {
  resolve: (reply: Extract<WorkerReply, { type: 'page' }>) => void;
  reject: (error: Error) => void;
  from: PoolWorker;
}

export class RenderPool {
  readonly workers: PoolWorker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private readonly logger: AstroIntegrationLogger;

  constructor(count: number, catalog: CatalogHandOver, logger: AstroIntegrationLogger) {
    this.logger = logger;
    for (let i = 0; i < count; i++) {
      // A small young generation: a page's garbage is collected young and often. V8's default (up to 32 MB) cut the
      // worker's pauses at 10,000 agents from 7.9 to 4.2 s (2,370 collections to 700), but raised a 1,000-agent
      // build's peak by ~90 MB (the bench's process tree: 975 MB–1.02 GB against 895–905 MB, three runs each), where
      // the memory budget is the tighter one (half of Starlight's peak).
      const worker = new Worker(WORKER_FILE, { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
      let settle = () => undefined as void;
      const loaded = new Promise<void>((resolve) => (settle = resolve));
      const entry: PoolWorker = { worker, ready: false, inFlight: 0, loaded, settle };
      worker.unref();
      worker.on('message', (reply: WorkerReply) => this.onReply(entry, reply));
      worker.on('error', (error) => this.drop(entry, error));
      worker.on('exit', (code) => this.drop(entry, new Error(`exited with code ${code}`)));
      worker.postMessage({ type: 'catalog', catalog });
      this.workers.push(entry);
    }
  }

  /** Hands the bundle to every worker; resolves once each is ready or dropped. */
  async load(bundle: BundleHandOver): Promise<void> {
    const loading = [...this.workers];
    for (const entry of loading) entry.worker.postMessage({ type: 'bundle', bundle });
    await Promise.all(loading.map((entry) => entry.loaded));
  }

  /** A worker with room for one more page, if any. */
  free(): PoolWorker | undefined {
    let best: PoolWorker | undefined;
    for (const entry of this.workers) if (entry.ready && entry.inFlight < IN_FLIGHT && (!best || entry.inFlight < best.inFlight)) best = entry;
    return best;
  }

  render(entry: PoolWorker, request: Omit<RenderRequest, 'id'>): Promise<Extract<WorkerReply, { type: 'page' }>> {
    const id = this.nextId++;
    entry.inFlight++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, from: entry });
      entry.worker.postMessage({ type: 'render', id, ...request });
    });
  }

  private onReply(entry: PoolWorker, reply: WorkerReply): void {
    if (reply.type === 'ready') {
      entry.ready = true;
      entry.settle();
    } else if (reply.type === 'log') {
      if (reply.level === 'error') this.logger.error(reply.message);
      else this.logger.warn(reply.message);
    } else if (reply.type === 'failed' && reply.id === -1) {
      this.drop(entry, new Error(reply.error));
    } else {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      entry.inFlight--;
      if (reply.type === 'page') pending.resolve(reply);
      else pending.reject(new Error(reply.error));
    }
  }

  /** A worker that could not start or load the bundle: its pages are rendered on the main thread from now on. */
  private drop(entry: PoolWorker, error: Error): void {
    if (!this.workers.includes(entry)) return;
    this.workers.splice(this.workers.indexOf(entry), 1);
    entry.settle();
    this.logger.warn(`a render worker stopped (${error.message.split('\n')[0]}); its pages render on the main thread`);
    for (const [id, pending] of this.pending) {
      if (pending.from !== entry) continue;
      this.pending.delete(id);
      pending.reject(new WorkerStopped(error.message));
    }
    void entry.worker.terminate();
  }

  async stop(): Promise<void> {
    const stopping = this.workers.splice(0);
    await Promise.all(stopping.map((entry) => entry.worker.terminate()));
  }
}
