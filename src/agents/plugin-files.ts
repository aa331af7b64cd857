/**
 * The one way plugin-contents.ts reaches a plugin's files (skills, commands, hooks.json, .mcp.json, .lsp.json,
 * monitors, bin/, settings.json): a path relative to the repository is refused when its real path (links resolved)
 * leaves the repository, and a file is read only up to a size cap. What is read is data: shown as text, never run.
 * (The repository-wide guard of issue 24 takes this place when it lands: the two functions keep their signatures.)
 */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** A plugin's component file is a few KB; anything past this is not read. */
export const PLUGIN_FILE_MAX_BYTES = 256 * 1024;

export type PluginFileRead = { ok: true; text: string } | { ok: false; reason: string };

/** The real path of `rel` under `root`, or why it is refused: missing, or (through a link) outside the repository. */
async function inside(root: string, rel: string): Promise<{ real: string } | { reason: string }> {
  if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) return { reason: 'leaves the repository' };
  const base = await realpath(root);
  const real = await realpath(path.join(base, ...rel.split('/'))).catch(() => undefined);
  if (real === undefined) return { reason: 'does not exist' };
  if (real !== base && !real.startsWith(base + path.sep)) return { reason: 'is a link to a place outside the repository, not followed' };
  return { real };
}

/** A text file of the plugin, decoded as UTF-8, or why it was not read. */
export async function readPluginFile(root: string, rel: string, maxBytes = PLUGIN_FILE_MAX_BYTES): Promise<PluginFileRead> {
  const found = await inside(root, rel);
  if ('reason' in found) return { ok: false, reason: found.reason };
  const info = await stat(found.real);
  if (!info.isFile()) return { ok: false, reason: 'is not a file' };
  if (info.size > maxBytes) return { ok: false, reason: `is ${Math.round(info.size / 1024)} KB, over the ${Math.round(maxBytes / 1024)} KB read for a plugin's component file` };
  const bytes = await readFile(found.real);
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'is not UTF-8 text' };
  }
}

export interface PluginFolderEntry {
  name: string;
  /** `outside`: a link whose target is outside the repository (listed, not followed). */
  kind: 'file' | 'folder' | 'outside';
  /** A file with an execute bit (a `bin/` command Claude Code puts on the PATH). */
  executable: boolean;
}

/** The entries of a folder of the plugin, sorted by name; links are followed only inside the repository. Empty when it is not there. */
export async function listPluginFolder(root: string, rel: string): Promise<PluginFolderEntry[]> {
  const found = await inside(root, rel);
  if ('reason' in found) return [];
  const names = await readdir(found.real).catch(() => [] as string[]);
  const entries: PluginFolderEntry[] = [];
  for (const name of names.sort()) {
    const child = rel ? `${rel}/${name}` : name;
    const real = await inside(root, child);
    if ('reason' in real) {
      if (real.reason.startsWith('is a link')) entries.push({ name, kind: 'outside', executable: false });
      continue;
    }
    const info = await lstat(real.real);
    if (info.isDirectory()) entries.push({ name, kind: 'folder', executable: false });
    else if (info.isFile()) entries.push({ name, kind: 'file', executable: (info.mode & 0o111) !== 0 });
  }
  return entries;
}
