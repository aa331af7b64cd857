/**
 * Where an agent file lives in its git repository, for the "View source" and "Edit this agent" links. Pure: the
 * page passes the settings (REPO_URL, REPO_BRANCH, AGENTS_DIR, REPO_AGENTS_PATH), the tests pass their own.
 */
import path from 'node:path';
import { mountOf } from '../agents/mounts.ts';
import type { Mount } from '../agents/types.ts';
import type { Settings } from '../settings.ts';

export type SourceSettings = Pick<Settings, 'repoUrl' | 'repoBranch' | 'agentsDir' | 'repoAgentsPath'>;

export interface SourceLinks {
  /** The file's path from the repository root, with `/` (not encoded). */
  path: string;
  /** `REPO_URL/blob/<branch>/<path>`: the file on the repository host. */
  view: string;
  /** `REPO_URL/edit/<branch>/<path>`: the host's editor for it (none for a file read at a commit). */
  edit?: string;
}

/** Path segments without empty ones and `.`, so `/`, `.` and `''` all mean the repository root. */
const segments = (p: string) => p.split(/[\\/]/).filter((s) => s && s !== '.');
/** Each segment percent-encoded, the `/` between them kept (GitHub, GitLab and Gitea read branch and path so). */
const encodePath = (parts: string[]) => parts.map(encodeURIComponent).join('/');

/**
 * The agents folder's path from the repository root: REPO_AGENTS_PATH when set (the folder is another repository's
 * subfolder), else AGENTS_DIR relative to the project root when it is inside the project; undefined when unknown.
 */
export function agentsFolderInRepo(s: SourceSettings, root = process.cwd()): string[] | undefined {
  if (s.repoAgentsPath !== undefined) return segments(s.repoAgentsPath);
  const relative = path.relative(root, s.agentsDir);
  if (path.isAbsolute(relative) || relative === '..' || relative.startsWith(`..${path.sep}`)) return undefined;
  return segments(relative);
}

/**
 * Links to `file` (relative to AGENTS_DIR, or a path of the catalog's `mounts`: several sources, fetched plugins) on
 * its repository host: REPO_URL's for AGENTS_DIR's own files; for a fetched plugin's, or another source's clone, its
 * repository at the commit read (no editor link: a commit cannot be edited). Undefined when the host is unknown.
 */
export function sourceLinks(file: string, s: SourceSettings, root = process.cwd(), mounts?: readonly Mount[]): SourceLinks | undefined {
  const where = mounts && mountOf(file, mounts);
  if (where && where.mount.at !== '') {
    const { mount, rel } = where;
    if (mount.repository) {
      const parts = [...segments(mount.repository.path), ...segments(rel)];
      return { path: parts.join('/'), view: `${mount.repository.url}/blob/${mount.repository.commit}/${encodePath(parts)}` };
    }
    // The first source's own files link as REPO_URL says; another folder without a known repository, nowhere.
    return path.resolve(mount.dir) === path.resolve(s.agentsDir) ? sourceLinks(rel, s, root) : undefined;
  }
  if (!s.repoUrl) return undefined;
  const folder = agentsFolderInRepo(s, root);
  if (!folder) return undefined;
  const parts = [...folder, ...segments(file)];
  const branch = encodePath(segments(s.repoBranch));
  const tail = `${branch}/${encodePath(parts)}`;
  return { path: parts.join('/'), view: `${s.repoUrl}/blob/${tail}`, edit: `${s.repoUrl}/edit/${tail}` };
}
