/**
 * AGENTS_SOURCES: a small JSON file naming a catalog's sources, for what AGENTS_DIR's list cannot say (a source's
 * name, the repository its "View source" links open, a source that is a git repository). Each problem is an error
 * naming the file, line and column, the field and the fix; nothing is read until the whole file is right.
 *
 *   { "sources": [
 *       "./agents",
 *       { "path": "../team-plugins", "name": "team", "repo": "https://github.com/acme/team-plugins", "ref": "main" },
 *       { "git": "https://github.com/acme/agents.git", "sha": "0123…", "path": "claude" }
 *   ] }
 */
import path from 'node:path';
import { z } from 'astro/zod';
import { parseJsonWithPositions } from './json-source.ts';
import type { SourceSpec } from './types.ts';

/** A commit id as git prints it (SHA-1, or SHA-256 for repositories that use it). */
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

const folder = z
  .object({
    /** The folder, relative to this file: any shape AGENTS_DIR takes (a marketplace, a plugin, a project, a folder). */
    path: z.string().trim().min(1),
    /** What pages call the source, and the start of its files' paths; by default the folder's (or project's) name. */
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/).optional(),
    /** The repository on a web host whose files "View source" opens (`https://github.com/acme/team-plugins`). */
    repo: z.url({ protocol: /^https?$/ }).optional(),
    /** The branch, tag or commit those links open; by default the commit the folder's clone has checked out, else `main`. */
    ref: z.string().trim().min(1).optional(),
    /** The folder's path inside `repo`; by default its path inside its clone, else the repository's root. */
    repoPath: z.string().optional(),
  })
  .strict();

/**
 * A git repository, fetched into the plugin cache (FETCH_PLUGINS_CACHE) as a marketplace's remote plugins are, with
 * the same care (nothing in it runs) and limits, then read like a folder. Always fetched: listing it is asking for it.
 */
const repository = z
  .object({
    /** The repository's address: `https://host/owner/name.git`, or `owner/name` for GitHub. */
    git: z.string().trim().min(1),
    /** What pages call the source; by default the sub-folder's name, else the repository's. */
    name: folder.shape.name,
    /** A branch or tag to read; by default the repository's default branch. A pinned `sha` wins. */
    ref: z.string().trim().min(1).optional(),
    /** The commit to read (its full id): built from the cache without network once fetched. */
    sha: z.string().trim().regex(COMMIT, 'a full commit id of 40 hexadecimal digits').optional(),
    /** The folder inside the repository to read (`plugins/review-kit`); by default its top. */
    path: z.string().trim().min(1).optional(),
  })
  .strict();

export const sourcesFileSchema = z
  .object({
    /** The sources, in order: a folder's path, an object saying more of it, or a git repository (`git`). */
    sources: z.array(z.union([z.string().trim().min(1), folder, repository])).min(1),
  })
  .strict();

/** What to write instead, per field. */
const FIXES: Record<string, string> = {
  sources: 'Write `"sources": ["./agents", { "path": "../team-plugins" }]`.',
  path: 'Give the folder\'s path, relative to this file: `"path": "../team-plugins"`.',
  name: 'Use letters, digits, `.`, `_` and `-` (at most 60), starting with a letter or digit: `"name": "team"`.',
  repo: 'Give the repository\'s web address: `"repo": "https://github.com/acme/team-plugins"`.',
  ref: 'Give a branch, tag or commit: `"ref": "main"`.',
  repoPath: 'Give the folder\'s path inside the repository: `"repoPath": "claude/agents"`.',
  git: 'Give the repository\'s address: `"git": "https://github.com/acme/agents.git"`.',
  sha: 'Give the full commit id (`git rev-parse HEAD` prints it): `"sha": "0123…"` with all 40 digits.',
};

/** The file's text → its sources, folders resolved from the file's own folder; throws one message listing every problem. */
export function parseSourcesFile(text: string, file: string): SourceSpec[] {
  const shown = path.relative(process.cwd(), file) || file;
  const parsed = parseJsonWithPositions(text);
  if (!parsed.ok) throw new Error(`${shown}:${parsed.position.line}:${parsed.position.column ?? 1}: not valid JSON (${parsed.message}). Fix the JSON at this line and column.`);
  const checked = sourcesFileSchema.safeParse(parsed.value);
  if (!checked.success) {
    const lines = checked.error.issues.map((issue) => {
      const at = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      // An unknown key is reported where its value is.
      const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      const where = parsed.at(...at, ...(unknown === undefined ? [] : [unknown]));
      const field = at.filter((p) => typeof p === 'string').at(-1) ?? 'sources';
      const named = at.length ? `\`${at.join('.')}\`` : 'the file';
      const takes = isGit(at, parsed.value) ? 'a `git` source takes `git`, `name`, `ref`, `sha` and `path`' : 'a source takes `path`, `name`, `repo`, `ref` and `repoPath` (or `git`, `name`, `ref`, `sha` and `path`)';
      const fix = unknown !== undefined ? `Remove it: ${at.length ? takes : 'the file holds `sources`'}.` : issue.code === 'invalid_union' ? SOURCE_FIX : (FIXES[field] ?? FIXES.sources);
      const message = issue.code === 'invalid_union' ? 'neither a folder nor a git repository' : issue.message;
      return `${shown}:${where.line}:${where.column ?? 1}: ${named}: ${message}. ${fix}`;
    });
    throw new Error(`AGENTS_SOURCES has ${lines.length === 1 ? 'a problem' : `${lines.length} problems`}:\n${lines.join('\n')}`);
  }
  const base = path.dirname(path.resolve(file));
  const specs = checked.data.sources.map((entry, i): SourceSpec => {
    const at = parsed.at('sources', i);
    const listed = { file: shown, line: at.line, column: at.column ?? 1 };
    if (typeof entry !== 'string' && 'git' in entry) {
      const { git, name, ref, sha, path: sub } = entry;
      return { git: { url: git, ...(ref ? { ref } : {}), ...(sha ? { sha: sha.toLowerCase() } : {}), ...(sub ? { path: sub } : {}) }, ...(name ? { name } : {}), listed };
    }
    const given = typeof entry === 'string' ? { path: entry } : entry;
    return {
      dir: path.resolve(base, given.path),
      ...(given.name ? { name: given.name } : {}),
      ...(given.repo ? { repo: { url: given.repo.replace(/\/+$/, '').replace(/\.git$/, ''), ...(given.ref ? { ref: given.ref } : {}), ...(given.repoPath !== undefined ? { path: given.repoPath } : {}) } } : {}),
      listed,
    };
  });
  const names = specs.map((s) => s.name?.toLowerCase()).filter(Boolean);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`${shown}: two sources are named "${twice}". Give each source a name of its own.`);
  const places = specs.map((s) => (s.git ? JSON.stringify(s.git) : s.dir));
  const again = places.findIndex((d, i) => places.indexOf(d) !== i);
  if (again >= 0) {
    const spec = specs[again]!;
    throw new Error(`${shown}:${spec.listed!.line}: ${spec.git ? `the repository "${spec.git.url}"${spec.git.path ? ` (folder "${spec.git.path}")` : ''} is listed twice, at the same commit` : `the folder "${spec.dir}" is listed twice`}. List each source once.`);
  }
  return specs;
}

const SOURCE_FIX = 'Write a folder\'s path (`"./agents"`), `{ "path": "../team" }`, or `{ "git": "https://github.com/acme/agents.git" }`.';

/** Whether the issue at `at` is inside a source object that names `git` (to say which fields it takes). */
function isGit(at: Array<string | number>, value: unknown): boolean {
  if (at[0] !== 'sources' || typeof at[1] !== 'number') return false;
  const entry = (value as { sources?: unknown[] }).sources?.[at[1]];
  return typeof entry === 'object' && entry !== null && 'git' in entry;
}
