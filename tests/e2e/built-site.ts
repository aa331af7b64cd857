/**
 * The current target's build, read from disk for the checks that need every page rather than a browser: which
 * target a test runs against, every HTML page with the URL it is served at and its tags (the tokenizer the CSP
 * check uses, src/site/csp.ts), and which built file a URL of the site maps to.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { TestInfo } from 'playwright/test';
import { scanTags, type Tag } from '../../src/site/csp.ts';
import { TARGETS, type Target } from './targets.ts';

/**
 * The target of the running Playwright project (projects are named after targets). `E2E_OUTDIR_<NAME>` points the
 * file checks at another build made with the same settings (as `E2E_PORT_<NAME>` moves its server).
 */
export function currentTarget(info: TestInfo): Target {
  const target = TARGETS.find((t) => t.name === info.project.name);
  if (!target) throw new Error(`No target named "${info.project.name}" in tests/e2e/targets.ts`);
  const outDir = process.env[`E2E_OUTDIR_${target.name.toUpperCase()}`];
  return outDir ? { ...target, outDir } : target;
}

/** `SITE_URL + BASE_PATH`: every absolute URL of the site starts with it. */
export const sitePrefix = (target: Pick<Target, 'siteUrl' | 'basePath'>) => `${target.siteUrl}${target.basePath}`;

export interface BuiltPage {
  /** Path inside the outDir, with `/` (`agents/x/index.html`). */
  file: string;
  /** Where the page is served: `SITE_URL + BASE_PATH + agents/x/`. */
  url: URL;
  html: string;
  tags: Tag[];
  ids: Set<string>;
}

/** Every file under `dir` whose name ends with `ext`, relative, with `/`, sorted. */
export async function filesUnder(dir: string, ext: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** `agents/x/index.html` → `agents/x/`; `404.html` stays as it is. */
export const servedPath = (file: string) => (file === 'index.html' ? '' : file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file);

export async function readPages(outDir: string, target: Pick<Target, 'siteUrl' | 'basePath'>): Promise<BuiltPage[]> {
  const files = await filesUnder(outDir, '.html');
  return Promise.all(
    files.map(async (file) => {
      const html = await readFile(path.join(outDir, file), 'utf8');
      const tags = scanTags(html);
      const ids = new Set(tags.map((t) => t.attrs.get('id')).filter((id): id is string => id !== undefined));
      return { file, url: new URL(servedPath(file), sitePrefix(target)), html, tags, ids };
    }),
  );
}

const isFile = (file: string) => stat(file).then((s) => s.isFile(), () => false);

/**
 * The file `astro preview` or a static host serves for a URL of the site: the query dropped, `dir/` and `dir` as
 * `dir/index.html`. Undefined when the URL is outside BASE_PATH or nothing is there.
 */
export async function fileForUrl(outDir: string, url: URL, basePath: string): Promise<string | undefined> {
  if (!url.pathname.startsWith(basePath)) return undefined;
  let rest: string;
  try {
    rest = decodeURIComponent(url.pathname.slice(basePath.length));
  } catch {
    return undefined;
  }
  const candidates = rest === '' || rest.endsWith('/') ? [`${rest}index.html`] : [rest, `${rest}/index.html`];
  for (const candidate of candidates) if (await isFile(path.join(outDir, candidate))) return candidate;
  return undefined;
}

/** The value of `<meta property|name=key content>` on a page. */
export const metaContent = (page: Pick<BuiltPage, 'tags'>, key: string) =>
  page.tags.find((t) => t.name === 'meta' && (t.attrs.get('property') ?? t.attrs.get('name')) === key)?.attrs.get('content');
