/**
 * Facets that stay readable at any catalog size: past a handful of options, the most common stay in view and the
 * rest fold behind "Show all" (CatalogFilters.astro).
 */

/** How many options a facet shows before folding the rest. */
export const SHOWN_OPTIONS = 8;

/**
 * The options to show and the ones to fold, each in the given order. The `shown` most common stay in view (ties keep
 * the given order); a facet of `shown + 1` options shows them all, since "Show all" would hide only one.
 */
export function fold<T extends { count: number }>(options: readonly T[], shown = SHOWN_OPTIONS): { shown: T[]; more: T[] } {
  if (options.length <= shown + 1) return { shown: [...options], more: [] };
  const top = new Set([...options].sort((a, b) => b.count - a.count).slice(0, shown));
  return { shown: options.filter((o) => top.has(o)), more: options.filter((o) => !top.has(o)) };
}
