/**
 * A fetched commit's tree → files in the cache, written here, not by git. The tree is listed first (`ls-tree`, with
 * each blob's size), so the limits are checked before a byte is written; each blob is then read raw (`cat-file`):
 * no checkout, so no attribute, filter, LFS smudge or hook applies, and a file's bytes are the ones committed.
 *
 * Written: regular files (without their executable bit: nothing in the cache is meant to run) and symbolic links
 * that stay inside the folder returned. Not written, each with a reason: submodules (a gitlink names another
 * repository, which is not fetched), links to absolute paths, and links whose real path, once every link is in
 * place, leads out of the folder or nowhere. git's own check (`transfer.fsckObjects`) already refuses `.git` and
 * `..` in trees; names are checked again here before they become paths.
 */
import { lstat, mkdir, realpath, symlink, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FetchLimits } from './limits.ts';
import { sizeText } from './limits.ts';
import type { Skipped } from './types.ts';

export interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  /** Bytes of a blob; 0 for a submodule. */
  size: number;
  /** Relative to the tree listed, `/`-separated. */
  path: string;
}

/** `git ls-tree -r -l -z` output → entries. */
export function parseTree(output: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of output.toString('utf8').split('\0')) {
    const match = /^(\d{6}) (\w+) ([0-9a-f]+) +(-|\d+)\t([\s\S]+)$/.exec(record);
    if (match) entries.push({ mode: match[1]!, type: match[2]!, oid: match[3]!, size: match[4] === '-' ? 0 : Number(match[4]), path: match[5]! });
  }
  return entries;
}

/** Why a name from the tree may not become a path here; undefined when it may. */
export function nameProblem(rel: string): string | undefined {
  const segments = rel.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.toLowerCase() === '.git')) return 'its name holds ".", "..", ".git" or an empty part, which could write outside the folder';
  if (/[\x00-\x1f\x7f\\\ufffd]/.test(rel)) return 'its name holds control characters, a backslash or bytes that are not UTF-8';
  if (segments.some((s) => Buffer.byteLength(s) > 255) || Buffer.byteLength(rel) > 4096) return 'its name is too long for a file system';
  return undefined;
}

export interface Plan {
  files: TreeEntry[];
  links: TreeEntry[];
  skipped: Skipped[];
  bytes: number;
}

/** What to write, or the limit the tree is over (a sentence). */
export function planTree(entries: TreeEntry[], limits: Pick<FetchLimits, 'files' | 'treeBytes'>, where: string): { ok: true; plan: Plan } | { ok: false; reason: string } {
  const plan: Plan = { files: [], links: [], skipped: [], bytes: 0 };
  for (const entry of entries) {
    const problem = nameProblem(entry.path);
    if (problem) plan.skipped.push({ path: entry.path, reason: `Not written: ${problem}.` });
    else if (entry.mode === '160000') plan.skipped.push({ path: entry.path, reason: 'A submodule (a link to another repository): its repository is not fetched.' });
    else if (entry.mode === '120000') plan.links.push(entry);
    else if (entry.type === 'blob') plan.files.push(entry);
    else plan.skipped.push({ path: entry.path, reason: `Not written: an entry of mode ${entry.mode}.` });
  }
  const count = plan.files.length + plan.links.length;
  plan.bytes = [...plan.files, ...plan.links].reduce((sum, e) => sum + e.size, 0);
  if (count > limits.files) return { ok: false, reason: `${where} holds ${count.toLocaleString('en')} files, over the limit of ${limits.files.toLocaleString('en')}, so nothing of it was kept.` };
  if (plan.bytes > limits.treeBytes) return { ok: false, reason: `${where} holds ${sizeText(plan.bytes)} of files, over the limit of ${sizeText(limits.treeBytes)}, so nothing of it was kept.` };
  return { ok: true, plan };
}

/** `git cat-file --batch` output → each object's bytes, in the order asked. */
export function parseBatch(output: Buffer): Map<string, Buffer> {
  const objects = new Map<string, Buffer>();
  let at = 0;
  while (at < output.length) {
    const end = output.indexOf(0x0a, at);
    if (end < 0) break;
    const [oid, type, size] = output.subarray(at, end).toString('latin1').split(' ');
    at = end + 1;
    if (type === 'missing' || size === undefined) continue;
    const bytes = Number(size);
    objects.set(oid!, output.subarray(at, at + bytes));
    at += bytes + 1;
  }
  return objects;
}

const within = (root: string, real: string) => real === root || real.startsWith(root + path.sep);

/**
 * Writes the plan under `root` (a fresh, empty folder). Files first, links last (so no file is ever written through
 * a link), then every link is checked by its real path until none leads out.
 */
export async function writeTree(root: string, plan: Plan, objects: Map<string, Buffer>, deadline: number): Promise<{ ok: true; files: number; skipped: Skipped[] } | { ok: false; reason: string }> {
  const skipped = [...plan.skipped];
  const real = await realpath(root);
  let written = 0;
  for (const [n, entry] of plan.files.entries()) {
    if (n % 200 === 0 && Date.now() > deadline) return { ok: false, reason: 'timeout' };
    const bytes = objects.get(entry.oid);
    if (!bytes) return { ok: false, reason: `git did not give the file "${entry.path}" of the fetched tree.` };
    const full = path.join(root, ...entry.path.split('/'));
    try {
      await mkdir(path.dirname(full), { recursive: true });
      // `wx`: never over something already there (two names that one file system takes as the same).
      await writeFile(full, bytes, { flag: 'wx', mode: 0o644 });
      written++;
    } catch (error) {
      skipped.push({ path: entry.path, reason: `Not written: ${(error as NodeJS.ErrnoException).code === 'EEXIST' ? 'another file of the same name (differing only in case?) was written first' : `the file system refused it (${(error as NodeJS.ErrnoException).code ?? 'error'})`}.` });
    }
  }
  const links: TreeEntry[] = [];
  for (const entry of plan.links) {
    const target = objects.get(entry.oid)?.toString('utf8') ?? '';
    if (!target || path.posix.isAbsolute(target) || /^[a-z]:|^\\|[\0\ufffd]/i.test(target)) {
      skipped.push({ path: entry.path, reason: `Not written: a symbolic link to "${target.slice(0, 200)}", an absolute path, which leads out of the plugin.` });
      continue;
    }
    const full = path.join(root, ...entry.path.split('/'));
    try {
      await mkdir(path.dirname(full), { recursive: true });
      // Its folder must really be inside: on a file system that folds case, `A/x` could go through a link `a`.
      if (!within(real, await realpath(path.dirname(full)))) {
        skipped.push({ path: entry.path, reason: 'Not written: its folder is reached through a link.' });
        continue;
      }
      await symlink(target, full);
      links.push(entry);
    } catch (error) {
      skipped.push({ path: entry.path, reason: `Not written: the file system refused the link (${(error as NodeJS.ErrnoException).code ?? 'error'}).` });
    }
  }
  // A link is judged by where it really leads with every other link in place (`a -> b/c`, `b/c -> ..`); removing one
  // can leave another leading nowhere, so judge again until nothing changes.
  for (let kept = links; kept.length; ) {
    const out: Array<{ entry: TreeEntry; reason: string }> = [];
    for (const entry of kept) {
      const full = path.join(root, ...entry.path.split('/'));
      const target = objects.get(entry.oid)!.toString('utf8');
      const resolved = await realpath(full).catch(() => undefined);
      // Where it leads: its real path, or, when nothing is there, its folder's (`a/../x` where `a` is a link), walked
      // link by link (never `path.resolve`, which would cancel `a/..` without looking at `a`).
      const leads = resolved ?? (await realpath(`${path.dirname(full)}${path.sep}${path.dirname(target)}`).catch(() => undefined));
      // Read as written, from the link's folder, it may leave already: that is enough.
      const asWritten = path.resolve(path.dirname(full), target);
      if (!within(root, asWritten) || (leads !== undefined && !within(real, leads))) out.push({ entry, reason: `Not written: a symbolic link to "${target}", which leads out of the plugin.` });
      else if (resolved === undefined) out.push({ entry, reason: `Not written: a symbolic link to "${target}", which leads nowhere (or round in a loop) inside the plugin.` });
    }
    for (const { entry, reason } of out) {
      const full = path.join(root, ...entry.path.split('/'));
      if ((await lstat(full).catch(() => undefined))?.isSymbolicLink()) await unlink(full);
      skipped.push({ path: entry.path, reason });
    }
    if (!out.length) {
      written += kept.length;
      break;
    }
    kept = kept.filter((e) => !out.some((o) => o.entry === e));
  }
  return { ok: true, files: written, skipped };
}
