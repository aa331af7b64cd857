/**
 * `npm run bench [-- --agents N] [--keep] [--lighthouse] [--cpu-prof]`: how the site scales with the catalog.
 *
 * Generates N agent files (the seed catalog in agents/ plus deterministic synthetic ones, N in all), builds the site
 * from them in a child process, and prints each phase's wall time, peak memory, output size, page weights, what one
 * search fetches from Pagefind and how soon its results show, and `npm run check` time over 2,000 files; then every
 * figure against its budget (scripts/budgets.ts), exiting 1 when one is missed.
 *
 * With N above 1,000 the bench builds 1,000 agents first, in the same run: the larger catalog's budget compares its
 * time per agent with the 1,000-agent build's, and both should see the same machine load (a figure stored from
 * another day would compare two different machines' moods).
 *
 * Everything goes to a fresh /tmp/bench-* folder (removed unless --keep): the catalogs, each build's output and its
 * own content-layer cache (a config wrapper sets `cacheDir`), so every build starts cold and never touches the
 * shared dist/ or node_modules/.astro of a tree others build in. --cpu-prof writes V8 CPU profiles of each build
 * there and prints where the time went. --lighthouse needs lighthouse installed (`npm i -D -E lighthouse@12.2.3`, or
 * LIGHTHOUSE_CLI=…/lighthouse/cli/index.js) and runs it, mobile profile, on the home page and an agent page.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import { freePort } from './free-port.ts';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { generateAgent, generateCatalog } from './generate-agents.ts';
import {
  agentPageChecks, BASELINE_AGENTS, BUDGET_AGENT, BUDGETS, CHECK_FILES, fileForUrl, formatBudget, formatValue,
  weighPage, withinBudget, type BudgetId, type PageWeight, type Unit,
} from './budgets.ts';

const ROOT = process.cwd();
const SEED = path.join(ROOT, 'agents');
const ASTRO = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');
const TIME = '/usr/bin/time';
/** A word every catalog has (a seed agent's name and a synthetic verb) and a second one for the warm search. */
const QUERIES = ['review', 'deploy'] as const;
const SEARCH_RUNS = 3;
/** Keys 100 ms apart: a fast typist, and slower than the search's 80 ms debounce, so prefixes do search. */
const KEY_DELAY_MS = 100;

const log = (message = '') => console.log(message);
const loadAverage = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');
const ms = (value: number) => formatValue('ms', value);
const bytes = (value: number) => formatValue('bytes', value);

// ── Running a child and watching it ──────────────────────────────────────────────────────────────────────────────

interface Line {
  /** ms since the child started, when the line arrived. */
  at: number;
  text: string;
}

interface RunResult {
  code: number;
  wallMs: number;
  lines: Line[];
  stdout: string;
  /** From /usr/bin/time, when the machine has it. */
  cpuMs?: number;
  maxRss?: number;
  /** Process-tree RSS, sampled from /proc every 100 ms (Linux). */
  treePeak?: number;
}

/** Peak RSS of a process tree: the sum over live descendants, sampled, and the largest single VmHWM seen. */
function watchMemory(rootPid: number, everyMs = 100): () => { tree: number; process: number } | undefined {
  if (!existsSync('/proc/self/status')) return () => undefined;
  let tree = 0;
  let single = 0;
  const kb = (status: string, key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) * 1024;
  const sample = () => {
    const children = new Map<number, number[]>();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const text = readFileSync(`/proc/${name}/stat`, 'utf8');
        const ppid = Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]);
        children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
      } catch {
        // The process ended between readdir and read.
      }
    }
    let sum = 0;
    for (const queue = [rootPid]; queue.length; ) {
      const pid = queue.pop()!;
      queue.push(...(children.get(pid) ?? []));
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        sum += kb(status, 'VmRSS');
        single = Math.max(single, kb(status, 'VmHWM'));
      } catch {
        // Gone.
      }
    }
    tree = Math.max(tree, sum);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return () => {
    clearInterval(timer);
    return { tree: Math.max(tree, single), process: single };
  };
}

/**
 * Runs `command` (under /usr/bin/time when present, for CPU time and peak RSS), timestamps every output line as it
 * arrives, and samples the tree's memory. Never rejects: a command that cannot start has code 127.
 */
async function runWatched(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; echo?: (line: Line) => void; dir: string; cwd?: string },
): Promise<RunResult> {
  const timeFile = path.join(options.dir, `time-${process.hrtime.bigint()}.txt`);
  const timed = existsSync(TIME);
  // TIMEFMT adds fields after the four read here (e.g. "%e %U %S %M %R %c": page faults, context switches).
  const [file, argv] = timed ? [TIME, ['-f', process.env.TIMEFMT ?? '%e %U %S %M', '-o', timeFile, command, ...args]] : [command, args];
  const started = performance.now();
  const child = spawn(file, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stopWatching = child.pid ? watchMemory(child.pid) : () => undefined;
  const lines: Line[] = [];
  const chunks: Buffer[] = [];
  const split = (stream: NodeJS.ReadableStream, keep: boolean) => {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      if (keep) chunks.push(chunk);
      const at = performance.now() - started;
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop()!;
      for (const text of parts) {
        const line = { at, text: text.replace(/\x1b\[[\d;]*m/g, '') }; // eslint-disable-line no-control-regex
        lines.push(line);
        options.echo?.(line);
      }
    });
  };
  split(child.stdout!, true);
  split(child.stderr!, false);
  const code = await new Promise<number>((resolve) => {
    child.on('error', () => resolve(127));
    child.on('close', (status, signal) => resolve(signal ? 1 : (status ?? 1)));
  });
  const wallMs = performance.now() - started;
  const memory = stopWatching();
  const result: RunResult = { code, wallMs, lines, stdout: Buffer.concat(chunks).toString('utf8'), treePeak: memory?.tree };
  if (timed) {
    const figures = (await readFile(timeFile, 'utf8').catch(() => '')).trim().split('\n').pop()?.split(' ').slice(0, 4).map(Number);
    if (figures?.length === 4 && figures.every(Number.isFinite)) {
      result.cpuMs = (figures[1] + figures[2]) * 1000;
      result.maxRss = figures[3] * 1024;
    }
  }
  return result;
}

// ── Building ─────────────────────────────────────────────────────────────────────────────────────────────────────

export interface Phases {
  /** Process start to the first content-layer line: Node, Astro and the config loading. */
  startup?: number;
  /** Content layer sync: `Syncing content` → `Synced content`, and the loader's own figure. */
  contentSync?: number;
  loader?: number;
  /** Types, Vite's server and client builds: `Synced content` → `generating static routes`. */
  bundling?: number;
  /** Astro's own `✓ Completed in` after `generating static routes`. */
  pageGeneration?: number;
  routes?: number;
  /** Pagefind's `indexed N pages in X ms` (src/integrations/pagefind.ts). */
  searchIndex?: number;
  indexedPages?: number;
}

/** Astro's getTimeStat: `850ms`, `12.34s` or `7m 3s`. */
function duration(text: string): number | undefined {
  const match = text.match(/(?:(\d+)m )?([\d.]+)(ms|s)\b/);
  if (!match) return undefined;
  return Number(match[1] ?? 0) * 60_000 + Number(match[2]) * (match[3] === 's' ? 1000 : 1);
}

/** Reads the phases from Astro's log lines and the times they arrived. */
export function parsePhases(lines: Line[]): Phases {
  const phases: Phases = {};
  const at = (pattern: RegExp) => lines.find((line) => pattern.test(line.text))?.at;
  const syncStart = at(/\[content\] Syncing content/);
  const synced = at(/\[content\] Synced content/);
  const generating = lines.findIndex((line) => /generating static routes/.test(line.text));
  if (syncStart !== undefined) phases.startup = syncStart;
  if (syncStart !== undefined && synced !== undefined) phases.contentSync = synced - syncStart;
  if (synced !== undefined && generating >= 0) phases.bundling = lines[generating].at - synced;
  if (generating >= 0) {
    const routeLines = lines.slice(generating).filter((line) => /^\S+\s+[├└]─ /.test(line.text));
    phases.routes = routeLines.length;
    const done = lines.slice(generating).find((line) => /✓ Completed in/.test(line.text));
    const took = done?.text.split('Completed in ')[1];
    if (took) phases.pageGeneration = duration(took);
  }
  for (const { text } of lines) {
    const loader = text.match(/\[agent-docs:agents\] \d+ agents.* in (\d+) ms/);
    if (loader) phases.loader = Number(loader[1]);
    const index = text.match(/indexed (\d+) pages.* in (\d+) ms/);
    if (index) [phases.indexedPages, phases.searchIndex] = [Number(index[1]), Number(index[2])];
  }
  return phases;
}

export interface BuildOptions {
  agentsDir: string;
  outDir: string;
  /** Holds the config wrapper and Astro's content-layer cache for this build. */
  workDir: string;
  env?: Record<string, string>;
  /** Folder for V8 CPU profiles of the build (node --cpu-prof). */
  cpuProfDir?: string;
  /** Keep what an earlier build in the same folder cached (link-preview cards): a rebuild, not a fresh clone's build. */
  warm?: boolean;
  echo?: (line: Line) => void;
}

export interface BuildResult extends RunResult {
  phases: Phases;
}

/**
 * Makes `dir` a stand-in working directory for a build of this project (links to src/, package.json and each
 * package in node_modules/, but its own node_modules/.cache). The build runs there with `--root` pointing back:
 * - Astro writes its prerender bundle to `<outDir>/.prerender/` only when outDir is inside the working directory,
 *   else to `<cwd>/.astro/.prerender/`, which every other build of the tree to an outside folder shares (and
 *   deletes mid-build); that bundle imports the project's packages by name, hence the links;
 * - src/og reads its fonts relative to the working directory: the links find them; the private
 *   node_modules/.cache keeps each bench build cold for anything a package caches there.
 */
async function mirrorProject(dir: string): Promise<void> {
  const modules = path.join(dir, 'node_modules');
  if (existsSync(modules)) return;
  await mkdir(modules, { recursive: true });
  for (const name of await readdir(path.join(ROOT, 'node_modules'))) {
    if (!name.startsWith('.')) await symlink(path.join(ROOT, 'node_modules', name), path.join(modules, name));
  }
  for (const name of ['src', 'package.json']) await symlink(path.join(ROOT, name), path.join(dir, name));
}

/**
 * `AGENTS_DIR=<agentsDir> astro build --outDir <outDir>` in a child process, with a config that wraps the project's
 * and points `cacheDir` into `workDir`: the build starts with an empty content store and cannot race other builds
 * of the same tree over node_modules/.astro.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const config = path.join(options.workDir, 'astro.config.mjs');
  const cacheDir = path.join(options.workDir, 'astro-cache');
  await rm(cacheDir, { recursive: true, force: true });
  await writeFile(
    config,
    `// Written by scripts/bench.ts: the project's config with private caches (content layer, Vite).\n` +
      `import config from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'astro.config.mjs')).href)};\n` +
      `export default {\n` +
      `  ...config,\n` +
      `  cacheDir: ${JSON.stringify(cacheDir + path.sep)},\n` +
      `  vite: { ...config.vite, cacheDir: ${JSON.stringify(path.join(cacheDir, 'vite'))} },\n` +
      `};\n`,
  );
  const cwd = path.dirname(options.outDir);
  await mirrorProject(cwd);
  // Cold, like a fresh clone: nothing an earlier build cached.
  if (!options.warm) await rm(path.join(cwd, 'node_modules/.cache'), { recursive: true, force: true });
  const nodeFlags = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  // Astro joins --config onto the root, so it must be relative.
  const args = [...nodeFlags, ASTRO, 'build', '--root', ROOT, '--config', path.relative(ROOT, config), '--outDir', options.outDir];
  const env = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    PATH: [path.join(ROOT, 'node_modules/node/bin'), path.join(ROOT, 'node_modules/.bin'), process.env.PATH].join(path.delimiter),
    AGENTS_DIR: options.agentsDir,
    ...options.env,
  };
  const result = await runWatched(process.execPath, args, { env, echo: options.echo, dir: options.workDir, cwd });
  return { ...result, phases: parsePhases(result.lines) };
}

async function folderSize(dir: string): Promise<{ bytes: number; files: number }> {
  let total = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    total += (await stat(path.join(entry.parentPath, entry.name))).size;
    files++;
  }
  return { bytes: total, files };
}

// ── Serving the output ───────────────────────────────────────────────────────────────────────────────────────────

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8', '.wasm': 'application/wasm', '.png': 'image/png', '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};
/** Text that a host would gzip; Pagefind's own files (.pf_*, wasm.*.pagefind) are gzip inside already. */
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.xml', '.txt', '.md', '.webmanifest']);

interface Served {
  path: string;
  bytes: number;
  /** performance.now() when it was sent. */
  at: number;
}

interface SiteServer {
  origin: string;
  base: string;
  served: Served[];
  close(): Promise<void>;
}


/** A static host for the build on 127.0.0.1: base path, `dir/` → `dir/index.html`, gzip for text, 404.html. */
function serve(outDir: string, base: string, port: number): Promise<SiteServer> {
  const served: Served[] = [];
  const gzipped = new Map<string, Buffer>();
  const server = http.createServer(async (request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://x').pathname;
    let file = pathname.startsWith(base) ? fileForUrl(outDir, pathname, base) : undefined;
    let status = 200;
    if (file && !path.extname(file) && existsSync(path.join(file, 'index.html'))) file = path.join(file, 'index.html');
    let body = file && existsSync(file) && (await stat(file)).isFile() ? await readFile(file) : undefined;
    if (!body) {
      status = 404;
      file = path.join(outDir, '404.html');
      body = existsSync(file) ? await readFile(file) : Buffer.from('not found');
    }
    const ext = path.extname(file!).toLowerCase();
    const headers: http.OutgoingHttpHeaders = { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      if (!gzipped.has(file!)) gzipped.set(file!, gzipSync(body));
      body = gzipped.get(file!)!;
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = body.length;
    served.push({ path: pathname, bytes: body.length, at: performance.now() });
    response.writeHead(status, headers).end(request.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        origin: `http://127.0.0.1:${port}`,
        base,
        served,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}

// ── Measuring search in Chromium ─────────────────────────────────────────────────────────────────────────────────

interface SearchFigures {
  /** First results after the last keystroke of the first query, typed right after opening the search (Pagefind
   * loads meanwhile), on a fresh page: one per run. The budgeted figure: what a visitor's first search feels like. */
  first: number[];
  /** The first query typed once Pagefind has loaded (its index chunks and fragments still to fetch). */
  ready: number[];
  /** A second query on the same page (Pagefind warm). */
  next: number[];
  /** Bytes under /pagefind/ from page load to the first query's results, and the requests by kind. */
  pagefindBytes: number;
  pagefindRequests: Map<string, { count: number; bytes: number }>;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

function pagefindKind(file: string): string {
  if (/\.pf_fragment$/.test(file)) return 'fragments';
  if (/\.pf_index$/.test(file)) return 'index chunks';
  if (/\.pf_filter$/.test(file)) return 'filters';
  if (/\.pf_meta$/.test(file)) return 'metadata';
  if (/wasm\./.test(file)) return 'wasm';
  return path.basename(file);
}

/** Installs, in the page, a record of keydown times and of the times results are added to the list. */
const RECORDER = () => {
  const record = { keys: [] as number[], results: [] as number[] };
  (window as unknown as { __bench: typeof record }).__bench = record;
  document.addEventListener('keydown', () => record.keys.push(performance.now()), true);
  const list = document.querySelector('dialog [data-search-results]')!;
  new MutationObserver((mutations) => {
    const now = performance.now();
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) if (node instanceof Element && node.matches('.ad-search-result')) return void record.results.push(now);
    }
  }).observe(list, { childList: true });
};

type Page = import('playwright').Page;

/** Types `query` into the focused search field and resolves with ms from its last keydown to results in the DOM. */
async function typeAndTime(page: Page, query: string): Promise<number> {
  const before = await page.evaluate(() => (window as any).__bench.keys.length as number);
  await page.keyboard.type(query, { delay: KEY_DELAY_MS });
  const lastKey = await page.evaluate((from) => (window as any).__bench.keys.slice(from).pop() as number, before);
  // Any results added after the last keystroke are this query's: the controller drops superseded searches.
  const shown = await page.waitForFunction((after) => (window as any).__bench.results.find((t: number) => t > after) as number | undefined, lastKey, {
    timeout: 20_000,
    polling: 50,
  });
  return ((await shown.jsonValue()) as number) - lastKey;
}

async function measureSearch(server: SiteServer, executablePath: string, args: readonly string[]): Promise<SearchFigures> {
  const { chromium } = await import('playwright');
  const browser = await chromium.launch({ executablePath, args: [...args] });
  const figures: SearchFigures = { first: [], ready: [], next: [], pagefindBytes: 0, pagefindRequests: new Map() };
  const bundle = `${server.base}pagefind/`;
  /** Resolves once Pagefind's files have been fetched and nothing more came for `quietMs`. */
  const pagefindSettled = async (since: number, quietMs = 400) => {
    for (const started = performance.now(); performance.now() - started < 20_000; await new Promise((r) => setTimeout(r, 50))) {
      const fetched = server.served.slice(since).filter((s) => s.path.startsWith(bundle));
      if (fetched.length && performance.now() - fetched[fetched.length - 1].at > quietMs) return;
    }
    throw new Error('Pagefind did not load within 20 s of opening the search');
  };
  /** A fresh visitor (empty cache) on the home page, search opened with `/`. */
  const visit = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.origin}${server.base}`, { waitUntil: 'load' });
    await page.waitForSelector('[data-search-open]'); // the trigger upgraded: search.ts has run
    await page.evaluate(RECORDER);
    const since = server.served.length;
    await page.keyboard.press('/');
    return { context, page, since };
  };
  try {
    for (let run = 0; run < SEARCH_RUNS; run++) {
      // The query typed as soon as the search opens: Pagefind loads while the visitor types.
      const typed = await visit();
      figures.first.push(await typeAndTime(typed.page, QUERIES[0]));
      if (run === 0) {
        for (const { path: file, bytes: size } of server.served.slice(typed.since)) {
          if (!file.startsWith(bundle)) continue;
          const kind = pagefindKind(file);
          const entry = figures.pagefindRequests.get(kind) ?? { count: 0, bytes: 0 };
          figures.pagefindRequests.set(kind, { count: entry.count + 1, bytes: entry.bytes + size });
          figures.pagefindBytes += size;
        }
      }
      await typed.page.keyboard.press('Control+A');
      figures.next.push(await typeAndTime(typed.page, QUERIES[1]));
      await typed.context.close();

      // The same query typed once Pagefind has loaded: what is left is its index chunks, the search and fragments.
      const waited = await visit();
      await pagefindSettled(waited.since);
      figures.ready.push(await typeAndTime(waited.page, QUERIES[0]));
      await waited.context.close();
    }
  } finally {
    await browser.close();
  }
  return figures;
}

// ── Lighthouse ───────────────────────────────────────────────────────────────────────────────────────────────────

const LIGHTHOUSE_CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

function lighthouseCli(): string | undefined {
  if (process.env.LIGHTHOUSE_CLI) return process.env.LIGHTHOUSE_CLI;
  try {
    return path.join(path.dirname(createRequire(import.meta.url).resolve('lighthouse/package.json')), 'cli/index.js');
  } catch {
    return undefined;
  }
}

async function lighthouse(cli: string, url: string, chrome: string, dir: string): Promise<Record<string, number> | string> {
  const output = path.join(dir, `lighthouse-${Date.now()}.json`);
  const run = await runWatched(
    process.execPath,
    [cli, url, '--output=json', `--output-path=${output}`, '--quiet', '--chrome-flags=--headless=new --no-sandbox --disable-gpu', `--only-categories=${LIGHTHOUSE_CATEGORIES.join(',')}`],
    { env: { ...process.env, CHROME_PATH: chrome }, dir },
  );
  if (run.code !== 0) return `lighthouse exited ${run.code}: ${run.lines.slice(-3).map((l) => l.text).join(' / ')}`;
  const report = JSON.parse(await readFile(output, 'utf8')) as { categories: Record<string, { score: number | null }> };
  return Object.fromEntries(LIGHTHOUSE_CATEGORIES.map((id) => [id, Math.round((report.categories[id]?.score ?? 0) * 100)]));
}

// ── CPU profiles ─────────────────────────────────────────────────────────────────────────────────────────────────

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

/** Where a sampled function lives: an npm package, a project file, or V8's buckets. */
function area(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const file = url.replace(/^file:\/\//, '');
  const pkg = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/);
  if (pkg) return pkg[1];
  if (file.startsWith('node:')) return 'node internals';
  if (file.startsWith(ROOT)) return path.relative(ROOT, file);
  return file;
}

/** Self time by area and by function over every profile in `dir`, as lines to print. */
export async function summariseProfiles(dir: string, top = 12): Promise<string[]> {
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const name of (await readdir(dir).catch(() => [])).filter((n) => n.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    profile.samples.forEach((id, i) => {
      const frame = nodes.get(id)!;
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      total += dt;
      const where = area(frame.url, frame.functionName);
      byArea.set(where, (byArea.get(where) ?? 0) + dt);
      const fn = `${frame.functionName || '(anonymous)'} ${where}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
    });
  }
  const rows = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, t]) => `    ${ms(t).padStart(8)}  ${((t / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
  return [`  CPU profile (${dir}): ${ms(total)} sampled`, '  self time by package / file:', ...rows(byArea), '  self time by function:', ...rows(byFunction)];
}

// ── One catalog size ─────────────────────────────────────────────────────────────────────────────────────────────

interface SizeResult {
  agents: number;
  loadAtStart: string;
  build: BuildResult;
  output?: { bytes: number; files: number; pagefind: number };
  home?: PageWeight;
  agent?: PageWeight;
  generated?: PageWeight;
  search?: SearchFigures | string;
  lighthouse?: Record<string, Record<string, number> | string>;
  profile?: string[];
}

interface Flags {
  agents: number;
  keep: boolean;
  lighthouse: boolean;
  cpuProf: boolean;
  verbose: boolean;
}

async function benchSize(agents: number, work: string, flags: Flags, lighthouseRun: boolean): Promise<SizeResult> {
  const agentsDir = path.join(work, `agents-${agents}`);
  const catalog = await generateCatalog(agents, agentsDir, { include: SEED });
  log(`\n── ${agents} agents ── ${catalog.included.length} seed + ${catalog.generated} generated (${bytes(catalog.bytes)} generated) in ${agentsDir}`);
  const outDir = path.join(work, `dist-${agents}`);
  const port = await freePort();
  const base = '/';
  const loadAtStart = loadAverage();
  log(`building… (load average ${loadAtStart})`);
  const cpuProfDir = flags.cpuProf ? path.join(work, `cpu-prof-${agents}`) : undefined;
  const build = await buildSite({
    agentsDir,
    outDir,
    workDir: work,
    cpuProfDir,
    // Canonical links and install commands name the host the pages are served from (Lighthouse checks them).
    env: { SITE_URL: `http://127.0.0.1:${port}`, BASE_PATH: base },
    echo: flags.verbose ? (line) => log(`  | ${line.text}`) : undefined,
  });
  const result: SizeResult = { agents, loadAtStart, build };
  if (build.code !== 0) {
    log(`build failed (exit ${build.code}); its last lines:`);
    for (const line of build.lines.slice(-25)) log(`  | ${line.text}`);
    return result;
  }
  const size = await folderSize(outDir);
  result.output = { ...size, pagefind: (await folderSize(path.join(outDir, 'pagefind')).catch(() => ({ bytes: 0 }))).bytes };
  const generatedSlug = catalog.generated ? path.basename(generateAgent(0).file, '.md') : undefined;
  result.home = await weighPage(outDir, '/', base);
  result.agent = await weighPage(outDir, `/agents/${BUDGET_AGENT}/`, base).catch(() => undefined);
  if (generatedSlug) result.generated = await weighPage(outDir, `/agents/${generatedSlug}/`, base).catch(() => undefined);
  if (cpuProfDir) result.profile = await summariseProfiles(cpuProfDir);

  const { locateChromium, CHROMIUM_ARGS } = await import('./browser.ts');
  const chrome = locateChromium();
  const server = await serve(outDir, base, port);
  try {
    if (!chrome) result.search = 'no Chromium (apt-get install -y chromium, or set PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH)';
    else result.search = await measureSearch(server, chrome, CHROMIUM_ARGS).catch((error: Error) => `search not measured: ${error.message.split('\n')[0]}`);
    if (lighthouseRun) {
      const cli = lighthouseCli();
      result.lighthouse = {};
      for (const [name, page] of [['home', base], [`agent ${BUDGET_AGENT}`, `${base}agents/${BUDGET_AGENT}/`]] as const) {
        result.lighthouse[name] = !cli
          ? 'lighthouse is not installed: npm i -D -E lighthouse@12.2.3 (or set LIGHTHOUSE_CLI)'
          : !chrome
            ? 'no Chromium'
            : await lighthouse(cli, `${server.origin}${page}`, chrome, work).catch((error: Error) => `lighthouse failed: ${error.message}`);
      }
    }
  } finally {
    await server.close();
  }
  return result;
}

// ── Report ───────────────────────────────────────────────────────────────────────────────────────────────────────

interface Row {
  figure: string;
  value: number | undefined;
  unit: Unit;
  budget?: BudgetId;
  /** Shown instead of the value (why it is missing). */
  note?: string;
}

const pct = (part: number | undefined, whole: number) => (part === undefined ? '' : `${((part / whole) * 100).toFixed(0)}%`);

function printSize(result: SizeResult): void {
  const { build, phases } = { build: result.build, phases: result.build.phases };
  const line = (label: string, value: number | undefined, extra = '') =>
    log(`  ${label.padEnd(34)} ${(value === undefined ? '–' : ms(value)).padStart(9)}  ${pct(value, build.wallMs).padStart(4)}  ${extra}`);
  log(`\nbuild at ${result.agents} agents   (load average at start ${result.loadAtStart}, at end ${loadAverage()})`);
  line('startup (node, astro, config)', phases.startup);
  line('content sync', phases.contentSync, phases.loader === undefined ? '' : `loader: ${ms(phases.loader)}`);
  line('types + bundling (vite)', phases.bundling);
  line('page generation', phases.pageGeneration, phases.routes ? `${phases.routes} routes` : '');
  line('search index (pagefind)', phases.searchIndex, phases.indexedPages ? `${phases.indexedPages} pages, fed while rendering; this is the rest` : '');
  line('total wall', build.wallMs, build.cpuMs === undefined ? '(no /usr/bin/time: CPU time not measured)' : `CPU ${ms(build.cpuMs)} (user + sys)`);
  log(`  ${'peak memory'.padEnd(34)} ${(build.treePeak === undefined ? '–' : bytes(build.treePeak)).padStart(9)}        process tree, sampled${build.maxRss === undefined ? '' : `; largest process ${bytes(build.maxRss)} (/usr/bin/time)`}`);
  log(`  ${'time per agent'.padEnd(34)} ${ms(build.wallMs / result.agents).padStart(9)}`);
  if (result.output) log(`  ${'output'.padEnd(34)} ${bytes(result.output.bytes).padStart(9)}        ${result.output.files} files; pagefind/ ${bytes(result.output.pagefind)}`);
  if (result.profile) for (const text of result.profile) log(text);

  log(`\n  pages, gzip                           HTML      CSS       JS   (HTML raw)`);
  for (const [label, weight] of [['home /', result.home], [`agent ${BUDGET_AGENT}`, result.agent], ['agent (generated)', result.generated]] as const) {
    if (!weight) continue;
    const cell = (n: number) => bytes(n).padStart(8);
    log(`  ${`${label} ${label.startsWith('agent (') ? weight.page.split('/')[2] : ''}`.trim().padEnd(36)} ${cell(weight.totals.html)} ${cell(weight.totals.css)} ${cell(weight.totals.js)}   (${bytes(weight.html.bytes)})`);
  }
  if (result.agent) log(`  JS before interaction: ${result.agent.js.map((f) => `${path.basename(f.url)} ${bytes(f.gzip)}`).join(', ')}`);

  if (typeof result.search === 'string') log(`\n  search: ${result.search}`);
  else if (result.search) {
    const s = result.search;
    const list = (values: number[]) => values.map((v) => Math.round(v)).join(', ');
    log(`\n  search, localhost, ${SEARCH_RUNS} fresh page loads, keys ${KEY_DELAY_MS} ms apart:`);
    log(`    first query "${QUERIES[0]}", typed on opening (Pagefind loads meanwhile): results ${ms(median(s.first))} after the last keystroke (median of ${list(s.first)})`);
    log(`    first query "${QUERIES[0]}", typed once Pagefind had loaded:          results ${ms(median(s.ready))} after the last keystroke (median of ${list(s.ready)})`);
    log(`    next query "${QUERIES[1]}" on the same page (Pagefind warm):          results ${ms(median(s.next))} after the last keystroke (median of ${list(s.next)})`);
    const kinds = [...s.pagefindRequests].map(([kind, { count, bytes: size }]) => `${kind} ${count > 1 ? `${count}× ` : ''}${bytes(size)}`);
    log(`    Pagefind fetched for the first query: ${bytes(s.pagefindBytes)} in ${[...s.pagefindRequests.values()].reduce((n, e) => n + e.count, 0)} requests (${kinds.join(', ')})`);
  }
  if (result.lighthouse) {
    for (const [page, scores] of Object.entries(result.lighthouse)) {
      log(`  lighthouse (mobile) ${page}: ${typeof scores === 'string' ? scores : LIGHTHOUSE_CATEGORIES.map((c) => `${c} ${scores[c]}`).join(', ')}`);
    }
  }
}

function rowsFor(results: SizeResult[], check: RunResult | undefined): Row[] {
  const rows: Row[] = [];
  const main = results[results.length - 1];
  const baseline = results.find((r) => r.agents === BASELINE_AGENTS);
  const agentPage = main.agent;
  if (agentPage) for (const c of agentPageChecks(agentPage)) rows.push({ figure: BUDGETS[c.id].label, value: c.value, unit: 'bytes', budget: c.id });
  else rows.push({ figure: BUDGETS.agentHtml.label, value: undefined, unit: 'bytes', budget: 'agentHtml', note: `no page for ${BUDGET_AGENT}` });
  for (const r of results) {
    const at = r.agents === BASELINE_AGENTS;
    const ok = r.build.code === 0;
    const note = ok ? undefined : 'build failed';
    rows.push({ figure: at ? BUDGETS.homeHtml.label : `home page HTML at ${r.agents} agents (gzip)`, value: r.home?.totals.html, unit: 'bytes', budget: at ? 'homeHtml' : undefined, note });
    rows.push({ figure: at ? BUDGETS.buildWall.label : `build at ${r.agents} agents (wall)`, value: ok ? r.build.wallMs : undefined, unit: 'ms', budget: at ? 'buildWall' : undefined, note });
    const large = r.agents > BASELINE_AGENTS;
    rows.push({
      figure: at ? BUDGETS.buildMemory.label : `build at ${r.agents} agents, peak memory`,
      value: r.build.treePeak ?? r.build.maxRss,
      unit: 'bytes',
      budget: at ? 'buildMemory' : large ? 'scaleMemory' : undefined,
      note: r.build.treePeak ?? r.build.maxRss ? undefined : 'not measured',
    });
    if (large && baseline) {
      const ratio = ok && baseline.build.code === 0 ? r.build.wallMs / r.agents / (baseline.build.wallMs / baseline.agents) : undefined;
      rows.push({ figure: `${BUDGETS.scaleRatio.label} (${r.agents})`, value: ratio, unit: 'ratio', budget: 'scaleRatio', note: ratio === undefined ? 'a build failed' : undefined });
      // CPU time is what machine load distorts least: the same ratio in CPU seconds, for reading the one above.
      if (ratio !== undefined && r.build.cpuMs && baseline.build.cpuMs) {
        rows.push({ figure: `  the same in CPU time (user + sys)`, value: r.build.cpuMs / r.agents / (baseline.build.cpuMs / baseline.agents), unit: 'ratio' });
      }
    }
    if (r.search && typeof r.search !== 'string') {
      rows.push({ figure: `${BUDGETS.searchLatency.label} (${r.agents})`, value: median(r.search.first), unit: 'ms', budget: 'searchLatency' });
      rows.push({ figure: `Pagefind bytes for one query (${r.agents})`, value: r.search.pagefindBytes, unit: 'bytes' });
    } else rows.push({ figure: `${BUDGETS.searchLatency.label} (${r.agents})`, value: undefined, unit: 'ms', budget: 'searchLatency', note: r.search ?? 'build failed' });
    for (const [page, scores] of Object.entries(r.lighthouse ?? {})) {
      for (const category of LIGHTHOUSE_CATEGORIES) {
        const value = typeof scores === 'string' ? undefined : scores[category];
        rows.push({ figure: `Lighthouse ${category}, ${page}`, value, unit: 'score', budget: 'lighthouse', note: typeof scores === 'string' ? 'not run' : undefined });
      }
    }
  }
  const checkOk = check && (check.code === 0 || check.code === 1); // 1: the files have errors, still checked
  rows.push({ figure: BUDGETS.checkWall.label, value: checkOk ? check.wallMs : undefined, unit: 'ms', budget: 'checkWall', note: checkOk ? undefined : 'check did not run' });
  return rows;
}

function printTable(rows: Row[]): boolean {
  let ok = true;
  const widths = [Math.max(...rows.map((r) => r.figure.length)), 10, 10];
  log(`\nbudgets (scripts/budgets.ts)   load average now ${loadAverage()}`);
  log(`  ${'figure'.padEnd(widths[0])}  ${'value'.padStart(widths[1])}  ${'budget'.padStart(widths[2])}`);
  for (const row of rows) {
    const budget = row.budget ? BUDGETS[row.budget] : undefined;
    const pass = budget ? row.value !== undefined && withinBudget(budget, row.value) : undefined;
    if (pass === false) ok = false;
    const value = row.value === undefined ? (row.note ?? '–') : formatValue(row.unit, row.value);
    const mark = pass === undefined ? ' ' : pass ? '✓' : '✗';
    log(`  ${row.figure.padEnd(widths[0])}  ${value.padStart(widths[1])}  ${(budget ? formatBudget(budget) : '').padStart(widths[2])}  ${mark}`);
  }
  return ok;
}

// ── Main ─────────────────────────────────────────────────────────────────────────────────────────────────────────

function parseFlags(argv: string[]): Flags {
  const flags: Flags = { agents: BASELINE_AGENTS, keep: false, lighthouse: false, cpuProf: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--agents') flags.agents = Number(argv[++i]);
    else if (arg.startsWith('--agents=')) flags.agents = Number(arg.slice('--agents='.length));
    else if (arg === '--keep') flags.keep = true;
    else if (arg === '--lighthouse') flags.lighthouse = true;
    else if (arg === '--cpu-prof') flags.cpuProf = true;
    else if (arg === '--verbose') flags.verbose = true;
    else throw new Error(`unknown argument ${arg}\nusage: npm run bench -- [--agents N] [--keep] [--lighthouse] [--cpu-prof] [--verbose]`);
  }
  if (!Number.isInteger(flags.agents) || flags.agents < 1) throw new Error('--agents takes a whole number above 0');
  return flags;
}

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-'));
  log(`agent-docs bench: ${flags.agents} agents · node ${process.version} · ${os.availableParallelism()} cores · ${bytes(os.totalmem())} · load average ${loadAverage()}`);
  log(`work folder ${work}${flags.keep ? ' (kept)' : ''}${existsSync(TIME) ? '' : ' · /usr/bin/time missing (apt-get install -y time): CPU time and largest-process RSS not measured'}`);
  try {
    const sizes = flags.agents > BASELINE_AGENTS ? [BASELINE_AGENTS, flags.agents] : [flags.agents];
    const results: SizeResult[] = [];
    for (const n of sizes) {
      const result = await benchSize(n, work, flags, flags.lighthouse && n === flags.agents);
      printSize(result);
      results.push(result);
    }

    const checkDir = path.join(work, `agents-${CHECK_FILES}`);
    if (!existsSync(checkDir)) await generateCatalog(CHECK_FILES, checkDir, { include: SEED });
    log(`\nnpm run check over ${CHECK_FILES} files… (load average ${loadAverage()})`);
    const check = await runWatched(process.execPath, [path.join(ROOT, 'scripts/check.ts'), '--json', checkDir], { dir: work });
    const checked = check.code <= 1 ? (JSON.parse(check.stdout) as unknown[]).length : 0;
    log(`  ${ms(check.wallMs)} wall${check.cpuMs === undefined ? '' : `, CPU ${ms(check.cpuMs)}`}, ${checked} files reported, exit ${check.code}${check.maxRss ? `, peak ${bytes(check.maxRss)}` : ''}`);

    return printTable(rowsFor(results, check)) ? 0 : 1;
  } finally {
    if (!flags.keep) await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  main().then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      console.error(`bench: ${error.message}`);
      process.exitCode = 2;
    },
  );
}
