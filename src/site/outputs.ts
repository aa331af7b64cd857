/**
 * The machine-readable outputs, as pure functions of the agents and the site's address: `/agents.json` (its
 * JSON Schema is catalog-schema.ts), `/llms.txt`, `/llms-full.txt`, the RSS items and `/robots.txt`. No Astro imports, so the unit tests
 * call them on `loadCatalog()` directly. Every output is a function of the agent files only (never of the clock),
 * so two builds of the same commit are byte-identical.
 */
import { capabilityRoutes, capabilitySummary, type Capabilities, type CapabilityFlag, type InstallRoute, type ToolGroup } from '../agents/capabilities.ts';
import { pluginCommands, rawFileUrl } from '../agents/install.ts';
import type { PluginContents, PluginInfo, StoredAgent as Agent } from '../agents/types.ts';
import type { Settings } from '../settings.ts';
import { isoDay, pluginKey, slugify } from './format.ts';

/** What the outputs need to know about the site. */
export type Site = Pick<Settings, 'siteUrl' | 'basePath' | 'siteTitle'>;

/** `https://host` + `/base/` + `path` (path without a leading slash). */
export const absolute = (site: Site, path = '') => `${site.siteUrl.replace(/\/+$/, '')}${site.basePath}${path.replace(/^\/+/, '')}`;
export const agentUrl = (site: Site, slug: string) => absolute(site, `agents/${encodeURIComponent(slug)}/`);
export const rawUrl = (site: Site, slug: string) => rawFileUrl(site.siteUrl, site.basePath, slug);
/** The link-preview card of an agent, a path inside the site (no base). */
export const agentCardPath = (slug: string) => `og/agents/${slug}.png`;
export const CATALOG_CARD_PATH = 'og/catalog.png';
export const SELECTION_CARD_PATH = 'og/selection.png';
export const SCHEMA_PATH = 'agents.schema.json';
export const SITEMAP_PATH = 'sitemap-index.xml';

/** Untrusted text on one line: control characters dropped (XML 1.0 forbids most), line breaks and runs of space as one space. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();
}

/** The latest `updated` among the agents: the catalog's own date, never the build's. */
export function latestUpdate(agents: readonly Agent[]): string | null {
  let latest: string | null = null;
  for (const { updated } of agents) if (updated && (!latest || Date.parse(updated) > Date.parse(latest))) latest = updated;
  return latest;
}

// ── /agents.json ─────────────────────────────────────────────────────────────────────────────────────────────

export interface CatalogAgentJson {
  name: string;
  slug: string;
  summary: string;
  description: string;
  model: string;
  tools: string[] | null;
  color: string | null;
  category: string;
  categoryUrl: string;
  plugin: {
    name: string;
    url: string;
    version: string | null;
    description: string | null;
    install: string | null;
    /** What Claude Code calls the agent once the plugin is installed (`plugin:agent`, after the plugin's own plugin.json name). */
    agentName: string | null;
    /** Why the plugin does not install; null when it does. */
    refused: string | null;
  } | null;
  marketplace: { name: string; source: string | null } | null;
  /** The file copied into .claude/agents/: every field in force. */
  capabilities: CapabilitiesJson;
  /** Installed with its plugin, where Claude Code ignores some fields; null when it is not in a plugin. */
  pluginCapabilities: CapabilitiesJson | null;
  loads: boolean;
  url: string;
  rawUrl: string;
  sha256: string;
  tokens: { description: number; prompt: number };
  updated: string | null;
}

/** What the agent can do (src/agents/capabilities.ts), as `/agents.json` publishes it. */
export interface CapabilitiesJson {
  route: InstallRoute;
  tools: 'all' | 'none' | 'list';
  groups: { id: ToolGroup; all: boolean; tools: string[] }[];
  removed: string[];
  permissionMode: { mode: string; skipsPrompts: boolean } | null;
  hooks: { event: string; matcher: string | null; type: string; run: string }[];
  mcpServers: { name: string; inline: boolean; run: string | null }[];
  effort: string | null;
  memory: { scope: string; folder: string; adds: string[] } | null;
  runs: { field: string; says: string }[];
  ignored: { field: string; says: string }[];
  flags: CapabilityFlag[];
  summary: string[];
}

export function capabilitiesJson(caps: Capabilities): CapabilitiesJson {
  return {
    route: caps.route,
    tools: caps.access,
    groups: caps.groups.map((g) => ({ id: g.id, all: g.all, tools: g.tools.map((t) => t.entry) })),
    removed: caps.removed.map((t) => t.entry),
    permissionMode: caps.permissionMode ? { mode: caps.permissionMode.mode, skipsPrompts: caps.permissionMode.skipsPrompts } : null,
    hooks: caps.hooks.map((h) => ({ event: h.event, matcher: h.matcher ?? null, type: h.type, run: h.run })),
    mcpServers: caps.mcpServers.map((s) => ({ name: s.name, inline: s.inline, run: s.run ?? null })),
    effort: caps.effort ?? null,
    memory: caps.memory ? { scope: caps.memory.scope, folder: caps.memory.folder, adds: [...caps.memory.adds] } : null,
    runs: caps.runs.map((r) => ({ field: r.field, says: r.says })),
    ignored: caps.ignored.map((i) => ({ field: i.field, says: i.says })),
    flags: caps.flags,
    summary: capabilitySummary(caps),
  };
}

export interface CatalogJson {
  $schema: string;
  generated: string | null;
  count: number;
  agents: CatalogAgentJson[];
  /** Every plugin of the catalog, with what installing it adds (local plugins; a remote one's files are not read). */
  plugins: PluginJson[];
}

export interface PluginJson {
  name: string;
  /** Its page in this catalog; null when none of its agents is published. */
  url: string | null;
  loadsAs: string | null;
  version: string | null;
  description: string | null;
  source: string;
  install: string | null;
  refused: string | null;
  contents: PluginContents | null;
}

/** The marketplace and plugins of the catalog, for `/agents.json` (from the loader; `source` from the settings). */
export interface PluginContext {
  marketplace?: { name: string; source?: string };
  plugins: readonly PluginInfo[];
  /** Paths of the category and plugin pages inside the site (listings.ts; by default from `slugify`). */
  routes?: { category(name: string): string; plugin(name: string, from?: string): string };
  /** An agent's capabilities per install route, when the caller has them already (the site's catalog.ts). */
  capabilities?: (agent: Agent) => ReturnType<typeof capabilityRoutes>;
}

const ROUTES = { category: (name: string) => `categories/${slugify(name)}/`, plugin: (name: string) => `plugins/${slugify(name)}/` };

/** `/agents.json`: the agents in the order given (the site passes catalog order). */
export function catalogJson(agents: readonly Agent[], site: Site, context: PluginContext = { plugins: [] }): CatalogJson {
  // By source and name: two sources may each have a plugin of one name.
  const plugins = new Map(context.plugins.map((p) => [pluginKey(p.name, p.from), p]));
  const { marketplace, routes = ROUTES, capabilities = capabilityRoutes } = context;
  const install = (name: string) => (marketplace ? pluginCommands(marketplace.source, name, marketplace.name).install : null);
  const pluginOf = (agent: Agent): CatalogAgentJson['plugin'] => {
    const plugin = agent.plugin === undefined ? undefined : plugins.get(pluginKey(agent.plugin, agent.source));
    if (!plugin) return null;
    return {
      name: plugin.name,
      url: absolute(site, routes.plugin(plugin.name, plugin.from)),
      version: plugin.version ?? null,
      description: plugin.description ?? null,
      install: install(plugin.name),
      agentName: agent.pluginAgentName ?? null,
      refused: plugin.refused ?? null,
    };
  };
  const published = new Set(agents.flatMap((a) => [...(a.plugin === undefined ? [] : [a.plugin]), ...(a.alsoIn ?? []).map((p) => p.plugin)].map((name) => pluginKey(name, a.source))));
  return {
    $schema: absolute(site, SCHEMA_PATH),
    generated: latestUpdate(agents),
    count: agents.length,
    agents: agents.map((agent) => ({
      name: agent.name,
      slug: agent.slug,
      summary: agent.summary,
      description: agent.fields.description,
      model: agent.fields.model ?? 'inherit',
      tools: agent.fields.tools ? [...agent.fields.tools] : null,
      color: agent.fields.color ?? null,
      category: agent.category,
      categoryUrl: absolute(site, routes.category(agent.category)),
      plugin: pluginOf(agent),
      marketplace: marketplace && agent.plugin !== undefined ? { name: marketplace.name, source: marketplace.source ?? null } : null,
      ...capabilityFields(capabilities(agent)),
      loads: agent.loads,
      url: agentUrl(site, agent.slug),
      rawUrl: rawUrl(site, agent.slug),
      sha256: agent.sha256,
      tokens: { description: agent.tokens.description, prompt: agent.tokens.prompt },
      updated: agent.updated ?? null,
    })),
    plugins: context.plugins.map((plugin) => ({
      name: plugin.name,
      url: published.has(pluginKey(plugin.name, plugin.from)) ? absolute(site, routes.plugin(plugin.name, plugin.from)) : null,
      loadsAs: plugin.loadsAs ?? null,
      version: plugin.version ?? null,
      description: plugin.description ?? null,
      source: plugin.source.kind,
      install: install(plugin.name),
      refused: plugin.refused ?? null,
      contents: plugin.contents ?? null,
    })),
  };
}

/** An agent's capabilities per install route, as `/agents.json` publishes them. */
function capabilityFields(routes: ReturnType<typeof capabilityRoutes>): Pick<CatalogAgentJson, 'capabilities' | 'pluginCapabilities'> {
  return { capabilities: capabilitiesJson(routes.file), pluginCapabilities: routes.plugin ? capabilitiesJson(routes.plugin) : null };
}

// ── /llms.txt and /llms-full.txt ────────────────────────────────────────────────────────────────────────────

/** Markdown link text: one line, with the characters that would end or nest the link escaped. */
const linkText = (value: string) => oneLine(value).replace(/[\\[\]]/g, '\\$&');
/** A URL inside `( )`: parentheses and spaces percent-encoded so the link cannot end early. */
const linkUrl = (url: string) => url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** Agents grouped by category, keeping the order given. */
function byCategory(agents: readonly Agent[]): Map<string, Agent[]> {
  const groups = new Map<string, Agent[]>();
  for (const agent of agents) groups.set(agent.category, [...(groups.get(agent.category) ?? []), agent]);
  return groups;
}

/** `/llms.txt` (llmstxt.org): title, a one-line summary, then one section per category linking the raw files. */
export function llmsTxt(agents: readonly Agent[], site: Site): string {
  const lines = [
    `# ${oneLine(site.siteTitle)}`,
    '',
    `> ${agents.length} Claude Code subagent definition${agents.length === 1 ? '' : 's'}. Each link is the raw agent file (Markdown with YAML frontmatter); save it in .claude/agents/ to install it.`,
    '',
    `Every definition in one file: ${linkUrl(absolute(site, 'llms-full.txt'))}. As JSON: ${linkUrl(absolute(site, 'agents.json'))}.`,
  ];
  for (const [category, members] of byCategory(agents)) {
    lines.push('', `## ${oneLine(category)}`, '');
    for (const agent of members) {
      const summary = oneLine(agent.summary);
      lines.push(`- [${linkText(agent.name)}](${linkUrl(rawUrl(site, agent.slug))})${summary ? `: ${summary}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const RULE = '='.repeat(80);

/** `/llms-full.txt`: every agent file verbatim, each after a separator naming the agent and its URL. */
export function llmsFullTxt(agents: ReadonlyArray<Agent & { raw: string }>, site: Site): string {
  return [llmsFullHeader(agents.length, site), ...agents.map((agent) => llmsFullEntry(agent, agent.raw, site))].join('\n');
}

/** `/llms-full.txt` up to the first agent. The file is this, then each agent's `llmsFullEntry`, joined by "\n". */
export function llmsFullHeader(count: number, site: Site): string {
  return `# ${oneLine(site.siteTitle)}: all agent definitions\n\n> ${count} Claude Code subagent file${count === 1 ? '' : 's'}, verbatim. Each follows a line of "=" and a line "Agent: <name> <raw file URL>".\n`;
}

/** One agent's part of `/llms-full.txt`: a rule, its name and raw file URL, a rule, the file ending in a newline. */
export function llmsFullEntry(agent: Pick<Agent, 'name' | 'slug'>, raw: string, site: Site): string {
  return `${RULE}\nAgent: ${oneLine(agent.name)} ${rawUrl(site, agent.slug)}\n${RULE}\n${raw.endsWith('\n') ? raw : `${raw}\n`}`;
}

// ── RSS, robots.txt ─────────────────────────────────────────────────────────────────────────────────────────

export interface FeedItem {
  title: string;
  description: string;
  link: string;
  pubDate?: Date;
}

/** When the agent last changed, in ms; no date (or one that does not parse) sorts last. */
function updatedTime({ updated }: Pick<Agent, 'updated'>): number {
  const time = updated ? Date.parse(updated) : Number.NaN;
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/** Last change first, then by name and slug, so equal dates keep a stable order (the feed and the home page's list). */
export function newestFirst(a: Pick<Agent, 'updated' | 'name' | 'slug'>, b: Pick<Agent, 'updated' | 'name' | 'slug'>): number {
  return updatedTime(b) - updatedTime(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/** The `count` agents changed last, newest first; only agents with a date. */
export function recentlyUpdated<A extends Agent>(agents: readonly A[], count = 5): A[] {
  return agents.filter((agent) => agent.updated).sort(newestFirst).slice(0, count);
}

/**
 * The day every dated agent shares, when there are several and they all share one: then no agent was updated more
 * recently than another as far as the build can tell (a shallow clone dates every file to its one commit, and
 * files copied without their history all get the day they were copied), and a "recently updated" list would be
 * the first few by name.
 */
export function sharedUpdateDay(agents: readonly Pick<Agent, 'updated'>[]): { day: string; agents: number } | undefined {
  const days = agents.flatMap((agent) => (agent.updated ? [isoDay(agent.updated)] : []));
  return days.length > 1 && new Set(days).size === 1 ? { day: days[0]!, agents: days.length } : undefined;
}

/** RSS items: agents by last change, newest first (then by name, so equal dates keep a stable order). */
export function feedItems(agents: readonly Agent[], site: Site): FeedItem[] {
  return [...agents]
    .sort(newestFirst)
    .map((agent) => ({
      title: oneLine(agent.name),
      description: oneLine(agent.summary),
      link: agentUrl(site, agent.slug),
      ...(agent.updated ? { pubDate: new Date(agent.updated) } : {}),
    }));
}

/** `/robots.txt`: everything may be crawled; the sitemap index is named by its absolute URL. */
export function robotsTxt(site: Site): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absolute(site, SITEMAP_PATH)}\n`;
}
