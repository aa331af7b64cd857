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
import { lstat, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Root } from './inside.ts';

/** Record separator between commits; NUL separates the date and the file names (`-z`). */
const RS = '\x1e';

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

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

const readText = (file: string) => readFile(file, 'utf8').catch(() => undefined);

/** `ref: refs/heads/main` → the commit, through loose refs and packed-refs; never a path outside `refs/`. */
async function resolveRef(gitDir: string, common: string, head: string): Promise<string | undefined> {
  let value = head.trim();
  for (let hops = 0; hops < 5; hops++) {
    if (OBJECT_ID.test(value)) return value;
    const name = /^ref: (refs\/[^\s]+)$/.exec(value)?.[1];
    // A ref name is a path under refs/: `..` or a backslash would read elsewhere.
    if (!name || name.split('/').some((s) => s === '..' || s === '.' || s === '') || name.includes('\\')) return undefined;
    const loose = (await readText(path.join(gitDir, ...name.split('/')))) ?? (await readText(path.join(common, ...name.split('/'))));
    if (loose !== undefined) {
      value = loose.trim();
      continue;
    }
    const packed = (await readText(path.join(common, 'packed-refs'))) ?? '';
    const line = packed.split('\n').find((l) => l.endsWith(` ${name}`) && !l.startsWith('#') && !l.startsWith('^'));
    return line && OBJECT_ID.test(line.split(' ')[0]!) ? line.split(' ')[0] : undefined;
  }
  return undefined;
}

/** The git folder of the work tree holding `dir` (a `.git` folder, or a `.git` file naming one), as data. */
export async function findGitSource(dir: string): Promise<GitSource | undefined> {
  for (let top = dir; ; top = path.dirname(top)) {
    const dotGit = path.join(top, '.git');
    const info = await lstat(dotGit).catch(() => undefined);
    if (info?.isDirectory() || info?.isFile()) {
      let gitDir = dotGit;
      if (info.isFile()) {
        // A worktree or submodule: `gitdir: <path>`, relative to the work tree.
        const named = /^gitdir: (.+)$/m.exec((await readText(dotGit)) ?? '')?.[1]?.trim();
        if (!named) return undefined;
        gitDir = path.resolve(top, named);
      }
      const commonDir = (await readText(path.join(gitDir, 'commondir')))?.trim();
      const common = commonDir ? path.resolve(gitDir, commonDir) : gitDir;
      const head = await readText(path.join(gitDir, 'HEAD'));
      const commit = head === undefined ? undefined : await resolveRef(gitDir, common, head);
      if (!commit) return undefined;
      const shallow = ((await readText(path.join(common, 'shallow'))) ?? '').split('\n').filter((l) => OBJECT_ID.test(l));
      return { top: await realpath(top), objects: path.join(common, 'objects'), head: commit, shallow };
    }
    if (path.dirname(top) === top) return undefined;
  }
}

/** Runs `git log` for `prefix` (a folder relative to the work tree's top) in a scratch git folder; resolves with stdout. */
async function gitLog(source: GitSource, prefix: string): Promise<string | undefined> {
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
      execFile('git', args, { cwd: scratch, env, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) => resolve(error ? undefined : stdout));
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * File (relative to the agents folder, `/`-separated, as `Agent.file`) → ISO date (UTC) of the last commit that
 * changed it. Empty when the folder is not in a git work tree or git cannot run: never throws.
 */
export async function lastChanges(root: Root | string): Promise<Map<string, string>> {
  const real = typeof root === 'string' ? await realpath(root).catch(() => undefined) : root.real;
  const source = real === undefined ? undefined : await findGitSource(real).catch(() => undefined);
  if (!real || !source) return new Map();
  const prefix = path.relative(source.top, real).split(path.sep).join('/');
  if (prefix.startsWith('..')) return new Map();
  const output = await gitLog(source, prefix).catch(() => undefined);
  if (output === undefined) return new Map();
  const dates = parseLog(output);
  if (!prefix) return dates;
  // Names are relative to the work tree's top: keep the folder's own, relative to it.
  const relative = new Map<string, string>();
  for (const [file, date] of dates) if (file.startsWith(`${prefix}/`)) relative.set(file.slice(prefix.length + 1), date);
  return relative;
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
