/**
 * What Claude Code knows about agent files, in one place: the frontmatter fields it reads, the colours and model
 * names it accepts. The schema, the diagnostics and the pages all read this module.
 */

/**
 * Frontmatter keys Claude Code (2.1.x) reads for a subagent. Any other key is ignored, with a warning in its log
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
 * The colours Claude Code offers for an agent's label in the terminal. Claude Code 2.1.197 keeps `color` only when it
 * is exactly one of these strings (its agent loader: `typeof color === "string" && COLORS.includes(color)`): `Blue`,
 * `gold`, `"#ff0000"` or a number are dropped without a message, and the agent shows without a colour. An unquoted
 * `color: #ff0000` is a YAML comment, so the field is empty. `claude plugin validate` says nothing about any of these.
 */
export const COLORS = ['red', 'blue', 'green', 'yellow', 'purple', 'orange', 'pink', 'cyan'] as const;
export type AgentColor = (typeof COLORS)[number];

/**
 * Model aliases Claude Code 2.1.197 resolves, in any case (`Sonnet`, `HAIKU`); `inherit` (or no `model`) uses the
 * main conversation's model. `sonnet`, `opus` and `fable` also take a `[1m]` suffix (the 1M-token context window).
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
export type ToolGroup = 'read' | 'change' | 'run' | 'web' | 'mcp' | 'agents' | 'other';

export interface ToolInfo {
  group: ToolGroup;
  /** Changes nothing outside the conversation: no files, processes or services. */
  readOnly: boolean;
}

const tool = (group: ToolGroup, readOnly = false): ToolInfo => ({ group, readOnly });

/**
 * Claude Code's built-in tools (2.1.x) by the names `tools` and `disallowedTools` take, each with what it lets an agent
 * do. `Task` is the older name of `Agent`, `KillBash` of `KillShell`. MCP tools (`mcp__<server>__<tool>`) are not
 * listed: their names say their server. A name not here is shown as written, never dropped (capabilities.ts).
 */
export const CLAUDE_CODE_TOOLS: Readonly<Record<string, ToolInfo>> = {
  Read: tool('read', true),
  Glob: tool('read', true),
  Grep: tool('read', true),
  LS: tool('read', true),
  NotebookRead: tool('read', true),
  Write: tool('change'),
  Edit: tool('change'),
  MultiEdit: tool('change'),
  NotebookEdit: tool('change'),
  Bash: tool('run'),
  BashOutput: tool('run'),
  KillShell: tool('run'),
  KillBash: tool('run'),
  PowerShell: tool('run'),
  WebFetch: tool('web', true),
  WebSearch: tool('web', true),
  ListMcpResourcesTool: tool('mcp', true),
  ReadMcpResourceTool: tool('mcp', true),
  Agent: tool('agents'),
  Task: tool('agents'),
  TodoWrite: tool('other', true),
  TodoRead: tool('other', true),
  AskUserQuestion: tool('other', true),
  ExitPlanMode: tool('other', true),
  Skill: tool('other'),
  SlashCommand: tool('other'),
};

/** Tools that cannot change anything: an agent limited to these is read-only. */
export const READ_ONLY_TOOLS: ReadonlySet<string> = new Set(Object.keys(CLAUDE_CODE_TOOLS).filter((name) => CLAUDE_CODE_TOOLS[name].readOnly));

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
