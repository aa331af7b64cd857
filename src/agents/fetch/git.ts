/**
 * git, run on a repository fetched from a marketplace's say-so: the same care as history.ts, and for the same reason.
 * git obeys config and environment, and a plugin's repository is not ours. So every run here:
 *
 * - works in a scratch git folder inside the cache (`--git-dir`, never discovered), made by `git init --template=`
 *   (no template: no hook can be copied in);
 * - has an environment built from nothing but PATH: system and global config off, HOME and XDG_CONFIG_HOME pointing
 *   into the scratch folder, no credential helper, askpass or terminal prompt, and the protocols allowed listed in
 *   GIT_ALLOW_PROTOCOL (which also bounds where a redirect may lead). The builder's own GIT_* variables
 *   (GIT_CONFIG_PARAMETERS, GIT_SSH_COMMAND, GIT_TEMPLATE_DIR…) never reach it;
 * - gets config of our own (`-c`, below) that turns off whatever a fetch could start: hooks, submodule recursion,
 *   background maintenance, LFS filters; and checks every object received (`transfer.fsckObjects`, which refuses
 *   trees holding `.git` or `..`).
 *
 * Files are never checked out: the tree is listed and each blob read raw (`cat-file`), so no attribute, filter,
 * smudge, textconv or checkout hook can apply, and this module writes the files itself (tree.ts).
 * Each run is bounded: a deadline, after which its whole process group (git, git-remote-https, index-pack) is
 * killed, a cap on what it prints, and an optional watchdog (the size of what it downloads).
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import type { Protocol } from './target.ts';

/** Our own config for every run. Why each: */
const SETTINGS: readonly string[] = [
  // No hook runs, whatever a hook folder holds (fetch runs `reference-transaction`).
  `core.hooksPath=${os.devNull}`,
  'core.fsmonitor=false',
  // A bare repository is used only when named (`--git-dir`): git's own guard against embedded bare repositories.
  'safe.bareRepository=explicit',
  // Submodules are never fetched: a gitlink is a name, its repository is someone else's.
  'submodule.recurse=false',
  'fetch.recurseSubmodules=false',
  // Every object received is checked: malformed objects, `.git` and `..` in trees, are refused.
  'transfer.fsckObjects=true',
  // The download is kept as one pack file (never unpacked into loose objects), so its size can be watched.
  'transfer.unpackLimit=1',
  'fetch.unpackLimit=1',
  // Nothing left running after a fetch (`git maintenance run --auto`, gc, commit-graph writes).
  'maintenance.auto=false',
  'gc.auto=0',
  'fetch.writeCommitGraph=false',
  // Protocol v2 serves any reachable commit by its id, which a pinned sha needs.
  'protocol.version=2',
  // No credential helper: a private repository fails fast instead of asking.
  'credential.helper=',
  // No redirect: it could lead to a host that resolve.ts has not checked (the build machine's own network).
  'http.followRedirects=false',
  // Files are read raw (never checked out), so no filter applies; and none is defined, LFS's included.
  'filter.lfs.smudge=',
  'filter.lfs.process=',
  'filter.lfs.required=false',
  // Quiets `git init`'s hint about the name; the scratch folder's own branch is never used.
  'init.defaultBranch=main',
];

export interface GitOptions {
  /** The scratch git folder (inside the cache). */
  gitDir: string;
  /** The working folder of the process (inside the cache). */
  cwd: string;
  /** Milliseconds since the epoch by which the run must have ended. */
  deadline: number;
  protocols: readonly Protocol[];
  input?: string;
  /** Largest stdout kept; past it the run is stopped (`overflow`). */
  maxStdout?: number;
  /** Asked every 100 ms while git runs; a sentence returned stops the run with it (`stopped`). */
  watch?: () => Promise<string | undefined>;
  /** The addresses the repository's host was checked at (resolve.ts): git connects there, never resolving it again. */
  pin?: string;
}

export interface GitRun {
  /** Exit code; null when git was stopped or could not start. */
  code: number | null;
  stdout: Buffer;
  /** The last 64 KiB of what git printed on stderr. */
  stderr: string;
  timedOut: boolean;
  overflow: boolean;
  /** The watchdog's sentence, when it stopped the run. */
  stopped?: string;
  /** Why git could not start (`ENOENT`: not installed). */
  spawnError?: string;
}

const STDERR_BYTES = 64 * 1024;

/**
 * The builder's proxy settings, which curl (under git) reads from the environment: the builder's own, never the
 * repository's, so passing them on is safe, and a build machine that reaches the web only through a proxy can fetch.
 */
// (curl reads `http_proxy` in lower case only: an upper-case one may come from a web server's request headers.)
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'all_proxy', 'ALL_PROXY', 'no_proxy', 'NO_PROXY'] as const;

/** The environment of every run: PATH, the builder's proxy, and ours. */
export function gitEnv(gitDir: string, protocols: readonly Protocol[]): NodeJS.ProcessEnv {
  const proxy = Object.fromEntries(PROXY_VARIABLES.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));
  return {
    ...proxy,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: gitDir,
    XDG_CONFIG_HOME: gitDir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ALLOW_PROTOCOL: protocols.join(':'),
    GIT_PROTOCOL_FROM_USER: '0',
    GIT_NO_REPLACE_OBJECTS: '1',
    // git's messages are matched in English (reasons.ts).
    LC_ALL: 'C',
  };
}

/** The arguments git is started with: the scratch folder, our config, then the command's own. */
export const gitArgs = (gitDir: string, args: readonly string[], pin?: string) => [`--git-dir=${gitDir}`, ...SETTINGS.flatMap((s) => ['-c', s]), ...(pin ? ['-c', `http.curloptResolve=${pin}`] : []), ...args];

/** Runs git; never throws, never outlives its deadline. */
export function runGit(args: readonly string[], options: GitOptions): Promise<GitRun> {
  return new Promise((resolve) => {
    const started = spawn('git', gitArgs(options.gitDir, args, options.pin), {
      cwd: options.cwd,
      env: gitEnv(options.gitDir, options.protocols),
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      // Its own process group, so a stop reaches the helpers it starts (git-remote-https, index-pack).
      detached: true,
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = '';
    const run: Omit<GitRun, 'code' | 'stdout' | 'stderr'> = { timedOut: false, overflow: false };
    let finished = false;
    const stop = () => {
      try {
        if (started.pid) process.kill(-started.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      run.timedOut = true;
      stop();
    }, Math.max(0, options.deadline - Date.now()));
    let watching = false;
    const watchdog = options.watch
      ? setInterval(() => {
          if (watching || finished) return;
          watching = true;
          options.watch!()
            .then((reason) => {
              if (reason && !finished) {
                run.stopped = reason;
                stop();
              }
            })
            .catch(() => undefined)
            .finally(() => (watching = false));
        }, 100)
      : undefined;
    started.stdout!.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (options.maxStdout !== undefined && outBytes > options.maxStdout) {
        run.overflow = true;
        stop();
        return;
      }
      out.push(chunk);
    });
    started.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_BYTES);
    });
    const end = (code: number | null, spawnError?: string) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (watchdog) clearInterval(watchdog);
      resolve({ ...run, code, stdout: Buffer.concat(out), stderr, ...(spawnError ? { spawnError } : {}) });
    };
    started.on('error', (error: NodeJS.ErrnoException) => end(null, error.code ?? error.message));
    started.on('close', (code, signal) => end(signal ? null : code));
    if (options.input !== undefined) {
      // git may stop reading early (it failed): that is its exit code's to say, not an error here.
      started.stdin!.on('error', () => undefined);
      started.stdin!.end(options.input);
    }
  });
}
