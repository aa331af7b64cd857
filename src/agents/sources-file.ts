/**
 * AGENTS_SOURCES: a small JSON file naming a catalog's sources, for what AGENTS_DIR's list cannot say (a source's
 * name, the repository its "View source" links open). Each problem is an error naming the file, line and column, the
 * field and the fix; nothing is read until the whole file is right.
 *
 *   { "sources": [
 *       "./agents",
 *       { "path": "../team-plugins", "name": "team", "repo": "https://github.com/acme/team-plugins", "ref": "main" }
 *   ] }
 */
import path from 'node:path';
import { z } from 'astro/zod';
import { parseJsonWithPositions } from './json-source.ts';
import type { SourceSpec } from './types.ts';

const source = z
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

export const sourcesFileSchema = z
  .object({
    /** The sources, in order: a folder's path, or an object saying more of it. */
    sources: z.array(z.union([z.string().trim().min(1), source])).min(1),
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
      const fix = unknown !== undefined ? `Remove it: ${at.length ? 'a source takes `path`, `name`, `repo`, `ref` and `repoPath`' : 'the file holds `sources`'}.` : (FIXES[field] ?? FIXES.sources);
      return `${shown}:${where.line}:${where.column ?? 1}: ${named}: ${issue.message}. ${fix}`;
    });
    throw new Error(`AGENTS_SOURCES has ${lines.length === 1 ? 'a problem' : `${lines.length} problems`}:\n${lines.join('\n')}`);
  }
  const base = path.dirname(path.resolve(file));
  const specs = checked.data.sources.map((entry): SourceSpec => {
    const given = typeof entry === 'string' ? { path: entry } : entry;
    return {
      dir: path.resolve(base, given.path),
      ...(given.name ? { name: given.name } : {}),
      ...(given.repo ? { repo: { url: given.repo.replace(/\/+$/, '').replace(/\.git$/, ''), ...(given.ref ? { ref: given.ref } : {}), ...(given.repoPath !== undefined ? { path: given.repoPath } : {}) } } : {}),
    };
  });
  const names = specs.map((s) => s.name?.toLowerCase()).filter(Boolean);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`${shown}: two sources are named "${twice}". Give each source a name of its own.`);
  const dirs = specs.map((s) => s.dir);
  const again = dirs.find((d, i) => dirs.indexOf(d) !== i);
  if (again) throw new Error(`${shown}: the folder "${again}" is listed twice. List each source once.`);
  return specs;
}
