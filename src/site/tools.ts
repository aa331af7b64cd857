/**
 * How an agent's tool list reads on a card and in the filters: all tools, read-only, or a list (capabilities.ts says the
 * rest). `memory` counts: it adds Write, Edit and Read to a `tools` list, so such an agent is never read-only.
 */
import { capabilities, type Capabilities } from '../agents/capabilities.ts';
import type { AgentFields } from '../agents/types.ts';

export type ToolAccess = 'all' | 'read-only' | 'custom';
type ToolFields = Pick<AgentFields, 'tools' | 'memory'>;

/** `caps`: the agent's `capabilities(fields)`, when the caller has it already. */
export function toolAccess(fields: ToolFields, caps?: Pick<Capabilities, 'flags'>): ToolAccess {
  if (!fields.tools) return 'all';
  return (caps ?? capabilities(fields)).flags.includes('read-only') ? 'read-only' : 'custom';
}

/** The tools the agent has from a list: the ones written, then those `memory` adds; undefined with every tool. */
export function effectiveTools(fields: ToolFields, caps?: Pick<Capabilities, 'memory'>): string[] | undefined {
  if (!fields.tools) return undefined;
  return [...fields.tools, ...((caps ?? capabilities(fields)).memory?.adds ?? [])];
}

/** "all tools", "no tools" (an empty `tools:` gives the agent none), "1 tool", "3 tools". */
export function toolCountLabel(tools: string[] | undefined): string {
  if (!tools) return 'all tools';
  if (!tools.length) return 'no tools';
  return `${tools.length} ${tools.length === 1 ? 'tool' : 'tools'}`;
}
