/** The catalog's order (src/site/catalog.ts sorts by it once per sync; other listings sort names the same way). */
import type { StoredAgent } from '../agents/types.ts';

const UNCATEGORIZED = 'uncategorized';

/** The catalog's order of names: case and accents aside, numbers by value (`agent-2` before `agent-10`). */
export const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Catalog order: category (uncategorized last), then name, then slug so the order is total. */
export function compareAgents(a: StoredAgent, b: StoredAgent): number {
  const ua = a.category === UNCATEGORIZED;
  const ub = b.category === UNCATEGORIZED;
  if (ua !== ub) return ua ? 1 : -1;
  return (
    collator.compare(a.categoryOrder, b.categoryOrder) ||
    collator.compare(a.category, b.category) ||
    collator.compare(a.name, b.name) ||
    collator.compare(a.slug, b.slug)
  );
}
