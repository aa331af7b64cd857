/**
 * What an agent can do, in words a reader understands: its tools grouped by what they let it do (read files, change
 * files, run commands, web, MCP, other agents), what `disallowedTools` takes away, its permission mode, its hooks and
 * MCP servers, its model and effort. Derived from one table of Claude Code's tools (claude-code.ts); a tool not in it
 * is shown as written, never dropped. The agent page, the cards, the search results, the catalog facet and
 * `/agents.json` all read `capabilities()`.
 */
import { CLAUDE_CODE_TOOLS, PERMISSION_MODE_INFO, PERMISSION_MODES, type PermissionMode, type ToolGroup } from './claude-code.ts';
import type { AgentFields } from './types.ts';

export type { ToolGroup } from './claude-code.ts';

/** The groups in the order the page shows them, with the words it uses. */
export const TOOL_GROUPS: ReadonlyArray<{ id: ToolGroup; label: string }> = [
  { id: 'read', label: 'Read files' },
  { id: 'change', label: 'Change files' },
  { id: 'run', label: 'Run commands' },
  { id: 'web', label: 'Web' },
  { id: 'mcp', label: 'MCP tools' },
  { id: 'agents', label: 'Other agents' },
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
  /** In Claude Code's tool table (MCP tools always count as known: their name says their server). */
  known: boolean;
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

export interface Hook {
  /** The event it runs on (`PreToolUse`, `Stop`…). */
  event: string;
  /** The tools it is limited to, as written (`Bash`, `Edit|Write`). */
  matcher?: string;
  /** `command`, `prompt`, `agent`, `http`…, as written. */
  type: string;
  /** What it runs, as text: the shell command, the prompt, the URL; the entry as JSON when its shape is unknown. */
  run: string;
}

export interface McpServer {
  name: string;
  /** Started by the agent (an inline definition), or a server already configured in the project or the user's settings. */
  inline: boolean;
  /** For an inline server: the command line it starts, or its URL. */
  run?: string;
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
};

export interface Capabilities {
  /** `all`: no `tools` field, so every tool (MCP tools included); `none`: an empty list; `list`: the tools named. */
  access: 'all' | 'none' | 'list';
  /** With `access: 'all'` every group; otherwise the groups that have a tool, in TOOL_GROUPS order. */
  groups: CapabilityGroup[];
  /** `disallowedTools`: a whole tool, or (with a rule) only some of its uses. */
  removed: ToolEntry[];
  permissionMode?: { mode: string; says: string; skipsPrompts: boolean };
  hooks: Hook[];
  mcpServers: McpServer[];
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
  const info = Object.hasOwn(CLAUDE_CODE_TOOLS, tool) ? CLAUDE_CODE_TOOLS[tool] : undefined;
  return { ...base, group: info?.group ?? 'other', known: info !== undefined };
}

/** A disallowed entry without a rule removes the tool outright; with one, only the uses it matches. */
const removesWhole = (removed: readonly ToolEntry[], entry: ToolEntry) =>
  removed.some((r) => r.rule === undefined && (r.tool === entry.tool || (entry.mcp && r.mcp && r.mcp.server === entry.mcp.server && r.mcp.tool === undefined)));

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value) ?? String(value));

/**
 * `hooks` as Claude Code reads it from an agent (the settings format): `{ <event>: [{ matcher?, hooks: [{ type,
 * command | prompt | url }] }] }`. Whatever does not fit that shape is kept as text, so nothing that would run is hidden.
 */
export function readHooks(hooks: unknown): Hook[] {
  if (hooks === undefined || hooks === null) return [];
  if (!isObject(hooks)) return [{ event: '(hooks)', type: 'unknown', run: asText(hooks) }];
  const found: Hook[] = [];
  for (const [event, matchers] of Object.entries(hooks)) {
    for (const group of Array.isArray(matchers) ? matchers : [matchers]) {
      const matcher = isObject(group) && typeof group.matcher === 'string' && group.matcher ? { matcher: group.matcher } : {};
      const handlers = isObject(group) && Array.isArray(group.hooks) ? group.hooks : [group];
      for (const handler of handlers) {
        if (!isObject(handler)) {
          found.push({ event, ...matcher, type: 'unknown', run: asText(handler) });
          continue;
        }
        const type = typeof handler.type === 'string' ? handler.type : 'unknown';
        const what = [handler.command, handler.prompt, handler.url].find((value) => typeof value === 'string');
        found.push({ event, ...matcher, type, run: typeof what === 'string' ? what : asText(handler) });
      }
    }
  }
  return found;
}

function mcpServer(name: string, config: unknown): McpServer {
  if (!isObject(config)) return { name, inline: true, run: asText(config) };
  if (typeof config.command === 'string') {
    const args = Array.isArray(config.args) ? config.args.map(asText) : [];
    return { name, inline: true, run: [config.command, ...args].join(' ') };
  }
  if (typeof config.url === 'string') return { name, inline: true, run: config.url };
  return { name, inline: true, run: asText(config) };
}

/**
 * `mcpServers`: a list whose entries name a configured server (`- github`) or define one inline (`- name: { command,
 * args }` or `{ url }`); a map of name → definition is read the same way.
 */
export function readMcpServers(servers: unknown): McpServer[] {
  if (servers === undefined || servers === null) return [];
  const entries = Array.isArray(servers) ? servers : [servers];
  const found: McpServer[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') found.push({ name: entry, inline: false });
    else if (isObject(entry)) for (const [name, config] of Object.entries(entry)) found.push(mcpServer(name, config));
    else found.push({ name: asText(entry), inline: false });
  }
  return found;
}

function permissionMode(mode: string | undefined): Capabilities['permissionMode'] {
  if (mode === undefined || !mode.trim()) return undefined;
  const known = (PERMISSION_MODES as readonly string[]).includes(mode);
  if (!known) return { mode, says: 'not a mode Claude Code knows: it uses the default, asking before each action that needs permission', skipsPrompts: false };
  return { mode, ...PERMISSION_MODE_INFO[mode as PermissionMode] };
}

type CapabilityInput = Pick<AgentFields, 'tools' | 'disallowedTools' | 'permissionMode' | 'hooks' | 'mcpServers' | 'model' | 'effort'>;

export function capabilities(fields: CapabilityInput): Capabilities {
  const removed = (fields.disallowedTools ?? []).map(readToolEntry);
  const access = fields.tools === undefined ? 'all' : fields.tools.length === 0 ? 'none' : 'list';
  const listed = (fields.tools ?? []).map(readToolEntry).filter((entry) => !removesWhole(removed, entry));
  const groups: CapabilityGroup[] = [];
  for (const { id, label } of TOOL_GROUPS) {
    const tools = listed.filter((entry) => entry.group === id);
    if (access === 'all') groups.push({ id, label, tools: [], all: true });
    else if (tools.length) groups.push({ id, label, tools, all: false });
  }
  const hooks = readHooks(fields.hooks);
  const mcpServers = readMcpServers(fields.mcpServers);
  const mode = permissionMode(fields.permissionMode);

  /** Whether any tool of the group survives: with every tool, unless each one the table names for it is removed. */
  const can = (group: ToolGroup, main: string[]) =>
    access === 'all' ? !main.every((tool) => removesWhole(removed, readToolEntry(tool))) : listed.some((entry) => entry.group === group);
  const readOnly = access === 'list' && listed.length > 0 && listed.every((entry) => CLAUDE_CODE_TOOLS[entry.tool]?.readOnly === true);
  const has: Record<CapabilityFlag, boolean> = {
    'skips-prompts': mode?.skipsPrompts === true,
    'all-tools': access === 'all',
    'no-tools': access === 'none',
    'read-only': readOnly,
    'runs-commands': can('run', ['Bash', 'PowerShell']),
    'changes-files': can('change', ['Write', 'Edit', 'MultiEdit', 'NotebookEdit']),
    web: can('web', ['WebFetch', 'WebSearch']),
    mcp: mcpServers.length > 0 || listed.some((entry) => entry.group === 'mcp'),
    agents: can('agents', ['Agent', 'Task']),
    hooks: hooks.length > 0,
    'mcp-servers': mcpServers.length > 0,
  };
  return {
    access,
    groups,
    removed,
    ...(mode ? { permissionMode: mode } : {}),
    hooks,
    mcpServers,
    model: fields.model?.trim() || 'inherit',
    ...(fields.effort ? { effort: fields.effort } : {}),
    flags: CAPABILITY_FLAGS.filter((flag) => has[flag]),
  };
}

/** The few facts a card or a search result shows: the risks and the kind of access, not every group. */
const SUMMARY_FLAGS: readonly CapabilityFlag[] = ['skips-prompts', 'no-tools', 'read-only', 'runs-commands', 'changes-files', 'hooks', 'mcp-servers'];

export function capabilitySummary(caps: Pick<Capabilities, 'flags'>): string[] {
  return SUMMARY_FLAGS.filter((flag) => caps.flags.includes(flag)).map((flag) => FLAG_LABELS[flag]);
}
