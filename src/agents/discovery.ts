/**
 * Which `.md` files are agents, decided the way Claude Code decides: by where a file is, not only by what it holds.
 * Given the folder `AGENTS_DIR` points at, it is one of four layouts:
 *
 * - a **marketplace** (`.claude-plugin/marketplace.json`): each plugin with a relative `source`, and within it the
 *   agents its `.claude-plugin/plugin.json` and its marketplace entry list under `agents`, plus its default `agents/`
 *   folder unless plugin.json sets `agents` (which replaces it); plugins with a remote source (GitHub, git, npm) are
 *   listed, never fetched;
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
  /** Folders between the plugin's `agents/` and the file: Claude Code names the agent `plugin:folder:…:name`. */
  namespace?: string[];
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
  const trimmed = joined.replace(/\/+$/, '');
  const clean = trimmed === '.' || trimmed === '' ? '' : trimmed;
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
    const manifest = await readManifest(root, PLUGIN_MANIFEST, problems);
    const name = (manifest && text(manifest.value.name)) ?? path.basename(root);
    const info: PluginInfo = { name, ...pluginFields(manifest?.value), source: { kind: 'local', path: '' }, manifest: PLUGIN_MANIFEST };
    const broken = !manifest || !checkPluginManifest(manifest, problems);
    const found = pluginAgents(info, '', manifest, undefined, all, problems);
    const blocked = broken || found.invalid ? notInstallable(`The plugin's manifest (${PLUGIN_MANIFEST})`, name) : undefined;
    return finish('plugin', undefined, [info], withBlock(found.agents, blocked), all, problems);
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

/** A plugin.json Claude Code's schema accepts as to its name; false (reported) when it refuses the manifest. */
function checkPluginManifest(manifest: Manifest, problems: Problems): boolean {
  const name = manifest.value.name;
  if (typeof name !== 'string' || !name.trim()) {
    problem(problems, manifest.file, 'error', 'plugin-name-missing', manifest.at(...(name === undefined ? [] : ['name'])), 'The plugin manifest has no `name`, so Claude Code refuses it and does not load the plugin.', 'Add `"name": "my-plugin"` (lowercase letters, digits and hyphens).');
    return false;
  }
  if (/\s/.test(name)) {
    problem(problems, manifest.file, 'error', 'plugin-name-invalid', manifest.at('name'), `The plugin name "${name}" contains spaces, so Claude Code refuses the manifest.`, `Use kebab-case, e.g. "${name.trim().toLowerCase().replace(/\s+/g, '-')}".`);
    return false;
  }
  return true;
}

/** What an agent of a plugin that cannot be installed carries (an error on its page and in the report). */
function notInstallable(what: string, plugin: string): NonNullable<AgentLocation['blocked']> {
  return { message: `${what} has errors, so Claude Code does not load the plugin "${plugin}" or any of its agents.`, fix: `Fix the errors reported for ${what.replace(/^The /, 'the ')}.` };
}

const withBlock = (agents: AgentLocation[], blocked: AgentLocation['blocked']) => (blocked ? agents.map((a) => ({ ...a, blocked })) : agents);

/** Where a plugin's agents are declared: its own manifest, or its marketplace entry (with the path to it). */
interface Declared {
  manifest: Manifest;
  path: Array<string | number>;
}

/**
 * The agents of one local plugin at `pluginRoot` (relative to AGENTS_DIR), as Claude Code 2.1 loads them: the paths
 * its plugin.json and its marketplace entry list under `agents` (merged), and its default `agents/` folder (recursively)
 * unless its plugin.json sets `agents`, which replaces that folder. A path Claude Code's manifest schema refuses (not
 * `./…`, not a `.md` file, a folder) makes the whole plugin fail to load: `blocked` says so.
 */
function pluginAgents(
  plugin: PluginInfo,
  pluginRoot: string,
  own: Manifest | undefined,
  entry: Declared | undefined,
  all: ReadonlySet<string>,
  problems: Problems,
): { agents: AgentLocation[]; invalid: boolean } {
  const files = new Map<string, string[]>();
  const prefix = pluginRoot ? `${pluginRoot}/` : '';
  let invalid = false;
  const ownSetsAgents = own !== undefined && readPath(own.value, ['agents']) !== undefined;
  if (!ownSetsAgents) {
    // Subfolders of agents/ become parts of the agent's name in Claude Code: `plugin:sub:name`.
    for (const f of all) if (f.startsWith(`${prefix}agents/`)) files.set(f, f.slice(prefix.length + 'agents/'.length).split('/').slice(0, -1));
  }
  const declared: Declared[] = [];
  if (own) declared.push({ manifest: own, path: [] });
  if (entry) declared.push(entry);
  for (const source of declared) {
    for (const item of componentPaths(source.manifest, 'agents', source.path, problems) ?? []) {
      const checked = checkedPath(item, pluginRoot, source.manifest.file, problems);
      if (checked.invalid) invalid = true;
      if (checked.target === undefined) continue;
      if (all.has(checked.target)) {
        if (!files.has(checked.target)) files.set(checked.target, []);
      } else {
        problem(problems, source.manifest.file, 'error', 'agents-path-missing', item.at, `The agents path "${item.value}" is not a file in the plugin (${prefix || './'}); Claude Code reports it as a load failure.`, 'Correct the path, relative to the plugin\'s folder (the one holding .claude-plugin/), or remove it.');
      }
    }
  }
  if (ownSetsAgents) {
    const unlisted = [...all].filter((f) => f.startsWith(`${prefix}agents/`) && !files.has(f));
    if (unlisted.length) {
      const names = unlisted.slice(0, 3).map((f) => `"./${f.slice(prefix.length)}"`).join(', ');
      problem(problems, own.file, 'warning', 'agents-folder-shadowed', own.at('agents'), `The manifest sets \`agents\`, which replaces the plugin's agents/ folder: Claude Code does not load ${unlisted.length === 1 ? 'its file' : `${unlisted.length} of its files`} ${names}${unlisted.length > 3 ? ', …' : ''}.`, 'List those files under `agents` too, or remove `agents` to load the whole folder.');
    }
  }
  const category = plugin.category ?? plugin.name;
  const folder = pluginRoot.split('/').pop() ?? '';
  const categoryOrder = plugin.category ?? (categoryLabel(folder) === plugin.name ? folder : plugin.name);
  const agents = [...files.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([file, namespace]) => ({ file, plugin: plugin.name, ...(namespace.length ? { namespace } : {}), category: categoryLabel(category), categoryOrder }));
  return { agents, invalid };
}

/**
 * An agents path must start with `./` and name a `.md` file; anything else fails Claude Code's manifest schema, and
 * the plugin does not load (`invalid`). A `./…` path with `..` in it is refused on its own: that path is skipped.
 */
function checkedPath(item: { value: string; at: Position }, pluginRoot: string, manifestFile: string, problems: Problems): { target?: string; invalid: boolean } {
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

/** Component fields of a marketplace entry: with `strict: false` and a plugin.json present, any of them is a conflict. */
const COMPONENT_FIELDS = ['agents', 'commands', 'skills', 'hooks', 'mcpServers', 'lspServers', 'outputStyles'];

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
  const name = typeof m.name === 'string' ? m.name : undefined;
  const nameProblem = name === undefined ? undefined : marketplaceNameProblem(name);
  if (name === undefined || !name.trim()) {
    problem(problems, file, 'error', 'marketplace-name-missing', manifest.at(...(m.name === undefined ? [] : ['name'])), 'The marketplace has no `name`; people install its plugins as `plugin@name`, so Claude Code refuses the manifest.', 'Add `"name": "my-marketplace"` (kebab-case).');
  } else if (nameProblem) {
    problem(problems, file, 'error', 'marketplace-name-invalid', manifest.at('name'), `The marketplace name "${name}" ${nameProblem}.`, 'Choose another kebab-case name, e.g. "acme-agents".');
  }
  if (!isObject(m.owner) || !text(m.owner.name)) {
    problem(problems, file, 'error', 'marketplace-owner-missing', manifest.at(...(m.owner === undefined ? [] : ['owner'])), `The marketplace ${isObject(m.owner) ? 'owner has no `name`' : 'has no `owner` object'}; Claude Code requires one.`, 'Add `"owner": { "name": "Your team" }`.');
  }
  const metadata = isObject(m.metadata) ? m.metadata : {};
  const description = text(metadata.description) ?? text(m.description);
  const marketplace: MarketplaceInfo = {
    name: name?.trim() || path.basename(root),
    ...(description ? { description } : {}),
    ...(isObject(m.owner) && text(m.owner.name) ? { owner: text(m.owner.name) } : {}),
    manifest: file,
  };
  if (!Array.isArray(m.plugins)) {
    problem(problems, file, 'error', 'marketplace-plugins-missing', manifest.at(...(m.plugins === undefined ? [] : ['plugins'])), 'The marketplace has no `plugins` list, so Claude Code refuses the manifest.', 'Add `"plugins": [{ "name": "my-plugin", "source": "./plugins/my-plugin" }]`.');
    return finish('marketplace', marketplace, plugins, agents, all, problems);
  }
  if (m.plugins.length === 0) problem(problems, file, 'warning', 'marketplace-empty', manifest.at('plugins'), 'The marketplace lists no plugins.', 'Add an entry per plugin: `{ "name": "my-plugin", "source": "./plugins/my-plugin" }`.');
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
    if (/\s/.test(pluginName)) {
      problem(problems, file, 'error', 'plugin-name-invalid', manifest.at('plugins', i, 'name'), `The plugin name "${pluginName}" contains spaces; Claude Code refuses it.`, `Use kebab-case, e.g. "${pluginName.toLowerCase().replace(/\s+/g, '-')}".`);
    }
    const first = names.get(pluginName);
    if (first !== undefined) {
      problem(problems, file, 'error', 'plugin-name-duplicate', manifest.at('plugins', i, 'name'), `Two plugins are named "${pluginName}" (plugins[${first}] and plugins[${i}]); \`/plugin install ${pluginName}@${marketplace.name}\` can install only one of them.`, 'Give each plugin a unique name.');
    } else names.set(pluginName, i);
    const info: PluginInfo = { name: pluginName, ...pluginFields(entry), ...(text(entry.category) ? { category: text(entry.category) } : {}), source: { kind: 'other', type: 'unknown' }, manifest: file };
    const source = entry.source;
    const at = manifest.at('plugins', i, ...(source === undefined ? [] : ['source']));
    if (typeof source === 'string') {
      const local = localSource(source, at, problems);
      if (local === undefined) continue;
      info.source = { kind: 'local', path: local };
      plugins.push(info);
      if ((await exists(path.join(root, ...local.split('/').filter(Boolean)))) !== 'dir') {
        // Claude Code's validator does not check this; installing fails ("Source path does not exist").
        problem(problems, file, 'error', 'plugin-source-missing', at, `The source of plugin "${pluginName}", "${source}", is not a folder in this repository, so installing the plugin fails.`, 'Correct the path (relative to the folder holding .claude-plugin/), or remove the entry.');
        continue;
      }
      const ownFile = local ? `${local}/${PLUGIN_MANIFEST}` : PLUGIN_MANIFEST;
      const hasOwn = Boolean(await exists(path.join(root, ...ownFile.split('/'))));
      const own = hasOwn ? await readManifest(root, ownFile, problems) : undefined;
      let broken = hasOwn && (!own || !checkPluginManifest(own, problems));
      if (own) {
        // The plugin's own manifest wins at install time; the entry fills what it leaves out.
        const fields = pluginFields(own.value);
        for (const key of ['description', 'version', 'homepage'] as const) if (fields[key]) info[key] = fields[key];
      }
      const declares = COMPONENT_FIELDS.filter((f) => entry[f] !== undefined);
      if (entry.strict === false && hasOwn && declares.length) {
        // Not checked by Claude Code's validator either; the plugin then fails to load.
        problem(problems, file, 'error', 'plugin-manifest-conflict', manifest.at('plugins', i, 'strict'), `Plugin "${pluginName}" has \`"strict": false\` and sets ${declares.map((f) => `\`${f}\``).join(', ')}, but it also has ${ownFile}: Claude Code refuses the conflicting manifests and does not load the plugin.`, 'Remove `"strict": false` (the entry then adds to plugin.json), or move the components into one of the two.');
        broken = true;
      }
      const found = pluginAgents(info, local, own, { manifest, path: ['plugins', i] }, all, problems);
      const blocked = broken || found.invalid ? notInstallable(`The manifest of plugin "${pluginName}"`, pluginName) : undefined;
      agents.push(...withBlock(found.agents, blocked));
    } else if (isObject(source)) {
      const remote = remoteSource(source);
      if (remote.kind === 'other') {
        problem(problems, file, 'error', 'plugin-source-invalid', at, `The source of plugin "${pluginName}" is not one Claude Code knows (${text(source.source) ? `"${text(source.source)}"` : 'no `source` type'}${remote.type !== 'unknown' ? ' without the field it needs' : ''}).`, 'Use `{ "source": "github", "repo": "owner/repo" }`, `{ "source": "url", "url": "https://…git" }`, `{ "source": "git-subdir", "url": …, "path": … }` or `{ "source": "npm", "package": … }`.');
      }
      info.source = remote;
      plugins.push(info);
    } else {
      problem(problems, file, 'error', 'plugin-source-missing', at, `Plugin "${pluginName}" has no \`source\`, so Claude Code does not know where to install it from.`, 'Add `"source": "./plugins/<name>"` or `{ "source": "github", "repo": "owner/repo" }`.');
    }
  }
  return finish('marketplace', marketplace, plugins, agents, all, problems);
}

/** Names Claude Code refuses for a marketplace, and why; undefined when the name is fine. */
export function marketplaceNameProblem(name: string): string | undefined {
  if (/\s/.test(name)) return 'contains spaces, which Claude Code refuses';
  if (/[\\/]/.test(name) || name.includes('..') || name === '.') return 'contains path characters, which Claude Code refuses';
  if (['inline', 'builtin', 'skills-dir'].includes(name)) return 'is reserved by Claude Code for its own plugin sources';
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(name) || /official.*(anthropic|claude)|(anthropic|claude).*official|^(anthropic|claude)[^a-z0-9]*(marketplace|plugins|official)/i.test(name)) {
    return 'looks like an official Anthropic or Claude marketplace, which Claude Code refuses';
  }
  if (RESERVED_MARKETPLACES.has(name)) return 'is reserved for Anthropic\'s own marketplaces: `claude plugin validate` passes it, but `/plugin marketplace add` refuses it';
  return undefined;
}

/** Names only Anthropic's own marketplaces may use (Claude Code 2.1.197). */
const RESERVED_MARKETPLACES = new Set([
  'claude-code-marketplace', 'claude-code-plugins', 'claude-plugins-official', 'anthropic-marketplace', 'anthropic-plugins', 'agent-skills',
  'anthropic-agent-skills', 'life-sciences', 'knowledge-work-plugins', 'claude-for-legal', 'claude-for-financial-services',
  'financial-services-plugins', 'claude-community', 'claude-plugins-community',
]);

/** A relative plugin source (`./…` or `.`, from the marketplace root) → its folder relative to AGENTS_DIR. */
function localSource(source: string, at: Position, problems: Problems): string | undefined {
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

function remoteSource(source: Record<string, unknown>): PluginSource {
  const type = text(source.source) ?? 'unknown';
  const ref = text(source.ref);
  switch (type) {
    case 'github':
      return text(source.repo) ? { kind: 'github', repo: text(source.repo)!, ...(ref ? { ref } : {}) } : { kind: 'other', type };
    case 'url':
    case 'git-subdir': {
      const url = text(source.url);
      const sub = text(source.path);
      if (!url || (type === 'git-subdir' && !sub)) return { kind: 'other', type };
      return { kind: 'git', url, ...(ref ? { ref } : {}), ...(sub ? { path: sub } : {}) };
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

