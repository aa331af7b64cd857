/**
 * The field reference, built from the two places that already define it: the list and allowed values in
 * src/agents/claude-code.ts, and the one-line doc comment on each zod field in src/agents/schema.ts (read as
 * source at build time, so the guide cannot drift from the schema). Only the notes below are written here.
 */
import schemaSource from '../../agents/schema.ts?raw';
import {
  CATALOG_FIELDS,
  CLAUDE_CODE_FIELDS,
  COLORS,
  EFFORT_LEVELS,
  ISOLATION_MODES,
  MEMORY_SCOPES,
  MODEL_ALIASES,
  PERMISSION_MODES,
} from '../../agents/claude-code.ts';

export interface FieldRow {
  name: string;
  /** Read by Claude Code, or by this catalog only. */
  reader: 'claude-code' | 'catalog';
  required: boolean;
  /** The schema's doc comment: what Claude Code does with the field. */
  meaning: string;
  /** Extra detail for authors: plain text with `code` spans marked by backticks, like the meaning. */
  note?: string;
  /** How to write the value. */
  type?: string;
  /** Allowed values, when Claude Code has a fixed list. */
  values?: readonly string[];
}

/** `/** comment *\/ key:` pairs from the schema's source, comment text joined into one line. */
export function schemaDocComments(source: string): Map<string, string> {
  const docs = new Map<string, string>();
  for (const m of source.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*\n\s*([A-Za-z]+)\s*:/g)) {
    const text = m[1]
      .split('\n')
      .map((line) => line.replace(/^\s*\*\s?/, '').trim())
      .filter(Boolean)
      .join(' ');
    docs.set(m[2], text);
  }
  return docs;
}

const TYPES: Record<string, string> = {
  name: 'text',
  description: 'text',
  tools: 'comma-separated text or list',
  disallowedTools: 'comma-separated text or list',
  model: 'text',
  color: 'text',
  permissionMode: 'text',
  maxTurns: 'positive whole number',
  skills: 'list',
  mcpServers: 'list of names or definitions',
  hooks: 'mapping of hook events',
  memory: 'text',
  background: 'true or false',
  effort: 'text',
  isolation: 'text',
  initialPrompt: 'text',
  category: 'text',
  tags: 'list or comma-separated text',
};

const VALUES: Record<string, readonly string[]> = {
  model: [...MODEL_ALIASES, 'claude-…'],
  color: COLORS,
  permissionMode: PERMISSION_MODES,
  memory: MEMORY_SCOPES,
  effort: EFFORT_LEVELS,
  isolation: ISOLATION_MODES,
};

const NOTES: Record<string, string> = {
  name: 'Lowercase letters, digits and hyphens; the folder a file sits in plays no part in it. Keep it equal to the file name.',
  description: 'See “Descriptions and examples” below.',
  tools: '`Agent(worker, researcher)` limits which subagents this one may start; MCP tools are named `mcp__server__tool`.',
  disallowedTools: 'Handy with no `tools` line: everything except these.',
  model: 'A full model id such as `claude-sonnet-4-5` pins one version.',
  permissionMode: '`plan` keeps the agent read-only; `bypassPermissions` skips every prompt, so use it with care.',
  skills: 'The skills’ full text is injected at start-up; the agent does not inherit the main conversation’s skills.',
  hooks: 'Usually `PreToolUse`, `PostToolUse` and `Stop`; they run only while this agent is active.',
  memory: 'The agent keeps notes in an agent-memory folder: `~/.claude/agent-memory/` (user), `.claude/agent-memory/` (project) or `.claude/agent-memory-local/` (local).',
  isolation: 'The worktree is temporary and removed when the agent made no changes.',
  initialPrompt: 'Only when the agent is the main session, e.g. `claude --agent migration-reviewer`.',
  category: 'Falls back to the file’s first folder under the agents folder.',
};

export interface FieldReference {
  /** Fields with a doc comment in the schema, Claude Code's first, then the catalog's. */
  rows: FieldRow[];
  /** Keys Claude Code reads that the schema does not document (yet): named, not described. */
  undocumented: string[];
}

export function fieldReference(source: string = schemaSource): FieldReference {
  const docs = schemaDocComments(source);
  const row = (name: string, reader: FieldRow['reader']): FieldRow => ({
    name,
    reader,
    required: name === 'name' || name === 'description',
    // Pointers into this project's source ("(claude-code.ts `nameProblem`)") are for its developers, not authors.
    meaning: (docs.get(name) ?? '').replace(/\s*\([^()]*\.ts\b[^()]*\)/g, ''),
    note: NOTES[name],
    type: TYPES[name],
    values: VALUES[name],
  });
  const rows = [...CLAUDE_CODE_FIELDS.map((n) => row(n, 'claude-code')), ...CATALOG_FIELDS.map((n) => row(n, 'catalog'))];
  // A row needs the schema's sentence; the schema is where to add one.
  return { rows: rows.filter((r) => r.meaning), undocumented: rows.filter((r) => !r.meaning).map((r) => r.name) };
}
