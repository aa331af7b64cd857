/**
 * Pages rendered on more than one core. Astro renders a build's pages one at a time on the main thread; at 1,000
 * agents that was two thirds of the build's wall time with the second core mostly idle. This integration gives
 * Astro a prerenderer (its `astro:build:start` `setPrerenderer` hook) that hands pages to worker threads
 * (render-worker.ts), each with its own copy of the prerender bundle and of the catalog, and renders on the main
 * thread whatever the workers have no room for; without workers (BUILD_WORKERS=0, or no catalog to give them), every
 * page. A page is still an Astro route rendered by Astro: a worker calls the same bundle's `app.render` the default
 * prerenderer calls. Wherever a page rendered, its prepared steps run there (the CSP check, Pagefind's input:
 * page-steps.ts), it is written where Astro would write it (page-writer.ts), and the steps' results come back here.
 *
 * What a page looks like does not depend on the thread that rendered it (tests/build/reproducible.test.ts builds the
 * site both ways and compares every file), and the search index gets pages in the order Astro asked for them
 * (built-pages.ts tickets), so builds stay reproducible. Where a worker cannot start or load the bundle, its pages
 * render on the main thread; an error while rendering a page fails the build as it would on the main thread.
 *
 * A worker needs what Astro's build environment reads while rendering (astro/dist/core/build/environment.js
 * `headElements`: each page's stylesheets, the bundled scripts, the injected scripts), which Astro hands only to its
 * own app: the prerenderer loads the bundle first and keeps what Astro passes to `setInternals`/`setOptions`.
 * Written against Astro 7.3 (pinned in package.json): if a new version changes that, the reproducible-build test
 * fails (it requires pages rendered by workers, and the same output as the main thread's).
 */
import type { AstroIntegration, AstroIntegrationLogger, AstroPrerenderer } from 'astro';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';
import { catalogHandOver, givePrompt, hasCatalog, takePrompt } from '../site/catalog.ts';
import { settings } from '../settings.ts';
import { endpointFile, entriesUnder, finishPreparedPage, outputFile, pagesBackedUp, portableSteps, releaseReserved, reserveBuiltPage } from './built-pages.ts';
import { PageWriter, writeStreamed } from './page-writer.ts';
import type { PageStepName } from './page-steps.ts';
import { RenderPool, WorkerStopped } from './render-threads.ts';
import { reuseEmptyDigest } from './empty-digest.ts';

/** The agent page's route (src/pages/agents/[slug].astro): its output file is `agents/<slug>/index.html`. */
const AGENT_ROUTE = '/agents/[slug]';

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
 * Node's own `import()`. Astro loads astro.config.mjs natively when it can (tests/unit/config-native.test.ts), but
 * falls back to Vite's module runner, where `import()` goes through the runner — closed by the time pages render,
 * and a separate copy of any module it loads. The bundle must be the very module Astro's prerenderer imports, so it is
 * loaded as Astro loads it.
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

interface Site {
  base: string;
  outDir: string;
  publicDir: string;
}

function parallelPrerenderer(fallback: AstroPrerenderer, pool: RenderPool | undefined, entry: () => string | undefined, site: Site, logger: AstroIntegrationLogger): AstroPrerenderer {
  const { base, outDir } = site;
  /** Files of public/ (relative, `/` separators): Astro writes no page or endpoint over one, and warns; nor does this. */
  let fromPublic = new Set<string>();
  let steps: PageStepName[] | undefined;
  let writer: PageWriter | undefined;
  /** Pages rendered by the workers and on this thread, for the build log. */
  const rendered = { workers: 0, main: 0 };
  type RenderOptions = Parameters<AstroPrerenderer['render']>[1];
  /**
   * A page rendered on this thread. A page (`file`: a page route's output file) is finished here as a worker finishes
   * it (page-writer.ts): its steps, its file, its values in page order. An endpoint's body is written here as it
   * streams (`endpointWritten`); anything else (a redirect, a page of a build whose steps cannot leave this thread)
   * Astro writes, and the steps then read such a page from dist/ when the build is done.
   */
  const renderHere = async (request: Request, options: RenderOptions, pathname: string, file: string | undefined, ticket: number | undefined) => {
    rendered.main++;
    if (!writer || file === undefined || ticket === undefined) return fallback.render(request, options).then((result) => endpointWritten(result, options, pathname)).finally(() => releaseReserved(pathname));
    try {
      const result = await fallback.render(request, options);
      const response = result instanceof Response ? result : result.response;
      if ((response.status >= 300 && response.status < 400) || !response.headers.get('content-type')?.startsWith('text/html')) {
        releaseReserved(pathname);
        return result;
      }
      finishPreparedPage(ticket, pathname, writer.write(file, await response.bytes()));
      // The write was synchronous, and rendering mostly runs on promises: a turn of the event loop lets the workers'
      // replies in (a worker's finished page, or that it is ready), or this thread would keep every page to itself.
      await new Promise(setImmediate);
      return new Response(null, { status: response.status });
    } catch (error) {
      releaseReserved(pathname);
      throw error;
    }
  };
  /**
   * An endpoint's body written here as it streams (page-writer.ts `writeStreamed`), and a response without a body
   * for Astro, which would read it whole first; a redirect, a body-less response, or a path Astro would name
   * otherwise (built-pages.ts `endpointFile`) goes back to Astro as it is.
   */
  const endpointWritten = async (result: Awaited<ReturnType<AstroPrerenderer['render']>>, options: RenderOptions, pathname: string) => {
    const response = result instanceof Response ? result : result.response;
    const file = options.routeData.type === 'endpoint' && !options.collectMetadata ? endpointFile(pathname, base) : undefined;
    if (file === undefined || fromPublic.has(file) || !response.body || (response.status >= 300 && response.status < 400)) return result;
    await writeStreamed(path.join(outDir, ...file.split('/')), response.body);
    return new Response(null, { status: response.status });
  };
  return {
    ...fallback,
    name: 'agent-docs:render-pool',
    async setup() {
      const file = pool && entry();
      const captured = file ? await captureApp(file) : {};
      fromPublic = new Set(await entriesUnder(site.publicDir, (e) => !e.isDirectory()).catch(() => []));
      await fallback.setup?.();
      steps = portableSteps();
      if (steps) writer = new PageWriter(outDir, new Set(steps));
      if (!pool) return;
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
    async render(request, options) {
      const { routeData } = options;
      const pathname = new URL(request.url).pathname;
      // The output file of a page route, which a worker or renderHere can finish; undefined for anything else, and for
      // a file public/ holds (Astro writes nothing over it).
      const output = routeData.type === 'page' && !options.collectMetadata ? outputFile(pathname, base) : undefined;
      const file = output !== undefined && !fromPublic.has(output) ? output : undefined;
      // Taken now, before anything is awaited, as Astro asks for pages in route order: the search index gets them in
      // that order whichever thread finishes first (built-pages.ts).
      const ticket = reserveBuiltPage(pathname);
      // Pagefind's process has too many pages in hand: the next page waits (and with it Astro's next request).
      await pagesBackedUp();
      const worker = file === undefined ? undefined : pool?.free();
      if (!worker || ticket === undefined) return renderHere(request, options, pathname, file, ticket);
      rendered.workers++;
      // An agent page's prompt goes with it, taken from this thread's catalog: each prompt is held by one thread.
      const slug = routeData.route === AGENT_ROUTE ? decodeURIComponent(file!.split('/')[1]!) : undefined;
      const html = slug === undefined ? undefined : takePrompt(slug);
      const prompt = slug !== undefined && html !== undefined ? { slug, html } : undefined;
      try {
        const page = await pool!.render(worker, { url: request.url, route: routeData.route, component: routeData.component, file: file!, ...(prompt ? { prompt } : {}) });
        finishPreparedPage(ticket, pathname, page.values);
        // The worker wrote the page: a response without a body tells Astro there is nothing left to write.
        return new Response(null, { status: page.status });
      } catch (error) {
        if (!(error instanceof WorkerStopped)) {
          releaseReserved(pathname);
          throw error;
        }
        // Its ticket is still reserved for this path: the page is finished here instead.
        if (prompt) givePrompt(prompt.slug, prompt.html);
        rendered.workers--;
        return renderHere(request, options, pathname, file, ticket);
      }
    },
    async teardown() {
      if (pool) logger.info(`${rendered.workers} pages rendered by ${settings.buildWorkers} worker thread(s), ${rendered.main} on the main thread`);
      await pool?.stop();
      await fallback.teardown?.();
    },
  };
}

export default function renderPool(): AstroIntegration {
  let entry: string | undefined;
  let site: Site = { base: '/', outDir: '', publicDir: '' };
  let pool: RenderPool | undefined;
  return {
    name: 'agent-docs:render-pool',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command !== 'build' || !settings.buildWorkers) return;
        updateConfig({ vite: { plugins: [prerenderEntry((file) => (entry = file))] } });
      },
      'astro:config:done': ({ config }) => {
        site = { base: config.base, outDir: fileURLToPath(config.outDir), publicDir: fileURLToPath(config.publicDir) };
      },
      'astro:build:start': ({ setPrerenderer, logger }) => {
        entry = undefined;
        reuseEmptyDigest();
        // Workers when there are any and a catalog to give them, started now so each takes it in while Vite bundles.
        // Without, every page renders and is finished on this thread.
        const started = settings.buildWorkers && hasCatalog() ? new RenderPool(settings.buildWorkers, catalogHandOver(), logger) : undefined;
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
