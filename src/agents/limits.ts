/**
 * How much of a repository the catalog reads. A hostile repository can be made of anything: a manifest of 50 MB with
 * a hundred thousand entries, folders thousands deep, a million files. Each limit is far above what real catalogs
 * hold (the largest public marketplaces list a few hundred plugins and a few hundred agents); past it, the input is
 * an error naming the file and the limit, and the catalog of the rest is still built. The README's "Hostile input"
 * section lists them; a test holds the two in step.
 */
export interface Limits {
  /** Largest agent file read, in bytes (AGENTS_MAX_FILE_BYTES raises it). */
  fileBytes: number;
  /** Largest manifest read (`marketplace.json`, `plugin.json`), in bytes. */
  manifestBytes: number;
  /** Plugins read from one marketplace; entries past it are reported, not read. */
  plugins: number;
  /** Agent files in one catalog (a folder several plugins share counts once for each); files past it are reported, not read. */
  agents: number;
  /** Paths one manifest list holds (`agents: [...]`); entries past it are reported, not read. */
  paths: number;
  /** Folders below the root the walk descends into. */
  depth: number;
  /** Names (files, folders, links) the walk looks at in all; past it, the walk stops and says where. */
  entries: number;
  /** Folders of the agents folder `astro dev` watches for changes (one inotify watch each); past it, it says so. */
  watchedFolders: number;
}

const MIB = 1024 * 1024;

export const LIMITS: Readonly<Limits> = {
  fileBytes: MIB,
  manifestBytes: 4 * MIB,
  plugins: 5000,
  agents: 20000,
  paths: 1000,
  depth: 32,
  entries: 200000,
  watchedFolders: 10000,
};

/** The default limits with the caller's own (tests use small ones; AGENTS_MAX_FILE_BYTES sets `fileBytes`). */
export const limitsWith = (own: Partial<Limits> = {}): Limits => ({ ...LIMITS, ...Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)) });

/** Problems of one kind reported for one file; the rest are counted in one more line ("… and 289,980 more like this"). */
export const PROBLEMS_PER_KIND = 20;

/** How long a category or plugin name's address may be: like agent slugs (slugs.ts), far below a file name's 255 bytes. */
export const SLUG_LENGTH = 80;
