/**
 * The frontmatter schema: one field, one comment saying what Claude Code does with it. Parsing is lenient on
 * purpose: a value Claude Code would ignore becomes a diagnostic (diagnostics.ts), never a crash.
 */
import { z } from 'astro/zod';

/**
 * Split tool names the way Claude Code does: on commas and spaces outside parentheses, so
 * `Agent(worker, researcher), Read` is two tools and `Bash(git push:*)` stays one.
 */
export function splitTools(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of value) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if ((ch === ',' || /\s/.test(ch)) && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((t) => t.trim()).filter(Boolean);
}

/**
 * Claude Code's reading of `tools` / `disallowedTools`: a string or a list of strings (other items dropped);
 * absent or any `*` means every tool (undefined); an empty value means no tools at all (`[]`).
 */
export function normaliseTools(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '' || value === false || value === 0) return [];
  const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const tools = items.flatMap(splitTools);
  return tools.includes('*') ? undefined : tools;
}

const toolList = z.unknown().transform(normaliseTools);

const stringList = z
  .union([z.string(), z.array(z.union([z.string(), z.number()]).transform(String))])
  .transform((value) => (Array.isArray(value) ? value.map((v) => v.trim()).filter(Boolean) : value.split(',').map((v) => v.trim()).filter(Boolean)));

const text = z.union([z.string(), z.number()]).transform((v) => String(v));

export const frontmatterSchema = z.looseObject({
  /**
   * The agent's identifier: Claude Code delegates to it by this name. Required, a string; Claude Code refuses names
   * that start with `-`, hold `:` or run over 256 characters (claude-code.ts `nameProblem`).
   */
  name: z.string().min(1),
  /**
   * When Claude should delegate to the agent: loaded into every session's context, so keep it tight. Required, a
   * non-empty string; Claude Code turns every literal `\n` in it into a line break.
   */
  description: z.string().min(1),
  /** Tools the agent may use (comma string or list). Absent or `*`: every tool of the main thread; empty: none. */
  tools: toolList.optional(),
  /** Tools removed from what the agent would otherwise get (same syntax as `tools`). */
  disallowedTools: toolList.optional(),
  /** `sonnet`, `opus`, `haiku`, `inherit` or a full model id (Claude Code does not check it). Absent means `inherit`. */
  model: text.optional(),
  /** Colour of the agent's label in Claude Code's UI; Claude Code drops a colour it does not know. */
  color: text.optional(),
  /**
   * How the agent's tool calls are approved: `default`, `acceptEdits`, `plan`, `auto`, `bypassPermissions`, `dontAsk`.
   * Ignored in an agent installed with its plugin (it applies in .claude/agents/).
   */
  permissionMode: text.optional(),
  /** Upper bound on the agent's turns before it must return. */
  maxTurns: z.coerce.number().int().positive().optional(),
  /** Skills preloaded into the agent's context. */
  skills: stringList.optional(),
  /** MCP servers available to the agent (names or inline definitions). Ignored in an agent installed with its plugin. */
  mcpServers: z.unknown().optional(),
  /** Lifecycle hooks scoped to the agent. Ignored in an agent installed with its plugin. */
  hooks: z.unknown().optional(),
  /**
   * Persistent memory: `user` (~/.claude/agent-memory/<name>/), `project` (.claude/agent-memory/<name>/) or `local`
   * (.claude/agent-memory-local/<name>/). Its MEMORY.md goes into the prompt at each start, and Claude Code adds Write,
   * Edit and Read to a `tools` list so the agent can keep it.
   */
  memory: text.optional(),
  /** Run the agent in the background by default (`true` or `"true"`). */
  background: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
  /** Reasoning effort for the agent's model: `low`…`max`, or a whole number. */
  effort: text.optional(),
  /** `worktree` runs the agent in its own git worktree; `remote` runs it remotely (not kept for a plugin's agent). */
  isolation: text.optional(),
  /** A first prompt sent automatically when the agent starts as the main thread. Ignored in an agent installed with its plugin. */
  initialPrompt: text.optional(),
  /** Context size (tokens, at least 100,000) at which the agent's conversation is compacted. */
  autoCompactWindow: z.coerce.number().int().min(100000).optional(),
  /** `true` leaves the project's CLAUDE.md out of the agent's context. */
  omitClaudeMd: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
  /** Marks an observer agent, which watches the main conversation instead of being delegated to. */
  observer: z.unknown().optional(),
  /** What an observer agent is told about the conversation it watches. */
  observerMessage: z.unknown().optional(),
  /** Whether an observer agent also sees tool results. */
  observeToolResults: z.unknown().optional(),
  /** Whether an observer agent also sees subagents' conversations. */
  observeSubagents: z.unknown().optional(),
  /** Settings for experimental Claude Code features, passed through as written. */
  experimental: z.unknown().optional(),
  /** Catalog only (Claude Code ignores it): the category shown on the site; defaults to the first folder. */
  category: text.optional(),
  /** Catalog only (Claude Code ignores it): free-form tags. */
  tags: stringList.optional(),
});

export type Frontmatter = z.output<typeof frontmatterSchema>;

/**
 * An agent's frontmatter fields as the catalog keeps them (`Agent.fields`): each field of the schema, parsed by it;
 * keys the schema does not know are kept apart (`Agent.extraFields`).
 */
export type AgentFields = { [K in keyof Frontmatter as string extends K ? never : K]: Frontmatter[K] };
