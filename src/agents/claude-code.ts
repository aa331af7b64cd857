/**
 * What Claude Code knows about agent files, in one place: the frontmatter fields it reads, the colours and model
 * names it accepts, its tools, what a plugin agent loses and what `memory` gives. The schema, the diagnostics and
 * the pages all read this module. Each table was read from CLAUDE_CODE_VERSION (its package, and runs of it against
 * the fixtures recorded in tests/fixtures/repos/claude-code-2.1.332.json).
 */

/** The Claude Code release these tables were read from (npm @anthropic-ai/claude-code). */
export const CLAUDE_CODE_VERSION = '2.1.332';

/**
 * Frontmatter keys Claude Code reads for a subagent (the keys of its agent schema in CLAUDE_CODE_VERSION). Any other key is ignored, with a warning in its log
 * ("has frontmatter keys Claude Code does not recognize or apply").
 */
export const CLAUDE_CODE_FIELDS = [
  'name',
  'description',
  'tools',
  'disallowedTools',
  'model',
  'color',
  'permissionMode',
  'maxTurns',
  'skills',
  'mcpServers',
  'hooks',
  'memory',
  'background',
  'effort',
  'isolation',
  'initialPrompt',
  'autoCompactWindow',
  'omitClaudeMd',
  'observer',
  'observerMessage',
  'observeToolResults',
  'observeSubagents',
  'experimental',
] as const;

/** Keys people write by mistake, and what they meant (Claude Code suggests the same). */
export const DID_YOU_MEAN: Readonly<Record<string, string>> = {
  when_to_use: 'description',
  whenToUse: 'description',
  'allowed-tools': 'tools',
  allowed_tools: 'tools',
  allowedTools: 'tools',
  'disallowed-tools': 'disallowedTools',
  disallowed_tools: 'disallowedTools',
  colour: 'color',
  'permission-mode': 'permissionMode',
  'max-turns': 'maxTurns',
  max_turns: 'maxTurns',
  'initial-prompt': 'initialPrompt',
};

/** Keys this catalog reads on top of Claude Code's (Claude Code ignores them). */
export const CATALOG_FIELDS = ['category', 'tags'] as const;

export const KNOWN_FIELDS: ReadonlySet<string> = new Set<string>([...CLAUDE_CODE_FIELDS, ...CATALOG_FIELDS]);

/**
 * The colours Claude Code offers for an agent's label in the terminal. Claude Code (2.1.197; 2.1.332 for an agent in
 * .claude/agents/) keeps `color` only when it is exactly one of these strings (its agent loader: `typeof color ===
 * "string" && COLORS.includes(color)`): `Blue`,
 * `gold`, `"#ff0000"` or a number are dropped without a message, and the agent shows without a colour. An unquoted
 * `color: #ff0000` is a YAML comment, so the field is empty. `claude plugin validate` says nothing about any of these.
 */
export const COLORS = ['red', 'blue', 'green', 'yellow', 'purple', 'orange', 'pink', 'cyan'] as const;
export type AgentColor = (typeof COLORS)[number];

/**
 * Model aliases Claude Code resolves (2.1.197; the same list in 2.1.332), in any case (`Sonnet`, `HAIKU`); `inherit`
 * (or no `model`) uses the main conversation's model. `sonnet`, `opus` and `fable` also take a `[1m]` suffix (the 1M-token context window).
 * Found by running `claude -p hi --agent NAME --output-format stream-json` offline: the first line names the model
 * the session resolved (`fable` → claude-fable-5, `Sonnet` → claude-sonnet-5, `opusplan` → claude-sonnet-5 outside
 * plan mode, `best` → claude-opus-4-8).
 */
export const MODEL_ALIASES = ['sonnet', 'opus', 'haiku', 'fable', 'best', 'opusplan', 'inherit'] as const;
/**
 * Full model ids look like `claude-sonnet-4-5`, `claude-opus-4-1-20250805`, `claude-3-5-haiku-latest` (optionally
 * with `[1m]`). Any other value (`gpt-4o`, `Claude Sonnet 4.5 (copilot)`) Claude Code sends to the API unchanged, and
 * the agent stops with "There's an issue with the selected model (…). It may not exist or you may not have access to
 * it." (seen against a local API that refuses unknown models). `claude plugin validate` says nothing about `model`.
 */
export const MODEL_ID = /^claude-[a-z0-9.-]+$/;
/** The `[1m]` suffix Claude Code reads on an alias or id: the same model with the 1M-token context window. */
const LONG_CONTEXT = /\[1m\]$/i;

/** `manual` is accepted too and means `default`. */
export const PERMISSION_MODES = ['default', 'acceptEdits', 'plan', 'auto', 'bypassPermissions', 'dontAsk', 'manual'] as const;
export const MEMORY_SCOPES = ['user', 'project', 'local'] as const;
export type MemoryScope = (typeof MEMORY_SCOPES)[number];

/**
 * Where `memory` keeps an agent's notes, per scope; `<name>` is the agent's name as Claude Code calls it, with every
 * character but letters, digits, `-` and `_` made `-` (`data-pipelines:lineage-notes` → `data-pipelines-lineage-notes`).
 * Claude Code puts the folder's MEMORY.md into the agent's prompt each time it starts.
 */
export const MEMORY_FOLDERS: Readonly<Record<MemoryScope, { folder: string; where: string }>> = {
  user: { folder: '~/.claude/agent-memory/<name>/', where: 'in your home folder, the same in every project' },
  project: { folder: '.claude/agent-memory/<name>/', where: 'in the project, beside its code' },
  local: { folder: '.claude/agent-memory-local/<name>/', where: 'in the project, in a folder for this machine only' },
};

/**
 * The tools `memory` adds to an agent that lists its `tools`, so it can keep its notes (Claude Code appends each one
 * the list lacks, unless auto memory is turned off). An agent without `tools` has them already.
 */
export const MEMORY_TOOLS = ['Write', 'Edit', 'Read'] as const;

/** An agent's memory folder, as Claude Code names it. */
export function memoryFolder(scope: MemoryScope, agentName: string): string {
  return MEMORY_FOLDERS[scope].folder.replace('<name>', agentName.replace(/[^a-zA-Z0-9_-]/g, '-') || 'unknown');
}

/**
 * Fields Claude Code ignores in an agent that ships in a plugin, each with its warning's reason (its log: "Plugin agent
 * file … sets permissionMode, which is ignored for plugin agents. Use .claude/agents/ for this level of control.").
 * The same file copied into .claude/agents/ keeps them.
 */
export const PLUGIN_IGNORED_FIELDS: Readonly<Record<string, string>> = {
  permissionMode: 'Use .claude/agents/ for this level of control.',
  hooks: 'Use .claude/agents/ for this level of control.',
  mcpServers: 'Use .claude/agents/ for this level of control.',
  initialPrompt: 'Define the agent in .claude/agents/ to use initialPrompt.',
  observer: 'Define the agent in .claude/agents/ to use observer.',
  observerMessage: 'Define the agent in .claude/agents/ to use observerMessage.',
  observeSubagents: 'Define the agent in .claude/agents/ to use observeSubagents.',
};

/** Claude Code's warning for a plugin agent that sets one of PLUGIN_IGNORED_FIELDS. */
export const pluginIgnoredMessage = (field: string) => `sets ${field}, which is ignored for plugin agents. ${PLUGIN_IGNORED_FIELDS[field]}`;

/** The `isolation` values a plugin agent keeps: Claude Code drops `remote` from one without a message. */
export const PLUGIN_ISOLATION_MODES: readonly string[] = ['worktree'];
/** Also `med` (= medium) or a whole number. */
export const EFFORT_LEVELS = ['low', 'medium', 'high', 'xhigh', 'max', 'med'] as const;
export const ISOLATION_MODES = ['worktree', 'remote'] as const;

/** The names the catalog recommends (Claude Code accepts more: see `nameProblem`). */
export const NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Claude Code refuses a name that starts with `-`, is over 256 characters, or holds `:` (plugin namespaces). */
export function nameProblem(name: string): string | undefined {
  if (name.startsWith('-')) return 'starts with "-"';
  if (name.length > 256) return 'is longer than 256 characters';
  if (name.normalize('NFKC').includes(':')) return 'contains ":", which Claude Code reserves for plugin namespaces';
  return undefined;
}

/** What a tool lets an agent do: how the agent page groups tools ("What this agent can do"). */
export type ToolGroup = 'read' | 'change' | 'run' | 'web' | 'mcp' | 'agents' | 'schedule' | 'other';

export interface ToolInfo {
  group: ToolGroup;
  /** Changes nothing outside the conversation: no files, processes, services or scheduled work. */
  readOnly: boolean;
}

const tool = (group: ToolGroup, readOnly = false): ToolInfo => ({ group, readOnly });

/**
 * Claude Code's built-in tools, by the names `tools` and `disallowedTools` take: the table of built-in tool names in
 * the CLAUDE_CODE_VERSION package, each with what it lets an agent do (the group and `readOnly` are this catalog's
 * reading of each tool's own one-line description in that release). MCP tools (`mcp__<server>__<tool>`) are not
 * listed: their names say their server. A name not here is shown as written, never dropped (capabilities.ts).
 */
export const CLAUDE_CODE_TOOLS: Readonly<Record<string, ToolInfo>> = {
  Read: tool('read', true),
  Glob: tool('read', true),
  Grep: tool('read', true),
  LSP: tool('read', true),
  Write: tool('change'),
  Edit: tool('change'),
  NotebookEdit: tool('change'),
  EnterWorktree: tool('change'),
  ExitWorktree: tool('change'),
  Bash: tool('run'),
  PowerShell: tool('run'),
  Monitor: tool('run'),
  TaskStop: tool('run'),
  REPL: tool('run'),
  WebFetch: tool('web', true),
  WebSearch: tool('web', true),
  ListMcpResourcesTool: tool('mcp', true),
  ReadMcpResourceTool: tool('mcp', true),
  ReadMcpResourceDirTool: tool('mcp', true),
  WaitForMcpServers: tool('mcp', true),
  Agent: tool('agents'),
  SendMessage: tool('agents'),
  Workflow: tool('agents'),
  ListAgents: tool('agents', true),
  SubagentHandback: tool('agents', true),
  CronCreate: tool('schedule'),
  CronDelete: tool('schedule'),
  CronList: tool('schedule', true),
  ScheduleWakeup: tool('schedule'),
  RemoteTrigger: tool('schedule'),
  TodoWrite: tool('other', true),
  TaskCreate: tool('other', true),
  TaskGet: tool('other', true),
  TaskList: tool('other', true),
  TaskUpdate: tool('other', true),
  AskUserQuestion: tool('other', true),
  EnterPlanMode: tool('other', true),
  ExitPlanMode: tool('other', true),
  ToolSearch: tool('other', true),
  SendUserMessage: tool('other', true),
  SendUserFile: tool('other', true),
  PushNotification: tool('other', true),
  ReportFindings: tool('other', true),
  SetGoal: tool('other', true),
  ReadNotifications: tool('other', true),
  EndConversation: tool('other', true),
  OfferChromeSetup: tool('other', true),
  ShowOnboardingRolePicker: tool('other', true),
  propose_skills: tool('other', true),
  Skill: tool('other'),
  Artifact: tool('other'),
  ClaudeDesign: tool('other'),
  Projects: tool('other'),
  SendFeedback: tool('other'),
  ShareOnboardingGuide: tool('other'),
};

/**
 * Older names CLAUDE_CODE_VERSION still accepts in `tools`, and the tool each now means (its own map of old names:
 * `Task` is `Agent`, a killed shell is a stopped task).
 */
export const TOOL_ALIASES: Readonly<Record<string, string>> = {
  Task: 'Agent',
  KillShell: 'TaskStop',
  KillBash: 'TaskStop',
  ListPeers: 'ListAgents',
  Brief: 'SendUserMessage',
  ListMcpResources: 'ListMcpResourcesTool',
  ReadMcpResource: 'ReadMcpResourceTool',
  ReadMcpResourceDir: 'ReadMcpResourceDirTool',
  ProposeGoal: 'SetGoal',
  Eval: 'REPL',
};

/**
 * Tools of older releases that CLAUDE_CODE_VERSION no longer has: it drops them from an agent's list without a word
 * (an agent whose whole list is dropped is refused when called: "would be spawned with zero tools").
 */
export const RETIRED_TOOLS: ReadonlySet<string> = new Set(['LS', 'MultiEdit', 'NotebookRead', 'TodoRead', 'BashOutput', 'SlashCommand']);

/** The tool a name means in CLAUDE_CODE_VERSION (an older name's new one), with its group; undefined when none. */
export function toolInfo(name: string): (ToolInfo & { name: string }) | undefined {
  const current = Object.hasOwn(TOOL_ALIASES, name) ? TOOL_ALIASES[name] : name;
  return Object.hasOwn(CLAUDE_CODE_TOOLS, current) ? { name: current, ...CLAUDE_CODE_TOOLS[current] } : undefined;
}

/** Tools that cannot change anything: an agent limited to these is read-only. Older names count as the tools they mean. */
export const READ_ONLY_TOOLS: ReadonlySet<string> = new Set([...Object.keys(CLAUDE_CODE_TOOLS), ...Object.keys(TOOL_ALIASES)].filter((name) => toolInfo(name)?.readOnly === true));

export type PermissionMode = (typeof PERMISSION_MODES)[number];

/**
 * What each `permissionMode` does to the agent's permission prompts. `skipsPrompts`: the agent acts without asking
 * you first (for some or all actions), which the agent page flags.
 */
export const PERMISSION_MODE_INFO: Readonly<Record<PermissionMode, { says: string; skipsPrompts: boolean }>> = {
  default: { says: 'asks you before each action that needs permission', skipsPrompts: false },
  manual: { says: 'the same as default: asks you before each action that needs permission', skipsPrompts: false },
  acceptEdits: { says: 'edits files without asking you first', skipsPrompts: true },
  plan: { says: 'plan mode: explores and proposes, without changing anything', skipsPrompts: false },
  auto: { says: 'a classifier approves or blocks its actions instead of asking you', skipsPrompts: true },
  dontAsk: { says: 'never asks: whatever is not allowed in advance is denied', skipsPrompts: false },
  bypassPermissions: { says: 'skips every permission prompt: uses any tool it has without asking you', skipsPrompts: true },
};

/** How the catalog groups models in its filters: by family, whatever the exact id or alias. */
export const MODEL_FAMILIES = ['opus', 'sonnet', 'haiku', 'inherit', 'other'] as const;
export type ModelFamily = (typeof MODEL_FAMILIES)[number];

/**
 * The family of a `model` value: `inherit` when absent, empty or `inherit`; `opus`, `sonnet` or `haiku` when the alias
 * or the id names one (`claude-sonnet-4-5-20250929`, `claude-3-5-haiku-latest`, `Claude Sonnet 4.5 (copilot)`);
 * anything else is `other`. The agent page still shows the exact value, and says when Claude Code does not know it.
 */
export function modelFamily(model: string | undefined): ModelFamily {
  const value = model?.trim().toLowerCase() ?? '';
  if (!value || value === 'inherit') return 'inherit';
  return (value.match(/opus|sonnet|haiku/)?.[0] as ModelFamily | undefined) ?? 'other';
}

/** A `model` value Claude Code resolves to a Claude model: an alias in any case, or a model id. */
export function isKnownModel(model: string): boolean {
  const value = model.trim().replace(LONG_CONTEXT, '');
  return (MODEL_ALIASES as readonly string[]).includes(value.toLowerCase()) || MODEL_ID.test(value);
}

export function isKnownColor(color: string): color is AgentColor {
  return (COLORS as readonly string[]).includes(color);
}

/** `mcp__server__tool` → { server, tool }; other tools → undefined. */
export function mcpTool(tool: string): { server: string; tool: string } | undefined {
  const m = tool.match(/^mcp__(.+?)__(.+)$/);
  return m ? { server: m[1], tool: m[2] } : undefined;
}
