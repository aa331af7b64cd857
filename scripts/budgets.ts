/**
 * Budgets as code: page weight, build time and memory (also as ratios to Starlight's), `npm run check` time and
 * search latency, each with the one limit `npm run bench` checks (and `tests/unit/budgets.test.ts` checks the
 * page-weight ones on every test run).
 * Also the one way to weigh a built page, so the bench and the test cannot disagree about what "the agent page's
 * JavaScript" means.
 *
 * Sizes are gzip (zlib's default level 6, what nginx, Netlify and GitHub Pages roughly send), each file compressed
 * on its own as it travels. KB = 1024 bytes, GB = 1024³ bytes.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const KB = 1024;
export const GB = 1024 ** 3;

export type Unit = 'bytes' | 'ms' | 'ratio' | 'score' | 'count';

export interface Budget {
  /** What is measured, as the bench's table prints it. */
  label: string;
  unit: Unit;
  /** `max`: the figure must not exceed `limit`; `min`: it must reach it. */
  kind: 'max' | 'min';
  limit: number;
}

/** The seed agent whose page carries the page-weight budgets: a typical page, neither the smallest nor the largest. */
export const BUDGET_AGENT = 'mlops-engineer';
/** The catalog size the build budgets are set at, and the baseline the larger-catalog budgets compare with. */
export const BASELINE_AGENTS = 1000;
/** The larger catalog `npm run bench` also builds by default: page budgets hold at any size, and growth shows here. */
export const LARGE_AGENTS = 5000;
/** `npm run check` is timed over this many files whatever `--agents` says. */
export const CHECK_FILES = 2000;

export const BUDGETS = {
  agentHtml: { label: `agent page HTML (${BUDGET_AGENT}, gzip)`, unit: 'bytes', kind: 'max', limit: 12 * KB },
  agentJs: { label: `agent page JS before interaction (gzip)`, unit: 'bytes', kind: 'max', limit: 6 * KB },
  agentCss: { label: `agent page CSS (gzip)`, unit: 'bytes', kind: 'max', limit: 12 * KB },
  /** The home page is an overview whatever the catalog's size: checked at every size the bench builds. */
  homeHtml: { label: 'home page HTML (gzip)', unit: 'bytes', kind: 'max', limit: 30 * KB },
  /**
   * Elements in the parsed HTML (scripts/bench/elements.ts). Lighthouse's DOM-size audit scores the body's elements:
   * 0.9 at 818, 0.5 at 1,400.
   */
  homeElements: { label: 'home page elements', unit: 'count', kind: 'max', limit: 1500 },
  /** Every HTML page of the build, at every size: long lists paginate. */
  pageElements: { label: 'elements of the largest page', unit: 'count', kind: 'max', limit: 1500 },
  /**
   * The build against Starlight's of the same agent files (scripts/bench/peer.ts), the median of the pairs' ratios
   * (scripts/bench/ratio.ts): a ratio of two builds run back to back holds on any machine, where seconds did not (the
   * same build measured 12 to 17 s within the hour on one shared machine, and 50 s on a busier day).
   */
  buildWallRatio: { label: `build at ${BASELINE_AGENTS} agents vs Starlight, wall`, unit: 'ratio', kind: 'max', limit: 0.4 },
  buildMemoryRatio: { label: `build at ${BASELINE_AGENTS} agents vs Starlight, peak memory`, unit: 'ratio', kind: 'max', limit: 0.5 },
  buildMemory: { label: `build at ${BASELINE_AGENTS} agents, peak memory`, unit: 'bytes', kind: 'max', limit: 1.2 * GB },
  /** Larger catalogs (the bench's `--agents 5000`) must scale about linearly: wall time per agent vs the baseline's. */
  scaleRatio: { label: `build time per agent vs ${BASELINE_AGENTS} agents`, unit: 'ratio', kind: 'max', limit: 1.2 },
  scaleMemory: { label: 'build peak memory (large catalog)', unit: 'bytes', kind: 'max', limit: 2 * GB },
  checkWall: { label: `npm run check over ${CHECK_FILES} files (wall)`, unit: 'ms', kind: 'max', limit: 3000 },
  searchLatency: { label: 'first search results after the last keystroke', unit: 'ms', kind: 'max', limit: 150 },
  /** What Pagefind downloads from opening the search to the first query's results: code, wasm, index, fragments. */
  searchBytes: { label: 'Pagefind bytes for the first query', unit: 'bytes', kind: 'max', limit: 250 * KB },
  /** dist/pagefind/ on disk per 1,000 agents (its files are gzip already): what full-text search costs to host. */
  searchIndex: { label: 'search index on disk per 1,000 agents', unit: 'bytes', kind: 'max', limit: 4 * 1024 * KB },
  /**
   * Lighthouse, mobile profile, each of its four categories, at 1,000 agents: home, the first category page, the
   * all-agents view and an agent page, served gzipped (only with `npm run bench -- --lighthouse`).
   */
  lighthouse: { label: 'Lighthouse score', unit: 'score', kind: 'min', limit: 100 },
} as const satisfies Record<string, Budget>;

export type BudgetId = keyof typeof BUDGETS;

export function withinBudget(budget: Budget, value: number): boolean {
  return budget.kind === 'max' ? value <= budget.limit : value >= budget.limit;
}

export function formatValue(unit: Unit, value: number): string {
  if (unit === 'bytes') {
    if (value >= GB) return `${(value / GB).toFixed(2)} GB`;
    if (value >= 1024 * KB) return `${(value / 1024 / KB).toFixed(1)} MB`;
    return `${(value / KB).toFixed(1)} KB`;
  }
  if (unit === 'ms') return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
  if (unit === 'ratio') return `${value.toFixed(2)}×`;
  if (unit === 'count') return Math.round(value).toLocaleString('en-US');
  return String(Math.round(value));
}

export function formatBudget(budget: Budget): string {
  return `${budget.kind === 'max' ? '≤' : '≥'} ${formatValue(budget.unit, budget.limit)}`;
}

// ── Weighing a built page ────────────────────────────────────────────────────────────────────────────────────────

export interface WeighedFile {
  /** URL path as the page references it (or the page's own path). */
  url: string;
  bytes: number;
  gzip: number;
}

export interface PageWeight {
  page: string;
  html: WeighedFile;
  /** Stylesheets that apply to the screen (`media="print"` ones are listed in `printCss` and not counted). */
  css: WeighedFile[];
  printCss: WeighedFile[];
  /**
   * Script files fetched before anyone interacts: `<script src>` (classic and module), `<link rel=modulepreload>`,
   * and every module they import statically, transitively. Inline scripts are part of the HTML's bytes. Chunks
   * reached only through `import()` load on intent (the search UI, Pagefind) and are not counted.
   */
  js: WeighedFile[];
  totals: { html: number; css: number; js: number };
}

export const gzipSize = (data: Buffer | string) => gzipSync(data).length;

/** `<tag a="b" c>` → its attributes, lower-cased names. */
function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [, name, , dq, sq, bare] of tag.matchAll(/([^\s"'<>/=]+)(\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    found[name.toLowerCase()] = dq ?? sq ?? bare ?? '';
  }
  return found;
}

/** Static `import … from "x"`, `import "x"` and `export … from "x"` specifiers of a module (not `import()`). */
export function staticImports(code: string): string[] {
  const specifiers: string[] = [];
  const pattern = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?(["'])([^"'\n]+)\1/g;
  for (const match of code.matchAll(pattern)) specifiers.push(match[2]);
  return specifiers;
}

/**
 * Maps a URL path of the built site to its file. The build writes pages at the output folder's root whatever the
 * base path, so `base` is stripped first; `/a/` is `a/index.html`. Returns undefined for other origins.
 */
export function fileForUrl(outDir: string, url: string, base = '/'): string | undefined {
  if (/^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith('//')) return undefined;
  let pathname = decodeURIComponent(url.split(/[?#]/)[0]);
  if (base !== '/' && pathname.startsWith(base)) pathname = `/${pathname.slice(base.length)}`;
  if (pathname.endsWith('/')) pathname += 'index.html';
  return path.join(outDir, pathname);
}

async function weigh(outDir: string, url: string, base: string): Promise<WeighedFile & { text: string }> {
  const file = fileForUrl(outDir, url, base);
  if (!file) throw new Error(`${url} is not part of the built site`);
  const data = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${url} is referenced but ${file} cannot be read (${error.code})`, { cause: error });
  });
  return { url, bytes: data.length, gzip: gzipSize(data), text: data.toString('utf8') };
}

/**
 * Weighs a built page as a browser on a first visit would fetch it: the HTML, its screen stylesheets and the
 * scripts it runs before interaction. `page` is a URL path under `base` (`/agents/mlops-engineer/`).
 */
export async function weighPage(outDir: string, page: string, base = '/'): Promise<PageWeight> {
  const root = base.replace(/\/?$/, '/');
  const url = page.startsWith(root) ? page : `${root}${page.replace(/^\//, '')}`;
  const html = await weigh(outDir, url, root);
  const pageUrl = new URL(url, 'http://site.invalid');
  const resolve = (href: string, from: URL) => {
    const target = new URL(href, from);
    return target.origin === pageUrl.origin ? target.pathname : undefined;
  };

  const css: WeighedFile[] = [];
  const printCss: WeighedFile[] = [];
  const scripts: string[] = [];
  const inlineModules: string[] = [];
  for (const [tag] of html.text.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = attributes(tag);
    const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
    const href = attrs.href && resolve(attrs.href, pageUrl);
    if (!href) continue;
    if (rel.includes('stylesheet')) {
      const { text: _, ...weighed } = await weigh(outDir, href, root);
      (attrs.media?.trim().toLowerCase() === 'print' ? printCss : css).push(weighed);
    } else if (rel.includes('modulepreload')) scripts.push(href);
  }
  for (const [, open, body] of html.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = attributes(open);
    if (attrs.type && !/^(module|text\/javascript|application\/javascript)$/i.test(attrs.type)) continue; // JSON, etc.
    const src = attrs.src && resolve(attrs.src, pageUrl);
    if (src) scripts.push(src);
    else if (attrs.type === 'module') inlineModules.push(body);
  }

  // Follow static imports: the browser fetches the whole static graph before the first module runs.
  const js = new Map<string, WeighedFile>();
  const queue = [...scripts];
  for (const code of inlineModules) for (const spec of staticImports(code)) queue.push(resolve(spec, pageUrl) ?? '');
  while (queue.length) {
    const next = queue.shift()!;
    if (!next || js.has(next)) continue;
    const { text, ...weighed } = await weigh(outDir, next, root);
    js.set(next, weighed);
    const from = new URL(next, pageUrl);
    for (const spec of staticImports(text)) if (/^\.{0,2}\//.test(spec)) queue.push(resolve(spec, from) ?? '');
  }

  const sum = (files: WeighedFile[]) => files.reduce((total, file) => total + file.gzip, 0);
  const { text: _, ...htmlWeight } = html;
  const jsFiles = [...js.values()];
  return { page: url, html: htmlWeight, css, printCss, js: jsFiles, totals: { html: html.gzip, css: sum(css), js: sum(jsFiles) } };
}

/** The three page-weight budgets of an agent page, as checks. */
export function agentPageChecks(weight: PageWeight): Array<{ id: BudgetId; value: number; pass: boolean }> {
  return (
    [
      ['agentHtml', weight.totals.html],
      ['agentJs', weight.totals.js],
      ['agentCss', weight.totals.css],
    ] as const
  ).map(([id, value]) => ({ id, value, pass: withinBudget(BUDGETS[id], value) }));
}
