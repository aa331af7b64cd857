/**
 * Reading and checking plugin manifests (`.claude-plugin/marketplace.json`, `.claude-plugin/plugin.json`) as Claude
 * Code 2.1 does: JSON with the position of every value, so each problem is reported at its line and column; plugin
 * names, marketplace names, plugin sources and `agents` paths checked against the rules its validator and loader
 * apply. discovery.ts decides from these which files are agents.
 */
import path from 'node:path';
import { diagnostic } from './diagnostic.ts';
import { labelDiagnostics } from './diagnostics.ts';
import { visible } from './text.ts';
import { readInside, type Root } from './inside.ts';
import { LIMITS } from './limits.ts';
import type { LayoutProblem, PluginInfo, PluginSource } from './types.ts';
import { parseJsonWithPositions, type Position } from './json-source.ts';
import { fieldFix, manifestFieldProblems } from './plugin-manifest-schema.ts';
import type { Diagnostic } from './types.ts';

export const MARKETPLACE_MANIFEST = '.claude-plugin/marketplace.json';
export const PLUGIN_MANIFEST = '.claude-plugin/plugin.json';

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export interface Manifest {
  file: string;
  value: Record<string, unknown>;
  at: (...p: Array<string | number>) => Position;
}

export type Problems = LayoutProblem[];

export function problem(problems: Problems, file: string, severity: Diagnostic['severity'], code: string, where: Position | undefined, message: string, fix: string) {
  problems.push({ file, ...diagnostic(severity, code, where?.line ?? 0, message, fix, where?.column) });
}

/**
 * Claude Code's rule for a plugin's name, in its plugin.json and in a marketplace entry alike: no spaces (kebab-case).
 * Reports a name that breaks it at `where`, saying what Claude Code refuses; false when it does.
 */
export function checkPluginName(problems: Problems, file: string, where: Position, name: string, refused: 'the manifest' | 'it'): boolean {
  if (!/\s/.test(name)) return true;
  problem(problems, file, 'error', 'plugin-name-invalid', where, `The plugin name "${name}" contains spaces, so Claude Code refuses ${refused}.`, `Use kebab-case, e.g. "${name.trim().toLowerCase().replace(/\s+/g, '-')}".`);
  return false;
}

/**
 * A plugin name or category from a manifest as the catalog shows it: hidden characters escaped, so what is shown is
 * what is there (with a warning at `where`, as for one too long for its page's address).
 */
export function shownLabel(problems: Problems, file: string, where: Position, value: string, what: 'plugin name' | 'category'): string {
  for (const d of labelDiagnostics(value, what)) problem(problems, file, d.severity, d.code, where, d.message, d.fix);
  return visible(value);
}

/**
 * Read and parse a manifest through the gate (inside.ts), at most `maxBytes` of it; a problem (a link out of the
 * repository, too large, not JSON, not an object) is reported and gives undefined.
 */
export async function readManifest(root: Root, file: string, problems: Problems, maxBytes = LIMITS.manifestBytes): Promise<Manifest | undefined> {
  const read = await readInside(root, file, maxBytes, 'Real manifests are a few kilobytes: remove what does not belong in it, or split the marketplace.');
  if (!read.ok) {
    const { code, message, fix } = read.problem;
    const renamed = code === 'file-too-large' ? 'manifest-too-large' : code === 'link-outside' ? code : 'manifest-unreadable';
    problem(problems, file, 'error', renamed, undefined, `The manifest cannot be read: ${message.replace(/^The file is/, 'it is')}${renamed === 'manifest-unreadable' ? '' : ' Nothing it declares is in the catalog.'}`, fix);
    return undefined;
  }
  const source = read.bytes.toString('utf8');
  const parsed = parseJsonWithPositions(source);
  if (!parsed.ok) {
    problem(problems, file, 'error', 'manifest-json', parsed.position, `The manifest is not valid JSON: ${parsed.message}; Claude Code cannot read it, so nothing it declares is installed.`, 'Fix the JSON at this line and column (a missing comma or quote, or a trailing comma, is the usual cause).');
    return undefined;
  }
  if (!isObject(parsed.value)) {
    problem(problems, file, 'error', 'manifest-shape', parsed.at(), 'The manifest must be a JSON object ({ … }).', 'Wrap the manifest\'s fields in one object.');
    return undefined;
  }
  return { file, value: parsed.value, at: parsed.at };
}

/** Resolve `./x` against a folder (both relative to AGENTS_DIR); undefined when it leaves `within`. */
export function resolveInside(from: string, relative: string, within: string): string | undefined {
  const joined = path.posix.normalize(path.posix.join(from || '.', relative));
  const base = within ? `${within}/` : '';
  if (joined === '..' || joined.startsWith('../') || path.posix.isAbsolute(joined)) return undefined;
  const trimmed = joined.replace(/\/+$/, '');
  const clean = trimmed === '.' || trimmed === '' ? '' : trimmed;
  if (within && clean !== within && !clean.startsWith(base)) return undefined;
  return clean;
}

/** Paths of a component field: a string or an array of strings. Reports what is neither. */
export function componentPaths(manifest: Manifest, field: string, entryPath: Array<string | number>, problems: Problems): Array<{ value: string; at: Position }> | undefined {
  const raw = readPath(manifest.value, [...entryPath, field]);
  if (raw === undefined) return undefined;
  const list = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : undefined;
  if (!list) {
    problem(problems, manifest.file, 'error', 'agents-invalid', manifest.at(...entryPath, field), `\`${field}\` must be a path or a list of paths, not ${describe(raw)}.`, `Write \`"${field}": ["./${field}/my-agent.md"]\`.`);
    return [];
  }
  const out: Array<{ value: string; at: Position }> = [];
  if (list.length > LIMITS.paths) {
    problem(problems, manifest.file, 'error', 'paths-too-many', manifest.at(...entryPath, field), `\`${field}\` lists ${list.length.toLocaleString('en')} paths, over the catalog's limit of ${LIMITS.paths.toLocaleString('en')}: the first ${LIMITS.paths.toLocaleString('en')} are read.`, `List only the plugin's own ${field} files.`);
  }
  list.slice(0, LIMITS.paths).forEach((item, i) => {
    const where = typeof raw === 'string' ? manifest.at(...entryPath, field) : manifest.at(...entryPath, field, i);
    if (typeof item !== 'string' || !item.trim()) {
      problem(problems, manifest.file, 'error', 'agents-invalid', where, `Each entry of \`${field}\` must be a path, not ${describe(item)}.`, `Write the path as a string starting with "./", e.g. "./${field}/my-agent.md".`);
    } else out.push({ value: item, at: where });
  });
  return out;
}

export function readPath(value: unknown, p: Array<string | number>): unknown {
  let current = value;
  for (const key of p) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isObject(current) && typeof key === 'string' && Object.hasOwn(current, key)) current = current[key];
    else return undefined;
  }
  return current;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value}"`;
  return `${typeof value} ${String(value)}`;
}

export function pluginFields(value: Record<string, unknown> | undefined): Pick<PluginInfo, 'description' | 'version' | 'homepage'> {
  if (!value) return {};
  const out: Pick<PluginInfo, 'description' | 'version' | 'homepage'> = {};
  if (text(value.description)) out.description = text(value.description);
  if (text(value.version)) out.version = text(value.version);
  if (text(value.homepage)) out.homepage = text(value.homepage);
  return out;
}

/**
 * A plugin.json as Claude Code's schema takes it: each problem reported, and the reasons it refuses the manifest (so
 * `claude plugin install` fails) returned in its words ("commands: Invalid input"); none when it accepts it. The name
 * is checked here; the other fields by the table in plugin-manifest-schema.ts.
 */
export function checkPluginManifest(manifest: Manifest, problems: Problems): string[] {
  const name = manifest.value.name;
  if (typeof name !== 'string' || !name.trim()) {
    problem(problems, manifest.file, 'error', 'plugin-name-missing', manifest.at(...(name === undefined ? [] : ['name'])), 'The plugin manifest has no `name`, so Claude Code refuses it and does not load the plugin.', 'Add `"name": "my-plugin"` (lowercase letters, digits and hyphens).');
    return ['name: Plugin name cannot be empty'];
  }
  if (!checkPluginName(problems, manifest.file, manifest.at('name'), name, 'the manifest')) {
    return ['name: Plugin name cannot contain spaces. Use kebab-case (e.g., "my-plugin")'];
  }
  return checkManifestFields(manifest, [], 'plugin.json', problems);
}

/**
 * The fields of a plugin's manifest (its plugin.json, or its marketplace entry at `entryPath`) as Claude Code's schema
 * takes them: a refused one is an error (the install fails, with Claude Code's message), a dropped one a warning.
 * Returns the refusals in Claude Code's words.
 */
export function checkManifestFields(manifest: Manifest, entryPath: Array<string | number>, kind: 'plugin.json' | 'entry', problems: Problems): string[] {
  const value = entryPath.length ? readPath(manifest.value, entryPath) : manifest.value;
  if (!isObject(value)) return [];
  const refusals: string[] = [];
  for (const found of manifestFieldProblems(value, kind)) {
    const at = manifest.at(...entryPath, found.field);
    const says = `${found.field}: ${found.message}`;
    if (found.effect === 'refused') {
      refusals.push(says);
      const where = kind === 'entry' ? "This plugin's marketplace entry is invalid" : 'Validation errors';
      problem(problems, manifest.file, 'error', 'plugin-manifest-field', at, `Claude Code's schema refuses \`${found.field}\` ("${where}: ${says}"), so \`claude plugin install\` fails and none of the plugin's agents arrive.`, fieldFix(found.field));
    } else {
      problem(problems, manifest.file, 'warning', 'plugin-manifest-field-dropped', at, `Claude Code drops \`${found.field}\` (${found.message}) and installs the plugin without it.`, `Fix or remove \`${found.field}\`.`);
    }
  }
  return refusals;
}

/**
 * An agents path must start with `./` and name a `.md` file; anything else fails Claude Code's manifest schema, and
 * the plugin does not load (`invalid`). A `./…` path with `..` in it is refused on its own: that path is skipped.
 */
export function checkedPath(item: { value: string; at: Position }, pluginRoot: string, manifestFile: string, problems: Problems): { target?: string; invalid: boolean } {
  const { value, at } = item;
  const fails = ' Claude Code refuses the manifest, so the plugin does not load.';
  if (value.split(/[\\/]/).includes('..')) {
    const whole = !value.startsWith('./');
    problem(problems, manifestFile, 'error', 'agents-path-escapes', at, `The agents path "${value}" contains "..": a plugin can use only files inside its own folder.${whole ? fails : ' Claude Code skips the path.'}`, 'Move the file into the plugin\'s folder and name it from there, e.g. "./agents/my-agent.md".');
    return { invalid: whole };
  }
  if (!value.startsWith('./')) {
    const bare = value.replace(/^([a-z]:)?[\\/]+/i, '');
    problem(problems, manifestFile, 'error', 'agents-path-relative', at, `The agents path "${value}" must start with "./" (relative to the plugin's folder).${fails}`, `Write it as "./${bare}".`);
    return { invalid: true };
  }
  if (!/\.md$/i.test(value)) {
    const folder = value.endsWith('/') || !/\.[^/]+$/.test(value);
    problem(problems, manifestFile, 'error', 'agents-path-not-md', at, `The agents path "${value}" is ${folder ? 'a folder' : 'not a .md file'}; each entry of \`agents\` must name one agent file.${fails}`, folder ? `List the folder's files one by one, e.g. "${value.replace(/\/?$/, '/')}my-agent.md".` : 'Name the agent\'s .md file.');
    return { invalid: true };
  }
  return { target: resolveInside(pluginRoot, value, pluginRoot), invalid: false };
}

export { marketplaceNameProblem } from './marketplace-names.ts';

/** A relative plugin source (`./…` or `.`, from the marketplace root) → its folder relative to AGENTS_DIR. */
export function localSource(source: string, at: Position, problems: Problems): string | undefined {
  if (source.split(/[\\/]/).includes('..')) {
    problem(problems, MARKETPLACE_MANIFEST, 'error', 'plugin-source-escapes', at, `The plugin source "${source}" contains "..": plugin sources are resolved from the marketplace's root (the folder holding .claude-plugin/), and may not leave it.`, `Use "./${source.replace(/^(\.\.?\/)+/, '')}" with the plugin inside the repository.`);
    return undefined;
  }
  if (source !== '.' && !source.startsWith('./')) {
    const bare = source.replace(/^([a-z]:)?[\\/]+/i, '');
    problem(problems, MARKETPLACE_MANIFEST, 'error', 'plugin-source-relative', at, `The plugin source "${source}" must start with "./" (a path from the marketplace's root); Claude Code refuses it otherwise.`, `Write it as "./${bare}".`);
    return undefined;
  }
  return resolveInside('', source, '') ?? '';
}

export function remoteSource(source: Record<string, unknown>): PluginSource {
  const type = text(source.source) ?? 'unknown';
  const ref = text(source.ref);
  // The commit Claude Code installs: a pinned plugin is the same files for everyone, whatever the branch says now.
  const sha = text(source.sha);
  const pinned = { ...(ref ? { ref } : {}), ...(sha ? { sha } : {}) };
  switch (type) {
    case 'github':
      return text(source.repo) ? { kind: 'github', repo: text(source.repo)!, ...pinned } : { kind: 'other', type };
    case 'url':
    case 'git-subdir': {
      const url = text(source.url);
      const sub = text(source.path);
      if (!url || (type === 'git-subdir' && !sub)) return { kind: 'other', type };
      return { kind: 'git', url, ...pinned, ...(sub ? { path: sub } : {}) };
    }
    case 'npm':
      return text(source.package) ? { kind: 'npm', package: text(source.package)!, ...(text(source.version) ? { version: text(source.version) } : {}) } : { kind: 'other', type };
    default:
      return { kind: 'other', type };
  }
}
