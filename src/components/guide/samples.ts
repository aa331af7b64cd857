/**
 * The agent files the guide shows. Each is shown as text and also read by `loadAgent` at build time, so the
 * verdicts, diagnostics and conversations on the guide are what the catalog really computes for them.
 */

export interface Sample {
  /** File name as it would sit in `.claude/agents/` (the name check compares it with `name`). */
  file: string;
  text: string;
}

/** The two required fields and a prompt. */
export const MINIMAL: Sample = {
  file: 'commit-message-writer.md',
  text: `---
name: commit-message-writer
description: Writes a commit message for the staged changes. Use when the user asks for a commit message or is about to commit.
---
You write commit messages for the staged changes (\`git diff --cached\`).

Write a summary line of at most 72 characters in the imperative mood, a blank line,
then a short body that says why the change was made.
`,
};

/** Every field Claude Code reads, plus the catalog's own two. */
export const FULL: Sample = {
  file: 'migration-reviewer.md',
  text: `---
name: migration-reviewer
description: |
  Use this agent PROACTIVELY after a database migration is written or changed, to check that it is safe to run on a live database.

  <example>
  Context: The user has just added a migration that renames a column.
  user: "I added the migration for the users table, can you check it?"
  assistant: "I'll use the migration-reviewer agent to check it for locks and data loss."
  <commentary>
  A migration was written, so Claude delegates the review before it ships.
  </commentary>
  </example>
# Usually one or the other: an allowlist, or "everything except".
tools: Read, Grep, Glob, Bash
disallowedTools: Write, Edit
model: sonnet
color: orange
permissionMode: default
maxTurns: 20
skills:
  - sql-style
mcpServers:
  - postgres
hooks:
  PreToolUse:
    - matcher: Bash
      hooks:
        - type: command
          command: ./scripts/read-only-sql.sh
memory: project
background: false
effort: high
isolation: worktree
initialPrompt: Review the migrations changed on this branch.
category: data
tags: [database, migrations, review]
---
You review database migrations before they run in production.

## What to check
1. **Locks.** Flag statements that take long exclusive locks on large tables.
2. **Data loss.** Flag dropped columns or tables and type changes that truncate.
3. **Reversibility.** Each migration needs a working down step, or a stated reason why not.

Report each finding with its file and line, the risk, and a safer alternative.
`,
};

/** A description written to be delegated to: when, then examples with context, turns and commentary. */
export const DESCRIBED: Sample = {
  file: 'release-notes-writer.md',
  text: `---
name: release-notes-writer
description: |
  Use this agent when a release is tagged or the user asks for release notes: it drafts them from the pull requests merged since the last tag.

  <example>
  Context: The user has just tagged a release.
  user: "I tagged v2.3.0, can you write the release notes?"
  assistant: "I'll use the release-notes-writer agent to draft notes from the pull requests merged since v2.2.0."
  <commentary>
  A new tag is exactly when this agent applies; it reads the merged pull requests itself.
  </commentary>
  </example>

  <example>
  Context: The user is reviewing what will ship.
  user: "What changed since the last release?"
  assistant: "I'll ask the release-notes-writer agent to summarise the merged pull requests."
  </example>
tools: Read, Grep, Bash
---
You draft release notes from merged pull requests.
`,
};

/**
 * The same description, broken the common way: a one-line description containing \`: \`, with the example
 * pasted below it without indentation.
 */
export const BROKEN: Sample = {
  file: 'release-notes-writer.md',
  text: `---
name: release-notes-writer
description: Use this agent when a release is tagged: it drafts notes from merged pull requests.
<example>
user: "I tagged v2.3.0, can you write the release notes?"
</example>
tools: Read, Grep, Bash
---
You draft release notes from merged pull requests.
`,
};

/** What Claude Code's retry rescues: the \`: \` line is quoted, but the example line becomes a key of its own. */
export const RESCUED: Sample = {
  file: 'release-notes-writer.md',
  text: `---
name: release-notes-writer
description: Use this agent when a release is tagged: it drafts notes from merged pull requests.
user: "I tagged v2.3.0, can you write the release notes?"
tools: Read, Grep, Bash
---
You draft release notes from merged pull requests.
`,
};
