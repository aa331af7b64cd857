/**
 * Which `.md` files are agents, decided the way Claude Code decides: by where a file is, not only by what it holds.
 * Given the folder `AGENTS_DIR` points at, it is one of four layouts:
 *
 * - a **marketplace** (`.claude-plugin/marketplace.json`): each plugin with a relative `source`, and within it the
 *   agents its `.claude-plugin/plugin.json` and its marketplace entry list under `agents`, plus its default `agents/`
 *   folder unless plugin.json sets `agents` (which replaces it); plugins with a remote source (GitHub, git, npm) are
 *   listed here, and `remotes` says where their entries are, for fetched-plugins.ts to fetch and read them
 *   (`fetchedPluginAgents`) when fetching is on;
 * - a **plugin** (`.claude-plugin/plugin.json`): its agents, the same way;
 * - a **project** holding `.claude/agents/`: the files in that folder;
 * - otherwise the folder **is** a folder of agents (this project's own `agents/`).
 *
 * A `SKILL.md`, a command, a README or any file outside those places is never an agent: it is listed in `ignored`.
 * Manifest problems come back as diagnostics with the manifest's path, line and column, like problems in agent files.
 */
import path from 'node:path';
import { fileIndex, listAgentFiles, type FileIndex } from './files.ts';
import { locate, openRoot, placeProblem, type Place, type Root } from './inside.ts';
import { limitsWith, PROBLEMS_PER_KIND, type Limits } from './limits.ts';
import {
  checkedPath,
  checkManifestFields,
  checkPluginManifest,
  checkPluginName,
  componentPaths,
  describe,
  isObject,
  localSource,
  marketplaceNameProblem,
  MARKETPLACE_MANIFEST,
  PLUGIN_MANIFEST,
  pluginFields,
  problem,
  readManifest,
  readPath,
  remoteSource,
  shownLabel,
  text,
  type Manifest,
  type Problems,
} from './manifest.ts';
import { diagnostic } from './diagnostic.ts';
import { fromOfficialOrg, RESERVED_MARKETPLACE_NAMES, reservedNameMessage } from './marketplace-names.ts';
import { visible } from './text.ts';
import type { AgentLocation, Discovery, Layout, LayoutProblem, MarketplaceInfo, PluginInfo, PluginManifests, RemoteEntry } from './types.ts';

export type { AgentLocation, Discovery, Layout, LayoutProblem, MarketplaceInfo, PluginInfo, PluginManifests, PluginSource } from './types.ts';



export const PROJECT_AGENTS = '.claude/agents';

/** Plugin component folders other than `agents/`: what is in them is never an agent. */
const COMPONENT_FOLDERS = new Set(['commands', 'skills', 'hooks', 'output-styles', 'agents-md']);

/** `01-core-development` → `core-development`; the prefix orders, the rest is the label (hidden characters escaped). */
export function categoryLabel(raw: string): string {
  return visible(raw.replace(/^\d+[-_. ]+(?=\S)/, '') || raw);
}

/** Category from a file's place, for agents that are not in a plugin: the nearest folder not named `agents`. */
export function folderCategory(file: string): { category: string; categoryOrder: string } {
  const folders = file.split('/').slice(0, -1).reverse();
  const nearest = folders.find((f) => f.toLowerCase() !== 'agents' && !f.startsWith('.'));
  return nearest ? { category: categoryLabel(nearest), categoryOrder: nearest } : { category: 'uncategorized', categoryOrder: 'uncategorized' };
}

/** Whether something is at `rel`: a manifest that is a link out of the repository still counts (readManifest reports it). */
const present = (place: Place) => place.kind !== 'missing';

export interface DiscoverOptions {
  /**
   * Where people add the marketplace from (`owner/repo`, a git URL): Claude Code accepts the names reserved for
   * Anthropic's marketplaces only from GitHub's anthropics organization. Unknown: such a name is a warning.
   */
  marketplaceSource?: string;
  /** The limits of limits.ts, where a caller needs others. */
  limits?: Partial<Limits>;
}

/**
 * Find every agent under `dir`. Never throws for a problem in the repository (those are `problems`); throws only when
 * `dir` itself cannot be read. Everything is read through the gate (inside.ts), within `limits` (limits.ts).
 */
export async function discover(dir: string | Root, options: DiscoverOptions = {}): Promise<Discovery> {
  const limits = limitsWith(options.limits);
  const root = typeof dir === 'string' ? await openRoot(dir) : dir;
  const listing = await listAgentFiles(root, '', limits);
  const problems: Problems = listing.problems.map((p) => ({ ...p }));
  const all = fileIndex(listing.files);
  const linksOut = listing.problems.filter((p) => p.code === 'link-outside').map((p) => p.file);
  const context: Context = { root, all, problems, limits, marketplaceSource: options.marketplaceSource, linksOut };

  if (present(await locate(root, MARKETPLACE_MANIFEST))) return marketplaceLayout(context);
  if (present(await locate(root, PLUGIN_MANIFEST))) {
    const manifest = await readManifest(root, PLUGIN_MANIFEST, problems, limits.manifestBytes);
    const own = manifest && text(manifest.value.name);
    const name = own ? shownLabel(problems, PLUGIN_MANIFEST, manifest.at('name'), own, 'plugin name') : visible(path.basename(root.dir));
    const info: PluginInfo = { name, ...pluginFields(manifest?.value), source: { kind: 'local', path: '' }, manifest: PLUGIN_MANIFEST };
    const refusals = manifest ? checkPluginManifest(manifest, problems) : ['the manifest cannot be read'];
    const found = pluginAgents(info, '', manifest, undefined, context);
    const blocked = refusals.length || found.invalid ? notInstallable(`its manifest (${PLUGIN_MANIFEST})`, name, refusals) : undefined;
    if (blocked) info.refused = blocked.message;
    return finish('plugin', undefined, [info], withBlock(found.agents, blocked), context, new Map([[name, { ...(manifest ? { own: manifest.value } : {}) }]]));
  }
  const project = await locate(root, PROJECT_AGENTS);
  if (project.kind === 'dir') {
    const inner = await listAgentFiles(root, PROJECT_AGENTS, limits);
    problems.push(...inner.problems);
    const agents = inner.files.map((file) => ({ file, ...folderCategory(file.slice(PROJECT_AGENTS.length + 1)) }));
    return finish('project', undefined, [], agents, context);
  }
  if (project.kind === 'outside' || project.kind === 'broken') {
    // `.claude/agents` (or `.claude`) leads out of the repository: a project whose agents are elsewhere, none read.
    problems.push({ file: PROJECT_AGENTS, ...placeProblem(project) });
    return finish('project', undefined, [], [], context);
  }
  return finish('folder', undefined, [], folderAgents(listing.files), context);
}

/** What every layout reads from: the gate's root, the files the walk found, the problems so far, the limits. */
interface Context {
  root: Root;
  all: FileIndex;
  problems: Problems;
  limits: Limits;
  /** Links the walk refused (they lead out of the repository): a path through one is reported at the link, once. */
  linksOut: readonly string[];
  /** DiscoverOptions.marketplaceSource. */
  marketplaceSource?: string;
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

/**
 * What an agent of a plugin that cannot be installed carries (an error on its page and in the report): `what` is the
 * manifest at fault, `why` Claude Code's own reasons when known ("commands: Invalid input").
 */
function notInstallable(what: string, plugin: string, why: readonly string[] = []): NonNullable<AgentLocation['blocked']> {
  const reasons = why.length ? ` ("${why.join('", "')}")` : '';
  return { message: `Claude Code refuses to install the plugin "${plugin}": ${what} has errors${reasons}, so none of its agents arrive.`, fix: `Fix the errors reported for ${what}.` };
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
  { all, problems, linksOut }: Context,
): { agents: AgentLocation[]; invalid: boolean } {
  const files = new Map<string, string[]>();
  const prefix = pluginRoot ? `${pluginRoot}/` : '';
  let invalid = false;
  const ownSetsAgents = own !== undefined && readPath(own.value, ['agents']) !== undefined;
  if (!ownSetsAgents) {
    // Subfolders of agents/ become parts of the agent's name in Claude Code: `plugin:sub:name`.
    for (const f of all.under(`${prefix}agents/`)) files.set(f, f.slice(prefix.length + 'agents/'.length).split('/').slice(0, -1));
  }
  const declared: Declared[] = [];
  if (own) declared.push({ manifest: own, path: [] });
  if (entry) declared.push(entry);
  for (const source of declared) {
    // Not a path or a list of paths: Claude Code's schema refuses the manifest ("agents: Invalid input").
    const raw = readPath(source.manifest.value, [...source.path, 'agents']);
    if (raw !== undefined && typeof raw !== 'string' && !(Array.isArray(raw) && raw.every((v) => typeof v === 'string' && v.trim()))) invalid = true;
    for (const item of componentPaths(source.manifest, 'agents', source.path, problems) ?? []) {
      const checked = checkedPath(item, pluginRoot, source.manifest.file, problems);
      if (checked.invalid) invalid = true;
      if (checked.target === undefined) continue;
      if (all.has(checked.target)) {
        if (!files.has(checked.target)) files.set(checked.target, []);
      } else if (!linksOut.some((link) => checked.target === link || checked.target!.startsWith(`${link}/`))) {
        // (A path to, or through, a link out of the repository is reported once, at the link.)
        problem(problems, source.manifest.file, 'error', 'agents-path-missing', item.at, `The agents path "${item.value}" is not a file in the plugin (${prefix || './'}); Claude Code reports it as a load failure.`, 'Correct the path, relative to the plugin\'s folder (the one holding .claude-plugin/), or remove it.');
      }
    }
  }
  if (ownSetsAgents) {
    const unlisted = all.under(`${prefix}agents/`).filter((f) => !files.has(f));
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
    .map(([file, namespace]) => ({
      file,
      plugin: plugin.name,
      ...(plugin.loadsAs ? { loadsAs: plugin.loadsAs } : {}),
      ...(namespace.length ? { namespace } : {}),
      category: categoryLabel(category),
      categoryOrder,
    }));
  return { agents, invalid };
}

/** Component fields of a marketplace entry: with `strict: false` and a plugin.json present, any of them is a conflict. */
const COMPONENT_FIELDS = ['agents', 'commands', 'skills', 'hooks', 'mcpServers', 'lspServers', 'outputStyles'];

async function marketplaceLayout(context: Context): Promise<Discovery> {
  const { root, all, problems, limits, marketplaceSource: source } = context;
  const manifest = await readManifest(root, MARKETPLACE_MANIFEST, problems, limits.manifestBytes);
  const plugins: PluginInfo[] = [];
  const agents: AgentLocation[] = [];
  const manifests = new Map<string, PluginManifests>();
  const remotes: RemoteEntry[] = [];
  if (!manifest) {
    // Nothing installs from a marketplace Claude Code cannot read; still show what its agents/ folders hold, as not loading.
    const blocked = { message: `The marketplace manifest (${MARKETPLACE_MANIFEST}) cannot be read, so Claude Code installs none of its plugins.`, fix: `Fix ${MARKETPLACE_MANIFEST} (its error is reported at its line and column).` };
    const inAgents = all.list.filter((f) => f.split('/').slice(0, -1).some((d) => d.toLowerCase() === 'agents'));
    return finish('marketplace', undefined, plugins, inAgents.map((file) => ({ file, ...folderCategory(file), blocked })), context);
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
  const reserved = name !== undefined && RESERVED_MARKETPLACE_NAMES.has(name.trim().toLowerCase());
  const official = reserved ? fromOfficialOrg(source) : undefined;
  if (reserved && official === false) {
    problem(problems, file, 'error', 'marketplace-name-reserved', manifest.at('name'), `Claude Code refuses to add this marketplace from ${source}: "${reservedNameMessage(name!.trim())}"`, 'Rename the marketplace (e.g. "acme-agents"), or publish it from a repository of the anthropics organization on GitHub.');
  } else if (reserved && official === undefined) {
    problem(problems, file, 'warning', 'marketplace-name-reserved', manifest.at('name'), `"${name!.trim()}" is reserved for Anthropic's own marketplaces: Claude Code adds a marketplace of that name only from GitHub's anthropics organization, and this check was not told where people add it from.`, 'Set MARKETPLACE_SOURCE (or REPO_URL) to where people add the marketplace from, or rename it.');
  }
  // Claude Code refuses the whole marketplace for any of these, so none of its plugins, and none of their agents, arrive.
  const refusedBy = problems.find((p) => p.file === file && p.severity === 'error' && /^marketplace-(name|owner)-/.test(p.code));
  const marketplaceBlocked = refusedBy
    ? { message: `Claude Code does not add the marketplace, so none of its plugins install: ${refusedBy.message}`, fix: refusedBy.fix }
    : undefined;
  const metadata = isObject(m.metadata) ? m.metadata : {};
  const description = text(metadata.description) ?? text(m.description);
  const marketplace: MarketplaceInfo = {
    name: visible(name?.trim() || path.basename(root.dir)),
    ...(description ? { description } : {}),
    ...(isObject(m.owner) && text(m.owner.name) ? { owner: text(m.owner.name) } : {}),
    manifest: file,
  };
  if (!Array.isArray(m.plugins)) {
    problem(problems, file, 'error', 'marketplace-plugins-missing', manifest.at(...(m.plugins === undefined ? [] : ['plugins'])), 'The marketplace has no `plugins` list, so Claude Code refuses the manifest.', 'Add `"plugins": [{ "name": "my-plugin", "source": "./plugins/my-plugin" }]`.');
    return finish('marketplace', marketplace, plugins, agents, context, manifests);
  }
  if (m.plugins.length > limits.plugins) {
    problem(problems, file, 'error', 'marketplace-too-many-plugins', manifest.at('plugins'), `The marketplace lists ${m.plugins.length.toLocaleString('en')} plugins, over the catalog's limit of ${limits.plugins.toLocaleString('en')}: the first ${limits.plugins.toLocaleString('en')} are read, the rest are not in the catalog.`, 'Split the marketplace into several, or remove entries that are not plugins.');
  }
  if (m.plugins.length === 0) problem(problems, file, 'warning', 'marketplace-empty', manifest.at('plugins'), 'The marketplace lists no plugins.', 'Add an entry per plugin: `{ "name": "my-plugin", "source": "./plugins/my-plugin" }`.');
  const names = new Map<string, number>();
  let locations = 0;
  let overLimit = false;
  for (let i = 0; i < Math.min(m.plugins.length, limits.plugins); i++) {
    const entry = m.plugins[i];
    if (!isObject(entry)) {
      problem(problems, file, 'error', 'plugin-entry-invalid', manifest.at('plugins', i), `plugins[${i}] must be an object with a name and a source, not ${describe(entry)}.`, 'Write `{ "name": "my-plugin", "source": "./plugins/my-plugin" }`.');
      continue;
    }
    const rawName = text(entry.name);
    if (!rawName) {
      problem(problems, file, 'error', 'plugin-name-missing', manifest.at('plugins', i, ...(entry.name === undefined ? [] : ['name'])), `plugins[${i}] has no \`name\`; Claude Code cannot install it.`, 'Add `"name": "my-plugin"` to the entry.');
      continue;
    }
    checkPluginName(problems, file, manifest.at('plugins', i, 'name'), rawName, 'it');
    const first = names.get(rawName);
    if (first !== undefined) {
      problem(problems, file, 'error', 'plugin-name-duplicate', manifest.at('plugins', i, 'name'), `Two plugins are named "${rawName}" (plugins[${first}] and plugins[${i}]); \`/plugin install ${rawName}@${marketplace.name}\` can install only one of them.`, 'Give each plugin a unique name.');
    } else names.set(rawName, i);
    // From here on, the name as shown: hidden characters escaped (the same text on every page, in every message).
    const pluginName = shownLabel(problems, file, manifest.at('plugins', i, 'name'), rawName, 'plugin name');
    const entryCategory = text(entry.category);
    const category = entryCategory === undefined ? undefined : shownLabel(problems, file, manifest.at('plugins', i, 'category'), entryCategory, 'category');
    const info: PluginInfo = { name: pluginName, ...pluginFields(entry), ...(category ? { category } : {}), source: { kind: 'other', type: 'unknown' }, manifest: file };
    const source = entry.source;
    const at = manifest.at('plugins', i, ...(source === undefined ? [] : ['source']));
    if (typeof source === 'string') {
      const local = localSource(source, at, problems);
      if (local === undefined) continue;
      info.source = { kind: 'local', path: local };
      plugins.push(info);
      const folder = await locate(root, local);
      if (folder.kind === 'outside' || folder.kind === 'broken') {
        const { message, fix } = placeProblem(folder);
        problem(problems, file, 'error', 'link-outside', at, `The source of plugin "${pluginName}", "${source}", cannot be read: ${message}`, fix);
        continue;
      }
      if (folder.kind !== 'dir') {
        // Claude Code's validator does not check this; installing fails ("Source path does not exist").
        problem(problems, file, 'error', 'plugin-source-missing', at, `The source of plugin "${pluginName}", "${source}", is not a folder in this repository, so installing the plugin fails.`, 'Correct the path (relative to the folder holding .claude-plugin/), or remove the entry.');
        continue;
      }
      const ownFile = local ? `${local}/${PLUGIN_MANIFEST}` : PLUGIN_MANIFEST;
      const hasOwn = present(await locate(root, ownFile));
      const own = hasOwn ? await readManifest(root, ownFile, problems, limits.manifestBytes) : undefined;
      const refusals = hasOwn ? (own ? checkPluginManifest(own, problems) : ['the manifest cannot be read']) : [];
      const entryRefusals = checkManifestFields(manifest, ['plugins', i], 'entry', problems);
      let broken = refusals.length + entryRefusals.length > 0;
      const ownName = own && !broken ? text(own.value.name) : undefined;
      if (ownName && ownName !== rawName) info.loadsAs = visible(ownName);
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
      if (locations >= limits.agents) {
        // Plugins that share a folder count its files once each: past the limit, the rest are listed without agents.
        if (!overLimit) problem(problems, file, 'error', 'marketplace-too-many-agents', manifest.at('plugins', i), `The marketplace's plugins name more than ${limits.agents.toLocaleString('en')} agent files in all (a folder several plugins share counts once for each): plugins from plugins[${i}] ("${pluginName}") on are listed without their agents.`, 'Give each plugin a folder of its own, or split the marketplace.');
        overLimit = true;
        continue;
      }
      const found = pluginAgents(info, local, own, { manifest, path: ['plugins', i] }, context);
      locations += found.agents.length;
      const what = entryRefusals.length ? `its marketplace entry (plugins[${i}])` : `its manifest (${ownFile})`;
      const blocked = marketplaceBlocked ?? (broken || found.invalid ? notInstallable(what, pluginName, entryRefusals.length ? entryRefusals : refusals) : undefined);
      if (blocked) info.refused = blocked.message;
      if (!manifests.has(pluginName)) manifests.set(pluginName, { ...(own ? { own: own.value } : {}), entry });
      for (const agent of withBlock(found.agents, blocked)) agents.push(agent);
    } else if (isObject(source)) {
      const remote = remoteSource(source);
      if (remote.kind === 'other') {
        problem(problems, file, 'error', 'plugin-source-invalid', at, `The source of plugin "${pluginName}" is not one Claude Code knows (${text(source.source) ? `"${text(source.source)}"` : 'no `source` type'}${remote.type !== 'unknown' ? ' without the field it needs' : ''}).`, 'Use `{ "source": "github", "repo": "owner/repo" }`, `{ "source": "url", "url": "https://…git" }`, `{ "source": "git-subdir", "url": …, "path": … }` or `{ "source": "npm", "package": … }`.');
      }
      info.source = remote;
      plugins.push(info);
      if (remote.kind === 'github' || remote.kind === 'git') remotes.push({ plugin: info, index: i, line: at.line, ...(at.column ? { column: at.column } : {}) });
    } else if (source === undefined) {
      problem(problems, file, 'error', 'plugin-source-missing', at, `Plugin "${pluginName}" has no \`source\`, so Claude Code does not know where to install it from.`, 'Add `"source": "./plugins/<name>"` or `{ "source": "github", "repo": "owner/repo" }`.');
    } else {
      problem(problems, file, 'error', 'plugin-source-invalid', at, `The source of plugin "${pluginName}" must be a path or an object, not ${describe(source)}; Claude Code refuses the manifest.`, 'Write `"source": "./plugins/<name>"` or `{ "source": "github", "repo": "owner/repo" }`.');
    }
  }
  const found = finish('marketplace', marketplace, plugins, agents, context, manifests);
  // Fetching a plugin is only worth it when the marketplace installs: a refused one installs nothing.
  if (remotes.length && !marketplaceBlocked) {
    found.remotes = remotes;
    remoteManifests.set(found, manifest);
  }
  return found;
}

/** The marketplace manifest of a discovery with remote plugins, for reading their entries once fetched. */
const remoteManifests = new WeakMap<Discovery, Manifest>();

/**
 * The agents of a plugin fetched from where it lives (`dir`, the fetched tree: the plugin is at its root), as Claude
 * Code loads an installed plugin: its plugin.json and its marketplace entry (`remote` of `of`) as for a local one.
 * Paths are relative to `dir`; problems name files in it, or the marketplace manifest for the entry's own.
 */
export async function fetchedPluginAgents(of: Discovery, remote: RemoteEntry, dir: string | Root, options: DiscoverOptions = {}): Promise<{ root: Root; agents: AgentLocation[]; problems: LayoutProblem[]; ignored: string[]; manifests: PluginManifests }> {
  const limits = limitsWith(options.limits);
  const root = typeof dir === 'string' ? await openRoot(dir) : dir;
  const listing = await listAgentFiles(root, '', limits);
  const problems: Problems = listing.problems.map((p) => ({ ...p }));
  const linksOut = listing.problems.filter((p) => p.code === 'link-outside').map((p) => p.file);
  const context: Context = { root, all: fileIndex(listing.files), problems, limits, linksOut };
  const marketplace = remoteManifests.get(of);
  const info = remote.plugin;
  const hasOwn = present(await locate(root, PLUGIN_MANIFEST));
  const own = hasOwn ? await readManifest(root, PLUGIN_MANIFEST, problems, limits.manifestBytes) : undefined;
  const refusals = hasOwn ? (own ? checkPluginManifest(own, problems) : ['the manifest cannot be read']) : [];
  const ownName = own && !refusals.length ? text(own.value.name) : undefined;
  if (ownName && ownName !== info.name) info.loadsAs = visible(ownName);
  if (own) {
    const fields = pluginFields(own.value);
    for (const key of ['description', 'version', 'homepage'] as const) if (fields[key]) info[key] = fields[key];
  }
  const entryPath = ['plugins', remote.index];
  const found = pluginAgents(info, '', own, marketplace ? { manifest: marketplace, path: entryPath } : undefined, context);
  const blocked = refusals.length || found.invalid ? notInstallable(`its manifest (${PLUGIN_MANIFEST})`, info.name, refusals) : undefined;
  if (blocked) info.refused = blocked.message;
  const entry = marketplace ? readPath(marketplace.value, entryPath) : undefined;
  const manifests: PluginManifests = { ...(own ? { own: own.value } : {}), ...(isObject(entry) ? { entry } : {}) };
  const kept = finish('plugin', undefined, [info], withBlock(found.agents, blocked), context);
  return { root, agents: kept.agents, problems: kept.problems, ignored: kept.ignored, manifests };
}

/**
 * At most PROBLEMS_PER_KIND problems of one code per file, the rest counted in one more: a manifest listing 290,000
 * missing paths must not write a 38 MB report.
 */
function collapseRepeats(problems: Problems): void {
  const counts = new Map<string, number>();
  const kept: Problems = [];
  for (const p of problems) {
    const key = `${p.file}\0${p.code}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n <= PROBLEMS_PER_KIND) kept.push(p);
  }
  for (const [key, n] of counts) {
    if (n <= PROBLEMS_PER_KIND) continue;
    const [file, code] = key.split('\0') as [string, string];
    // At the place of the last one listed, so it sorts right after it.
    const last = kept.findLast((p) => p.file === file && p.code === code)!;
    kept.push({ ...last, message: `… and ${(n - PROBLEMS_PER_KIND).toLocaleString('en')} more problems like the one above (${code}) in this file, not listed one by one.` });
  }
  problems.length = 0;
  for (const p of kept) problems.push(p);
}

function finish(
  layout: Layout,
  marketplace: MarketplaceInfo | undefined,
  plugins: PluginInfo[],
  agents: AgentLocation[],
  { all, problems, limits }: Context,
  manifests = new Map<string, PluginManifests>(),
): Discovery {
  // One file named by two plugins is one agent file, kept by the first plugin that names it. Claude Code loads it in
  // each plugin that installs, under that plugin's name: the others are listed in `also`.
  const first = new Map<string, AgentLocation>();
  for (const agent of agents) {
    const kept = first.get(agent.file);
    if (!kept) first.set(agent.file, agent);
    else if (agent.plugin !== undefined && agent.plugin !== kept.plugin && !agent.blocked) {
      (kept.also ??= []).push({ plugin: agent.plugin, ...(agent.loadsAs ? { loadsAs: agent.loadsAs } : {}), ...(agent.namespace ? { namespace: agent.namespace } : {}) });
    }
  }
  const seen = new Set<string>();
  let unique = [...first.values()].filter((a) => !seen.has(a.file) && seen.add(a.file));
  unique.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (unique.length > limits.agents) {
    const left = unique.slice(limits.agents);
    const n = (count: number) => count.toLocaleString('en');
    problems.push({ file: left[0]!.file, ...diagnostic('error', 'too-many-agents', 0, `The repository holds ${n(unique.length)} agent files, over the catalog's limit of ${n(limits.agents)}: the first ${n(limits.agents)} by path are read; this one and the ${n(left.length - 1)} after it are not.`, 'Point AGENTS_DIR at a smaller part of the repository, or build several catalogs.') });
    unique = unique.slice(0, limits.agents);
  }
  const ignored = all.list.filter((f) => !seen.has(f));
  collapseRepeats(problems);
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.column ?? 0) - (b.column ?? 0)));
  return { layout, ...(marketplace ? { marketplace } : {}), plugins, agents: unique, ignored, problems, manifests };
}

