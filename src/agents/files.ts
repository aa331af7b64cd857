/**
 * Finding and reading agent files: `.md` files under a folder of the repository, recursively, through the one gate
 * (inside.ts). Links that lead outside the repository are reported, never followed; loops are walked once; the walk
 * stops at the limits (limits.ts) and says where. Oversized, binary and non-UTF-8 files are reported, never read into
 * the catalog.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic } from './diagnostic.ts';
import { locate, placeProblem, readInside, type Root } from './inside.ts';
import { LIMITS, type Limits } from './limits.ts';
import type { Diagnostic } from './types.ts';

export type FileProblem = Diagnostic;

export interface FileListing {
  /** Paths relative to the root, `/`-separated, sorted. */
  files: string[];
  problems: Array<FileProblem & { file: string }>;
}

/**
 * Every `.md` file under `start` (a folder relative to the root; `''` for the root itself). `node_modules`, and names
 * starting with `.` outside agents folders, are not walked. `start` itself may be a link, as long as it stays inside
 * the root.
 */
export async function listAgentFiles(root: Root, start = '', limits: Pick<Limits, 'depth' | 'entries'> = LIMITS): Promise<FileListing> {
  const files: string[] = [];
  const problems: FileListing['problems'] = [];
  const report = (file: string, problem: Diagnostic) => problems.push({ file, ...problem });
  const visited = new Set<string>();
  let entries = 0;
  let stopped = false;

  async function walk(real: string, rel: string, depth: number): Promise<void> {
    if (visited.has(real) || stopped) return;
    visited.add(real);
    if (depth > limits.depth) {
      report(rel, diagnostic('error', 'folder-too-deep', 0, `"${rel}" is nested more than ${limits.depth} folders deep, so nothing in it is read.`, 'Move its agent files nearer the top of the repository.'));
      return;
    }
    // Names as bytes: a name that is not UTF-8 would come back with U+FFFD in it, a path that does not exist, and its
    // agents would vanish without a word. Such names are reported instead.
    const raw = await readdir(real, { withFileTypes: true, encoding: 'buffer' }).catch(() => []);
    const names: Array<{ name: string; dirent: (typeof raw)[number] }> = [];
    for (const dirent of raw) {
      const name = utf8(dirent.name);
      if (name !== undefined) names.push({ name, dirent });
      else report(rel ? `${rel}/${dirent.name.toString('utf8')}` : dirent.name.toString('utf8'), diagnostic('error', 'name-encoding', 0, `A file or folder in "${rel || '.'}" has a name that is not UTF-8 text, so nothing in it is read.`, 'Rename it with UTF-8 characters.'));
    }
    names.sort((a, b) => (a.name < b.name ? -1 : 1));
    // Inside an agents folder (a plugin's `agents/`, `.claude/agents/`), names starting with `.` are listed too: Claude
    // Code 2.1.332 loads `agents/.hidden.md` and `agents/.drafts/x.md` like any other agent file. Elsewhere they are
    // skipped (`.git`, `.github`…).
    const inAgents = rel.split('/').includes('agents');
    for (const { name, dirent: entry } of names) {
      if (stopped) return;
      if ((name.startsWith('.') && !inAgents) || name === 'node_modules') continue;
      if (++entries > limits.entries) {
        stopped = true;
        report(rel || '.', diagnostic('error', 'folder-too-many-entries', 0, `The repository holds more than ${limits.entries.toLocaleString('en')} files and folders; the walk stopped in "${rel || '.'}", so files after it are not read.`, 'Point AGENTS_DIR at the folder that holds the agents, not at a whole tree.'));
        return;
      }
      const relPath = rel ? `${rel}/${name}` : name;
      const isMd = name.toLowerCase().endsWith('.md');
      if (entry.isSymbolicLink()) {
        const place = await locate(root, relPath);
        if (place.kind === 'dir') await walk(place.real, relPath, depth + 1);
        else if (place.kind === 'file') {
          if (isMd) files.push(relPath);
        } else if (place.kind === 'broken' || (place.kind === 'outside' && (isMd || (await leadsToFolder(place.leads))))) {
          // A folder link could hold agents: reported, so none goes missing in silence. (Whether the target is a
          // folder is asked of its metadata only; nothing there is read.) A link out to a picture or a licence is
          // none of the catalog's business.
          report(relPath, placeProblem(place));
        }
      } else if (entry.isDirectory()) await walk(path.join(real, name), relPath, depth + 1);
      else if (entry.isFile() && isMd) files.push(relPath);
    }
  }

  const place = await locate(root, start);
  if (place.kind === 'dir') await walk(place.real, start, start ? start.split('/').length : 0);
  else if (place.kind === 'outside' || place.kind === 'broken' || place.kind === 'special') report(start, placeProblem(place));
  files.sort();
  return { files, problems };
}

/** The files a walk found: lookups, and the files under a folder without scanning them all (plugins × files grows fast). */
export interface FileIndex {
  /** Sorted, as `listAgentFiles` returns them. */
  readonly list: readonly string[];
  has(file: string): boolean;
  /** The files whose path starts with `prefix`, in order. */
  under(prefix: string): string[];
}

export function fileIndex(sorted: readonly string[]): FileIndex {
  const set = new Set(sorted);
  return {
    list: sorted,
    has: (file) => set.has(file),
    under(prefix) {
      let low = 0;
      let high = sorted.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (sorted[mid]! < prefix) low = mid + 1;
        else high = mid;
      }
      const out: string[] = [];
      for (let i = low; i < sorted.length && sorted[i]!.startsWith(prefix); i++) out.push(sorted[i]!);
      return out;
    },
  };
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const utf8 = (bytes: Buffer): string | undefined => {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
};

const leadsToFolder = (target: string | undefined) => (target ? stat(target).then((info) => info.isDirectory(), () => false) : Promise.resolve(false));

export type ReadResult =
  | { file: string; text: string; size: number; updated: string }
  | { file: string; problem: FileProblem };

export async function readAgentFile(root: Root, file: string, maxBytes = LIMITS.fileBytes): Promise<ReadResult> {
  const read = await readInside(root, file, maxBytes, 'Shorten the prompt, or raise AGENTS_MAX_FILE_BYTES if the file is really meant to be this large.');
  if (!read.ok) return { file, problem: read.problem };
  const { bytes } = read;
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return { file, problem: diagnostic('error', 'file-binary', 0, `The file contains a NUL byte at offset ${nul}; it looks binary, not like a markdown agent file.`, 'Remove the file from the agents folder, or save it as plain UTF-8 text.') };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { file, problem: diagnostic('error', 'file-encoding', 0, 'The file is not valid UTF-8, so Claude Code cannot read it reliably.', 'Re-save the file as UTF-8.') };
  }
  return { file, text, size: bytes.length, updated: read.place.mtime.toISOString() };
}
