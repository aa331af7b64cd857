/**
 * Search in `astro dev`, where there is no built site for Pagefind to index. The index is built in memory from the
 * agent files — the same `loadCatalog` parse the content loader does — as one document per agent holding what its
 * page gives Pagefind (dev-search-document.ts), and served from memory under `${base}pagefind/`. It is rebuilt
 * when a file under AGENTS_DIR changes.
 *
 * When it cannot be built, the last production build's `pagefind/` is served instead (possibly stale), or nothing.
 * The terminal says which, and so does `${base}pagefind/dev-index.json`, which the search dialog shows in dev.
 */
import type { AstroIntegrationLogger } from 'astro';
import type { ViteDevServer } from 'vite';
import type { ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Agent } from '../agents/index.ts';
import { settings } from '../settings.ts';
import { isUnder, realDir } from '../agents/inside.ts';
import { loadSiteCatalog } from '../site/load-catalog.ts';
import { searchDocument, searchUrl } from './dev-search-document.ts';
import { close, createIndex, type PagefindIndex } from 'pagefind';

/**
 * jemalloc settings for Pagefind's process, which inherits this environment when the service starts (on first use).
 * By default jemalloc keeps freed pages for ten seconds and one arena per thread; handing them back at once and
 * sharing one arena take ~95 MB off its peak at 1,000 pages (378 → 283 MB, writing the bundle) for no measurable
 * time. An explicit setting in the environment wins.
 */
const PAGEFIND_MALLOC_CONF = 'dirty_decay_ms:0,muzzy_decay_ms:0,narenas:1';

/** A new, empty Pagefind index (the service starts on first use); the build's index (pagefind.ts) opens one too. */
export async function openIndex(): Promise<PagefindIndex> {
  process.env._RJEM_MALLOC_CONF ??= PAGEFIND_MALLOC_CONF;
  const { index, errors } = await createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  return index;
}

/** Read by `src/scripts/search-dev-notice.ts`; not a Pagefind file. */
export const STATUS_FILE = 'dev-index.json';

export interface DevIndexStatus {
  /** Where the served index came from. */
  source: 'agents' | 'production-build' | 'none';
  /** One sentence for the search dialog. */
  message: string;
}

/** Editors save in bursts (write, rename, chmod): one rebuild per burst. */
const DEBOUNCE_MS = 100;
/**
 * Bundles kept after a rebuild. A page that loaded Pagefind before the rebuild still asks for the old hashed
 * files until it reloads; keeping the last few keeps its searches working meanwhile.
 */
const GENERATIONS = 3;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};
// Everything else (.pf_meta, .pf_index, .pf_fragment, .pf_filter, wasm.*.pagefind) is gzip Pagefind decodes itself.
const contentType = (file: string) => CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';

type Bundle = Map<string, Uint8Array>;

/** Indexes the agents in a fresh in-memory Pagefind index and returns its bundle, path → bytes. */
export async function buildDevBundle(agents: Agent[]): Promise<Bundle> {
  const index = await openIndex();
  try {
    const added = await Promise.all(agents.map((agent) => index.addHTMLFile({ url: searchUrl(agent), content: searchDocument(agent) })));
    const failed = added.flatMap((result, i) => result.errors.map((error) => `${agents[i]!.file}: ${error}`));
    if (failed.length) throw new Error(`Pagefind could not index ${failed.length} agent(s): ${failed.join('; ')}`);
    const { files, errors } = await index.getFiles();
    if (errors.length) throw new Error(`Pagefind could not produce its bundle: ${errors.join('; ')}`);
    return new Map(files.map((file) => [file.path.split(path.sep).join('/'), file.content]));
  } finally {
    await index.deleteIndex();
  }
}

export interface DevIndexOptions {
  server: ViteDevServer;
  logger: AstroIntegrationLogger;
  /** Astro's `base`, with a trailing `/`. */
  base: string;
  /** Astro's `outDir`: a production build there is the fallback. */
  outDir: URL;
}

export interface DevIndex {
  /** Builds the first index (`astro:server:start`: after Astro's own startup, which parses the same files). */
  start(): void;
  /** Stops watching and closes Pagefind (`astro:server:done`). */
  stop(): Promise<void>;
}

/** Serves the dev index (requests wait for the first build) and rebuilds it when an agent file changes. */
export function serveDevIndex({ server, logger, base, outDir }: DevIndexOptions): DevIndex {
  // The real folder, as the watcher reports paths (it follows no links: astro.config.mjs).
  const agentsDirs = settings.agentsDirs.map(realDir);
  const inSources = (file: string) => agentsDirs.some((dir) => isUnder(file, dir));
  const prefix = `${base.replace(/\/?$/, '/')}pagefind/`;
  const fallbackDir = path.join(fileURLToPath(outDir), 'pagefind');
  const fallbackName = path.relative(process.cwd(), fallbackDir) || fallbackDir;
  let generations: Bundle[] = [];
  let status: DevIndexStatus = { source: 'none', message: 'Dev index: not built yet.' };

  async function rebuild(): Promise<void> {
    const started = performance.now();
    try {
      const catalog = await loadSiteCatalog();
      const parsed = performance.now();
      const bundle = await buildDevBundle(catalog.agents);
      generations = [bundle, ...generations].slice(0, GENERATIONS);
      const n = catalog.agents.length;
      status = { source: 'agents', message: `Dev index: built from ${n} agent file${n === 1 ? '' : 's'} (agent pages only; the production build indexes every page).` };
      const ms = (to: number, from: number) => Math.round(to - from);
      logger.info(`search index (dev): built from ${n} agents in ${ms(performance.now(), started)} ms (parse ${ms(parsed, started)} ms, index ${ms(performance.now(), parsed)} ms)`);
    } catch (error) {
      const cause = error instanceof Error ? error.message : String(error);
      if (generations.length) {
        // Keep searching the last good index rather than a production build that is likely older still.
        logger.error(`search index (dev): rebuild failed, still serving the previous dev index: ${cause}`);
        status = { source: 'agents', message: `Dev index: the last rebuild failed (${cause}); results are from before it.` };
      } else if (existsSync(path.join(fallbackDir, 'pagefind-entry.json'))) {
        logger.warn(`search index (dev): could not build from the agent files (${cause}); serving the last production build's index from ${fallbackName}/, which may be out of date`);
        status = { source: 'production-build', message: `Dev index: could not be built from the agent files (${cause}); showing the last production build's index (${fallbackName}/), which may be out of date.` };
      } else {
        logger.error(`search index (dev): could not build from the agent files and there is no production build to fall back on: ${cause}`);
        status = { source: 'none', message: `Dev index: could not be built (${cause}). See the terminal running astro dev.` };
      }
    }
  }

  // Builds run one after another; a request waits for the latest one queued, so a reload after a save sees it.
  let start!: () => void;
  let latest = new Promise<void>((resolve) => (start = resolve)).then(rebuild);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onFile = (file: string) => {
    if (!file.toLowerCase().endsWith('.md') || !inSources(file)) return;
    clearTimeout(timer);
    timer = setTimeout(() => (latest = latest.then(rebuild)), DEBOUNCE_MS);
  };
  const onDir = (dir: string) => inSources(dir) && onFile(path.join(dir, 'x.md'));
  server.watcher.add(agentsDirs);
  server.watcher.on('add', onFile).on('change', onFile).on('unlink', onFile).on('unlinkDir', onDir);

  async function respond(name: string, res: ServerResponse): Promise<void> {
    await latest;
    const send = (code: number, type: string, body: Uint8Array | string) => {
      res.writeHead(code, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
    };
    if (name === STATUS_FILE) return send(200, contentType(name), JSON.stringify(status));
    if (generations.length) {
      const bytes = generations.map((bundle) => bundle.get(name)).find(Boolean);
      return bytes ? send(200, contentType(name), bytes) : send(404, 'text/plain', `Not in the dev search index: ${name}`);
    }
    if (status.source === 'production-build') {
      const file = path.join(fallbackDir, name);
      const bytes = isUnder(file, fallbackDir) ? await readFile(file).catch(() => undefined) : undefined;
      return bytes ? send(200, contentType(name), bytes) : send(404, 'text/plain', `Not in ${fallbackName}/: ${name}`);
    }
    send(503, 'text/plain', status.message);
  }

  server.middlewares.use((req, res, next) => {
    // Astro's dev server strips `base` from `req.url` before this runs; connect keeps the URL as sent.
    const sent = (req as typeof req & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
    const { pathname } = new URL(sent, 'http://dev.invalid');
    if (!pathname.startsWith(prefix) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    respond(decodeURIComponent(pathname.slice(prefix.length)), res).catch(next);
  });

  return {
    start,
    async stop() {
      clearTimeout(timer);
      server.watcher.off('add', onFile).off('change', onFile).off('unlink', onFile).off('unlinkDir', onDir);
      start(); // a server stopped before it started must not leave `latest` pending
      await latest;
      await close();
    },
  };
}
