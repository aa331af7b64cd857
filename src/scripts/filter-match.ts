/**
 * The catalog filters' matching, apart from the page (so it is unit-tested and shared by cards on the page and rows
 * from `rows.json`). Within a facet any chosen value matches; across facets all must; every word of the text filter
 * must occur in the name or summary.
 */

/** The facets every listing filters by, in the order of `Entry.values` and of rows.json's `v` (facets.ts `agentFacets`). */
export const FACETS = ['category', 'model', 'color', 'tools', 'can', 'model-id', 'plugin'] as const;
export type Facet = (typeof FACETS)[number];

export interface Entry {
  /** Per facet, the entry's values (facets.ts `agentFacets`). */
  values: string[][];
  /** Name and summary, lower-case. */
  text: string;
}

export interface Matches {
  /** Whether each entry passes, in entry order. */
  passes: boolean[];
  shown: number;
  /** Per `facet index + value`: how many entries ticking that option would show (the option's count). */
  counts: Map<string, number>;
}

export const words = (q: string) => q.toLowerCase().split(/\s+/).filter(Boolean);

export function match(entries: readonly Entry[], query: readonly string[], chosen: readonly ReadonlySet<string>[]): Matches {
  const counts = new Map<string, number>();
  const tally = (i: number, entry: Entry) => {
    for (const value of entry.values[i]) counts.set(i + value, (counts.get(i + value) ?? 0) + 1);
  };
  const passes: boolean[] = [];
  let shown = 0;
  for (const entry of entries) {
    // How many filters the entry fails (the text counts double: it has no options to count for). An entry failing
    // one facet still counts towards that facet's options: ticking one of them would show it.
    let misses = query.every((word) => entry.text.includes(word)) ? 0 : 2;
    let missed = -1;
    for (let i = 0; i < chosen.length && misses < 2; i++) {
      if (chosen[i].size && !entry.values[i].some((value) => chosen[i].has(value))) {
        missed = i;
        misses++;
      }
    }
    passes.push(misses === 0);
    if (misses === 0) {
      shown++;
      for (let i = 0; i < chosen.length; i++) tally(i, entry);
    } else if (misses === 1) tally(missed, entry);
  }
  return { passes, shown, counts };
}
