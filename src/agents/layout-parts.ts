/**
 * What the layouts of discovery.ts are made of: the context each reads from (`Context`), an agent's category from its
 * place, the agents of one plugin as Claude Code loads them (`pluginAgents`: its manifests' `agents` and its agents/
 * folder), and the end every layout shares (`finish`). discovery.ts and marketplace-layout.ts build on it.
 */
import type { FileIndex } from './files.ts';
import type { Place, Root } from './inside.ts';
import { PROBLEMS_PER_KIND, type Limits } from './limits.ts';
import { checkedPath, componentPaths, problem, readPath, type Manifest, type Problems } from './manifest.ts';
import { diagnostic } from './diagnostic.ts';
import { visible } from './text.ts';
import type { AgentLocation, Discovery, Layout, MarketplaceInfo, PluginInfo, PluginManifests } from './types.ts';

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
export const present = (place: Place) => place.kind !== 'missing';

export interface DiscoverOptions {
  /**
   * Where people add the marketplace from (`owner/repo`, a git URL): Claude Code accepts the names reserved for
   * Anthropic's marketplaces only from GitHub's anthropics organization. Unknown: such a name is a warning.
   */
  marketplaceSource?: string;
  /** The limits of limits.ts, where a caller needs others. */
  limits?: Partial<Limits>;
}

/** What every layout reads from: the gate's root, the files the walk found, the problems so far, the limits. */
export interface Context {
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
 * What an agent of a plugin that cannot be installed carries (an error on its page and in the report): `what` is the
 * manifest at fault, `why` Claude Code's own reasons when known ("commands: Invalid input").
 */
export function notInstallable(what: string, plugin: string, why: readonly string[] = []): NonNullable<AgentLocation['blocked']> {
  const reasons = why.length ? ` ("${why.join('", "')}")` : '';
  return { message: `Claude Code refuses to install the plugin "${plugin}": ${what} has errors${reasons}, so none of its agents arrive.`, fix: `Fix the errors reported for ${what}.` };
}

export const withBlock = (agents: AgentLocation[], blocked: AgentLocation['blocked']) => (blocked ? agents.map((a) => ({ ...a, blocked })) : agents);

/** Where a plugin's agents are declared: its own manifest, or its marketplace entry (with the path to it). */
export interface Declared {
  manifest: Manifest;
  path: Array<string | number>;
}

/**
 * The agents of one local plugin at `pluginRoot` (relative to AGENTS_DIR), as Claude Code 2.1 loads them: the paths
 * its plugin.json and its marketplace entry list under `agents` (merged), and its default `agents/` folder (recursively)
 * unless its plugin.json sets `agents`, which replaces that folder. A path Claude Code's manifest schema refuses (not
 * `./…`, not a `.md` file, a folder) makes the whole plugin fail to load: `blocked` says so.
 */
export function pluginAgents(
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

/**
 * The end of every layout: one entry per agent file (the first plugin that names it keeps it, the others are listed
 * in its `also`), the catalog's limit on agents, and the problems collapsed and sorted.
 */
export function finish(
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
