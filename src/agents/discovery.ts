/**
 * Which `.md` files are agents, decided the way Claude Code decides: by where a file is, not only by what it holds.
 * Given the folder `AGENTS_DIR` points at, it is one of four layouts:
 *
 * - a **marketplace** (`.claude-plugin/marketplace.json`): each plugin with a relative `source`, and within it the
 *   agents its `.claude-plugin/plugin.json` (or, with `strict: false`, its marketplace entry) names, plus its default
 *   `agents/` folder; plugins with a remote source (GitHub, git, npm) are listed, never fetched;
 * - a **plugin** (`.claude-plugin/plugin.json`): its agents, the same way;
 * - a **project** holding `.claude/agents/`: the files in that folder;
 * - otherwise the folder **is** a folder of agents (this project's own `agents/`).
 *
 * A `SKILL.md`, a command, a README or any file outside those places is never an agent: it is listed in `ignored`.
 * Manifest problems come back as diagnostics with the manifest's path, line and column, like problems in agent files.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic } from './diagnostics.ts';
import { listAgentFiles } from './files.ts';
import { parseJsonWithPositions, type Position } from './json-source.ts';
import type { Diagnostic } from './types.ts';

export type Layout = 'marketplace' | 'plugin' | 'project' | 'folder';

/** Where a plugin comes from. Only `local` plugins are read; the others are listed with their install command. */
export type PluginSource =
  | { kind: 'local'; /** The plugin's folder relative to AGENTS_DIR (`` for a plugin at the root). */ path: string }
  | { kind: 'github'; repo: string; ref?: string }
  | { kind: 'git'; url: string; ref?: string; path?: string }
  | { kind: 'npm'; package: string; version?: string }
  | { kind: 'other'; type: string };

export interface PluginInfo {
  name: string;
  description?: string;
  version?: string;
  /** The marketplace entry's `category`, when it has one. */
  category?: string;
  homepage?: string;
  source: PluginSource;
  /** The manifest that declares the plugin: the marketplace's, or the plugin's own for a plugin at the root. */
  manifest: string;
}

export interface MarketplaceInfo {
  name: string;
  description?: string;
  owner?: string;
  /** `.claude-plugin/marketplace.json` */
  manifest: string;
}

/** An agent file and what its place says about it. */
export interface AgentLocation {
  /** Path relative to AGENTS_DIR, `/`-separated. */
  file: string;
  /** The plugin it ships in. */
  plugin?: string;
  /** The category its place gives it (a frontmatter `category` still wins): label without an `01-` prefix. */
  category: string;
  /** Sorts categories: the label with its numeric prefix kept. */
  categoryOrder: string;
  /** Why Claude Code cannot load it whatever the file holds (its plugin's manifest is broken): an error on the agent. */
  blocked?: { message: string; fix: string };
}

/** A problem with a manifest, a path it names, or a file that cannot be reached. */
export interface LayoutProblem extends Diagnostic {
  file: string;
}

export interface Discovery {
  layout: Layout;
  marketplace?: MarketplaceInfo;
  /** Every plugin, local and remote, in manifest order. */
  plugins: PluginInfo[];
  agents: AgentLocation[];
  /** `.md` files that are not in any place Claude Code loads agents from (skills, commands, READMEs…). */
  ignored: string[];
  problems: LayoutProblem[];
}

export const MARKETPLACE_MANIFEST = '.claude-plugin/marketplace.json';
export const PLUGIN_MANIFEST = '.claude-plugin/plugin.json';
export const PROJECT_AGENTS = '.claude/agents';

/** Plugin component folders other than `agents/`: what is in them is never an agent. */
const COMPONENT_FOLDERS = new Set(['commands', 'skills', 'hooks', 'output-styles', 'agents-md']);

/** `01-core-development` → `core-development`; the prefix orders, the rest is the label. */
export function categoryLabel(raw: string): string {
  return raw.replace(/^\d+[-_. ]+(?=\S)/, '') || raw;
}

/** Category from a file's place, for agents that are not in a plugin: the nearest folder not named `agents`. */
export function folderCategory(file: string): { category: string; categoryOrder: string } {
  const folders = file.split('/').slice(0, -1).reverse();
  const nearest = folders.find((f) => f.toLowerCase() !== 'agents' && !f.startsWith('.'));
  return nearest ? { category: categoryLabel(nearest), categoryOrder: nearest } : { category: 'uncategorized', categoryOrder: 'uncategorized' };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

async function exists(full: string): Promise<'file' | 'dir' | undefined> {
  return stat(full).then(
    (info) => (info.isDirectory() ? 'dir' : info.isFile() ? 'file' : undefined),
    () => undefined,
  );
}

interface Manifest {
  file: string;
  value: Record<string, unknown>;
  at: (...p: Array<string | number>) => Position;
}

type Problems = LayoutProblem[];

function problem(problems: Problems, file: string, severity: Diagnostic['severity'], code: string, where: Position | undefined, message: string, fix: string) {
  problems.push({ file, ...diagnostic(severity, code, where?.line ?? 0, message, fix, where?.column) });
}

/** Read and parse a manifest; a problem (not JSON, not an object) is reported and gives undefined. */
async function readManifest(root: string, file: string, problems: Problems): Promise<Manifest | undefined> {
  let source: string;
  try {
    source = await readFile(path.join(root, ...file.split('/')), 'utf8');
  } catch (error) {
    problem(problems, file, 'error', 'manifest-unreadable', undefined, `The manifest cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, 'Make it a readable UTF-8 file.');
    return undefined;
  }
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
function resolveInside(from: string, relative: string, within: string): string | undefined {
  const joined = path.posix.normalize(path.posix.join(from || '.', relative));
  const base = within ? `${within}/` : '';
  if (joined === '..' || joined.startsWith('../') || path.posix.isAbsolute(joined)) return undefined;
  const clean = joined === '.' ? '' : joined.replace(/\/+$/, '');
  if (within && clean !== within && !clean.startsWith(base)) return undefined;
  return clean;
}

/** Paths of a component field: a string or an array of strings. Reports what is neither. */
function componentPaths(manifest: Manifest, field: string, entryPath: Array<string | number>, problems: Problems): Array<{ value: string; at: Position }> | undefined {
  const raw = readPath(manifest.value, [...entryPath, field]);
  if (raw === undefined) return undefined;
  const list = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : undefined;
  if (!list) {
    problem(problems, manifest.file, 'error', 'agents-invalid', manifest.at(...entryPath, field), `\`${field}\` must be a path or a list of paths, not ${describe(raw)}.`, `Write \`"${field}": ["./${field}/my-agent.md"]\`.`);
    return [];
  }
  const out: Array<{ value: string; at: Position }> = [];
  list.forEach((item, i) => {
    const where = typeof raw === 'string' ? manifest.at(...entryPath, field) : manifest.at(...entryPath, field, i);
    if (typeof item !== 'string' || !item.trim()) {
      problem(problems, manifest.file, 'error', 'agents-invalid', where, `Each entry of \`${field}\` must be a path, not ${describe(item)}.`, `Write the path as a string starting with "./", e.g. "./${field}/my-agent.md".`);
    } else out.push({ value: item, at: where });
  });
  return out;
}

function readPath(value: unknown, p: Array<string | number>): unknown {
  let current = value;
  for (const key of p) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isObject(current) && typeof key === 'string' && Object.hasOwn(current, key)) current = current[key];
    else return undefined;
  }
  return current;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value}"`;
  return `${typeof value} ${String(value)}`;
}

/**
 * Find every agent under `dir`. Never throws for a problem in the repository (those are `problems`); throws only when
 * `dir` itself cannot be read.
 */
export async function discover(dir: string): Promise<Discovery> {
  const listing = await listAgentFiles(dir);
  const root = path.resolve(dir);
  const problems: Problems = listing.problems.map((p) => ({ ...p }));
  const all = new Set(listing.files);

  if (await exists(path.join(root, ...MARKETPLACE_MANIFEST.split('/')))) return marketplaceLayout(root, all, problems);
  if (await exists(path.join(root, ...PLUGIN_MANIFEST.split('/')))) {
    const plugins: PluginInfo[] = [];
    const agents: AgentLocation[] = [];
    const manifest = await readManifest(root, PLUGIN_MANIFEST, problems);
    const name = (manifest && text(manifest.value.name)) ?? path.basename(root);
    const info: PluginInfo = { name, ...pluginFields(manifest?.value), source: { kind: 'local', path: '' }, manifest: PLUGIN_MANIFEST };
    plugins.push(info);
    if (manifest) checkPluginManifest(manifest, problems);
    agents.push(...pluginAgents(info, '', manifest, undefined, all, problems));
    return finish('plugin', undefined, plugins, agents, all, problems);
  }
  if ((await exists(path.join(root, ...PROJECT_AGENTS.split('/')))) === 'dir') {
    const inner = await listAgentFiles(path.join(root, ...PROJECT_AGENTS.split('/')));
    for (const p of inner.problems) problems.push({ ...p, file: `${PROJECT_AGENTS}/${p.file}` });
    const agents = inner.files.map((f) => ({ file: `${PROJECT_AGENTS}/${f}`, ...folderCategory(f) }));
    return finish('project', undefined, [], agents, all, problems);
  }
  return finish('folder', undefined, [], folderAgents(listing.files), all, problems);
}

/**
 * A plain folder of agents. Where it holds folders named `agents/` (a repository of components), only the files
 * under them are agents; otherwise every `.md` file is, except skills and files in other component folders.
 */
export function folderAgents(files: readonly string[]): AgentLocation[] {
  const inAgents = (f: string) => f.split('/').slice(0, -1).some((d) => d.toLowerCase() === 'agents');
  const hasAgentsFolders = files.some(inAgents);
  const isComponent = (f: string) =>
    f.split('/').pop()!.toLowerCase() === 'skill.md' || f.split('/').slice(0, -1).some((d) => COMPONENT_FOLDERS.has(d.toLowerCase()));
  return files
    .filter((f) => (hasAgentsFolders ? inAgents(f) : true) && !isComponent(f))
    .map((file) => ({ file, ...folderCategory(file) }));
}

function pluginFields(value: Record<string, unknown> | undefined): Pick<PluginInfo, 'description' | 'version' | 'homepage'> {
  if (!value) return {};
  const out: Pick<PluginInfo, 'description' | 'version' | 'homepage'> = {};
  if (text(value.description)) out.description = text(value.description);
  if (text(value.version)) out.version = text(value.version);
  if (text(value.homepage)) out.homepage = text(value.homepage);
  return out;
}

function checkPluginManifest(manifest: Manifest, problems: Problems): void {
  const name = manifest.value.name;
  if (typeof name !== 'string' || !name.trim()) {
    problem(problems, manifest.file, 'error', 'plugin-name-missing', manifest.at(...(name === undefined ? [] : ['name'])), 'The plugin manifest has no `name`; Claude Code needs it to install the plugin.', 'Add `"name": "my-plugin"` (lowercase letters, digits and hyphens).');
  } else if (/\s/.test(name)) {
    problem(problems, manifest.file, 'error', 'plugin-name-invalid', manifest.at('name'), `The plugin name "${name}" contains spaces; Claude Code refuses it.`, `Use kebab-case, e.g. "${name.trim().toLowerCase().replace(/\s+/g, '-')}".`);
  }
}

/**
 * The agents of one local plugin at `pluginRoot` (relative to AGENTS_DIR): the files its manifest's `agents` names
 * (files or folders) and its default `agents/` folder, which Claude Code loads as well.
 */
function pluginAgents(
  plugin: PluginInfo,
  pluginRoot: string,
  manifest: Manifest | undefined,
  entry: { manifest: Manifest; path: Array<string | number> } | undefined,
  all: ReadonlySet<string>,
  problems: Problems,
): AgentLocation[] {
  const files = new Set<string>();
  const prefix = pluginRoot ? `${pluginRoot}/` : '';
  const under = (folder: string) => [...all].filter((f) => f.startsWith(folder ? `${folder}/` : ''));
  // The default folder, loaded whether or not the manifest names other paths.
  for (const f of under(`${prefix}agents`)) files.add(f);
  const declared: Array<{ manifest: Manifest; path: Array<string | number> }> = [];
  if (manifest) declared.push({ manifest, path: [] });
  if (entry) declared.push(entry);
  for (const source of declared) {
    for (const item of componentPaths(source.manifest, 'agents', source.path, problems) ?? []) {
      const target = checkedPath(item, pluginRoot, source.manifest.file, problems);
      if (target === undefined) continue;
      if (all.has(target)) files.add(target);
      else {
        const inside = under(target);
        if (inside.length) for (const f of inside) files.add(f);
        else problem(problems, source.manifest.file, 'error', 'agents-path-missing', item.at, `The agents path "${item.value}" does not exist in the plugin (${prefix || './'}), so Claude Code fails to load it.`, 'Correct the path, relative to the plugin\'s folder (the one holding .claude-plugin/), or remove it.');
      }
    }
  }
  const category = plugin.category ?? plugin.name;
  const folder = pluginRoot.split('/').pop() ?? '';
  const categoryOrder = plugin.category ?? (categoryLabel(folder) === plugin.name ? folder : plugin.name);
  return [...files].sort().map((file) => ({ file, plugin: plugin.name, category: categoryLabel(category), categoryOrder }));
}

/** A component path must be relative (`./…`), stay inside the plugin, and name a `.md` file or a folder. */
function checkedPath(item: { value: string; at: Position }, pluginRoot: string, manifestFile: string, problems: Problems): string | undefined {
  const { value, at } = item;
  if (value.split(/[\\/]/).includes('..')) {
    problem(problems, manifestFile, 'error', 'agents-path-escapes', at, `The agents path "${value}" contains "..", which Claude Code refuses: a plugin can only use files inside its own folder.`, 'Move the file into the plugin\'s folder and name it from there, e.g. "./agents/my-agent.md".');
    return undefined;
  }
  if (path.posix.isAbsolute(value) || /^[a-z]:[\\/]/i.test(value) || !value.startsWith('./')) {
    problem(problems, manifestFile, 'error', 'agents-path-relative', at, `The agents path "${value}" must be relative to the plugin's folder and start with "./".`, `Write it as "./${value.replace(/^([a-z]:)?[\\/]+/i, '')}".`);
    return undefined;
  }
  const target = resolveInside(pluginRoot, value, pluginRoot);
  if (target === undefined) return undefined;
  const base = value.replace(/\/+$/, '').split('/').pop() ?? '';
  if (base.includes('.') && !/\.md$/i.test(base)) {
    problem(problems, manifestFile, 'error', 'agents-path-not-md', at, `The agents path "${value}" is not a .md file; Claude Code loads agents only from markdown files.`, 'Name the agent\'s .md file, or a folder of them.');
    return undefined;
  }
  return target;
}

async function marketplaceLayout(root: string, all: ReadonlySet<string>, problems: Problems): Promise<Discovery> {
  const manifest = await readManifest(root, MARKETPLACE_MANIFEST, problems);
  const plugins: PluginInfo[] = [];
  const agents: AgentLocation[] = [];
  if (!manifest) {
    // Nothing installs from a marketplace Claude Code cannot read; still show what its agents/ folders hold, as not loading.
    const blocked = { message: `The marketplace manifest (${MARKETPLACE_MANIFEST}) cannot be read, so Claude Code installs none of its plugins.`, fix: `Fix ${MARKETPLACE_MANIFEST} (its error is reported at its line and column).` };
    const inAgents = [...all].filter((f) => f.split('/').slice(0, -1).some((d) => d.toLowerCase() === 'agents'));
    return finish('marketplace', undefined, plugins, inAgents.map((file) => ({ file, ...folderCategory(file), blocked })), all, problems);
  }
  const m = manifest.value;
  const file = MARKETPLACE_MANIFEST;
  const name = text(m.name);
  if (!name) problem(problems, file, 'error', 'marketplace-name-missing', manifest.at(...(m.name === undefined ? [] : ['name'])), 'The marketplace has no `name`; people install its plugins as `plugin@name`, so Claude Code needs it.', 'Add `"name": "my-marketplace"` (kebab-case).');
  else if (/\s/.test(name)) problem(problems, file, 'error', 'marketplace-name-invalid', manifest.at('name'), `The marketplace name "${name}" contains spaces; Claude Code refuses it.`, `Use kebab-case, e.g. "${name.toLowerCase().replace(/\s+/g, '-')}".`);
  if (!isObject(m.owner)) problem(problems, file, 'error', 'marketplace-owner-missing', manifest.at(...(m.owner === undefined ? [] : ['owner'])), 'The marketplace has no `owner` object; Claude Code requires one.', 'Add `"owner": { "name": "Your team" }`.');
  const metadata = isObject(m.metadata) ? m.metadata : {};
  const marketplace: MarketplaceInfo = {
    name: name ?? path.basename(root),
    ...(text(metadata.description) ?? text(m.description) ? { description: text(metadata.description) ?? text(m.description) } : {}),
    ...(isObject(m.owner) && text(m.owner.name) ? { owner: text(m.owner.name) } : {}),
    manifest: file,
  };
  if (!Array.isArray(m.plugins)) {
    problem(problems, file, 'error', 'marketplace-plugins-missing', manifest.at(...(m.plugins === undefined ? [] : ['plugins'])), 'The marketplace has no `plugins` list, so it offers nothing to install.', 'Add `"plugins": [{ "name": "my-plugin", "source": "./plugins/my-plugin" }]`.');
    return finish('marketplace', marketplace, plugins, agents, all, problems);
  }
  // `metadata.pluginRoot` is prepended to relative sources written without "./".
  const pluginRoot = text(metadata.pluginRoot);
  const names = new Map<string, number>();
  for (let i = 0; i < m.plugins.length; i++) {
    const entry = m.plugins[i];
    if (!isObject(entry)) {
      problem(problems, file, 'error', 'plugin-entry-invalid', manifest.at('plugins', i), `plugins[${i}] must be an object with a name and a source, not ${describe(entry)}.`, 'Write `{ "name": "my-plugin", "source": "./plugins/my-plugin" }`.');
      continue;
    }
    const pluginName = text(entry.name);
    if (!pluginName) {
      problem(problems, file, 'error', 'plugin-name-missing', manifest.at('plugins', i, ...(entry.name === undefined ? [] : ['name'])), `plugins[${i}] has no \`name\`; Claude Code cannot install it.`, 'Add `"name": "my-plugin"` to the entry.');
      continue;
    }
    const first = names.get(pluginName);
    if (first !== undefined) {
      problem(problems, file, 'error', 'plugin-name-duplicate', manifest.at('plugins', i, 'name'), `Two plugins are named "${pluginName}" (plugins[${first}] and plugins[${i}]); \`/plugin install ${pluginName}@${marketplace.name}\` can install only one of them.`, 'Give each plugin a unique name.');
    } else names.set(pluginName, i);
    const info: PluginInfo = { name: pluginName, ...pluginFields(entry), ...(text(entry.category) ? { category: text(entry.category) } : {}), source: { kind: 'other', type: 'unknown' }, manifest: file };
    const source = entry.source;
    if (typeof source === 'string') {
      const local = localSource(source, pluginRoot, manifest.at('plugins', i, 'source'), problems);
      if (local === undefined) continue;
      const kind = await exists(path.join(root, ...local.split('/').filter(Boolean)));
      if (kind !== 'dir') {
        problem(problems, file, 'error', 'plugin-source-missing', manifest.at('plugins', i, 'source'), `The source of plugin "${pluginName}", "${source}", is not a folder in this repository, so the plugin cannot be installed.`, 'Correct the path (relative to the folder holding .claude-plugin/), or remove the entry.');
        info.source = { kind: 'local', path: local };
        plugins.push(info);
        continue;
      }
      info.source = { kind: 'local', path: local };
      const strict = entry.strict !== false;
      const ownFile = local ? `${local}/${PLUGIN_MANIFEST}` : PLUGIN_MANIFEST;
      const hasOwn = Boolean(await exists(path.join(root, ...ownFile.split('/'))));
      const own = hasOwn ? await readManifest(root, ownFile, problems) : undefined;
      const blocked = hasOwn && !own ? { message: `The plugin's manifest (${ownFile}) cannot be read, so Claude Code does not install the plugin "${pluginName}".`, fix: `Fix ${ownFile} (its error is reported at its line and column).` } : undefined;
      if (own) {
        checkPluginManifest(own, problems);
        // The plugin's own manifest fills what the entry leaves out.
        const fields = pluginFields(own.value);
        for (const key of ['description', 'version', 'homepage'] as const) if (!info[key] && fields[key]) info[key] = fields[key];
      }
      plugins.push(info);
      const found = pluginAgents(info, local, strict ? own : undefined, { manifest, path: ['plugins', i] }, all, problems);
      agents.push(...(blocked ? found.map((a) => ({ ...a, blocked })) : found));
    } else if (isObject(source)) {
      info.source = remoteSource(source);
      plugins.push(info);
    } else {
      problem(problems, file, 'error', 'plugin-source-missing', manifest.at('plugins', i, ...(source === undefined ? [] : ['source'])), `Plugin "${pluginName}" has no \`source\`, so Claude Code does not know where to install it from.`, 'Add `"source": "./plugins/<name>"` or `{ "source": "github", "repo": "owner/repo" }`.');
    }
  }
  return finish('marketplace', marketplace, plugins, agents, all, problems);
}

/** A relative plugin source → its folder relative to AGENTS_DIR; problems reported. */
function localSource(source: string, pluginRoot: string | undefined, at: Position, problems: Problems): string | undefined {
  if (source.split(/[\\/]/).includes('..')) {
    problem(problems, MARKETPLACE_MANIFEST, 'error', 'plugin-source-escapes', at, `The plugin source "${source}" contains "..": plugin sources are resolved from the marketplace's root (the folder holding .claude-plugin/), and may not leave it.`, `Use "./${source.replace(/^(\.\.?\/)+/, '')}" with the plugin inside the repository.`);
    return undefined;
  }
  if (path.posix.isAbsolute(source) || /^[a-z]:[\\/]/i.test(source)) {
    problem(problems, MARKETPLACE_MANIFEST, 'error', 'plugin-source-relative', at, `The plugin source "${source}" is an absolute path; it would not exist on anybody else's machine.`, 'Use a path relative to the marketplace root, starting with "./".');
    return undefined;
  }
  const base = !source.startsWith('./') && pluginRoot ? path.posix.join(pluginRoot, source) : source;
  return resolveInside('', base, '') ?? '';
}

function remoteSource(source: Record<string, unknown>): PluginSource {
  const type = text(source.source) ?? 'unknown';
  const ref = text(source.ref);
  switch (type) {
    case 'github':
      return text(source.repo) ? { kind: 'github', repo: text(source.repo)!, ...(ref ? { ref } : {}) } : { kind: 'other', type };
    case 'url':
    case 'git':
    case 'git-subdir': {
      const url = text(source.url) ?? text(source.repo);
      const sub = text(source.path);
      return url ? { kind: 'git', url, ...(ref ? { ref } : {}), ...(sub ? { path: sub } : {}) } : { kind: 'other', type };
    }
    case 'npm':
      return text(source.package) ? { kind: 'npm', package: text(source.package)!, ...(text(source.version) ? { version: text(source.version) } : {}) } : { kind: 'other', type };
    default:
      return { kind: 'other', type };
  }
}

function finish(layout: Layout, marketplace: MarketplaceInfo | undefined, plugins: PluginInfo[], agents: AgentLocation[], all: ReadonlySet<string>, problems: Problems): Discovery {
  // One file named by two plugins is one agent file: the first plugin that names it keeps it.
  const seen = new Set<string>();
  const unique = agents.filter((a) => !seen.has(a.file) && seen.add(a.file));
  const ignored = [...all].filter((f) => !seen.has(f)).sort();
  unique.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.column ?? 0) - (b.column ?? 0)));
  return { layout, ...(marketplace ? { marketplace } : {}), plugins, agents: unique, ignored, problems };
}

