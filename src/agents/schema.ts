/**
 * The frontmatter schema: one field, one comment saying what Claude Code does with it. Parsing is lenient on
 * purpose: a value Claude Code would ignore becomes a diagnostic (diagnostics.ts), never a crash.
 */
import { z } from 'astro/zod';

/**
 * Split a tools string the way Claude Code does: on commas outside parentheses, so
 * `Agent(worker, researcher), Read` is two tools. `*` alone means every tool.
 */
export function splitTools(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of value) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((t) => t.trim()).filter(Boolean);
}

const toolList = z
  .union([z.string(), z.array(z.union([z.string(), z.number()]).transform(String))])
  .transform((value) => (Array.isArray(value) ? value.flatMap(splitTools) : splitTools(value)));

const stringList = z
  .union([z.string(), z.array(z.union([z.string(), z.number()]).transform(String))])
  .transform((value) => (Array.isArray(value) ? value.map((v) => v.trim()).filter(Boolean) : splitTools(value)));

const text = z.union([z.string(), z.number()]).transform((v) => String(v));

export const frontmatterSchema = z.looseObject({
  /** The agent's identifier: Claude Code delegates to it by this name and uses it for `/agents`. Required. */
  name: text.pipe(z.string().trim().min(1)),
  /** When Claude should delegate to the agent. Loaded into every session's context, so keep it tight. Required. */
  description: text.pipe(z.string().trim().min(1)),
  /** Tools the agent may use (comma string or list). Absent: it inherits every tool of the main thread. */
  tools: toolList.optional(),
  /** Tools removed from what the agent would otherwise get (same syntax as `tools`). */
  disallowedTools: toolList.optional(),
  /** `sonnet`, `opus`, `haiku`, `inherit` or a full model id. Absent means `inherit`. */
  model: text.optional(),
  /** Colour of the agent's label in Claude Code's terminal UI. */
  color: text.optional(),
  /** How the agent's tool calls are approved: `default`, `acceptEdits`, `plan`, `bypassPermissions`… */
  permissionMode: text.optional(),
  /** Upper bound on the agent's turns before it must return. */
  maxTurns: z.coerce.number().int().positive().optional(),
  /** Skills preloaded into the agent's context. */
  skills: stringList.optional(),
  /** MCP servers available to the agent (names or inline definitions). */
  mcpServers: z.unknown().optional(),
  /** Lifecycle hooks scoped to the agent. */
  hooks: z.unknown().optional(),
  /** Persistent memory scope: `user`, `project` or `local`. */
  memory: text.optional(),
  /** Run the agent in the background by default. */
  background: z.boolean().optional(),
  /** Reasoning effort for the agent's model. */
  effort: text.optional(),
  /** `worktree` runs the agent in its own git worktree. */
  isolation: text.optional(),
  /** A first prompt sent automatically when the agent starts as the main thread. */
  initialPrompt: text.optional(),
  /** Catalog only (Claude Code ignores it): the category shown on the site; defaults to the first folder. */
  category: text.optional(),
  /** Catalog only (Claude Code ignores it): free-form tags. */
  tags: stringList.optional(),
});

export type Frontmatter = z.output<typeof frontmatterSchema>;
