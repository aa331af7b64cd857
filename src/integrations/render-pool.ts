/**
 * Pages rendered on more than one core. Astro renders a build's pages one at a time on the main thread; at 1,000
 * agents that was two thirds of the build's wall time with the second core mostly idle. This integration gives
 * Astro a prerenderer (its `astro:build:start` `setPrerenderer` hook) that hands pages to worker threads
 * (render-worker.ts), each with its own copy of the prerender bundle and of the catalog, and renders on the main
 * thread whatever the workers have no room for. A page is still an Astro route rendered by Astro: the worker calls
 * the same bundle's `app.render` the default prerenderer calls, and runs the page's prepared steps (the CSP check,
 * Pagefind's input: page-steps.ts) before handing back the HTML Astro writes.
 *
 * What a page looks like does not depend on the thread that rendered it (tests/build/render-pool.test.ts builds the
 * site both ways and compares every file), and the search index gets pages in the order Astro asked for them
 * (built-pages.ts tickets), so builds stay reproducible. Where a worker cannot start or load the bundle, its pages
 * render on the main thread; an error while rendering a page fails the build as it would on the main thread.
 *
 * A worker needs what Astro's build environment reads while rendering (astro/dist/core/build/environment.js
 * `headElements`: each page's stylesheets, the bundled scripts, the injected scripts), which Astro hands only to its
 * own app: the prerenderer loads the bundle first and keeps what Astro passes to `setInternals`/`setOptions`.
 * Written against Astro 7.3 (pinned in package.json); the build test fails if a new version changes that.
 */
import type { AstroIntegration, AstroIntegrationLogger, AstroPrerenderer } from 'astro';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Plugin } from 'vite';
import { catalogHandOver, hasCatalog, type CatalogHandOver } from '../site/catalog.ts';
import { settings } from '../settings.ts';
import { finishPreparedPage, outputFile, portableSteps, releaseReserved, reserveBuiltPage } from './built-pages.ts';
import type { PageStepName, PreparedValues } from './page-steps.ts';
import { reuseEmptyDigest } from './empty-digest.ts';

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
/** Astro's own concurrency would otherwise cap the pages in flight for the workers and the main thread together. */
export const RENDERS_AT_ONCE = 4;

interface PoolWorker {
  worker: Worker;
  ready: boolean;
  inFlight: number;
}

/** A page's worker stopped before it answered: the page is rendered on the main thread instead. */
class WorkerStopped extends Error {}

interface Pending {
  resolve: (reply: Extract<WorkerReply, { type: 'page' }>) => void;
  reject: (error: Error) => void;
  from: PoolWorker;
}

class RenderPool {
  readonly workers: PoolWorker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Pages each worker rendered, and the main thread, for the build log. */
  rendered = { workers: 0, main: 0 };

  constructor(count: number, catalog: CatalogHandOver, private readonly logger: AstroIntegrationLogger) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(WORKER_FILE);
      const entry: PoolWorker = { worker, ready: false, inFlight: 0 };
      worker.unref();
      worker.on('message', (reply: WorkerReply) => this.onReply(entry, reply));
      worker.on('error', (error) => this.drop(entry, error));
      worker.on('exit', (code) => this.drop(entry, new Error(`exited with code ${code}`)));
      worker.postMessage({ type: 'catalog', catalog });
      this.workers.push(entry);
    }
  }

  /** Hands the bundle to every worker; resolves once each is ready or dropped. */
  load(bundle: BundleHandOver): Promise<void> {
    return Promise.all(
      this.workers.map(
        (entry) =>
          new Promise<void>((resolve) => {
            const done = (reply: WorkerReply) => {
              if (reply.type === 'ready' || (reply.type === 'failed' && reply.id === -1)) {
                entry.worker.off('message', done);
                entry.worker.off('exit', resolve);
                resolve();
              }
            };
            entry.worker.on('message', done);
            entry.worker.on('exit', () => resolve());
            entry.worker.postMessage({ type: 'bundle', bundle });
          }),
      ),
    ).then(() => undefined);
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

/** The prerender bundle's entry file, as Vite writes it (astro/dist/core/build/static-build.js names it so). */
function prerenderEntry(found: (file: string) => void): Plugin {
  return {
    name: 'agent-docs:prerender-entry',
    writeBundle(options, bundle) {
      if (this.environment?.name !== 'prerender' || !options.dir) return;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.isEntry && chunk.fileName.startsWith('prerender-entry')) found(path.join(options.dir, chunk.fileName));
      }
    },
  };
}

interface Captured {
  internals?: { pagesByKeys: Map<string, { styles: unknown }>; entrySpecifierToBundleMap: Map<string, string> };
  options?: { settings: { scripts: unknown[] } };
}

/**
 * Node's own `import()`. This file runs inside Vite's module runner (astro.config loads it through Vite), where
 * `import()` goes through the runner — closed by the time pages render, and a separate copy of any module it loads.
 * The bundle must be the very module Astro's prerenderer imports, so it is loaded as Astro loads it.
 */
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** Loads the bundle before Astro's own prerenderer does (the same module), keeping what Astro hands its app. */
async function captureApp(entry: string): Promise<Captured> {
  const captured: Captured = {};
  const { app } = (await nativeImport(pathToFileURL(entry).href)) as { app: Record<'setInternals' | 'setOptions', (value: never) => void> };
  for (const key of ['setInternals', 'setOptions'] as const) {
    const original = app[key].bind(app);
    app[key] = (value: never) => {
      if (key === 'setInternals') captured.internals = value;
      else captured.options = value;
      original(value);
    };
  }
  return captured;
}

function parallelPrerenderer(fallback: AstroPrerenderer, pool: RenderPool, entry: () => string | undefined, site: { base: string; outDir: string }, logger: AstroIntegrationLogger): AstroPrerenderer {
  const { base, outDir } = site;
  let steps: PageStepName[] | undefined;
  return {
    ...fallback,
    name: 'agent-docs:render-pool',
    async setup() {
      const file = entry();
      const captured = file ? await captureApp(file) : {};
      await fallback.setup?.();
      steps = portableSteps();
      const { internals, options } = captured;
      if (!file || !internals || !options || !steps) {
        const why = !file ? 'the prerender entry was not found' : !steps ? 'a page step can only run on the main thread' : "Astro's build data was not captured";
        logger.warn(`pages render on the main thread alone: ${why}`);
        await pool.stop();
        return;
      }
      await pool.load({
        entry: file,
        outDir,
        pages: [...internals.pagesByKeys].map(([key, data]) => [key, { styles: data.styles }]),
        bundles: [...internals.entrySpecifierToBundleMap],
        scripts: options.settings.scripts,
        steps,
      });
    },
    render(request, options) {
      const { routeData } = options;
      const pathname = new URL(request.url).pathname;
      const file = outputFile(pathname, base);
      const worker = routeData.type === 'page' && file !== undefined && !options.collectMetadata ? pool.free() : undefined;
      // Taken now, as Astro asks for pages in route order: the search index gets them in that order whichever
      // thread finishes first (built-pages.ts).
      const ticket = reserveBuiltPage(pathname);
      if (!worker || ticket === undefined) {
        pool.rendered.main++;
        return fallback.render(request, options).finally(() => releaseReserved(pathname));
      }
      pool.rendered.workers++;
      return pool.render(worker, { url: request.url, route: routeData.route, component: routeData.component, file: file! }).then(
        (page) => {
          finishPreparedPage(ticket, pathname, page.values);
          // The worker wrote the page: a response without a body tells Astro there is nothing left to write.
          return new Response(null, { status: page.status });
        },
        (error: Error) => {
          if (error instanceof WorkerStopped) {
            // Its ticket is still reserved for this path: the request claims it in the middleware.
            pool.rendered.workers--;
            pool.rendered.main++;
            return fallback.render(request, options).finally(() => releaseReserved(pathname));
          }
          releaseReserved(pathname);
          throw error;
        },
      );
    },
    async teardown() {
      logger.info(`${pool.rendered.workers} pages rendered by ${settings.buildWorkers} worker thread(s), ${pool.rendered.main} on the main thread`);
      await pool.stop();
      await fallback.teardown?.();
    },
  };
}

export default function renderPool(): AstroIntegration {
  let entry: string | undefined;
  let site = { base: '/', outDir: '' };
  let pool: RenderPool | undefined;
  return {
    name: 'agent-docs:render-pool',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command !== 'build' || !settings.buildWorkers) return;
        updateConfig({ vite: { plugins: [prerenderEntry((file) => (entry = file))] } });
      },
      'astro:config:done': ({ config }) => {
        site = { base: config.base, outDir: fileURLToPath(config.outDir) };
      },
      'astro:build:start': ({ setPrerenderer, logger }) => {
        entry = undefined;
        reuseEmptyDigest();
        if (!settings.buildWorkers || !hasCatalog()) return;
        // Started now, so each worker takes in the catalog while Vite bundles.
        const started = new RenderPool(settings.buildWorkers, catalogHandOver(), logger);
        pool = started;
        setPrerenderer((fallback) => parallelPrerenderer(fallback, started, () => entry, site, logger));
      },
      'astro:build:done': async () => {
        await pool?.stop();
        pool = undefined;
      },
    },
  };
}
