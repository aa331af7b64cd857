/**
 * Work on each built page where it renders, instead of reading all of dist/ back afterwards. During `astro build`,
 * integrations register steps here (the CSP check completes each page's policy, Pagefind indexes it: page-steps.ts)
 * and the render pool (render-pool.ts) runs them on each page as it renders, on the main thread or a worker, and
 * hands their results here in the order Astro asked for the pages. That saves reading and rewriting every page after
 * the build, and lets Pagefind's own process index pages while the next ones render.
 *
 * The registry is this module's: the integrations that register steps and the render pool are all loaded from
 * astro.config.mjs, one copy of each module. A page that reached dist/ without the render pool (a transform or an
 * observer that can only run here, or an Astro without prerenderers) goes through the same steps from disk when the
 * build is done (`finishPagesNotSeen`).
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pageBytes, pageBytesText, preparePage, type PageStepName, type PageStepValue, type PreparedValues } from './page-steps.ts';

/** A step that may change the page: returns the HTML to write. Steps get a page as its bytes (page-steps.ts `pageBytesText`). */
export type Transform = (file: string, html: string) => string;
/** A step that only looks at the final HTML (as its bytes, like a transform). */
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
  /** Tickets handed out as Astro asks for pages, the next one observers are waiting for, and those done before it. */
  issued: number;
  next: number;
  done: Map<number, DonePage | undefined>;
  /** Tickets taken for pages being rendered (`reserveBuiltPage`), by pathname. */
  reserved: Map<string, number>;
  /** The pass over pages that reached dist/ without the steps (`finishPagesNotSeen`), run once. */
  late?: Promise<number>;
}

/** The build in progress (or the last one: the next build's first registration replaces it). */
let current: Pipeline | undefined;

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
  if (!current || current.seen.size) {
    current = { base, transforms: [], observers: [], prepared: new Map(), backpressure: [], seen: new Set(), issued: 0, next: 0, done: new Map(), reserved: new Map() };
  }
  return current;
}

/** Registers a step's signal that it has too many pages in hand: `wait` resolves once it has caught up. */
export function registerBackpressure(base: string, wait: () => Promise<void> | undefined): void {
  pipelineFor(base).backpressure.push(wait);
}

/** Resolves once every step has caught up with the pages, or undefined when none is behind (render-pool.ts waits). */
export function pagesBackedUp(): Promise<void> | undefined {
  const pipeline = current;
  const behind = pipeline?.backpressure.map((wait) => wait()).filter((p) => p !== undefined) ?? [];
  return behind.length ? Promise.all(behind).then(() => undefined) : undefined;
}

/**
 * The steps a page rendered elsewhere (a render worker) must run there, or undefined when a step registered here
 * can only run here: then every page is rendered on this thread.
 */
export function portableSteps(): PageStepName[] | undefined {
  const pipeline = current;
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

/**
 * Where Astro writes an endpoint's body for `pathname`: the path itself under the base (`/base/a/b.json` →
 * `a/b.json`). Undefined outside the base, for a path ending in `/`, and for one with a `%` escape, which Astro's
 * file URL may decode otherwise than a request's: those Astro writes itself.
 */
export function endpointFile(pathname: string, base: string): string | undefined {
  const root = base.endsWith('/') ? base : `${base}/`;
  if (!pathname.startsWith(root) || pathname.endsWith('/') || pathname.includes('%')) return undefined;
  const rel = pathname.slice(root.length);
  return rel.split('/').some((s) => s === '' || s === '.' || s === '..') ? undefined : rel;
}

/** The entries under `dir` that `keep` takes, relative to it with `/` separators, sorted. */
export async function entriesUnder(dir: string, keep: (entry: Dirent) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter(keep)
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** Every HTML file under `outDir`, relative to it with `/` separators, sorted. */
export const builtHtmlFiles = (outDir: string): Promise<string[]> => entriesUnder(outDir, (e) => e.isFile() && e.name.endsWith('.html'));

/**
 * The built pages the steps did not see (another integration wrote them, or the render pool did not finish them), to
 * be processed from disk. Fails when the steps saw a page that is not in dist/: `outputFile` guessed a wrong name.
 */
export async function pagesNotSeen(outDir: string): Promise<string[]> {
  const files = await builtHtmlFiles(outDir);
  const seen = current?.seen ?? new Set<string>();
  const onDisk = new Set(files);
  const missing = [...seen].filter((file) => !onDisk.has(file));
  if (missing.length) throw new Error(`built-pages: pages processed during the build are not in ${outDir}: ${missing.slice(0, 5).join(', ')}`);
  return files.filter((file) => !seen.has(file));
}

/**
 * A ticket taken as Astro asks for the page (render-pool.ts): Astro renders several pages at once
 * (`build.concurrency`) and they finish in any order, on any thread, but it asks for them in route order. Handed back
 * with `finishPreparedPage` (a page) or `releaseReserved` (no page), the pages reach the steps in that order, so the
 * search index comes out the same on every build.
 */
export function reserveBuiltPage(pathname: string): number | undefined {
  const pipeline = current;
  if (!pipeline) return undefined;
  const ticket = pipeline.issued++;
  pipeline.reserved.set(pathname, ticket);
  return ticket;
}

/** Hands back a reserved ticket that made no page (an endpoint, a redirect, a failure), so the pages after it are not held up. */
export function releaseReserved(pathname: string): void {
  const pipeline = current;
  const ticket = pipeline?.reserved.get(pathname);
  if (ticket === undefined) return;
  pipeline!.reserved.delete(pathname);
  settle(pipeline!, ticket, undefined);
}

/**
 * A page rendered and its prepared steps run (page-writer.ts, on this thread or a worker, which wrote its final HTML):
 * their results, taken in page order. Only when no plain transform or observer is registered (`portableSteps`).
 */
export function finishPreparedPage(ticket: number, pathname: string, values: PreparedValues): void {
  const pipeline = current;
  if (!pipeline) return;
  pipeline.reserved.delete(pathname);
  const file = outputFile(pathname, pipeline.base);
  if (file !== undefined) pipeline.seen.add(file);
  settle(pipeline, ticket, file === undefined ? undefined : { file, values });
}

/** Transforms now; observers in ticket order. Returns the page's final HTML. */
function runSteps(pipeline: Pipeline, ticket: number, file: string, html: string): string {
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
 * Runs the steps on the built pages the render pool did not finish, reading them from dist/ and writing back what a
 * transform changed; returns how many there were. Every integration calls it at `astro:build:done` and the first
 * call does the work, so each late page is read once and checked before it is indexed.
 */
export function finishPagesNotSeen(outDir: string): Promise<number> {
  const pipeline = current;
  if (!pipeline) return Promise.resolve(0);
  pipeline.late ??= (async () => {
    const late = await pagesNotSeen(outDir);
    for (const file of late) {
      const full = path.join(outDir, ...file.split('/'));
      const page = pageBytesText(await readFile(full));
      const out = runSteps(pipeline, pipeline.issued++, file, page);
      if (out !== page) await writeFile(full, pageBytes(out));
    }
    return late.length;
  })();
  return pipeline.late;
}
