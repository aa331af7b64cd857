/**
 * The settings that say what the catalog reads: AGENTS_DIR (one folder or several) or AGENTS_SOURCES (a file naming
 * them), and fetching (FETCH_PLUGINS…). Pure and without side effects, so `npm run check` reads them as the build
 * does (settings.ts reads the rest once, at import). Throws a plain Error naming the setting and the fix.
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { parseSourcesFile } from './agents/sources-file.ts';
import type { SourceSpec } from './agents/types.ts';

export interface SourceSettings {
  sources: SourceSpec[];
  agentsDirs: string[];
  fetchPlugins: boolean;
  pluginCache: string;
  fetchAllow: { protocols: Array<'https' | 'http' | 'file'>; localHosts: boolean };
}

export function readSourceSettings(env: Record<string, string | undefined>, root: string): SourceSettings {
  const sources = env.AGENTS_SOURCES?.trim() ? readSourcesFile(env.AGENTS_SOURCES.trim(), env.AGENTS_DIR, root) : readAgentsDirs(env.AGENTS_DIR, root).map((dir) => ({ dir }));
  if (env.AGENTS_SOURCES_WITHIN?.trim()) keepWithin(sources, path.resolve(root, env.AGENTS_SOURCES_WITHIN.trim()));
  return {
    sources,
    // The folders on this machine (a git source's is known once fetched).
    agentsDirs: sources.flatMap((s) => (s.dir === undefined ? [] : [s.dir])),
    fetchPlugins: readFlag(env.FETCH_PLUGINS, 'FETCH_PLUGINS'),
    pluginCache: path.resolve(root, env.FETCH_PLUGINS_CACHE?.trim() || 'node_modules/.cache/agent-docs/plugins'),
    fetchAllow: readFetchAllow(env.FETCH_PLUGINS_ALLOW),
  };
}

/** BASE_PATH: the path the site is served under, with leading and trailing `/` (the pages warnings name need it too). */
export function normaliseBase(base: string | undefined): string {
  const trimmed = (base ?? '/').trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** Where a path really leads (links followed), as far as it exists. */
function realPath(place: string): string {
  try {
    return realpathSync(place);
  } catch {
    const parent = path.dirname(place);
    return parent === place ? place : path.join(realPath(parent), path.basename(place));
  }
}

/**
 * AGENTS_SOURCES_WITHIN (the Action sets it to the repository): every folder a source names must be inside it, links
 * followed, so a sources file in a pull request cannot publish files from elsewhere on the runner.
 */
function keepWithin(sources: readonly SourceSpec[], within: string): void {
  const root = realPath(within);
  for (const source of sources) {
    if (source.dir === undefined) continue;
    const relative = path.relative(root, realPath(source.dir));
    if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
      const where = source.listed ? `${source.listed.file}:${source.listed.line}:${source.listed.column}: ` : '';
      throw new Error(`${where}the source folder "${source.dir}" is outside ${within}; list folders inside it.`);
    }
  }
}

/** AGENTS_DIR: one folder, or several separated as PATH is; empty parts (`a::b`, a trailing `:`) are dropped. */
function readAgentsDirs(value: string | undefined, root: string): string[] {
  const parts = (value ?? '').split(path.delimiter).map((p) => p.trim()).filter(Boolean);
  const dirs = (parts.length ? parts : ['agents']).map((p) => path.resolve(root, p));
  const twice = dirs.find((d, i) => dirs.indexOf(d) !== i);
  if (twice) throw new Error(`AGENTS_DIR lists the folder "${twice}" twice; list each source once.`);
  return dirs;
}

/** AGENTS_SOURCES: a JSON file listing the sources (src/agents/sources-file.ts); AGENTS_DIR must then be unset. */
function readSourcesFile(file: string, agentsDir: string | undefined, root: string): SourceSpec[] {
  if (agentsDir?.trim()) throw new Error('AGENTS_DIR and AGENTS_SOURCES are both set: list the sources in one of them.');
  const absolute = path.resolve(root, file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new Error(`AGENTS_SOURCES names "${file}", which cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  return parseSourcesFile(text, absolute);
}

function readFlag(value: string | undefined, name: string): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (['', '0', 'false', 'no', 'off'].includes(v)) return false;
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  throw new Error(`${name} must be 1 (on) or 0 (off), not "${value}".`);
}

function readFetchAllow(value: string | undefined): SourceSettings['fetchAllow'] {
  const allow: SourceSettings['fetchAllow'] = { protocols: ['https'], localHosts: false };
  for (const part of (value ?? '').split(',').map((p) => p.trim().toLowerCase()).filter(Boolean)) {
    if (part === 'http' || part === 'file') allow.protocols.push(part);
    else if (part === 'local-hosts') allow.localHosts = true;
    else throw new Error(`FETCH_PLUGINS_ALLOW takes http, file and local-hosts (comma-separated), not "${part}".`);
  }
  return allow;
}

