/**
 * Search in `astro dev`, where there is no built site for Pagefind to index. The index is built in memory from the
 * catalog the content loader kept (src/site/catalog.ts) — one document per agent holding what its page gives
 * Pagefind (dev-search-document.ts) — and served from memory under `${base}pagefind/`. It is rebuilt after every
 * sync of the loader, which reloads when a file under AGENTS_DIR changes.
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
import { isUnder } from '../agents/inside.ts';
import { hasCatalog, onCatalogSync, promptHtml, siteCatalog, type SiteCatalog } from '../site/catalog.ts';
import { searchDocument, searchUrl } from './dev-search-document.ts';
import { close, createIndex, type PagefindIndex } from 'pagefind';

/**
 * jemalloc settings for Pagefind's process, which inherits this environment when the service starts (on first use).
 * One arena for all its threads instead of one each. Freed pages are kept as jemalloc keeps them by default: handing
 * them back at once (`dirty_decay_ms:0`) took ~15 MB off its peak at 1,000 pages (162 → 147 MB, now that it gets only
 * the part of each page it reads) and cost 2 s of its CPU, most of it writing the bundle at the end of the build
 * (1.0 → 2.9 s). On Linux its memory is asked for in huge pages (`thp:always`; the kernel grants them where its
 * transparent huge pages are `madvise` or `always`): indexing 3,000 agent pages took 5.0–5.8 s of its CPU against
 * 6.1–7.5 s (four runs each, alternating; its page faults 115,000 → 4,000), writing the bundle 1.9–2.1 s against
 * 2.4–3.5 s, for 15 MB more at its peak (446 → 461 MB), and the same bundle. An explicit setting in the environment
 * wins.
 */
const PAGEFIND_MALLOC_CONF = process.platform === 'linux' ? 'narenas:1,thp:always,metadata_thp:always' : 'narenas:1';

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

/** A burst of syncs (the loader coalesces an editor's saves, but not every one): one rebuild per burst. */
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

/** Indexes the catalog's agents in a fresh in-memory Pagefind index and returns its bundle, path → bytes. */
export async function buildDevBundle(catalog: SiteCatalog): Promise<Bundle> {
  const { agents } = catalog;
  const index = await openIndex();
  try {
    const added = await Promise.all(
      agents.map((agent) => index.addHTMLFile({ url: searchUrl(agent), content: searchDocument(catalog.data(agent), promptHtml(agent, false)) })),
    );
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
  /** Builds the first index (`astro:server:start`: after Astro's own startup, when the loader has synced). */
  start(): void;
  /** Stops watching and closes Pagefind (`astro:server:done`). */
  stop(): Promise<void>;
}

/** Serves the dev index (requests wait for the first build) and rebuilds it after each sync of the catalog. */
export function serveDevIndex({ server, logger, base, outDir }: DevIndexOptions): DevIndex {
  const prefix = `${base.replace(/\/?$/, '/')}pagefind/`;
  const fallbackDir = path.join(fileURLToPath(outDir), 'pagefind');
  const fallbackName = path.relative(process.cwd(), fallbackDir) || fallbackDir;
  let generations: Bundle[] = [];
  let status: DevIndexStatus = { source: 'none', message: 'Dev index: not built yet.' };

  async function rebuild(): Promise<void> {
    const started = performance.now();
    try {
      if (!hasCatalog()) throw new Error('the agents loader has not read the agent files (see its error above)');
      const catalog = siteCatalog();
      const bundle = await buildDevBundle(catalog);
      generations = [bundle, ...generations].slice(0, GENERATIONS);
      const n = catalog.agents.length;
      status = { source: 'agents', message: `Dev index: built from ${n} agent file${n === 1 ? '' : 's'} (agent pages only; the production build indexes every page).` };
      logger.info(`search index (dev): built from ${n} agents in ${Math.round(performance.now() - started)} ms`);
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
  const stopListening = onCatalogSync(() => {
    clearTimeout(timer);
    timer = setTimeout(() => (latest = latest.then(rebuild)), DEBOUNCE_MS);
  });

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
      stopListening();
      clearTimeout(timer);
      start(); // a server stopped before it started must not leave `latest` pending
      await latest;
      await close();
    },
  };
}
