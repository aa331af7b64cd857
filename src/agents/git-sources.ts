/**
 * A source given as a git repository (AGENTS_SOURCES `{"git": …}`): fetched by the fetch module (fetch/, which
 * writes only into its cache and runs nothing of the repository) at its pinned `sha`, else the commit its `ref` or
 * default branch names now, then read by sources.ts like a folder of any shape. A pinned commit in the cache is read
 * without network; a branch's earlier commit stands in when the network fails (a warning says so); a source that
 * cannot be fetched costs that source only: a warning at its line of AGENTS_SOURCES.
 */
import { diagnostic } from './diagnostic.ts';
import type { FetchPluginsOptions } from './fetched-plugins.ts';
import { fetchPlugin } from './fetch/index.ts';
import { webRepository } from './mounts.ts';
import type { GitSource, LayoutProblem, Mount, SourceInfo } from './types.ts';

export type FetchedSource =
  | {
      ok: true;
      /** The folder to read: the fetched tree (or its sub-folder), in the cache. */
      dir: string;
      /** Where "View source" opens its files: the repository at the commit read (none for a repository not on the web). */
      repository?: Mount['repository'];
      /** The commit's date: every file's. */
      date?: string;
      info: NonNullable<SourceInfo['git']>;
      /** A warning when a branch's earlier commit stands in. */
      problem?: LayoutProblem;
    }
  | { ok: false; info: NonNullable<SourceInfo['git']>; problem: LayoutProblem };

/**
 * A folder-like path a git source is named by (sources.ts `sourceNames`): its sub-folder under the repository's
 * name, so `{"git": "…/acme/agents.git", "path": "claude"}` is `claude`, and a project's `.claude/agents` is the
 * repository's name.
 */
export function gitSourceFolder(git: GitSource['git']): string {
  const repo = git.url.replace(/[?#].*$/, '').replace(/\/+$/, '').replace(/\.git$/, '').split(/[/:]/).filter(Boolean).at(-1) ?? 'source';
  return `/${repo}/${git.path ?? ''}`.replace(/\/+$/, '');
}

const FIX = 'Check the source\'s `git`, `ref`, `sha` and `path` in AGENTS_SOURCES; the next build with network fetches it.';

/** Fetches one git source; never throws. Without a cache folder (a caller that gave none) it fails, saying so. */
export async function fetchSource(spec: GitSource, name: string, options: FetchPluginsOptions | undefined): Promise<FetchedSource> {
  const { git } = spec;
  const where = spec.listed ?? { file: 'AGENTS_SOURCES', line: 0, column: 1 };
  const warn = (code: string, message: string, fix: string): LayoutProblem => ({ file: where.file, ...diagnostic('warning', code, where.line, message, fix, where.column) });
  const result = options
    ? await fetchPlugin({ kind: 'git', url: git.url, ...(git.ref ? { ref: git.ref } : {}), ...(git.sha ? { sha: git.sha } : {}), ...(git.path ? { path: git.path } : {}) }, { cache: options.cache, ...(options.policy ? { policy: options.policy } : {}), ...(options.limits ? { limits: options.limits } : {}) })
    : ({ ok: false, reason: 'no folder was given to fetch git sources into (loadSources\' `sourceFetch`).' } as const);
  if (!result.ok) {
    return {
      ok: false,
      info: { url: git.url, ...(git.ref ? { ref: git.ref } : {}), failed: result.reason },
      problem: warn('source-fetch-failed', `The source "${name}" (git ${git.url}) could not be fetched, so its agents are not in the catalog: ${result.reason}`, FIX),
    };
  }
  const { fetched } = result;
  const web = webRepository(fetched.url);
  const info = { url: fetched.url, commit: fetched.commit, pinned: fetched.pinned, ...(fetched.ref ? { ref: fetched.ref } : {}), ...(result.stale ? { stale: result.stale } : {}) };
  return {
    ok: true,
    dir: result.dir,
    ...(web ? { repository: { url: web, commit: fetched.commit, path: fetched.path ?? '' } } : {}),
    ...(fetched.committed ? { date: fetched.committed } : {}),
    info,
    ...(result.stale
      ? { problem: warn('source-fetch-stale', `The source "${name}" (git ${git.url}) could not be fetched now (${result.stale}); the commit ${fetched.commit.slice(0, 12)} fetched earlier for the same ref is shown.`, 'Build again with network, or pin the commit with `sha`.') }
      : {}),
  };
}
