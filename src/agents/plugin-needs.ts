/**
 * What an agent's prompt takes from the plugin it ships in: files under `${CLAUDE_PLUGIN_ROOT}` (or the plugin's data
 * folder), and the plugin's own agents, skills and commands called by their `plugin:name`, or skills it preloads. A
 * copy of the file alone into `.claude/agents/` has none of them, so for such an agent the page offers the whole
 * plugin first (issue 27). Pure: the text and the plugin's contents in, the reasons out, in words for the page.
 */
import type { PluginContents } from './types.ts';

/** The variables Claude Code sets to a plugin's folders while it runs the plugin's components. */
const PLUGIN_VARIABLES = ['CLAUDE_PLUGIN_ROOT', 'CLAUDE_PLUGIN_DATA'] as const;

export interface PluginNeedsInput {
  /** The prompt and the description, as written. */
  texts: readonly string[];
  /** Frontmatter `skills` (preloaded skills). */
  skills?: readonly string[];
  /** The names Claude Code gives the plugin (its plugin.json name, and the entry's name when they differ). */
  pluginNames: readonly string[];
  /** The agent's own name in the plugin (`plugin:agent`), which a prompt may mention without depending on anything. */
  ownName?: string;
  contents: Pick<PluginContents, 'agents' | 'skills' | 'commands'>;
}

/** Each thing the agent takes from its plugin, as a short phrase ("files under ${CLAUDE_PLUGIN_ROOT}", "the skill x:y"). */
export function pluginNeeds(input: PluginNeedsInput): string[] {
  const text = input.texts.join('\n');
  const needs: string[] = [];
  for (const variable of PLUGIN_VARIABLES) {
    if (text.includes(`\${${variable}}`) || new RegExp(`\\$${variable}\\b`).test(text)) needs.push(`files under \${${variable}}`);
  }
  // `plugin:name`, `plugin:folder:name` → the name within the plugin.
  const bare = (name: string) => name.slice(name.indexOf(':') + 1);
  const qualified = (name: string) => input.pluginNames.map((plugin) => `${plugin}:${bare(name)}`);
  const preloaded = new Set(input.skills ?? []);
  for (const skill of input.contents.skills) {
    const names = qualified(skill.name);
    if (preloaded.has(bare(skill.name)) || names.some((n) => preloaded.has(n))) needs.push(`the skill ${names[0]}, which it preloads`);
    else if (names.some((n) => mentions(text, n))) needs.push(`the skill ${names[0]}`);
  }
  for (const command of input.contents.commands) {
    const names = qualified(command.name);
    if (names.some((n) => mentions(text, n))) needs.push(`the command /${names[0]}`);
  }
  for (const agent of input.contents.agents) {
    if (agent.name === input.ownName) continue;
    if (qualified(agent.name).some((n) => mentions(text, n))) needs.push(`the agent ${agent.name}`);
  }
  return needs;
}

/** `name` as a whole token: not part of a longer name (`x:plan` in `x:planner`, or in a path). */
function mentions(text: string, name: string): boolean {
  let at = text.indexOf(name);
  while (at >= 0) {
    const before = text[at - 1];
    const after = text[at + name.length];
    if (!isNamePart(before) && !isNamePart(after)) return true;
    at = text.indexOf(name, at + 1);
  }
  return false;
}

const isNamePart = (c: string | undefined) => c !== undefined && /[\w:-]/.test(c);
