/**
 * A catalog of several sources (AGENTS_DIR=./agents:../team-plugins, or AGENTS_SOURCES): each source is a folder of
 * any shape loadCatalog reads (a marketplace, a plugin, a project's `.claude/agents/`, a folder of agents), or a git
 * repository fetched into the plugin cache (git-sources.ts) and then read as such a folder, each read on its own, as
 * Claude Code would read it, then joined. Each source is mounted at its name (`team-plugins/…`): its agents keep
 * their source (`Agent.source`), their categories and plugins; two sources with an agent of one name both publish,
 * under distinct slugs, and each says where the other is (a warning). One folder is exactly loadCatalog's catalog. A
 * git source that cannot be fetched costs that source: a warning at its line of AGENTS_SOURCES, and the rest builds.
 */
import path from 'node:path';
import { diagnostic } from './diagnostic.ts';
import { sortDiagnostics } from './diagnostics.ts';
import { repositoryUrl } from './fetch/target.ts';
import { fetchSource, gitSourceFolder } from './git-sources.ts';
import { findGitSource } from './history.ts';
import { loadCatalog, type LoadOptions } from './index.ts';
import { marketplaceSource } from './install.ts';
import { openRoot, readInside } from './inside.ts';
import { mountContents, webRepository } from './mounts.ts';
import { assignSlugs, nameLine } from './slugs.ts';
import type { FetchPluginsOptions } from './fetched-plugins.ts';
import type { Agent, Catalog, FolderSource, Mount, PluginInfo, SourceSpec } from './types.ts';

/**
 * Each source's name, as pages show it and as the start of its files' paths: the folder's name (the project's, for
 * a `.claude/agents` folder), made one path segment, and numbered when two sources would share one.
 */
export function sourceNames(dirs: readonly string[], given: ReadonlyArray<string | undefined> = []): string[] {
  // Names given (AGENTS_SOURCES) are kept as written; the others are made not to clash with them.
  const taken = new Set(given.filter((n): n is string => n !== undefined).map((n) => n.toLowerCase()));
  return dirs.map((dir, i) => {
    if (given[i] !== undefined) return given[i]!;
    let folder = path.resolve(dir);
    if (path.basename(folder) === 'agents' && path.basename(path.dirname(folder)) === '.claude') folder = path.dirname(path.dirname(folder));
    else if (path.basename(folder) === '.claude') folder = path.dirname(folder);
    const base = path.basename(folder).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+|-+$/g, '') || 'source';
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** The `url` of `[remote "origin"]` in a git config, read as text (git is never run on it). */
export function originUrl(config: string): string | undefined {
  let inOrigin = false;
  for (const line of config.split(/\r?\n/)) {
    const section = /^\s*\[\s*([^\]]+?)\s*\]/.exec(line);
    if (section) inOrigin = /^remote\s+"origin"$/i.test(section[1]!);
    else if (inOrigin) {
      const url = /^\s*url\s*=\s*(.+?)\s*$/i.exec(line)?.[1];
      if (url) return url.replace(/^"(.*)"$/, '$1');
    }
  }
  return undefined;
}

/**
 * Where a local source's files are on a repository host, at the commit checked out: its clone's `origin` (as a
 * public https address) and HEAD, both read as data. Undefined when it is not a git clone of a known host.
 */
export async function sourceRepository(dir: string, given?: FolderSource['repo']): Promise<Mount['repository']> {
  const git = await findGitSource(path.resolve(dir)).catch(() => undefined);
  const clone = git && !('unused' in git) ? git : undefined;
  const inClone = clone && path.relative(clone.top, (await openRoot(dir)).real).split(path.sep).join('/');
  // Named in AGENTS_SOURCES: that repository, at the ref given, else the commit checked out, else main.
  if (given) return { url: given.url, commit: given.ref ?? clone?.head ?? 'main', path: given.path ?? inClone ?? '' };
  if (!clone) return undefined;
  const top = await openRoot(clone.top);
  const config = await readInside(top, '.git/config', 64 * 1024);
  const origin = config.ok ? originUrl(config.bytes.toString('utf8')) : undefined;
  const address = origin === undefined ? undefined : repositoryUrl(origin, { protocols: ['https'], localHosts: false });
  const url = address?.ok ? webRepository(address.value.shown) : undefined;
  return url ? { url, commit: clone.head, path: inClone ?? '' } : undefined;
}

export interface SourcesOptions extends LoadOptions {
  /** Where people add the first source's marketplace from (MARKETPLACE_SOURCE / REPO_URL); the others are unknown. */
  marketplaceSource?: string;
  /**
   * Where git sources are fetched (the plugin cache, FETCH_PLUGINS_CACHE) and what they may reach
   * (FETCH_PLUGINS_ALLOW). A source listed as a git repository is always fetched: listing it asks for it.
   */
  sourceFetch?: FetchPluginsOptions;
  /** BASE_PATH, for the pages warnings name (`/catalog/agents/x/`); `/` by default. */
  basePath?: string;
}

/** Reads each source, then joins them. One source (a folder, nothing more said of it): loadCatalog's catalog, unchanged. */
export async function loadSources(sources: ReadonlyArray<string | SourceSpec>, options: SourcesOptions = {}): Promise<Catalog> {
  const specs = sources.map((s): SourceSpec => (typeof s === 'string' ? { dir: s } : s));
  const only = specs[0]!;
  if (specs.length === 1 && !only.name && !only.git && !only.repo) return loadCatalog(only.dir, options);
  const { sourceFetch, basePath = '/', ...load } = options;
  const names = sourceNames(specs.map((s) => s.dir ?? gitSourceFolder(s.git)), specs.map((s) => s.name));
  const joined: Catalog = { agents: [], skipped: [], layout: 'folder', plugins: [], problems: [], mounts: [], sources: [] };
  // Plugins list their agents by slug: the slugs change when the sources are joined.
  const bySlug: Array<Map<string, Agent>> = [];
  for (const [i, spec] of specs.entries()) {
    const name = names[i]!;
    const at = `${name}/`;
    // A git source: fetched first, then read like a folder (a failure costs this source, with a warning at its line).
    const fetched = spec.git ? await fetchSource(spec, name, sourceFetch) : undefined;
    if (fetched?.problem) joined.problems.push(fetched.problem);
    if (fetched && !fetched.ok) {
      joined.sources!.push({ name, layout: 'folder', git: fetched.info });
      bySlug.push(new Map());
      continue;
    }
    const dir = fetched?.ok ? fetched.dir : spec.dir!;
    // One at a time: each source may be large, and reading them together would hold them all in flight.
    const catalog = await loadCatalog(dir, { ...load, marketplaceSource: i === 0 ? options.marketplaceSource : undefined, ...(fetched?.ok ? { fetchedTree: { date: fetched.date } } : {}) });
    const mounts: Mount[] = catalog.mounts ?? [{ at: '', dir: path.resolve(dir) }];
    // The first folder links as REPO_URL and REPO_BRANCH say, the others to their own clone at the commit read, unless
    // AGENTS_SOURCES names a repository; a git source to its repository at the commit fetched.
    const repository = fetched?.ok ? fetched.repository : i === 0 && !spec.repo ? undefined : await sourceRepository(dir, spec.repo);
    for (const mount of mounts) joined.mounts!.push({ ...mount, at: at + mount.at, source: name, ...(mount.at === '' && repository ? { repository } : {}) });
    const addFrom = repository && marketplaceSource({ repoUrl: repository.url, folderInRepo: repository.path.split('/').filter(Boolean) });
    joined.sources!.push({
      name,
      dir: path.resolve(dir),
      layout: catalog.layout,
      ...(catalog.marketplace ? { marketplace: catalog.marketplace } : {}),
      ...(addFrom ? { addFrom } : {}),
      ...(fetched?.ok ? { git: fetched.info } : {}),
    });
    const slugs = new Map<string, Agent>();
    for (const agent of catalog.agents) {
      slugs.set(agent.slug, agent);
      agent.file = at + agent.file;
      agent.source = name;
      joined.agents.push(agent);
    }
    bySlug.push(slugs);
    for (const skipped of catalog.skipped) joined.skipped.push({ ...skipped, file: at + skipped.file });
    for (const problem of catalog.problems) joined.problems.push({ ...problem, file: at + problem.file });
    for (const plugin of catalog.plugins) {
      joined.plugins.push({
        ...plugin,
        from: name,
        manifest: at + plugin.manifest,
        ...(plugin.source.kind === 'local' ? { source: { kind: 'local', path: at + plugin.source.path } } : {}),
        ...(plugin.contents ? { contents: mountContents(plugin.contents, at) } : {}),
        ...(plugin.fetched ? { fetched: { ...plugin.fetched, at: at + plugin.fetched.at } } : {}),
      });
    }
  }
  assignSlugs(joined.agents);
  for (const [i, plugin] of joined.plugins.entries()) {
    if (!plugin.contents) continue;
    const slugs = bySlug[names.indexOf(plugin.from!)]!;
    joined.plugins[i] = { ...plugin, contents: { ...plugin.contents, agents: plugin.contents.agents.map((a) => ({ ...a, slug: slugs.get(a.slug)?.slug ?? a.slug })) } };
  }
  sameNameDiagnostics(joined.agents, basePath);
  samePluginProblems(joined);
  const layouts = new Set(joined.sources!.filter((s) => s.dir !== undefined).map((s) => s.layout));
  joined.layout = layouts.size === 1 ? [...layouts][0]! : 'folder';
  return joined;
}

/**
 * Plugins of one name in several sources: each installs from its own marketplace and has its own page, but Claude
 * Code names their agents alike (`kit:reviewer`), so someone installing both cannot tell them apart. A warning at
 * each later one's manifest.
 */
function samePluginProblems(catalog: Catalog): void {
  const first = new Map<string, PluginInfo>();
  for (const plugin of catalog.plugins) {
    const earlier = first.get(plugin.name);
    if (!earlier) first.set(plugin.name, plugin);
    else if (earlier.from !== plugin.from) {
      catalog.problems.push({
        file: plugin.manifest,
        ...diagnostic('warning', 'plugin-in-several-sources', 0, `The source "${earlier.from}" has a plugin named "${plugin.name}" too: each installs from its own marketplace and has its own page here, but installed together their agents' names both start "${plugin.loadsAs ?? plugin.name}:".`, 'Rename one of the plugins, or leave one source out of AGENTS_DIR.'),
      });
    }
  }
}

/** Agents of one name in several sources: each is published, and each page says where the others are. */
function sameNameDiagnostics(agents: Agent[], basePath: string): void {
  const byName = new Map<string, Agent[]>();
  for (const agent of agents) {
    const key = (agent.pluginAgentName ?? agent.name).toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), agent]);
  }
  for (const group of byName.values()) {
    if (new Set(group.map((a) => a.source)).size < 2) continue;
    for (const agent of group) {
      const others = group.filter((a) => a.source !== agent.source).map((a) => `"${a.source}" (${a.file}, page ${basePath}agents/${a.slug}/)`);
      agent.diagnostics = sortDiagnostics([
        ...agent.diagnostics,
        diagnostic('warning', 'name-in-several-sources', nameLine(agent.raw), `The agent "${agent.pluginAgentName ?? agent.name}" is also in the source ${others.join(', ')}: both are published, and someone installing both gets only one of them.`, 'Rename one of them, or leave one source out of AGENTS_DIR.'),
      ]);
    }
  }
}
