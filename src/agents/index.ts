/**
 * The one entry point: `loadCatalog(dir)` reads every `.md` file under a folder once and returns typed agents
 * (or skipped documentation files), and with `fetch` the marketplace's remote plugins too (fetched-plugins.ts).
 * Pages, JSON outputs, the search index and `npm run check` all read its result, through `loadSources`
 * (sources.ts) when AGENTS_DIR lists several folders.
 */
import { diagnostic } from './diagnostic.ts';
import { sortDiagnostics } from './diagnostics.ts';
import { isAgent, loadAgent, type LoadInput } from './load-agent.ts';
import { loadAgents } from './parse-pool.ts';
import { assignSlugs, duplicateNameDiagnostics } from './slugs.ts';
import { readAgentFile, type FileProblem } from './files.ts';
import { openRoot } from './inside.ts';
import { limitsWith, type Limits } from './limits.ts';
import { discover } from './discovery.ts';
import { lastChanges, type History } from './history.ts';
import { mapConcurrent, READS_IN_FLIGHT } from './concurrency.ts';
import { readPluginContents } from './plugin-contents.ts';
import { pluginNeeds } from './plugin-needs.ts';
import { readFetchedPlugins, type FetchPluginsOptions } from './fetched-plugins.ts';
import type { Agent, Catalog, SkippedFile } from './types.ts';

export type { Agent, Catalog, Diagnostic, SkippedFile } from './types.ts';
export { estimateTokens, isAgent, loadAgent, type LoadInput } from './load-agent.ts';

/** A file that could not be read at all still becomes a report row, never silence. */
function unreadable(file: string, problem: FileProblem): SkippedFile {
  return { file, reason: problem.message, problem };
}

export interface LoadOptions {
  /** AGENTS_MAX_FILE_BYTES: the same as `limits.fileBytes`. */
  maxFileBytes?: number;
  /** The limits of limits.ts, where a caller needs others (tests use small ones). */
  limits?: Partial<Limits>;
  /** Where people add the marketplace from (discovery.ts DiscoverOptions): judges the names reserved for Anthropic's. */
  marketplaceSource?: string;
  /** See LoadInput.render. */
  render?: boolean;
  /** Worker threads that parse files beside this one (parse-pool.ts; BUILD_WORKERS). Default none. */
  workers?: number;
  /** Fetch the marketplace's remote plugins and read them too (FETCH_PLUGINS; fetched-plugins.ts). Off: listed only. */
  fetch?: FetchPluginsOptions;
  /**
   * The folder is a fetched commit's tree (a git source, sources.ts): every file takes `date` (the commit's, or none
   * when unknown), and neither git history (the cache may sit inside another repository) nor a modification time
   * (when it was written) is read.
   */
  fetchedTree?: { date?: string };
}

/**
 * Read a whole folder the way Claude Code would (discovery.ts decides which files are agents): every agent with
 * unique slugs and cross-file diagnostics, every skipped file, the plugins and the manifests' problems.
 */
export async function loadCatalog(dir: string, options: LoadOptions = {}): Promise<Catalog> {
  const limits = limitsWith({ ...options.limits, fileBytes: options.maxFileBytes ?? options.limits?.fileBytes });
  const root = await openRoot(dir);
  const found = await discover(root, { limits, marketplaceSource: options.marketplaceSource });
  const agents: Agent[] = [];
  const skipped: SkippedFile[] = [];
  // Files the walk could not follow (links leaving the folder) are rows of the report; manifest problems stay with their manifests.
  const problems = found.problems.filter((p) => {
    if (p.code !== 'link-outside') return true;
    skipped.push(unreadable(p.file, p));
    return false;
  });
  for (const file of found.ignored) skipped.push({ file, reason: NOT_AN_AGENT_PLACE[found.layout], outside: true });
  const [loaded, history, fetched] = await Promise.all([
    mapConcurrent(found.agents, READS_IN_FLIGHT, (place) => readAgentFile(root, place.file, limits.fileBytes).then((result) => ({ result, place }))),
    options.fetchedTree ? ({ dates: new Map() } as History) : lastChanges(root),
    options.fetch && found.remotes?.length ? readFetchedPlugins(found, options.fetch, limits) : undefined,
  ]);
  if (fetched) problems.push(...fetched.problems);
  if (history.unused) problems.push({ file: '.git', ...diagnostic('warning', 'git-history-unused', 0, history.unused, 'Build from a plain clone of the repository (its .git inside it) to date agents by their last commit.') });
  const inputs: LoadInput[] = [];
  for (const { result, place } of loaded) {
    if ('problem' in result) {
      skipped.push(unreadable(result.file, result.problem));
      continue;
    }
    const { file: _file, ...location } = place;
    // Last change: git history when the file is committed, else the mtime files.ts read (a fetched tree: its commit's).
    const updated = options.fetchedTree ? options.fetchedTree.date : (history.dates.get(result.file) ?? result.updated);
    const { updated: _read, ...read } = result;
    inputs.push({ ...read, ...(updated ? { updated } : {}), render: options.render, location });
  }
  for (const entry of await loadAgents(inputs, options.workers)) {
    if (isAgent(entry)) agents.push(entry);
    else skipped.push(entry);
  }
  // A fetched plugin's files: dated by the commit read (its history is not fetched), never by when they were written.
  for (const { at, location, result, committed } of fetched?.reads ?? []) {
    if ('problem' in result) {
      skipped.push(unreadable(at + result.file, result.problem));
      continue;
    }
    const { updated: _mtime, ...read } = result;
    const entry = loadAgent({ ...read, file: at + read.file, render: options.render, location, ...(committed ? { updated: committed } : {}) });
    if (isAgent(entry)) agents.push(entry);
    else skipped.push(entry);
  }
  agents.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const extra = duplicateNameDiagnostics(agents);
  for (const agent of agents) {
    const more = extra.get(agent.file);
    if (!more) continue;
    agent.diagnostics = sortDiagnostics([...agent.diagnostics, ...more]);
    if (more.some((d) => d.severity === 'error')) agent.loads = false;
  }
  assignSlugs(agents);
  linkSameText(agents);
  skipped.sort((a, b) => (a.file < b.file ? -1 : 1));
  // Each plugin's agents, found once (plugins × agents grows fast in a marketplace of thousands).
  const byPlugin = new Map<string, Agent[]>();
  for (const agent of agents) {
    for (const name of new Set([agent.plugin, ...(agent.alsoIn ?? []).map((p) => p.plugin)])) {
      if (name === undefined) continue;
      const list = byPlugin.get(name);
      if (list) list.push(agent);
      else byPlugin.set(name, [agent]);
    }
  }
  await mapConcurrent(found.plugins, READS_IN_FLIGHT, async (plugin) => {
    const contents = plugin.source.kind === 'local' ? await readPluginContents(root, plugin.source.path, plugin.loadsAs ?? plugin.name, found.manifests.get(plugin.name) ?? {}) : fetched?.contents.get(plugin.name);
    if (!contents) return;
    const own = byPlugin.get(plugin.name) ?? [];
    const nameIn = (a: Agent) => (a.plugin === plugin.name ? a.pluginAgentName : a.alsoIn?.find((p) => p.plugin === plugin.name)?.pluginAgentName) ?? a.name;
    plugin.contents = { agents: own.map((a) => ({ name: nameIn(a), slug: a.slug, summary: a.summary, loads: a.loads })), ...contents };
    const pluginNames = [...new Set([plugin.loadsAs ?? plugin.name, plugin.name])];
    for (const agent of own) {
      if (agent.plugin !== plugin.name) continue;
      const needs = pluginNeeds({ texts: [agent.body, agent.fields.description], skills: agent.fields.skills, pluginNames, ownName: agent.pluginAgentName, contents: plugin.contents });
      if (needs.length > 0) agent.pluginNeeds = needs;
    }
  });
  return {
    agents,
    skipped,
    layout: found.layout,
    ...(found.marketplace ? { marketplace: found.marketplace } : {}),
    plugins: found.plugins,
    problems,
    ...(fetched?.mounts.length ? { mounts: [{ at: '', dir: root.dir }, ...fetched.mounts] } : {}),
  };
}

/**
 * Each agent whose file's bytes another file repeats learns the others (Agent.sameText): the first SAME_TEXT_KEPT,
 * and how many in all, so ten thousand copies of one file cost ten thousand short lists, not a hundred million entries.
 */
const SAME_TEXT_KEPT = 10;
function linkSameText(agents: Agent[]): void {
  const byHash = new Map<string, Agent[]>();
  for (const agent of agents) {
    const group = byHash.get(agent.sha256);
    if (group) group.push(agent);
    else byHash.set(agent.sha256, [agent]);
  }
  for (const group of byHash.values()) {
    if (group.length < 2) continue;
    const entry = (other: Agent) => ({ slug: other.slug, file: other.file, ...(other.plugin === undefined ? {} : { plugin: other.plugin }) });
    const first = group.slice(0, SAME_TEXT_KEPT + 1).map(entry);
    for (const agent of group) {
      agent.sameText = first.filter((other) => other.slug !== agent.slug).slice(0, SAME_TEXT_KEPT);
      agent.sameTextCount = group.length - 1;
    }
  }
}

/** Why a `.md` file that is not in an agents location is not an agent, per layout. */
const NOT_AN_AGENT_PLACE: Record<Catalog['layout'], string> = {
  marketplace: 'not an agent: no plugin of the marketplace names it, and it is not in a plugin\'s agents/ folder',
  plugin: 'not an agent: outside the plugin\'s agents/ folder and the paths its manifest names',
  project: 'not an agent: outside .claude/agents/',
  folder: 'not an agent: a skill, a command, or a file outside the agents/ folders',
};

