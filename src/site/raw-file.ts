/**
 * The agent file's exact text, read where it is served (the `.md` route, llms-full.txt, the build's copies): the
 * content store keeps only what pages render. It is read again through the gate (inside.ts), so a file swapped for
 * a link out of the repository since it was parsed is refused, and the hash taken when it was parsed must still
 * match, so a page and its raw file can never disagree.
 */
import { createHash } from 'node:crypto';
import { openRoot, readInside, type Root } from '../agents/inside.ts';
import { mountOf } from '../agents/mounts.ts';
import type { StoredAgent } from '../agents/types.ts';
import { siteCatalog } from './catalog.ts';
import { settings } from '../settings.ts';

/** Each folder's gate, opened once: AGENTS_DIR, or each source's and fetched plugin's folder (mounts.ts). */
const roots = new Map<string, Promise<Root>>();

export async function readRawFile(agent: Pick<StoredAgent, 'file' | 'sha256'>): Promise<string> {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await readCheckedFile(agent.file, agent.sha256));
}

/**
 * The bytes of an agent file (relative to AGENTS_DIR), checked against the hash taken when it was parsed. (Agents
 * are valid UTF-8, so the hash of their text is the hash of their bytes.)
 */
export async function readCheckedFile(file: string, sha256: string): Promise<Buffer> {
  const where = mountOf(file, siteCatalog().info.mounts ?? [{ at: '', dir: settings.agentsDir }]);
  if (!where) throw new Error(`${file} is in none of the catalog's sources; build again.`);
  const { dir } = where.mount;
  if (!roots.has(dir)) roots.set(dir, openRoot(dir));
  const read = await readInside(await roots.get(dir)!, where.rel, settings.maxFileBytes);
  if (!read.ok) throw new Error(`${file} can no longer be read: ${read.problem.message} Build again.`);
  if (createHash('sha256').update(read.bytes).digest('hex') !== sha256) {
    throw new Error(`${file} changed while the site was being built (its sha256 no longer matches); build again.`);
  }
  return read.bytes;
}
