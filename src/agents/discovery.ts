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
import { fileIndex, listAgentFiles } from './files.ts';
import { locate, openRoot, placeProblem, type Root } from './inside.ts';
import { limitsWith } from './limits.ts';
import {
  checkPluginManifest, MARKETPLACE_MANIFEST, PLUGIN_MANIFEST, pluginFields, readManifest, shownLabel, text,
  type Problems,
} from './manifest.ts';
import { visible } from './text.ts';
import {
  folderCategory, present, type DiscoverOptions, type Context, notInstallable, withBlock, pluginAgents, finish,
} from './layout-parts.ts';
import { marketplaceLayout } from './marketplace-layout.ts';
import type { AgentLocation, Discovery, PluginInfo } from './types.ts';

export type { AgentLocation, Discovery, Layout, LayoutProblem, MarketplaceInfo, PluginInfo, PluginManifests, PluginSource } from './types.ts';
export { categoryLabel, folderCategory, type DiscoverOptions } from './layout-parts.ts';
export { fetchedPluginAgents } from './marketplace-layout.ts';

export const PROJECT_AGENTS = '.claude/agents';

/** Plugin component folders other than `agents/`: what is in them is never an agent. */
const COMPONENT_FOLDERS = new Set(['commands', 'skills', 'hooks', 'output-styles', 'agents-md']);

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
