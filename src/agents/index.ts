/**
 * The one entry point: `loadCatalog(dir)` reads every `.md` file under a folder once and returns typed agents
 * (or skipped documentation files), and with `fetch` the marketplace's remote plugins too (fetched-plugins.ts).
 * Pages, JSON outputs, the search index and `npm run check` all read its result, through `loadSources`
 * (sources.ts) when AGENTS_DIR lists several folders.
 */
import { createHash } from 'node:crypto';
import { describe } from './description.ts';
import { diagnostic } from './diagnostic.ts';
import { fieldDiagnostics, labelDiagnostics, pluginIgnoredDiagnostics, schemaDiagnostics, sortDiagnostics } from './diagnostics.ts';
import { visible } from './text.ts';
import { KNOWN_FIELDS } from './claude-code.ts';
import { readFrontmatter } from './frontmatter.ts';
import { renderBody, renderMarkdown } from './markdown.ts';
import { extractPrinciples } from './principles.ts';
import { frontmatterSchema } from './schema.ts';
import { assignSlugs, duplicateNameDiagnostics } from './slugs.ts';
import { readAgentFile, type FileProblem } from './files.ts';
import { openRoot } from './inside.ts';
import { limitsWith, type Limits } from './limits.ts';
import { discover, folderCategory, type AgentLocation } from './discovery.ts';
import { lastChanges, type History } from './history.ts';
import { mapConcurrent, READS_IN_FLIGHT } from './concurrency.ts';
import { readPluginContents } from './plugin-contents.ts';
import { pluginNeeds } from './plugin-needs.ts';
import { readFetchedPlugins, type FetchPluginsOptions } from './fetched-plugins.ts';
import type { Agent, AgentFields, Catalog, Diagnostic, SkippedFile } from './types.ts';

export type { Agent, Catalog, Diagnostic, SkippedFile } from './types.ts';

/** ≈ 4 characters per token: an estimate, labelled as such wherever shown. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4);

/** Every field the schema knows (Claude Code's and the catalog's), in the schema's order. */
const SCHEMA_FIELDS = Object.keys(frontmatterSchema.shape) as Array<keyof AgentFields>;

export interface LoadInput {
  /** Path relative to the agents folder, `/`-separated. */
  file: string;
  /** The file's text (decoded as UTF-8). */
  text: string;
  /** File size in bytes, when known (defaults to the UTF-8 length of `text`). */
  size?: number;
  updated?: string;
  /** Render markdown to HTML (the site needs it; `npm run check` does not). Default true. */
  render?: boolean;
  /** What the file's place says (discovery.ts): its plugin and category. Default: the nearest folder's category. */
  location?: Omit<AgentLocation, 'file'>;
}

/**
 * Read one agent file. Returns a SkippedFile when it has no frontmatter `name` (documentation, not an agent).
 * The slug is provisional (`assignSlugs` makes it unique across the catalog).
 */
export function loadAgent(input: LoadInput): Agent | SkippedFile {
  const { file, text } = input;
  const fm = readFrontmatter(text, { knownFields: KNOWN_FIELDS });
  const plugin = input.location?.plugin;
  // In a plugin's agents location every `.md` file is an agent: without a `name`, Claude Code names it after the file.
  const fileName = file.split('/').pop()!.replace(/\.md$/i, '');
  const rawName = fm.data.name || (plugin !== undefined ? fileName : undefined);
  // Elsewhere Claude Code skips a file whose name is missing or empty: it is documentation. When the frontmatter
  // itself is broken we cannot know, so that is reported as an error rather than skipped quietly.
  if (!rawName) {
    const fatal = fm.diagnostics.find((d) => d.severity === 'error');
    return fatal ? { file, reason: fatal.message, problem: fatal } : { file, reason: 'no frontmatter name' };
  }
  const nameFrom = fm.data.name ? 'frontmatter' : 'file';

  const diagnostics: Diagnostic[] = [...fm.diagnostics];
  const blocked = input.location?.blocked;
  if (blocked) diagnostics.push(diagnostic('error', 'plugin-not-installable', 0, blocked.message, blocked.fix));
  const parsed = frontmatterSchema.safeParse(nameFrom === 'file' ? { ...fm.data, name: rawName } : fm.data);
  if (!parsed.success) {
    const found = schemaDiagnostics(parsed.error.issues, fm);
    // A plugin's agent loads without a description (Claude Code gives it "Agent from <plugin> plugin"); it is never
    // chosen by its description, so that is a warning, as Claude Code's validator says.
    diagnostics.push(...(plugin === undefined ? found : found.map((d) => (d.code === 'description-missing' ? pluginDescriptionMissing(plugin, d.line) : d))));
  }
  if (plugin !== undefined && !fm.hasFrontmatter && !fm.diagnostics.length) {
    diagnostics.push(diagnostic('warning', 'frontmatter-missing', 1, `The file has no frontmatter; Claude Code loads it as the agent "${fileName}" of the plugin, with no description, tools or model of its own.`, 'Start the file with `---`, `name:` and `description:` lines, and a closing `---`.'));
  }
  // Keep every field that is valid on its own, so one bad field does not hide the others.
  const fields = {} as AgentFields;
  for (const key of SCHEMA_FIELDS) {
    if (fm.data[key] === undefined) continue;
    const one = frontmatterSchema.shape[key].safeParse(fm.data[key]);
    // The cast only widens the values: each schema field parses to its type in AgentFields (derived from the schema),
    // but TypeScript cannot pair a key drawn from a union with its own value type.
    if (one.success && one.data !== undefined) (fields as Partial<Record<keyof AgentFields, unknown>>)[key] = one.data;
  }
  fields.name ??= typeof rawName === 'object' ? JSON.stringify(rawName) : String(rawName);
  fields.description ??= '';

  const extraFields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fm.data)) {
    if (!Object.hasOwn(frontmatterSchema.shape, key)) extraFields[key] = value;
  }

  diagnostics.push(
    ...fieldDiagnostics({
      file,
      read: fm,
      name: fields.name,
      description: fields.description,
      model: fields.model,
      color: fields.color,
      permissionMode: fields.permissionMode,
      memory: fields.memory,
      effort: fields.effort,
      isolation: fields.isolation,
      initialPrompt: fields.initialPrompt,
    }),
  );

  if (plugin !== undefined) diagnostics.push(...pluginIgnoredDiagnostics(fields, fm.keyLines, fm.startLine));

  // Claude Code ignores an empty model: the agent inherits, and the page says so.
  if (fields.model !== undefined && !fields.model.trim()) delete fields.model;

  const { summary, whenToUse, examples } = describe(fields.description, fm.body);
  const rendered = input.render === false ? { html: '', outline: [] } : renderBody(fm.body);
  const place: Omit<AgentLocation, 'file'> = input.location ?? folderCategory(file);
  const ownCategory = fields.category?.trim();
  // Shown with hidden characters escaped, as plugin names are (manifest.ts shownLabel).
  const category = ownCategory ? visible(ownCategory) : place.category;
  if (ownCategory) diagnostics.push(...labelDiagnostics(ownCategory, 'category').map((d) => ({ ...d, line: fm.keyLines.get('category') ?? fm.startLine })));
  // A plugin's agent without frontmatter loads too (its whole text is the prompt).
  const readable = fm.loads || (plugin !== undefined && fm.mode === 'none');
  const loads = readable && !diagnostics.some((d) => d.severity === 'error');

  return {
    slug: fields.name,
    name: fields.name,
    file,
    category,
    categoryOrder: ownCategory || place.categoryOrder,
    ...(place.plugin !== undefined ? { plugin: place.plugin, pluginAgentName: [place.loadsAs ?? place.plugin, ...(place.namespace ?? []), fields.name].join(':') } : {}),
    ...(place.also?.length ? { alsoIn: place.also.map((p) => ({ plugin: p.plugin, pluginAgentName: [p.loadsAs ?? p.plugin, ...(p.namespace ?? []), fields.name].join(':') })) } : {}),
    nameFrom,
    fields,
    extraFields,
    summary,
    whenToUse,
    examples,
    principles: extractPrinciples(fm.body),
    outline: rendered.outline,
    body: fm.body,
    html: { whenToUse: input.render === false ? '' : renderMarkdown(whenToUse), body: rendered.html },
    bodyLine: fm.bodyLine,
    raw: text,
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    size: input.size ?? Buffer.byteLength(text, 'utf8'),
    ...(input.updated ? { updated: input.updated } : {}),
    tokens: { description: estimateTokens(fields.description), prompt: estimateTokens(fm.body) },
    loads,
    diagnostics: sortDiagnostics(diagnostics),
  };
}

export function isAgent(entry: Agent | SkippedFile): entry is Agent {
  return 'slug' in entry;
}

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
  for (const { result, place } of loaded) {
    if ('problem' in result) {
      skipped.push(unreadable(result.file, result.problem));
      continue;
    }
    const { file: _file, ...location } = place;
    // Last change: git history when the file is committed, else the mtime files.ts read (a fetched tree: its commit's).
    const updated = options.fetchedTree ? options.fetchedTree.date : (history.dates.get(result.file) ?? result.updated);
    const { updated: _read, ...read } = result;
    const entry = loadAgent({ ...read, ...(updated ? { updated } : {}), render: options.render, location });
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

function pluginDescriptionMissing(plugin: string, line: number): Diagnostic {
  return diagnostic('warning', 'description-missing', line, `The \`description\` is missing: Claude Code loads the agent with the description "Agent from ${plugin} plugin", so it never knows when to use it on its own.`, 'Add `description: Use this agent when …` with a few `<example>` blocks.');
}

/** Why a `.md` file that is not in an agents location is not an agent, per layout. */
const NOT_AN_AGENT_PLACE: Record<Catalog['layout'], string> = {
  marketplace: 'not an agent: no plugin of the marketplace names it, and it is not in a plugin\'s agents/ folder',
  plugin: 'not an agent: outside the plugin\'s agents/ folder and the paths its manifest names',
  project: 'not an agent: outside .claude/agents/',
  folder: 'not an agent: a skill, a command, or a file outside the agents/ folders',
};

