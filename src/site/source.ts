/**
 * Where an agent file lives in its git repository, for the "View source" and "Edit this agent" links. Pure: the
 * page passes the settings (REPO_URL, REPO_BRANCH, AGENTS_DIR, REPO_AGENTS_PATH), the tests pass their own.
 */
import path from 'node:path';
import type { Settings } from '../settings.ts';

export type SourceSettings = Pick<Settings, 'repoUrl' | 'repoBranch' | 'agentsDir' | 'repoAgentsPath'>;

export interface SourceLinks {
  /** The file's path from the repository root, with `/` (not encoded). */
  path: string;
  /** `REPO_URL/blob/<branch>/<path>`: the file on the repository host. */
  view: string;
  /** `REPO_URL/edit/<branch>/<path>`: the host's editor for it. */
  edit: string;
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

/** Links to `file` (relative to AGENTS_DIR) on the repository host; undefined without REPO_URL or a known folder. */
export function sourceLinks(file: string, s: SourceSettings, root = process.cwd()): SourceLinks | undefined {
  if (!s.repoUrl) return undefined;
  const folder = agentsFolderInRepo(s, root);
  if (!folder) return undefined;
  const parts = [...folder, ...segments(file)];
  const branch = encodePath(segments(s.repoBranch));
  const tail = `${branch}/${encodePath(parts)}`;
  return { path: parts.join('/'), view: `${s.repoUrl}/blob/${tail}`, edit: `${s.repoUrl}/edit/${tail}` };
}
