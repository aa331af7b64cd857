/**
 * The cache of fetched plugins: one folder per repository address, one entry per commit (and sub-folder) in it.
 *
 *   <cache>/<host-and-path>-<hash of the address>/      one repository address
 *     <commit>[-<sub-folder>-<hash>]/files/…           the plugin's files (the sub-folder's, for git-subdir)
 *     <commit>[-<sub-folder>-<hash>]/fetched.json      what was fetched, and when
 *     refs/<ref>-<hash>.json                           the commit a branch, tag or HEAD named at its last fetch
 *   <cache>/.partial-…/                                a fetch under way (removed when it ends, however it ends)
 *
 * An entry is built in a `.partial-` folder and renamed into place whole, `fetched.json` included, so an entry that
 * exists is complete, and a failed or stopped fetch leaves nothing once its partial folder is removed. Entries are
 * never changed after that: a commit's files are the commit's. The cache may come back from a CI cache between
 * runs, so `fetched.json` is checked before it is believed.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Fetched, FetchTarget } from './types.ts';

export const RECORD = 'fetched.json';
export const FILES = 'files';
export const PARTIAL = '.partial-';

const hash = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);
/** Readable, and safe as one file name on any system. */
const slug = (text: string, length: number) => text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+|_+$/g, '').slice(0, length) || 'x';

/** The repository's folder: its host and path to read, and a hash of the whole address to be unique. */
export function repositoryFolder(cache: string, target: Pick<FetchTarget, 'shown'>): string {
  const url = new URL(target.shown);
  return path.join(cache, `${slug(`${url.host}${url.pathname}`.replace(/\.git$/, ''), 60)}-${hash(target.shown, 12)}`);
}

/** The entry of one commit (and sub-folder). */
export function entryFolder(repository: string, commit: string, sub: string | undefined): string {
  return path.join(repository, sub ? `${commit}-${slug(sub, 40)}-${hash(sub, 8)}` : commit);
}

/** The record of an entry, when the entry is complete and the record says what it should. */
export async function readEntry(entry: string, expect: { commit?: string; path?: string }): Promise<Fetched | undefined> {
  try {
    const record = JSON.parse(await readFile(path.join(entry, RECORD), 'utf8')) as Partial<Fetched>;
    const files = await stat(path.join(entry, FILES));
    const sound =
      files.isDirectory() &&
      typeof record.url === 'string' &&
      typeof record.commit === 'string' &&
      /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(record.commit) &&
      (expect.commit === undefined || record.commit === expect.commit) &&
      record.path === expect.path &&
      typeof record.when === 'string' &&
      (record.committed === undefined || (typeof record.committed === 'string' && !Number.isNaN(Date.parse(record.committed)))) &&
      typeof record.pinned === 'boolean' &&
      typeof record.files === 'number' &&
      typeof record.bytes === 'number' &&
      Array.isArray(record.skipped);
    return sound ? (record as Fetched) : undefined;
  } catch {
    return undefined;
  }
}

/** Where the commit a branch, tag or the default branch last named is kept (per sub-folder): one small file each. */
function refFile(repository: string, target: FetchTarget): string {
  const name = `${target.ref ? `ref:${target.ref}` : 'HEAD'}\0${target.path ?? ''}`;
  return path.join(repository, 'refs', `${slug(target.ref ?? 'HEAD', 40)}-${hash(name, 12)}.json`);
}

/** Notes the commit `target`'s ref (or the default branch) named at this fetch; written whole or not at all. */
export async function rememberRef(repository: string, target: FetchTarget, fetched: Pick<Fetched, 'commit' | 'when' | 'ref'>): Promise<void> {
  const file = refFile(repository, target);
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}${PARTIAL}${process.pid}-${Math.random().toString(36).slice(2)}`;
  await writeFile(partial, `${JSON.stringify({ commit: fetched.commit, when: fetched.when, ...(fetched.ref ? { ref: fetched.ref } : {}) })}\n`);
  await rename(partial, file);
}

/** The commit `target`'s ref named when last fetched, and its entry: what stands in when the network fails. */
export async function rememberedRef(repository: string, target: FetchTarget): Promise<{ entry: string; fetched: Fetched; ref?: string } | undefined> {
  try {
    const noted = JSON.parse(await readFile(refFile(repository, target), 'utf8')) as { commit?: unknown; ref?: unknown };
    if (typeof noted.commit !== 'string') return undefined;
    const entry = entryFolder(repository, noted.commit, target.path);
    const fetched = await readEntry(entry, { commit: noted.commit, path: target.path });
    return fetched ? { entry, fetched, ...(typeof noted.ref === 'string' ? { ref: noted.ref } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

/** A partial folder this old was left by a process that died mid-fetch (every fetch ends by its deadline). */
export const ABANDONED_MS = 60 * 60 * 1000;

/** Removes the partial folders of fetches that can no longer be running; never the ones of a fetch under way. */
export async function sweepPartials(cache: string, now = Date.now()): Promise<void> {
  for (const name of await readdir(cache).catch(() => [] as string[])) {
    if (!name.startsWith(PARTIAL)) continue;
    const info = await stat(path.join(cache, name)).catch(() => undefined);
    if (info && now - info.mtimeMs > ABANDONED_MS) await rm(path.join(cache, name), { recursive: true, force: true });
  }
}
