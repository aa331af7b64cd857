/**
 * Finding and reading agent files safely: `.md` files under the agents folder, recursively; links that lead
 * outside the folder are reported, never followed; oversized, binary and non-UTF-8 files are reported, never read
 * into the catalog.
 */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic } from './diagnostics.ts';
import type { Diagnostic } from './types.ts';

export type FileProblem = Diagnostic;

export interface FileListing {
  /** Paths relative to the folder, `/`-separated, sorted. */
  files: string[];
  problems: Array<FileProblem & { file: string }>;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/**
 * `agentsRoot`: `dir` is itself an agents folder (`.claude/agents/`). Inside an agents folder, names starting with `.`
 * are listed too: Claude Code 2.1.332 loads `agents/.hidden.md` and `agents/.drafts/x.md` like any other agent file.
 * Elsewhere they are skipped (`.git`, `.github`…).
 */
export async function listAgentFiles(dir: string, agentsRoot = false): Promise<FileListing> {
  const root = await realpath(dir).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`The agents folder "${dir}" cannot be read (${error.code ?? error.message}). Set AGENTS_DIR to a folder of .md agent files.`, { cause: error });
  });
  const files: string[] = [];
  const problems: FileListing['problems'] = [];
  const visited = new Set<string>();

  async function walk(real: string, rel: string): Promise<void> {
    if (visited.has(real)) return;
    visited.add(real);
    const entries = await readdir(real, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const inAgents = agentsRoot || rel.split('/').includes('agents');
      if ((entry.name.startsWith('.') && !inAgents) || entry.name === 'node_modules') continue;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      let target = path.join(real, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const resolved = await realpath(target).catch(() => undefined);
        if (!resolved || (resolved !== root && !resolved.startsWith(root + path.sep))) {
          // A folder link could hold agents too: report it, so no agent goes missing in silence.
          const isFolder = resolved ? await stat(resolved).then((i) => i.isDirectory(), () => false) : false;
          if (entry.name.toLowerCase().endsWith('.md') || !resolved || isFolder) {
            problems.push({ file: relPath, ...diagnostic('error', 'link-outside', 0, `"${relPath}" is a symbolic link ${resolved ? 'to a place outside the agents folder' : 'that leads nowhere'}; it is not followed.`, 'Copy the file into the agents folder instead of linking to it.') });
          }
          continue;
        }
        const info = await stat(resolved);
        target = resolved;
        isDir = info.isDirectory();
        isFile = info.isFile();
      }
      if (isDir) await walk(target, relPath);
      else if (isFile && entry.name.toLowerCase().endsWith('.md')) files.push(toPosix(relPath));
    }
  }

  await walk(root, '');
  files.sort();
  return { files, problems };
}

export type ReadResult =
  | { file: string; text: string; size: number; updated: string }
  | { file: string; problem: FileProblem };

const MIB = 1024 * 1024;

export async function readAgentFile(dir: string, file: string, maxBytes = MIB): Promise<ReadResult> {
  const full = path.join(dir, ...file.split('/'));
  const info = await lstat(full).then((l) => (l.isSymbolicLink() ? stat(full) : l));
  if (info.size > maxBytes) {
    return { file, problem: diagnostic('error', 'file-too-large', 0, `The file is ${(info.size / MIB).toFixed(1)} MiB, over the ${(maxBytes / MIB).toFixed(1)} MiB limit, so it was not read.`, 'Shorten the prompt, or raise AGENTS_MAX_FILE_BYTES if the file is really meant to be this large.') };
  }
  const bytes = await readFile(full);
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
  return { file, text, size: info.size, updated: info.mtime.toISOString() };
}
