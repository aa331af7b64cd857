/** How an agent's tool list reads on a card and in the filters: all tools, read-only, or a list (capabilities.ts says the rest). */
import { READ_ONLY_TOOLS } from '../agents/claude-code.ts';

export type ToolAccess = 'all' | 'read-only' | 'custom';

export function toolAccess(tools: string[] | undefined): ToolAccess {
  if (!tools) return 'all';
  return tools.length > 0 && tools.every((t) => READ_ONLY_TOOLS.has(t)) ? 'read-only' : 'custom';
}

/** "all tools", "no tools" (an empty `tools:` gives the agent none), "1 tool", "3 tools". */
export function toolCountLabel(tools: string[] | undefined): string {
  if (!tools) return 'all tools';
  if (!tools.length) return 'no tools';
  return `${tools.length} ${tools.length === 1 ? 'tool' : 'tools'}`;
}

/** Values for the Pagefind `tools` filter and the cards' data-tools: "all tools", or "read-only" and each tool. */
export function toolFilterValues(tools: string[] | undefined): string[] {
  if (!tools) return ['all tools'];
  return [...(toolAccess(tools) === 'read-only' ? ['read-only'] : []), ...tools];
}
