/**
 * How much fetching one plugin may cost. A repository named by a marketplace may be hostile or merely huge (a
 * monorepo holding one plugin folder); each bound is far above what a plugin holds (the official marketplace's
 * plugins are a few hundred KiB to a few MiB) and far below what would hurt a build machine. Past a bound the fetch
 * fails with a sentence naming the bound, and nothing of it stays in the cache. The README's section on fetching
 * states the same figures.
 */
export interface FetchLimits {
  /** Whole fetch (every git step and the writing of files), in milliseconds. */
  timeoutMs: number;
  /** Bytes downloaded (the pack of one commit's tree, or of the branches when a server cannot send one commit). */
  packBytes: number;
  /** Bytes of the files written (the sub-folder's, for git-subdir), known from the tree before anything is written. */
  treeBytes: number;
  /** Files (and links) written. */
  files: number;
}

const MIB = 1024 * 1024;

export const FETCH_LIMITS: Readonly<FetchLimits> = {
  timeoutMs: 60_000,
  packBytes: 100 * MIB,
  treeBytes: 50 * MIB,
  files: 10_000,
};

/** The default limits with the caller's own (tests use small ones). */
export const fetchLimitsWith = (own: Partial<FetchLimits> = {}): FetchLimits => ({
  ...FETCH_LIMITS,
  ...Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)),
});

/** `12.5 MiB`, `300 KiB`: a size as the messages state it, rounded up (one byte over 1 MiB never reads "1 MiB"). */
export function sizeText(bytes: number): string {
  if (bytes >= MIB) return `${Math.ceil((bytes / MIB) * 10) / 10} MiB`;
  return `${Math.ceil(bytes / 1024)} KiB`;
}
