/**
 * The shapes of fetching a plugin from where it lives (issue 28). Imports nothing: the catalog, the tests and the
 * fetching code all read these.
 */

/**
 * A plugin source that names a git repository, as a marketplace entry gives it. The `github` and `git` kinds are
 * discovery's PluginSource (`{"source": "github"}` → `github`; `{"source": "url"}` and `{"source": "git-subdir"}` →
 * `git`), each with the `sha` Claude Code pins it to.
 */
export type RemoteSource =
  | {
      kind: 'github';
      /** `owner/name` on github.com. */
      repo: string;
      /** A branch or tag; the repository's default branch when absent. */
      ref?: string;
      /** The commit to fetch (40 hex digits); wins over `ref`, as in Claude Code. */
      sha?: string;
    }
  | {
      kind: 'git';
      /** `https://host/path`, or `owner/name` for github.com (Claude Code accepts that shorthand for git-subdir). */
      url: string;
      ref?: string;
      sha?: string;
      /** git-subdir: the plugin's folder inside the repository, `/`-separated. */
      path?: string;
    };

/** A remote source checked and made explicit: what is fetched, from where. */
export interface FetchTarget {
  /** The address git is given: always a URL of an allowed protocol, never a local path or an option. */
  url: string;
  /** The same address without user name or password, for messages and records. */
  shown: string;
  /** A branch or tag name as written (`main`, `v1.2`, `refs/heads/main`). */
  ref?: string;
  /** The pinned commit, lowercase. */
  sha?: string;
  /** The sub-folder to read, as plain `/`-separated segments; absent for the repository's top. */
  path?: string;
}

/** What was fetched: recorded beside the files, and returned. */
export interface Fetched {
  /** The repository's address (without credentials). */
  url: string;
  /** The commit the files are from. */
  commit: string;
  /** Whether the marketplace pinned that commit (`sha`), or it is what `ref` or the default branch named then. */
  pinned: boolean;
  /** The branch or tag fetched: the entry's `ref`, else the default branch's name when the server says it. */
  ref?: string;
  /** True when no `ref` or `sha` was given and the repository's default branch was taken. */
  defaultBranch?: true;
  /** The sub-folder the files come from. */
  path?: string;
  /** When it was fetched (ISO 8601, UTC). */
  when: string;
  /** The commit's date (its committer's, ISO 8601, UTC): the date of every file fetched. Absent in entries of older builds. */
  committed?: string;
  /** Files (and links) written. */
  files: number;
  /** Bytes of the files and links the tree lists: what the size limit counts. */
  bytes: number;
  /** Entries of the tree that were not written, and why (links leading out, submodules). */
  skipped: Skipped[];
}

export interface Skipped {
  /** Path relative to the folder returned, `/`-separated. */
  path: string;
  /** One sentence. */
  reason: string;
}

export type FetchResult =
  | {
      ok: true;
      /** The folder to read: the fetched tree, or its sub-folder. Inside the cache; nothing in it is a link out. */
      dir: string;
      fetched: Fetched;
      /** `network`: fetched now; `cache`: the files were already there (nothing was asked of the network for a pinned commit). */
      from: 'network' | 'cache';
      /** Set when the network failed and a commit fetched earlier for the same `ref` is used instead: why. */
      stale?: string;
    }
  | {
      ok: false;
      /** One sentence a user understands: what failed and, when it helps, what to do. */
      reason: string;
    };
