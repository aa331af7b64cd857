/**
 * The shapes the rest of the project reads. `loadAgent` / `loadCatalog` (index.ts) produce them once per file;
 * pages, the JSON outputs, the search index and `npm run check` only read them. The one import is the type the
 * frontmatter schema gives the agent's fields (schema.ts imports nothing of the project).
 */
import type { AgentFields } from './schema.ts';

/** What AGENTS_DIR is (discovery.ts): a plugin marketplace, one plugin, a project with `.claude/agents/`, or a folder of agents. */
export type Layout = 'marketplace' | 'plugin' | 'project' | 'folder';

export type Severity = 'error' | 'warning';

/** One problem found in an agent file, in the words a compiler would use. */
export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. `yaml-invalid`, `name-missing`, `color-unknown`. */
  code: string;
  /** 1-based line in the file; 0 when the problem concerns the file as a whole. */
  line: number;
  /** 1-based column when known. */
  column?: number;
  /** One sentence: what is wrong. */
  message: string;
  /** One sentence: how to fix it. */
  fix: string;
}

/** One turn of an example conversation. `speaker` is the label as written ("user", "Assistant", "Human"…). */
export interface Turn {
  speaker: string;
  role: 'user' | 'assistant' | 'other';
  text: string;
}

/** One `<example>` block: an optional context line, the turns, and the author's commentary. */
export interface Example {
  context?: string;
  turns: Turn[];
  commentary?: string;
}

/** One item of a principles list: the bold lead as title, the rest as text (markdown). */
export interface Principle {
  title: string;
  text: string;
  /** `text` rendered as inline-safe HTML (raw HTML escaped, unsafe links neutralised). */
  html: string;
}

/** One heading of the prompt body, for the table of contents. `slug` is the anchor id used on the page. */
export interface Heading {
  depth: number;
  text: string;
  slug: string;
}

/** The frontmatter after normalisation: derived from the zod schema, which documents each field (schema.ts). */
export type { AgentFields };

export interface Agent {
  /** Unique, URL-safe: the page lives at `/agents/<slug>/`, the raw file at `/agents/<slug>.md`. */
  slug: string;
  /** The frontmatter `name` exactly as written (may be unsafe: always escape). */
  name: string;
  /**
   * Path relative to AGENTS_DIR, with `/` separators; under its source's name with several sources, and under
   * `plugin@commit/` for a fetched plugin's file (`Catalog.mounts` says which folder each start is).
   */
  file: string;
  /**
   * Frontmatter `category`, else the marketplace entry's `category`, else the plugin's name, else the nearest folder
   * not named `agents`, else "uncategorized"; a numeric ordering prefix (`01-`) is dropped (discovery.ts).
   */
  category: string;
  /** Sorts categories: the category with its `01-` prefix kept. */
  categoryOrder: string;
  /** The plugin the agent ships in (its name; `Catalog.plugins` has the rest). */
  plugin?: string;
  /**
   * The source the agent comes from, when the catalog reads several (sources.ts): its name as the page shows it. Then
   * `file` starts with that name (`team-plugins/agents/x.md`). Absent with one source.
   */
  source?: string;
  /**
   * What Claude Code calls a plugin's agent: `plugin:name`, with the folders under the plugin's agents/ between. The
   * plugin part is the `name` in the plugin's own .claude-plugin/plugin.json when it has one (which may differ from the
   * marketplace entry's name that `/plugin install` takes).
   */
  pluginAgentName?: string;
  /**
   * What its prompt takes from its plugin (files under `${CLAUDE_PLUGIN_ROOT}`, the plugin's skills, commands or other
   * agents), in words (plugin-needs.ts); absent when a copy of the file alone works. The page then offers the plugin first.
   */
  pluginNeeds?: string[];
  /**
   * Other agents of the catalog whose file has the same bytes (by sha256) but lives elsewhere, as an aggregate plugin
   * repeats its topic plugins' files: distinct agents in Claude Code, one text. The first ten in file order;
   * `sameTextCount` says how many in all.
   */
  sameText?: Array<{ slug: string; file: string; plugin?: string }>;
  sameTextCount?: number;
  /** Other plugins that install this same file (their marketplace entries share its folder), with the name it gets there. */
  alsoIn?: Array<{ plugin: string; pluginAgentName: string }>;
  /** Where the name comes from: the frontmatter, or (a plugin's agent without `name`) the file name, as Claude Code does. */
  nameFrom: 'frontmatter' | 'file';
  fields: AgentFields;
  /** Frontmatter keys Claude Code does not know, kept verbatim (Claude Code ignores them). */
  extraFields: Record<string, unknown>;
  /** Plain-text first sentence of the description, at most ~200 characters. */
  summary: string;
  /** The description without its examples, as markdown. */
  whenToUse: string;
  examples: Example[];
  principles: Principle[];
  outline: Heading[];
  /** The prompt body (everything after the frontmatter), as markdown source. */
  body: string;
  /** Safe HTML renderings (markdown.ts): raw HTML shown as text, headings carry the outline's ids. */
  html: { whenToUse: string; body: string };
  /** 1-based line where the body starts in the file. */
  bodyLine: number;
  /** The whole file as text (byte-for-byte the file when it is valid UTF-8). */
  raw: string;
  sha256: string;
  /** File size in bytes. */
  size: number;
  /** Last change: ISO date from git history when available, else the file's mtime. */
  updated?: string;
  /** Estimates (≈ 4 characters per token), labelled as such wherever shown. */
  tokens: { description: number; prompt: number };
  /** Claude Code's verdict: would it load this file as an agent? */
  loads: boolean;
  diagnostics: Diagnostic[];
}

/** A `.md` file under AGENTS_DIR that is not an agent (no frontmatter `name`): documentation, a README. */
export interface SkippedFile {
  file: string;
  reason: string;
  /** Set when the file could not be read at all (too big, binary, invalid UTF-8, a link leaving the folder): an error. */
  problem?: Diagnostic;
  /** Set when the file is not in any place Claude Code loads agents from (a skill, a command, a README); not read. */
  outside?: boolean;
}

/** A component of a plugin that runs something: flagged in words when it deserves a second look before installing. */
export interface Flagged {
  /** Why it deserves a look, in words ("runs before every tool use"); absent when nothing stands out. */
  risk?: string;
}

/** A named thing a plugin adds (a skill, a command, an output style), as Claude Code names it (`plugin:name`). */
export interface PluginItem {
  name: string;
  description?: string;
  /** Where it is, relative to AGENTS_DIR. */
  file: string;
}

/**
 * What installing a plugin adds, read from its files and manifests the way Claude Code 2.1.332 reads them (its
 * `claude plugin validate --json` "provides"), as text: nothing here is ever run (plugin-contents.ts).
 */
export interface PluginContents {
  /** Its agents as Claude Code names them, with the catalog's page for each. */
  agents: Array<{ name: string; slug: string; summary: string; loads: boolean }>;
  skills: PluginItem[];
  commands: PluginItem[];
  /** Each hook handler: the event, the tools it is limited to, and what it runs. */
  hooks: Array<Flagged & { event: string; matcher?: string; type: string; run: string; file: string }>;
  /** MCP servers: the command line it starts, or the URL it reaches (`remote`). */
  mcpServers: Array<Flagged & { name: string; run: string; remote: boolean; file: string }>;
  lspServers: Array<Flagged & { name: string; run: string; extensions: string[]; file: string }>;
  /** Commands Claude Code keeps running in the background, each output line a message to the model. */
  monitors: Array<Flagged & { name: string; run: string; description?: string; when: string; file: string }>;
  /** Files in bin/, which Claude Code puts on the PATH of its shell. */
  bin: Array<Flagged & { file: string; executable: boolean }>;
  /** Settings the plugin sets while enabled; `applied: false` for keys Claude Code leaves out. */
  settings: Array<Flagged & { key: string; value: string; applied: boolean; file: string }>;
  outputStyles: PluginItem[];
  /** Component files that could not be read, and why (too big, not JSON, a link leaving the repository). */
  unreadable: Array<{ file: string; reason: string }>;
}

export interface Catalog {
  agents: Agent[];
  skipped: SkippedFile[];
  /** What AGENTS_DIR is: a marketplace, a plugin, a project with .claude/agents/, or a folder of agents (several sources: theirs when they agree, else `folder`). */
  layout: Layout;
  marketplace?: MarketplaceInfo;
  /** Every plugin, local and remote, in manifest order. */
  plugins: PluginInfo[];
  /** Problems with manifests and the paths they name, each with its manifest's path. */
  problems: LayoutProblem[];
  /**
   * Where the files are read from, when not from AGENTS_DIR alone (several sources, fetched plugins): the longest
   * `at` that starts a file's path is its folder.
   */
  mounts?: Mount[];
  /** The sources read, in order, when there are several (their names, layouts and folders). */
  sources?: SourceInfo[];
}

/** A source of a catalog of several, as read. */
export interface SourceInfo {
  name: string;
  /** The folder read (a git source's: its fetched tree, in the cache); absent when a git source could not be fetched. */
  dir?: string;
  layout: Layout;
  marketplace?: MarketplaceInfo;
  /** Where people add its marketplace from, when its clone says (`owner/name`). */
  addFrom?: string;
  /** A git source (AGENTS_SOURCES `git`): the commit read, or why it could not be fetched (then it has no agents). */
  git?: { url: string; commit?: string; ref?: string; pinned?: boolean; stale?: string; failed?: string };
}

/**
 * What the site keeps per agent (src/site/catalog.ts): everything pages render, without the texts only the raw-file
 * endpoints need (`raw`, `body`, the `whenToUse` source); the raw file is read again, hash-checked, where it is
 * served. The prompt's HTML is kept apart, for the agent's own page only (`toStored`).
 */
export type StoredAgent = Omit<Agent, 'raw' | 'body' | 'whenToUse' | 'html'> & { html: Pick<Agent['html'], 'whenToUse'> };

export function toStored(agent: Agent): { agent: StoredAgent; promptHtml: string } {
  const { raw: _raw, body: _body, whenToUse: _whenToUse, html, ...stored } = agent;
  return { agent: { ...stored, html: { whenToUse: html.whenToUse } }, promptHtml: html.body };
}

/**
 * Where a plugin comes from. `local` plugins are read; `github` and `git` ones too when fetching is on
 * (FETCH_PLUGINS, fetched-plugins.ts); the others are listed with their install command. `sha` is the commit the
 * marketplace pins, which Claude Code installs.
 */
export type PluginSource =
  | { kind: 'local'; /** The plugin's folder relative to AGENTS_DIR (`` for a plugin at the root). */ path: string }
  | { kind: 'github'; repo: string; ref?: string; sha?: string }
  | { kind: 'git'; url: string; ref?: string; sha?: string; path?: string }
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
  /**
   * The name Claude Code gives the plugin once installed, when it differs from `name`: its plugin.json's `name`, which
   * prefixes its agents' names (`own-name:agent`), while `/plugin install` still takes the entry's name.
   */
  loadsAs?: string;
  /** Why `claude plugin install` fails for this plugin (its manifest, or its marketplace's, is refused). */
  refused?: string;
  /** What installing it adds (local plugins, and remote ones once fetched). */
  contents?: PluginContents;
  /** A remote plugin fetched from where it lives (FETCH_PLUGINS): the commit read, and its files' folder in the catalog. */
  fetched?: FetchedPlugin;
  /** A remote plugin that could not be fetched: why, in one sentence (its agents are not in the catalog). */
  fetchFailed?: string;
  /** The source it is in, when the catalog reads several (sources.ts): its agents' `source`. */
  from?: string;
}

/** What the catalog read of a fetched plugin. */
export interface FetchedPlugin {
  /** The repository's address, without credentials. */
  url: string;
  commit: string;
  /** Whether the marketplace pinned the commit (`sha`); else the `ref` (or the default branch) named it. */
  pinned: boolean;
  ref?: string;
  /** The sub-folder of the repository (git-subdir). */
  path?: string;
  /** Where the plugin's files are in the catalog: the start of its agents' `file`. */
  at: string;
  /** Set when the network failed and the commit an earlier build fetched for the same ref stands in: why. */
  stale?: string;
}

/** A source as AGENTS_DIR or AGENTS_SOURCES names it (sources.ts, sources-file.ts): a folder, or a git repository. */
export type SourceSpec = FolderSource | GitSource;

interface NamedSource {
  /** What pages call it; by default its folder's name (a git source: its sub-folder's, else its repository's). */
  name?: string;
  /** Where AGENTS_SOURCES lists it (`file` relative to the working folder): a git source that fails is reported there. */
  listed?: { file: string; line: number; column: number };
}

export interface FolderSource extends NamedSource {
  /** The folder, absolute. */
  dir: string;
  /** The repository "View source" opens, when given; else its clone's origin at the commit checked out. */
  repo?: { url: string; ref?: string; path?: string };
  git?: undefined;
}

export interface GitSource extends NamedSource {
  /** A git repository, fetched (fetch/) at `sha`, else the commit `ref` names, else its default branch's; `path` is the sub-folder read. */
  git: { url: string; ref?: string; sha?: string; path?: string };
  dir?: undefined;
  repo?: undefined;
}

/**
 * A folder the catalog's files are read from, and what the start of `Agent.file` is for the files in it: `` for the
 * one source of a catalog, `name/` for each of several (sources.ts), `name@commit/` for a fetched plugin. raw-file.ts
 * reads each file again from its folder, through the gate; source.ts links to it on its repository host.
 */
export interface Mount {
  /** The start of `file` for files in this folder: `` or ending in `/`. */
  at: string;
  /** The folder, absolute. */
  dir: string;
  /** The source's name as pages show it (several sources only). */
  source?: string;
  /** The folder on a repository host at the commit read, for "View source": `<repoUrl>/blob/<commit>/<path>/<file>`. */
  repository?: { url: string; commit: string; path: string };
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
  /** The plugin it ships in (the marketplace entry's name, which `/plugin install` takes). */
  plugin?: string;
  /** The plugin's name in Claude Code when it differs from `plugin` (its plugin.json's `name`): the agent is `loadsAs:name`. */
  loadsAs?: string;
  /** Other plugins whose folder is this one (two marketplace entries with one `source`): Claude Code loads the file under each. */
  also?: Array<{ plugin: string; loadsAs?: string; namespace?: string[] }>;
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
  /** Each local plugin's manifests, by plugin name: its plugin.json and its marketplace entry (plugin-contents.ts reads them). */
  manifests: Map<string, PluginManifests>;
  /** Each plugin with a `github` or `git` source, and where its entry is in the marketplace manifest (to fetch it). */
  remotes?: RemoteEntry[];
}

/** A marketplace entry whose plugin lives elsewhere: read once fetched (fetched-plugins.ts). */
export interface RemoteEntry {
  plugin: PluginInfo;
  /** Its index in the manifest's `plugins`. */
  index: number;
  /** Where its `source` is in the marketplace manifest, for a warning when it cannot be fetched. */
  line: number;
  column?: number;
}

export interface PluginManifests {
  own?: Record<string, unknown>;
  entry?: Record<string, unknown>;
}

