/**
 * Work on each built page while Astro renders it, instead of reading all of dist/ back afterwards. During
 * `astro build`, integrations register steps here (the CSP check rewrites a page, Pagefind indexes it) and
 * src/middleware.ts hands every prerendered HTML response through them before Astro writes the file. That saves
 * reading and rewriting every page after the build, and lets Pagefind's own process index pages on the second core
 * while the first renders the next ones.
 *
 * The registry lives on `globalThis` because the middleware runs from Astro's prerender bundle, a separate copy
 * of the modules the integrations import. When it is absent (`astro dev`) the middleware does nothing; when a page
 * reaches dist/ without passing here, the first integration to finish (`astro:build:done`) runs the same steps on
 * it from disk (`finishPagesNotSeen`).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { preparePage, type PageStepName, type PageStepValue, type PreparedValues } from './page-steps.ts';

/** A step that may change the page: returns the HTML to write. */
export type Transform = (file: string, html: string) => string;
/** A step that only looks at the final HTML. */
export type Observe = (file: string, html: string) => void;
/** The main-thread half of a prepared step (page-steps.ts): takes the result of its pure half, in page order. */
type Apply = (file: string, value: unknown) => void;

/** A page done with, waiting for the pages before it: its final HTML when observers need it (this thread's pages). */
interface DonePage {
  file: string;
  html?: string;
  values: PreparedValues;
}

interface Pipeline {
  base: string;
  transforms: Transform[];
  observers: Observe[];
  /** Prepared steps by name; their pure halves run where the page was rendered. */
  prepared: Map<PageStepName, Apply>;
  /** Steps that can fall behind the pages (Pagefind's process): each says when rendering should wait for it. */
  backpressure: Array<() => Promise<void> | undefined>;
  /** Output files (relative to outDir, `/` separators) that went through the steps. */
  seen: Set<string>;
  /** Tickets handed out as requests start, the next one observers are waiting for, and those done before it. */
  issued: number;
  next: number;
  done: Map<number, DonePage | undefined>;
  /** Tickets taken for a page before its request reached the middleware (`reserveBuiltPage`), by pathname. */
  reserved: Map<string, number>;
  /** Reserved pages the prerenderer finishes itself (`finishHere`): the middleware passes them through. */
  finishedHere: Set<string>;
  /** The pass over pages that reached dist/ without the middleware (`finishPagesNotSeen`), run once. */
  late?: Promise<number>;
}

const KEY = Symbol.for('agent-docs:built-pages');
type WithPipeline = typeof globalThis & { [KEY]?: Pipeline };

/**
 * Called by each integration at `astro:build:start`; the first call creates the registry (and replaces one a
 * finished build in the same process left behind).
 */
export function registerPageStep(base: string, step: { transform?: Transform; observe?: Observe }): void {
  const pipeline = pipelineFor(base);
  if (step.transform) pipeline.transforms.push(step.transform);
  if (step.observe) pipeline.observers.push(step.observe);
}

/**
 * Registers a step of page-steps.ts: its pure half runs on each page where the page is rendered, and `apply` gets
 * the result here, in page order.
 */
export function registerPreparedStep<N extends PageStepName>(base: string, name: N, apply: (file: string, value: PageStepValue<N>) => void): void {
  pipelineFor(base).prepared.set(name, apply as Apply);
}

function pipelineFor(base: string): Pipeline {
  const global = globalThis as WithPipeline;
  if (!global[KEY] || global[KEY].seen.size) {
    global[KEY] = { base, transforms: [], observers: [], prepared: new Map(), backpressure: [], seen: new Set(), issued: 0, next: 0, done: new Map(), reserved: new Map(), finishedHere: new Set() };
  }
  return global[KEY];
}

/** Registers a step's signal that it has too many pages in hand: `wait` resolves once it has caught up. */
export function registerBackpressure(base: string, wait: () => Promise<void> | undefined): void {
  pipelineFor(base).backpressure.push(wait);
}

/** Resolves once every step has caught up with the pages, or undefined when none is behind (render-pool.ts waits). */
export function pagesBackedUp(): Promise<void> | undefined {
  const pipeline = (globalThis as WithPipeline)[KEY];
  const behind = pipeline?.backpressure.map((wait) => wait()).filter((p) => p !== undefined) ?? [];
  return behind.length ? Promise.all(behind).then(() => undefined) : undefined;
}

/**
 * The steps a page rendered elsewhere (a render worker) must run there, or undefined when a step registered here
 * can only run here: then every page is rendered on this thread.
 */
export function portableSteps(): PageStepName[] | undefined {
  const pipeline = (globalThis as WithPipeline)[KEY];
  if (!pipeline || pipeline.transforms.length || pipeline.observers.length) return undefined;
  return [...pipeline.prepared.keys()];
}

/**
 * Where Astro writes the page for `pathname` with `build.format: 'directory'`: `/base/a/b/` → `a/b/index.html`,
 * `/base/` → `index.html`, `/base/404` → `404.html`; undefined outside the base.
 */
export function outputFile(pathname: string, base: string): string | undefined {
  const root = base.endsWith('/') ? base : `${base}/`;
  const full = pathname.endsWith('/') || pathname.endsWith('.html') ? pathname : `${pathname}/`;
  if (!full.startsWith(root)) return undefined;
  const rel = full.slice(root.length);
  if (rel.endsWith('.html')) return rel;
  return rel === '404/' ? '404.html' : `${rel}index.html`;
}

/** Every HTML file under `outDir`, relative to it with `/` separators, sorted. */
export async function builtHtmlFiles(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.relative(outDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * The built pages the steps did not see (another integration wrote them, or the middleware did not run), to be
 * processed from disk. Fails when the steps saw a page that is not in dist/: `outputFile` guessed a wrong name.
 */
export async function pagesNotSeen(outDir: string): Promise<string[]> {
  const files = await builtHtmlFiles(outDir);
  const seen = (globalThis as WithPipeline)[KEY]?.seen ?? new Set<string>();
  const onDisk = new Set(files);
  const missing = [...seen].filter((file) => !onDisk.has(file));
  if (missing.length) throw new Error(`built-pages: pages processed during the build are not in ${outDir}: ${missing.slice(0, 5).join(', ')}`);
  return files.filter((file) => !seen.has(file));
}

/**
 * The middleware's first part, as a request starts: a ticket that orders what observers see. Astro renders several
 * pages at once (`build.concurrency`) and they finish in any order, but it starts them in route order; observers
 * get pages in that order, so the search index comes out the same on every build.
 */
export function beginBuiltPage(pathname?: string): number | undefined {
  const pipeline = (globalThis as WithPipeline)[KEY];
  if (!pipeline) return undefined;
  if (pathname !== undefined && pipeline.finishedHere.delete(pathname)) return undefined;
  const reserved = pathname === undefined ? undefined : pipeline.reserved.get(pathname);
  if (reserved === undefined) return pipeline.issued++;
  pipeline.reserved.delete(pathname!);
  return reserved;
}

/**
 * A ticket taken as Astro asks for the page (in route order, render-pool.ts), for its request to claim in the
 * middleware (`beginBuiltPage(pathname)`) or, rendered by a worker, to hand back with `finishPreparedPage`.
 * Whichever thread renders a page, it reaches the observers in the order Astro asked for it.
 */
export function reserveBuiltPage(pathname: string): number | undefined {
  const pipeline = (globalThis as WithPipeline)[KEY];
  if (!pipeline) return undefined;
  const ticket = pipeline.issued++;
  pipeline.reserved.set(pathname, ticket);
  return ticket;
}

/**
 * Says the prerenderer finishes the reserved page itself on this thread, as a worker would (`finishPreparedPage`, or
 * `releaseReserved` when it is no page): its request then passes the middleware untouched.
 */
export function finishHere(pathname: string): void {
  (globalThis as WithPipeline)[KEY]?.finishedHere.add(pathname);
}

/** Hands back a reserved ticket no request claimed (the route wrote no page), so the pages after it are not held up. */
export function releaseReserved(pathname: string): void {
  const pipeline = (globalThis as WithPipeline)[KEY];
  pipeline?.finishedHere.delete(pathname);
  const ticket = pipeline?.reserved.get(pathname);
  if (ticket === undefined) return;
  pipeline!.reserved.delete(pathname);
  runSteps(pipeline!, ticket, undefined, undefined);
}

/**
 * A page rendered, and its prepared steps run, on another thread (which wrote its final HTML): their results, taken in
 * page order like any other page's. Only when no plain transform or observer is registered (`portableSteps`).
 */
export function finishPreparedPage(ticket: number, pathname: string, values: PreparedValues): void {
  const pipeline = (globalThis as WithPipeline)[KEY];
  if (!pipeline) return;
  pipeline.reserved.delete(pathname);
  pipeline.finishedHere.delete(pathname);
  const file = outputFile(pathname, pipeline.base);
  if (file !== undefined) pipeline.seen.add(file);
  settle(pipeline, ticket, file === undefined ? undefined : { file, values });
}

/**
 * The middleware's second part: the page's final HTML (transforms run at once), or undefined when no build is
 * registered or the response is not a page of this build. Every ticket must come back here, with `html` or
 * without (not a page), or the observers would wait for it forever.
 */
export function processBuiltPage(ticket: number, pathname: string, html?: string): string | undefined {
  const pipeline = (globalThis as WithPipeline)[KEY];
  if (!pipeline) return undefined;
  const file = html === undefined ? undefined : outputFile(pathname, pipeline.base);
  return runSteps(pipeline, ticket, file, html);
}

/** Transforms now; observers in ticket order. Returns the page's final HTML, undefined when it is not a page. */
function runSteps(pipeline: Pipeline, ticket: number, file: string | undefined, html: string | undefined): string | undefined {
  if (file === undefined || html === undefined) {
    settle(pipeline, ticket, undefined);
    return undefined;
  }
  let out = html;
  for (const transform of pipeline.transforms) out = transform(file, out);
  const prepared = preparePage(new Set(pipeline.prepared.keys()), file, out);
  pipeline.seen.add(file);
  settle(pipeline, ticket, pipeline.observers.length ? { file, html: prepared.html, values: prepared.values } : { file, values: prepared.values });
  return prepared.html;
}

/** Records a ticket as done and hands every page now in order to the observers and the prepared steps. */
function settle(pipeline: Pipeline, ticket: number, page: DonePage | undefined): void {
  pipeline.done.set(ticket, page);
  for (; pipeline.done.has(pipeline.next); pipeline.next++) {
    const done = pipeline.done.get(pipeline.next);
    pipeline.done.delete(pipeline.next);
    if (!done) continue;
    for (const observe of pipeline.observers) observe(done.file, done.html!);
    for (const [name, apply] of pipeline.prepared) apply(done.file, done.values[name]);
  }
}

/**
 * Runs the steps on the built pages the middleware did not see, reading them from dist/ and writing back what a
 * transform changed; returns how many there were. Every integration calls it at `astro:build:done` and the first
 * call does the work, so each late page is read once and checked before it is indexed.
 */
export function finishPagesNotSeen(outDir: string): Promise<number> {
  const pipeline = (globalThis as WithPipeline)[KEY];
  if (!pipeline) return Promise.resolve(0);
  pipeline.late ??= (async () => {
    const late = await pagesNotSeen(outDir);
    for (const file of late) {
      const full = path.join(outDir, ...file.split('/'));
      const html = await readFile(full, 'utf8');
      const out = runSteps(pipeline, pipeline.issued++, file, html);
      if (out !== html) await writeFile(full, out!);
    }
    return late.length;
  })();
  return pipeline.late;
}
