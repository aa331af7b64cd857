/**
 * The one gate for reading a repository that may be hostile: every file and folder the catalog reads under
 * AGENTS_DIR (agent files, manifests, `.claude-plugin/`, `.claude/agents/`, the raw copies the build publishes) is
 * first located here. A path may be read only when its real path (every symbolic link resolved) lies inside the
 * root's real path: a link that leads out is reported with the link as written and never followed, so no file from
 * outside the repository can reach a page. Links that stay inside keep working.
 */
import { realpathSync } from 'node:fs';
import { lstat, readFile, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic } from './diagnostic.ts';
import type { Diagnostic } from './types.ts';

/** The folder being read (AGENTS_DIR): absolute, and with every link resolved. */
export interface Root {
  dir: string;
  real: string;
}

/** Opens the root; throws (with the fix) only when the folder itself cannot be read. */
export async function openRoot(dir: string): Promise<Root> {
  const absolute = path.resolve(dir);
  const real = await realpath(absolute).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`The agents folder "${dir}" cannot be read (${error.code ?? error.message}). Set AGENTS_DIR to a folder of .md agent files.`, { cause: error });
  });
  if (!(await stat(real)).isDirectory()) throw new Error(`AGENTS_DIR "${dir}" is a file, not a folder. Set AGENTS_DIR to a folder of .md agent files.`);
  return { dir: absolute, real };
}

/** Whether `file` lies strictly under `dir`, both as given (a watcher's events against the real root). */
export function isUnder(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** `dir` with every link resolved, now; `dir` itself when it cannot be (loading it reports why). */
export function realDir(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/** Whether `real` (already resolved) is the root or lies under it. */
export const isWithin = (root: Root, real: string) => real === root.real || real.startsWith(root.real.endsWith(path.sep) ? root.real : root.real + path.sep);

/** What a path relative to the root turned out to be. `rel` is always the path as the caller wrote it. */
export type Place =
  | { kind: 'file'; rel: string; real: string; size: number; mtime: Date }
  | { kind: 'dir'; rel: string; real: string; size: number; mtime: Date }
  /** Nothing there (and no link on the way). */
  | { kind: 'missing'; rel: string }
  /** Something other than a file or a folder (a socket, a device, a pipe): never read. */
  | { kind: 'special'; rel: string }
  /** A link on the way leads out of the root, nowhere, or round in a loop: `link` is that link, `to` what it says. */
  | { kind: 'outside' | 'broken'; rel: string; link: string; to: string; leads?: string };

const toPosix = (p: string) => p.split(path.sep).join('/');

/** `a/b/c` → its segments; undefined when it is not a plain relative path (absolute, `..`, empty segments). */
function segmentsOf(rel: string): string[] | undefined {
  if (rel === '' || rel === '.') return [];
  const segments = rel.split('/');
  // (A backslash is an ordinary character in a Linux file name; only `/` separates.)
  if (path.posix.isAbsolute(rel) || segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\0'))) return undefined;
  return segments;
}

/** The first symbolic link on the way to `rel` whose target is not inside the root (or does not resolve). */
async function culprit(root: Root, segments: string[]): Promise<{ link: string; to: string; leads?: string; broken: boolean } | undefined> {
  for (let n = 1; n <= segments.length; n++) {
    const prefix = path.join(root.real, ...segments.slice(0, n));
    const info = await lstat(prefix).catch(() => undefined);
    if (!info) return undefined;
    if (!info.isSymbolicLink()) continue;
    const to = await readlink(prefix).catch(() => '?');
    const real = await realpath(prefix).catch(() => undefined);
    if (!real) return { link: segments.slice(0, n).join('/'), to, broken: true };
    if (!isWithin(root, real)) return { link: segments.slice(0, n).join('/'), to, leads: toPosix(real), broken: false };
  }
  return undefined;
}

/**
 * Where `rel` (relative to the root, `/`-separated) really is. Never throws; never reads a file's contents.
 * A path that is not plain (`..`, absolute) is `outside` by definition: callers resolve manifest paths first.
 */
export async function locate(root: Root, rel: string): Promise<Place> {
  const segments = segmentsOf(rel);
  if (!segments) return { kind: 'outside', rel, link: rel, to: rel };
  const full = path.join(root.real, ...segments);
  let real: string;
  try {
    real = await realpath(full);
  } catch {
    const bad = await culprit(root, segments);
    return bad ? { kind: bad.broken ? 'broken' : 'outside', rel, link: bad.link, to: bad.to, ...(bad.leads ? { leads: bad.leads } : {}) } : { kind: 'missing', rel };
  }
  if (!isWithin(root, real)) {
    const bad = await culprit(root, segments);
    return { kind: 'outside', rel, link: bad?.link ?? rel, to: bad?.to ?? toPosix(real), leads: bad?.leads ?? toPosix(real) };
  }
  const info = await stat(real).catch(() => undefined);
  if (!info) return { kind: 'missing', rel };
  if (!info.isFile() && !info.isDirectory()) return { kind: 'special', rel };
  const found = { rel, real, size: info.size, mtime: info.mtime };
  return info.isDirectory() ? { kind: 'dir', ...found } : { kind: 'file', ...found };
}

/** The error for a place that may not be read: the path as written, and the link that leads away with its target. */
export function placeProblem(place: Extract<Place, { kind: 'outside' | 'broken' | 'special' }>): Diagnostic {
  if (place.kind === 'special') {
    return diagnostic('error', 'file-special', 0, `"${place.rel}" is not a regular file or folder (a socket, a device or a pipe), so it is not read.`, 'Remove it from the repository.');
  }
  if (place.link === place.rel && place.to === place.rel) {
    return diagnostic('error', 'link-outside', 0, `"${place.rel}" is not a path inside the repository; nothing there is read.`, 'Name a file inside the repository, without "..".');
  }
  // Where it leads, when the link's own text does not say (a link to a link, a relative path).
  const leads = place.leads && place.leads !== place.to ? ` (which leads to "${place.leads}")` : '';
  const via = place.link === place.rel ? `"${place.rel}" is a symbolic link to "${place.to}"${leads}` : `"${place.rel}" is reached through "${place.link}", a symbolic link to "${place.to}"${leads}`;
  const where = place.kind === 'broken' ? 'that leads nowhere (or round in a loop)' : 'outside the repository';
  return diagnostic('error', 'link-outside', 0, `${via}, ${where}; it is not followed, and nothing there is read.`, 'Copy the files into the repository instead of linking to them, or make the link point inside it.');
}

export type ReadInside = { ok: true; bytes: Buffer; place: Extract<Place, { kind: 'file' }> } | { ok: false; problem: Diagnostic; missing?: true };

const MIB = 1024 * 1024;
const size = (bytes: number) => (bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`);

/**
 * The bytes of a file inside the root, at most `maxBytes` of them (`limitFix` says how to raise the limit, when it
 * can be raised). Reads the resolved path that was checked, so a link elsewhere on the way is never taken twice.
 */
export async function readInside(root: Root, rel: string, maxBytes: number, limitFix = 'Shorten the file.'): Promise<ReadInside> {
  const place = await locate(root, rel);
  if (place.kind === 'missing') return { ok: false, missing: true, problem: diagnostic('error', 'file-missing', 0, `"${rel}" does not exist.`, 'Create it, or remove what names it.') };
  if (place.kind === 'dir') return { ok: false, problem: diagnostic('error', 'file-is-folder', 0, `"${rel}" is a folder, not a file.`, 'Name a file instead.') };
  if (place.kind !== 'file') return { ok: false, problem: placeProblem(place) };
  if (place.size > maxBytes) {
    return { ok: false, problem: diagnostic('error', 'file-too-large', 0, `The file is ${size(place.size)}, over the ${size(maxBytes)} limit, so it was not read.`, limitFix) };
  }
  try {
    const bytes = await readFile(place.real);
    // It grew between the look and the read: the limit holds for what was read.
    if (bytes.length > maxBytes) return { ok: false, problem: diagnostic('error', 'file-too-large', 0, `The file is over the ${size(maxBytes)} limit, so it was not read.`, limitFix) };
    return { ok: true, bytes, place };
  } catch (error) {
    return { ok: false, problem: diagnostic('error', 'file-unreadable', 0, `"${rel}" cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, 'Make it a readable file.') };
  }
}
