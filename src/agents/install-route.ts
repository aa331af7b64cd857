/**
 * What an agent's file does once installed, by the way it is installed: copied into `.claude/agents/` (the `file`
 * route, every field in force) or with its plugin (the `plugin` route: Claude Code ignores some fields, each with a
 * warning in its log). Also the fields that shape a run without being tools: `memory` (a folder of notes, and the
 * tools to keep it), `isolation`, `background`, `skills`, `maxTurns`, `omitClaudeMd`, `autoCompactWindow`,
 * `initialPrompt`, each said in plain words. capabilities.ts puts these beside the tools; the tables are claude-code.ts.
 */
import {
  ISOLATION_MODES,
  MEMORY_FOLDERS,
  MEMORY_SCOPES,
  MEMORY_TOOLS,
  memoryFolder,
  PLUGIN_IGNORED_FIELDS,
  PLUGIN_ISOLATION_MODES,
  pluginIgnoredMessage,
  type MemoryScope,
} from './claude-code.ts';
import type { AgentFields } from './types.ts';

/** `file`: the agent file copied into `.claude/agents/` (or `~/.claude/agents/`); `plugin`: installed with its plugin. */
export type InstallRoute = 'file' | 'plugin';

/** A field set in the file that Claude Code does not apply on this route, with Claude Code's own words for it. */
export interface IgnoredField {
  field: string;
  /** Claude Code's warning, after the file's path: "sets permissionMode, which is ignored for plugin agents. …". */
  says: string;
}

export interface Memory {
  scope: MemoryScope;
  /** The folder, as Claude Code names it for this agent on this route. */
  folder: string;
  /** Where that is, in words. */
  where: string;
  /** Tools `memory` adds to the agent's `tools` list (empty when it has every tool or lists them already). */
  adds: string[];
}

/** One fact about how the agent runs, in words, with the field that says it. */
export interface RunFact {
  field: 'isolation' | 'background' | 'skills' | 'maxTurns' | 'omitClaudeMd' | 'autoCompactWindow' | 'initialPrompt';
  says: string;
}

type RouteInput = Pick<AgentFields, 'tools' | 'memory' | 'isolation' | 'background' | 'skills' | 'maxTurns' | 'omitClaudeMd' | 'autoCompactWindow' | 'initialPrompt'> &
  Partial<Pick<AgentFields, 'permissionMode' | 'hooks' | 'mcpServers' | 'observer' | 'observerMessage' | 'observeSubagents'>>;

/** The fields Claude Code ignores on this route, in the order of its warnings. */
export function ignoredFields(fields: RouteInput, route: InstallRoute): IgnoredField[] {
  if (route !== 'plugin') return [];
  const found: IgnoredField[] = Object.keys(PLUGIN_IGNORED_FIELDS)
    .filter((field) => (fields as Record<string, unknown>)[field] !== undefined)
    .map((field) => ({ field, says: pluginIgnoredMessage(field) }));
  if (fields.isolation !== undefined && (ISOLATION_MODES as readonly string[]).includes(fields.isolation) && !PLUGIN_ISOLATION_MODES.includes(fields.isolation)) {
    // Claude Code says nothing here: it keeps `isolation` only when it is `worktree`.
    found.push({ field: 'isolation', says: `sets isolation: ${fields.isolation}, which Claude Code drops for plugin agents without a message (only worktree is kept).` });
  }
  return found;
}

/**
 * `memory`: the folder Claude Code keeps for the agent and the tools it adds so the agent can write there. `name` is
 * the agent's name as Claude Code calls it on this route (`plugin:agent` for a plugin's agent). Undefined without a
 * valid scope (an unknown one is ignored, with a diagnostic).
 */
export function memoryOf(fields: Pick<AgentFields, 'memory' | 'tools'>, name: string): Memory | undefined {
  const scope = fields.memory as MemoryScope | undefined;
  if (scope === undefined || !(MEMORY_SCOPES as readonly string[]).includes(scope)) return undefined;
  // Claude Code appends each one the `tools` list lacks, comparing whole entries (`Write(./notes/**)` is not `Write`);
  // an agent without `tools` has every tool already.
  const listed = new Set(fields.tools ?? []);
  const adds = fields.tools === undefined ? [] : MEMORY_TOOLS.filter((tool) => !listed.has(tool));
  return { scope, folder: memoryFolder(scope, name), where: MEMORY_FOLDERS[scope].where, adds };
}

const formatNumber = (n: number) => n.toLocaleString('en');

/** The fields that shape a run, in words, as they apply on this route. */
export function runFacts(fields: RouteInput, route: InstallRoute): RunFact[] {
  const facts: RunFact[] = [];
  const isolation = fields.isolation;
  if (isolation === 'worktree') {
    facts.push({ field: 'isolation', says: 'Works in a temporary git worktree (a separate checkout of your repository), not in your working copy.' });
  } else if (isolation === 'remote' && route === 'file') {
    facts.push({ field: 'isolation', says: 'Runs in a remote session, not on your machine.' });
  }
  if (fields.background === true) facts.push({ field: 'background', says: 'Always runs in the background: the conversation goes on while it works, and hears from it when it is done.' });
  if (fields.skills?.length) {
    facts.push({ field: 'skills', says: `Starts with the full text of ${fields.skills.length === 1 ? 'the skill' : 'the skills'} ${fields.skills.join(', ')} in its context.` });
  }
  if (fields.maxTurns !== undefined) facts.push({ field: 'maxTurns', says: `Stops after ${formatNumber(fields.maxTurns)} ${fields.maxTurns === 1 ? 'turn' : 'turns'} (round trips to the model).` });
  if (fields.omitClaudeMd === true) facts.push({ field: 'omitClaudeMd', says: 'Works without your CLAUDE.md instructions (user, project and local) when called as a subagent.' });
  if (fields.autoCompactWindow !== undefined) facts.push({ field: 'autoCompactWindow', says: `Compacts its own conversation once it reaches ${formatNumber(fields.autoCompactWindow)} tokens.` });
  if (fields.initialPrompt && route === 'file') facts.push({ field: 'initialPrompt', says: `Sends a first prompt of its own when started as the main agent (claude --agent): "${fields.initialPrompt}"` });
  return facts;
}
