/**
 * What an agent can do, in words a reader understands: its tools grouped by what they let it do (read files, change
 * files, run commands, web, MCP, other agents, scheduled work), what `disallowedTools` takes away, the tools `memory`
 * adds, its permission mode, its hooks and MCP servers, how it runs, its model and effort; for an agent of a plugin,
 * per install route (install-route.ts): copied into `.claude/agents/`, or installed with its plugin, where Claude Code
 * ignores some fields. Derived from one table of Claude Code's tools (claude-code.ts); a tool not in it is shown as
 * written, never dropped. The agent page, the cards, the search results, the catalog facet and `/agents.json` all
 * read `capabilities()`.
 */
import { PERMISSION_MODE_INFO, PERMISSION_MODES, RETIRED_TOOLS, toolInfo, type PermissionMode, type ToolGroup } from './claude-code.ts';
import { ignoredFields, memoryOf, runFacts, type IgnoredField, type InstallRoute, type Memory, type RunFact } from './install-route.ts';
import { readHooks, readMcpServers, type Hook, type McpServer } from './hooks-and-servers.ts';
import type { Agent, AgentFields } from './types.ts';

export type { InstallRoute } from './install-route.ts';
export { readHooks, readMcpServers, type Hook, type McpServer } from './hooks-and-servers.ts';

export type { ToolGroup } from './claude-code.ts';

/** The groups in the order the page shows them, with the words it uses. */
export const TOOL_GROUPS: ReadonlyArray<{ id: ToolGroup; label: string }> = [
  { id: 'read', label: 'Read files' },
  { id: 'change', label: 'Change files' },
  { id: 'run', label: 'Run commands' },
  { id: 'web', label: 'Web' },
  { id: 'mcp', label: 'MCP tools' },
  { id: 'agents', label: 'Other agents' },
  { id: 'schedule', label: 'Scheduled work' },
  { id: 'other', label: 'Other' },
];

/** One entry of `tools` or `disallowedTools`: `Bash(git push:*)` is the tool `Bash` with the rule `git push:*`. */
export interface ToolEntry {
  /** As written. */
  entry: string;
  /** The tool's name, without the rule. */
  tool: string;
  /** What is in the parentheses: a command pattern, a path, agent names. */
  rule?: string;
  group: ToolGroup;
  /** In Claude Code's tool table, by this name or an older one (MCP tools always count as known: their name says their server). */
  known: boolean;
  /** An older name Claude Code still accepts: the tool it means now (`Task` → `Agent`). */
  now?: string;
  /** A tool of an older Claude Code that the current one no longer has: it drops the entry (`LS`, `MultiEdit`). */
  retired?: true;
  /** Not written in `tools`: `memory` adds it so the agent can keep its notes. */
  addedBy?: 'memory';
  /** For MCP tools: the server, and the tool (undefined for `mcp__server`, every tool of the server). */
  mcp?: { server: string; tool?: string };
}

export interface CapabilityGroup {
  id: ToolGroup;
  label: string;
  /** The tools the agent has in this group; empty with `all` set when it has every tool. */
  tools: ToolEntry[];
  /** Every tool of the group (no `tools` field), less what `disallowedTools` removes. */
  all: boolean;
}

/**
 * Short facts for cards, search results, the catalog facet and `/agents.json`, in this order. `mcp`: it names MCP tools
 * or starts MCP servers (with every tool it may also use the MCP tools of the session that calls it, as any such agent).
 */
export const CAPABILITY_FLAGS = [
  'skips-prompts',
  'all-tools',
  'no-tools',
  'read-only',
  'runs-commands',
  'changes-files',
  'web',
  'mcp',
  'agents',
  'hooks',
  'mcp-servers',
  'memory',
] as const;
export type CapabilityFlag = (typeof CAPABILITY_FLAGS)[number];

export const FLAG_LABELS: Readonly<Record<CapabilityFlag, string>> = {
  'skips-prompts': 'skips permission prompts',
  'all-tools': 'all tools',
  'no-tools': 'no tools',
  'read-only': 'read-only',
  'runs-commands': 'runs shell commands',
  'changes-files': 'changes files',
  web: 'uses the web',
  mcp: 'uses MCP tools',
  agents: 'starts other agents',
  hooks: 'has hooks',
  'mcp-servers': 'starts MCP servers',
  memory: 'keeps a memory',
};

export interface Capabilities {
  /** How the agent is installed: its file copied into `.claude/agents/`, or with its plugin. */
  route: InstallRoute;
  /** `all`: no `tools` field, so every tool (MCP tools included); `none`: an empty list; `list`: the tools named (and those `memory` adds). */
  access: 'all' | 'none' | 'list';
  /** With `access: 'all'` every group; otherwise the groups that have a tool, in TOOL_GROUPS order. */
  groups: CapabilityGroup[];
  /** `disallowedTools`: a whole tool, or (with a rule) only some of its uses. */
  removed: ToolEntry[];
  permissionMode?: { mode: string; says: string; skipsPrompts: boolean };
  hooks: Hook[];
  mcpServers: McpServer[];
  /** `memory`: its folder and the tools it adds. */
  memory?: Memory;
  /** How it runs: isolation, background, preloaded skills, turn limit… */
  runs: RunFact[];
  /** Fields the file sets that Claude Code ignores on this route, with its reason. */
  ignored: IgnoredField[];
  /** The model as written, `inherit` when absent. */
  model: string;
  effort?: string;
  flags: CapabilityFlag[];
}

/** `Bash(git push:*)` → Bash + `git push:*`; `mcp__github__create_issue` → MCP, server github. */
export function readToolEntry(entry: string): ToolEntry {
  const written = entry.trim();
  const open = written.indexOf('(');
  const hasRule = open > 0 && written.endsWith(')');
  const tool = hasRule ? written.slice(0, open).trim() : written;
  const rule = hasRule ? written.slice(open + 1, -1).trim() : undefined;
  const base = { entry: written, tool, ...(rule !== undefined ? { rule } : {}) };
  const mcp = /^mcp__(.+?)(?:__(.+))?$/.exec(tool);
  if (mcp) return { ...base, group: 'mcp', known: true, mcp: { server: mcp[1], ...(mcp[2] ? { tool: mcp[2] } : {}) } };
  const info = toolInfo(tool);
  if (!info) return { ...base, group: 'other', known: false, ...(RETIRED_TOOLS.has(tool) ? { retired: true as const } : {}) };
  return { ...base, group: info.group, known: true, ...(info.name !== tool ? { now: info.name } : {}) };
}

/** A disallowed entry without a rule removes the tool outright; with one, only the uses it matches. */
const removesWhole = (removed: readonly ToolEntry[], entry: ToolEntry) =>
  removed.some((r) => r.rule === undefined && ((r.now ?? r.tool) === (entry.now ?? entry.tool) || (entry.mcp && r.mcp && r.mcp.server === entry.mcp.server && r.mcp.tool === undefined)));

function permissionMode(mode: string | undefined): Capabilities['permissionMode'] {
  if (mode === undefined || !mode.trim()) return undefined;
  const known = (PERMISSION_MODES as readonly string[]).includes(mode);
  if (!known) return { mode, says: 'not a mode Claude Code knows: it uses the default, asking before each action that needs permission', skipsPrompts: false };
  return { mode, ...PERMISSION_MODE_INFO[mode as PermissionMode] };
}

type CapabilityInput = Omit<AgentFields, 'name' | 'description'> & Partial<Pick<AgentFields, 'name'>>;

export interface CapabilityOptions {
  /** How the agent is installed (default `file`: every field in force). */
  route?: InstallRoute;
  /** The agent's name as Claude Code calls it on this route (its memory folder is named after it); default `fields.name`. */
  name?: string;
}

export function capabilities(fields: CapabilityInput, options: CapabilityOptions = {}): Capabilities {
  const route = options.route ?? 'file';
  const ignored = ignoredFields(fields, route);
  const applies = (field: string) => !ignored.some((i) => i.field === field);
  const memory = memoryOf(fields, options.name ?? fields.name ?? '');
  const removed = (fields.disallowedTools ?? []).map(readToolEntry);
  const written = fields.tools?.map(readToolEntry) ?? [];
  const added = (memory?.adds ?? []).map((tool) => ({ ...readToolEntry(tool), addedBy: 'memory' as const }));
  const access = fields.tools === undefined ? 'all' : written.length + added.length === 0 ? 'none' : 'list';
  const listed = [...written, ...added].filter((entry) => !removesWhole(removed, entry));
  const groups: CapabilityGroup[] = [];
  for (const { id, label } of TOOL_GROUPS) {
    const tools = listed.filter((entry) => entry.group === id);
    if (access === 'all') groups.push({ id, label, tools: [], all: true });
    else if (tools.length) groups.push({ id, label, tools, all: false });
  }
  const hooks = applies('hooks') ? readHooks(fields.hooks) : [];
  const mcpServers = applies('mcpServers') ? readMcpServers(fields.mcpServers) : [];
  const mode = applies('permissionMode') ? permissionMode(fields.permissionMode) : undefined;

  /** Whether any tool of the group survives: with every tool, unless each one the table names for it is removed. */
  const can = (group: ToolGroup, main: string[]) =>
    access === 'all' ? !main.every((tool) => removesWhole(removed, readToolEntry(tool))) : listed.some((entry) => entry.group === group);
  // Claude Code drops the names it does not know, so they neither add nor take away (a list of only those is refused).
  const effective = listed.filter((entry) => entry.known);
  const readOnly = access === 'list' && effective.length > 0 && effective.every((entry) => !entry.mcp && toolInfo(entry.tool)?.readOnly === true);
  const has: Record<CapabilityFlag, boolean> = {
    'skips-prompts': mode?.skipsPrompts === true,
    'all-tools': access === 'all',
    'no-tools': access === 'none',
    'read-only': readOnly,
    'runs-commands': can('run', ['Bash', 'PowerShell']),
    'changes-files': can('change', ['Write', 'Edit', 'NotebookEdit']),
    web: can('web', ['WebFetch', 'WebSearch']),
    mcp: mcpServers.length > 0 || listed.some((entry) => entry.group === 'mcp'),
    agents: can('agents', ['Agent']),
    hooks: hooks.length > 0,
    'mcp-servers': mcpServers.length > 0,
    memory: memory !== undefined,
  };
  return {
    route,
    access,
    groups,
    removed,
    ...(mode ? { permissionMode: mode } : {}),
    hooks,
    mcpServers,
    ...(memory ? { memory } : {}),
    runs: runFacts(fields, route),
    ignored,
    model: fields.model?.trim() || 'inherit',
    ...(fields.effort ? { effort: fields.effort } : {}),
    flags: CAPABILITY_FLAGS.filter((flag) => has[flag]),
  };
}

/**
 * An agent's capabilities per install route: `file` (copied into `.claude/agents/`) always; `plugin` for an agent that
 * ships in a plugin, named as Claude Code names it there (`plugin:agent`).
 */
export function capabilityRoutes(agent: Pick<Agent, 'fields' | 'plugin' | 'pluginAgentName'>): { file: Capabilities; plugin?: Capabilities } {
  const file = capabilities(agent.fields);
  if (agent.plugin === undefined) return { file };
  return { file, plugin: capabilities(agent.fields, { route: 'plugin', name: agent.pluginAgentName ?? agent.fields.name }) };
}

/** The few facts a card or a search result shows: the risks and the kind of access, not every group. */
const SUMMARY_FLAGS: readonly CapabilityFlag[] = ['skips-prompts', 'no-tools', 'read-only', 'runs-commands', 'changes-files', 'hooks', 'mcp-servers', 'memory'];

export function capabilitySummary(caps: Pick<Capabilities, 'flags'>): string[] {
  return SUMMARY_FLAGS.filter((flag) => caps.flags.includes(flag)).map((flag) => FLAG_LABELS[flag]);
}
