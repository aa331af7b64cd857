/**
 * URLs for agents: `/agents/<slug>/`. The slug is the name when it is already lowercase-with-hyphens, else a safe
 * transliteration. Every agent gets a distinct, stable slug, also when names collide or differ only by case.
 */
import { createHash } from 'node:crypto';
import { NAME_PATTERN } from './claude-code.ts';
import { diagnostic } from './diagnostic.ts';
import { slugText } from './text.ts';
import type { Agent, Diagnostic } from './types.ts';

/** A URL- and file-system-safe form of any name: never empty, never dots, slashes or control characters. */
export function slugFor(name: string): string {
  if (NAME_PATTERN.test(name) && name.length <= 100) return name;
  return slugText(name) || `agent-${shortHash(name)}`;
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

/**
 * Give every agent a unique slug. Agents are in file order: the first with a slug keeps it, later ones get a
 * suffix from their own file path, so adding a third file never renames the second.
 */
export function assignSlugs(agents: Agent[]): void {
  const taken = new Set<string>();
  for (const agent of agents) {
    const base = slugFor(agent.name);
    let slug = taken.has(base) ? `${base}-${shortHash(agent.file).slice(0, 6)}` : base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${shortHash(agent.file).slice(0, 6)}-${n}`;
    taken.add(slug);
    agent.slug = slug;
  }
}

/**
 * Claude Code loads only one agent per name (the last by path wins): warn on every file of a clash, naming the others.
 * Agents of plugins are compared by their full name (`plugin:name`), which is what Claude Code keeps apart; two files
 * of one plugin with one name are an error on both, since which of them loads varies.
 */
export function duplicateNameDiagnostics(agents: Agent[]): Map<string, Diagnostic[]> {
  const byName = new Map<string, Agent[]>();
  for (const agent of agents) {
    // A plugin's agents are namespaced (`plugin:name`): they clash only within their plugin.
    const key = (agent.pluginAgentName ?? agent.name).toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), agent]);
  }
  const out = new Map<string, Diagnostic[]>();
  for (const group of byName.values()) {
    if (group.length < 2) continue;
    const inPlugin = group[0].pluginAgentName !== undefined && group.every((a) => a.pluginAgentName === group[0].pluginAgentName);
    if (inPlugin) {
      // Claude Code 2.1.332 keeps one of them, and not always the same one ("Duplicate agent name … — active: …"):
      // neither can be counted on, so both are errors.
      for (const agent of group) {
        const files = group.map((a) => a.file).join(' and ');
        out.set(agent.file, [
          diagnostic('error', 'name-duplicate-in-plugin', nameLine(agent.raw), `${files} are both the agent "${agent.pluginAgentName}": Claude Code loads only one of them, and which one varies from one session to the next.`, 'Give each agent of the plugin a unique name (or remove the copy).'),
        ]);
      }
      continue;
    }
    for (const agent of group) {
      const others = group.filter((a) => a !== agent).map((a) => `${a.file} ("${a.name}")`).join(', ');
      const exact = group.some((a) => a !== agent && a.name === agent.name);
      const winner = group.filter((a) => a.name === agent.name).at(-1)!;
      const line = nameLine(agent.raw);
      out.set(agent.file, [
        diagnostic('warning', 'name-duplicate', line, exact ? `Another file has the same name: ${others}; Claude Code loads only one of them (${winner === agent ? 'this one' : winner.file}, the last by path).` : `Another file's name differs only by case: ${others}; agent names should be unique.`, 'Give each agent a unique name.'),
      ]);
    }
  }
  return out;
}

/** The 1-based line of the frontmatter `name:` key (2 when it cannot be found). */
export function nameLine(raw: string): number {
  const index = raw.search(/^name\s*:/m);
  return index < 0 ? 2 : raw.slice(0, index).split('\n').length;
}
