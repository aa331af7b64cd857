/**
 * A marketplace's remote plugins, read (FETCH_PLUGINS): each `github`, `url` or `git-subdir` source is fetched by the
 * fetch module (fetch/, which writes only into its cache and runs nothing of the plugin) at the commit the entry pins,
 * else the one its `ref` or the default branch names, then read like a local plugin, through the gate rooted at the
 * fetched tree, and mounted in the catalog at `<plugin>@<commit>/`. A plugin that cannot be fetched costs that
 * plugin: it stays listed, with the reason, and the report warns at its entry's `source`.
 */
import { diagnostic } from './diagnostic.ts';
import { fetchedPluginAgents } from './discovery.ts';
import { fetchPlugin, type FetchLimits, type Policy, type RemoteSource } from './fetch/index.ts';
import { readAgentFile } from './files.ts';
import type { Limits } from './limits.ts';
import { MARKETPLACE_MANIFEST } from './manifest.ts';
import { mapConcurrent, READS_IN_FLIGHT } from './concurrency.ts';
import { mountContents, webRepository } from './mounts.ts';
import { readPluginContents } from './plugin-contents.ts';
import type { AgentLocation, Discovery, LayoutProblem, Mount, PluginContents, RemoteEntry, SkippedFile } from './types.ts';
import type { ReadResult } from './files.ts';

export interface FetchPluginsOptions {
  /** The cache folder: nothing is written anywhere else. */
  cache: string;
  /** Protocols and hosts allowed (https to public hosts unless the builder says otherwise). */
  policy?: Partial<Policy>;
  limits?: Partial<FetchLimits>;
}

/** Fetches run two at a time: each is mostly waiting on the network, and a build machine has few cores. */
const FETCHES_IN_FLIGHT = 2;

/** One fetched plugin's agent files, read, with where they are mounted. */
export interface FetchedRead {
  at: string;
  location: Omit<AgentLocation, 'file'>;
  result: ReadResult;
  /** The fetched commit's date: every file's (a commit of depth 1 has no history of its files). */
  committed?: string;
}

export interface FetchedPlugins {
  reads: FetchedRead[];
  mounts: Mount[];
  problems: LayoutProblem[];
  skipped: SkippedFile[];
  /** Each fetched plugin's contents but its agents, by plugin name (files already mounted). */
  contents: Map<string, Omit<PluginContents, 'agents'>>;
}

/** `review-kit@1a2b3c4d5e6f/`: the plugin's name made safe as one path segment, and the commit read. */
export function fetchedMount(plugin: string, commit: string): string {
  return `${plugin.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'plugin'}@${commit.slice(0, 12)}/`;
}

const toRemote = (remote: RemoteEntry): RemoteSource | undefined => {
  const s = remote.plugin.source;
  if (s.kind === 'github') return { kind: 'github', repo: s.repo, ...(s.ref ? { ref: s.ref } : {}), ...(s.sha ? { sha: s.sha } : {}) };
  if (s.kind === 'git') return { kind: 'git', url: s.url, ...(s.ref ? { ref: s.ref } : {}), ...(s.sha ? { sha: s.sha } : {}), ...(s.path ? { path: s.path } : {}) };
  return undefined;
};

export async function readFetchedPlugins(found: Discovery, options: FetchPluginsOptions, limits: Limits): Promise<FetchedPlugins> {
  const out: FetchedPlugins = { reads: [], mounts: [], problems: [], skipped: [], contents: new Map() };
  await mapConcurrent(found.remotes ?? [], FETCHES_IN_FLIGHT, async (remote) => {
    const { plugin } = remote;
    const source = toRemote(remote);
    if (!source) return;
    const result = await fetchPlugin(source, { cache: options.cache, ...(options.policy ? { policy: options.policy } : {}), ...(options.limits ? { limits: options.limits } : {}) });
    if (!result.ok) {
      plugin.fetchFailed = result.reason;
      out.problems.push({ file: MARKETPLACE_MANIFEST, ...diagnostic('warning', 'plugin-fetch-failed', remote.line, `The plugin "${plugin.name}" could not be fetched, so its agents are not in the catalog: ${result.reason}`, 'Check the entry\'s source (repository, `ref`, `sha`, `path`); the next build with network fetches it.', remote.column) });
      return;
    }
    const { fetched } = result;
    const at = fetchedMount(plugin.name, fetched.commit);
    const web = webRepository(fetched.url);
    out.mounts.push({ at, dir: result.dir, ...(web ? { repository: { url: web, commit: fetched.commit, path: fetched.path ?? '' } } : {}) });
    plugin.fetched = {
      url: fetched.url,
      commit: fetched.commit,
      pinned: fetched.pinned,
      ...(fetched.ref ? { ref: fetched.ref } : {}),
      ...(fetched.path ? { path: fetched.path } : {}),
      at,
      ...(result.stale ? { stale: result.stale } : {}),
    };
    if (result.stale) {
      out.problems.push({ file: MARKETPLACE_MANIFEST, ...diagnostic('warning', 'plugin-fetch-stale', remote.line, `The plugin "${plugin.name}" could not be fetched now (${result.stale}); the commit ${fetched.commit.slice(0, 12)} fetched earlier for the same ref is shown.`, 'Build again with network, or pin the commit with `sha`.', remote.column) });
    }
    const read = await fetchedPluginAgents(found, remote, result.dir, { limits });
    for (const p of read.problems) out.problems.push(p.file === MARKETPLACE_MANIFEST ? p : { ...p, file: at + p.file });
    const committed = fetched.committed;
    const files = await mapConcurrent(read.agents, READS_IN_FLIGHT, async ({ file, ...location }): Promise<FetchedRead> => ({ at, location, result: await readAgentFile(read.root, file, limits.fileBytes), ...(committed ? { committed } : {}) }));
    out.reads.push(...files);
    out.contents.set(plugin.name, mountContents(await readPluginContents(read.root, '', plugin.loadsAs ?? plugin.name, read.manifests), at));
  });
  // Fetches end in any order: the catalog is the same whichever ended first.
  out.mounts.sort((a, b) => (a.at < b.at ? -1 : 1));
  out.problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return out;
}
