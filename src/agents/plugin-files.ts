/**
 * The one way plugin-contents.ts reaches a plugin's files (skills, commands, hooks.json, .mcp.json, .lsp.json,
 * monitors, bin/, settings.json): through the repository's read gate (inside.ts), so a file whose real path leaves
 * the repository is refused, and a file is read only up to a size cap. What is read is data: shown as text, never run.
 */
import { lstat, readdir } from 'node:fs/promises';
import { locate, openRoot, readInside, type Root } from './inside.ts';

/** A plugin's component file is a few KB; anything past this is not read. */
export const PLUGIN_FILE_MAX_BYTES = 256 * 1024;

export type PluginFileRead = { ok: true; text: string } | { ok: false; reason: string };

const rootOf = (root: Root | string) => (typeof root === 'string' ? openRoot(root) : Promise.resolve(root));

/** A text file of the plugin, decoded as UTF-8, or why it was not read. */
export async function readPluginFile(repo: Root | string, rel: string, maxBytes = PLUGIN_FILE_MAX_BYTES): Promise<PluginFileRead> {
  const read = await readInside(await rootOf(repo), rel, maxBytes);
  if (!read.ok) {
    const { code } = read.problem;
    const reason =
      code === 'file-missing' ? 'does not exist'
      : code === 'link-outside' ? 'is a link to a place outside the repository, not followed'
      : code === 'file-too-large' ? `is over the ${Math.round(maxBytes / 1024)} KB read for a plugin's component file`
      : code === 'file-is-folder' || code === 'file-special' ? 'is not a file'
      : 'cannot be read';
    return { ok: false, reason };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(read.bytes) };
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
export async function listPluginFolder(repo: Root | string, rel: string): Promise<PluginFolderEntry[]> {
  const root = await rootOf(repo);
  const folder = await locate(root, rel);
  if (folder.kind !== 'dir') return [];
  const names = await readdir(folder.real).catch(() => [] as string[]);
  const entries: PluginFolderEntry[] = [];
  for (const name of names.sort()) {
    const place = await locate(root, rel ? `${rel}/${name}` : name);
    if (place.kind === 'outside' || place.kind === 'broken') {
      if (place.kind === 'outside') entries.push({ name, kind: 'outside', executable: false });
      continue;
    }
    if (place.kind === 'dir') entries.push({ name, kind: 'folder', executable: false });
    else if (place.kind === 'file') entries.push({ name, kind: 'file', executable: ((await lstat(place.real)).mode & 0o111) !== 0 });
  }
  return entries;
}
