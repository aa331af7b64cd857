/**
 * Last-change dates from git: one `git log` over the agents folder, newest commit first, so the first commit that
 * names a file is its last change. A file git does not know (untracked, no repository, no git at all) is missing from
 * the map and keeps the mtime the loader read.
 *
 * The repository may be hostile, and git obeys the config of the repository it runs in: `gpg.program` with
 * `log.showSignature` runs a program on every signed commit `git log` shows, and `core.fsmonitor`, `core.pager`,
 * `diff.external`, textconv drivers, `include.path` and more are the same class. A folder that is also a bare
 * repository (HEAD, objects/, refs/ and a config committed as plain files) is found by git's own discovery from
 * inside it. So git is never pointed at the repository's own git folder and never discovers one:
 *
 * - the git folder is found here, by looking for a `.git` entry at or above the agents folder (never a bare
 *   repository: git's `safe.bareRepository=explicit` rule), and only HEAD, refs, `shallow` and `objects/` are taken
 *   from it, read as data;
 * - git runs in a scratch git folder of our own (its config written here, empty of anything that runs), with the
 *   real object store given through GIT_OBJECT_DIRECTORY, HEAD set to the commit resolved here, system and global
 *   config off, and an environment built from nothing but PATH.
 * No hook, pager, signature program or config of the repository can run, and the dates are git's own.
 *
 * In CI the checkout must have full history (`fetch-depth: 0`): a shallow clone dates every file to its one commit.
 */
import { execFile } from 'node:child_process';
import { lstat, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { locate, openRoot, readInside, type Root } from './inside.ts';

/** Record separator between commits; NUL separates the date and the file names (`-z`). */
const RS = '\x1e';

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** How long `git log` may take before it is stopped and the files keep their mtimes (a FIFO in objects/ would block it forever). */
export const GIT_LOG_TIMEOUT_MS = 120_000;
/** HEAD, a ref, commondir, shallow: a few bytes. packed-refs of a very large repository: megabytes. */
const SMALL_FILE = 64 * 1024;
const PACKED_REFS = 64 * 1024 * 1024;

/** A git folder found at or above the agents folder, as data: where its objects are, and the commit HEAD names. */
export interface GitSource {
  /** The work tree's top (the folder holding `.git`), real path. */
  top: string;
  /** The object store (`objects/`) git reads commits from. */
  objects: string;
  /** HEAD's commit. */
  head: string;
  /** The `shallow` file's commits, for a shallow clone (their parents are missing by design). */
  shallow: string[];
}

/** What git history gave: dates by file, and why there are none when git metadata was there but not used. */
export interface History {
  dates: Map<string, string>;
  /** A sentence for the check report: git metadata found but refused or unreadable, so the files keep their mtimes. */
  unused?: string;
}

class Refused extends Error {}

/**
 * A file of the git folder, read through the gate (inside.ts) rooted at the work tree's top: a regular file of at most
 * `max` bytes whose real path lies inside the work tree, else undefined when it is simply absent. Anything else (a
 * link out, a FIFO, a device, too large) refuses the whole history: git metadata that is not plain data is not used.
 */
async function gitFile(top: Root, file: string, max = SMALL_FILE): Promise<string | undefined> {
  const rel = path.relative(top.real, file).split(path.sep).join('/');
  const read = await readInside(top, rel, max);
  if (read.ok) return read.bytes.toString('utf8');
  if (read.missing) return undefined;
  throw new Refused(`${rel}: ${read.problem.message}`);
}

/** `ref: refs/heads/main` → the commit, through loose refs and packed-refs; never a path outside `refs/`. */
async function resolveRef(top: Root, gitDir: string, common: string, head: string): Promise<string | undefined> {
  let value = head.trim();
  for (let hops = 0; hops < 5; hops++) {
    if (OBJECT_ID.test(value)) return value;
    const name = /^ref: (refs\/[^\s]+)$/.exec(value)?.[1];
    // A ref name is a path under refs/: `..` or a backslash would read elsewhere.
    if (!name || name.split('/').some((s) => s === '..' || s === '.' || s === '') || name.includes('\\')) return undefined;
    const loose = (await gitFile(top, path.join(gitDir, ...name.split('/')))) ?? (await gitFile(top, path.join(common, ...name.split('/'))));
    if (loose !== undefined) {
      value = loose.trim();
      continue;
    }
    const packed = (await gitFile(top, path.join(common, 'packed-refs'), PACKED_REFS)) ?? '';
    const line = packed.split('\n').find((l) => l.endsWith(` ${name}`) && !l.startsWith('#') && !l.startsWith('^'));
    return line && OBJECT_ID.test(line.split(' ')[0]!) ? line.split(' ')[0] : undefined;
  }
  return undefined;
}

/**
 * The git folder of the work tree holding `dir`, as data. Only a `.git` folder (or a `.git` file naming one) whose
 * every part git would read (HEAD, refs, packed-refs, commondir, shallow, objects/ and its alternates) lies inside the
 * work tree is used: a `.git` pointing elsewhere (a linked worktree, a submodule, or a hostile folder naming another
 * repository) would date files from a repository outside the one being read. Then `unused` says why.
 */
export async function findGitSource(dir: string): Promise<GitSource | { unused: string } | undefined> {
  for (let at = dir; ; at = path.dirname(at)) {
    const dotGit = path.join(at, '.git');
    const info = await lstat(dotGit).catch(() => undefined);
    if (info?.isDirectory() || info?.isFile()) {
      const top = await openRoot(at);
      try {
        let gitDir = dotGit;
        if (info.isFile()) {
          // A worktree or submodule: `gitdir: <path>`, relative to the work tree.
          const named = /^gitdir: (.+)$/m.exec((await gitFile(top, dotGit)) ?? '')?.[1]?.trim();
          if (!named) return undefined;
          gitDir = path.resolve(at, named);
        }
        const commonDir = (await gitFile(top, path.join(gitDir, 'commondir')))?.trim();
        const common = commonDir ? path.resolve(gitDir, commonDir) : gitDir;
        const head = await gitFile(top, path.join(gitDir, 'HEAD'));
        const commit = head === undefined ? undefined : await resolveRef(top, gitDir, common, head);
        if (!commit) return undefined;
        const objects = path.join(common, 'objects');
        const place = await locate(top, path.relative(top.real, objects).split(path.sep).join('/'));
        if (place.kind !== 'dir') throw new Refused(`${path.relative(top.real, objects)}: not a folder inside the work tree`);
        // Other object stores git would read: each must be inside the work tree too.
        const alternates = (await gitFile(top, path.join(place.real, 'info', 'alternates'))) ?? '';
        for (const line of alternates.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) {
          const other = await locate(top, path.relative(top.real, path.resolve(place.real, line)).split(path.sep).join('/'));
          if (other.kind !== 'dir') throw new Refused(`objects/info/alternates names "${line}", not a folder inside the work tree`);
        }
        if ((await gitFile(top, path.join(place.real, 'info', 'http-alternates'))) !== undefined) throw new Refused('objects/info/http-alternates is not read');
        const shallow = ((await gitFile(top, path.join(common, 'shallow'), PACKED_REFS)) ?? '').split('\n').filter((l) => OBJECT_ID.test(l));
        return { top: top.real, objects: place.real, head: commit, shallow };
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        return { unused: `The git history at "${at}" is not used (${error.message}), so files keep their modification dates.` };
      }
    }
    if (path.dirname(at) === at) return undefined;
  }
}

/** Runs `git log` for `prefix` (a folder relative to the work tree's top) in a scratch git folder; resolves with stdout. */
async function gitLog(source: GitSource, prefix: string, timeoutMs: number): Promise<{ stdout: string } | { error: string }> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'agent-docs-git-'));
  try {
    const sha256 = source.head.length === 64;
    await mkdir(path.join(scratch, 'refs'));
    await writeFile(path.join(scratch, 'HEAD'), `${source.head}\n`);
    // Our own config: nothing in it runs. (A 64-digit id is a SHA-256 repository, which git must be told.)
    await writeFile(path.join(scratch, 'config'), `[core]\n\trepositoryformatversion = ${sha256 ? 1 : 0}\n\tbare = true\n${sha256 ? '[extensions]\n\tobjectformat = sha256\n' : ''}`);
    if (source.shallow.length) await writeFile(path.join(scratch, 'shallow'), `${source.shallow.join('\n')}\n`);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_DIR: scratch,
      GIT_OBJECT_DIRECTORY: source.objects,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: os.devNull,
      HOME: scratch,
      XDG_CONFIG_HOME: scratch,
      // Folder names are data, never pathspec magic (`:(glob)…`, `*`).
      GIT_LITERAL_PATHSPECS: '1',
      GIT_NO_REPLACE_OBJECTS: '1',
      GIT_TERMINAL_PROMPT: '0',
      GIT_OPTIONAL_LOCKS: '0',
      LC_ALL: 'C',
    };
    const args = ['-c', 'core.quotePath=false', 'log', '--no-show-signature', '-z', `--format=${RS}%cI`, '--name-only', '--no-renames', 'HEAD', '--', prefix || '.'];
    return await new Promise((resolve) => {
      // Bounded: an object file that is a FIFO, or a history too large to walk, must not hang the build.
      execFile('git', args, { cwd: scratch, env, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL' }, (error, stdout) => {
        if (!error) resolve({ stdout });
        else resolve({ error: error.killed ? `git log took longer than ${timeoutMs / 1000} s and was stopped` : `git log failed (${error.message.split('\n')[0]})` });
      });
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * File (relative to the agents folder, `/`-separated, as `Agent.file`) → ISO date (UTC) of the last commit that
 * changed it. Empty when the folder is not in a git work tree or git cannot run: never throws. `unused` says why
 * when git metadata was found but not used (refused, unreadable, or git stopped).
 */
export async function lastChanges(root: Root | string, { timeoutMs = GIT_LOG_TIMEOUT_MS } = {}): Promise<History> {
  const real = typeof root === 'string' ? await realpath(root).catch(() => undefined) : root.real;
  const source = real === undefined ? undefined : await findGitSource(real).catch(() => undefined);
  if (!real || !source) return { dates: new Map() };
  if ('unused' in source) return { dates: new Map(), unused: source.unused };
  const prefix = path.relative(source.top, real).split(path.sep).join('/');
  if (prefix.startsWith('..')) return { dates: new Map() };
  const output = await gitLog(source, prefix, timeoutMs).catch((error: Error) => ({ error: error.message }));
  // No commit yet, or git missing: nothing to say. Stopped or broken: the report says why the dates are mtimes.
  if ('error' in output) return { dates: new Map(), ...(/took longer/.test(output.error) ? { unused: `The git history is not used: ${output.error}; files keep their modification dates.` } : {}) };
  const dates = parseLog(output.stdout);
  if (!prefix) return { dates };
  // Names are relative to the work tree's top: keep the folder's own, relative to it.
  const relative = new Map<string, string>();
  for (const [file, date] of dates) if (file.startsWith(`${prefix}/`)) relative.set(file.slice(prefix.length + 1), date);
  return { dates: relative };
}

/** Parses `git log -z --format=<RS>%cI --name-only` output: `RS date \0 \n file \0 file \0 …` per commit. */
export function parseLog(output: string): Map<string, string> {
  const dates = new Map<string, string>();
  for (const record of output.split(RS)) {
    const [date, ...files] = record.split('\0');
    const time = Date.parse(date);
    if (Number.isNaN(time)) continue;
    const iso = new Date(time).toISOString();
    for (const name of files) {
      const file = name.replace(/^\n/, '');
      if (file && !dates.has(file)) dates.set(file, iso);
    }
  }
  return dates;
}
