/**
 * A marketplace (`.claude-plugin/marketplace.json`) as Claude Code reads one (discovery.ts decides the layout): each
 * plugin with a relative `source` and the agents its manifests list; plugins with a remote source (GitHub, git, npm)
 * are listed in `remotes`, and `fetchedPluginAgents` reads their agents once fetched-plugins.ts has fetched them.
 */
import path from 'node:path';
import { fileIndex, listAgentFiles } from './files.ts';
import { locate, openRoot, placeProblem, type Root } from './inside.ts';
import { limitsWith } from './limits.ts';
import {
  checkManifestFields, checkPluginManifest, checkPluginName, describe, isObject, localSource, marketplaceNameProblem,
  MARKETPLACE_MANIFEST, PLUGIN_MANIFEST, pluginFields, problem, readManifest, readPath, remoteSource, shownLabel,
  text, type Manifest, type Problems,
} from './manifest.ts';
import { fromOfficialOrg, RESERVED_MARKETPLACE_NAMES, reservedNameMessage } from './marketplace-names.ts';
import { visible } from './text.ts';
import {
  folderCategory, present, type DiscoverOptions, type Context, notInstallable, withBlock, pluginAgents, finish,
} from './layout-parts.ts';
import type {
  AgentLocation, Discovery, LayoutProblem, MarketplaceInfo, PluginInfo, PluginManifests, RemoteEntry,
} from './types.ts';

/** Component fields of a marketplace entry: with `strict: false` and a plugin.json present, any of them is a conflict. */
const COMPONENT_FIELDS = ['agents', 'commands', 'skills', 'hooks', 'mcpServers', 'lspServers', 'outputStyles'];

export async function marketplaceLayout(context: Context): Promise<Discovery> {
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
