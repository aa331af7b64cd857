/**
 * The agent file's exact text, read where it is served (the `.md` route, llms-full.txt): the content store keeps
 * only what pages render. The hash taken when the file was parsed must still match, so a page and its raw file can
 * never disagree.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { StoredAgent } from '../agents/types';
import { settings } from '../settings';

export async function readRawFile(agent: Pick<StoredAgent, 'file' | 'sha256'>): Promise<string> {
  const full = path.join(settings.agentsDir, ...agent.file.split('/'));
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await readCheckedFile(full, agent.sha256));
}

/**
 * The bytes of an agent file, checked against the hash taken when it was parsed. (Agents are valid UTF-8, so the
 * hash of their text is the hash of their bytes.)
 */
export async function readCheckedFile(full: string, sha256: string): Promise<Buffer> {
  const bytes = await readFile(full);
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
    throw new Error(`${path.relative(process.cwd(), full)} changed while the site was being built (its sha256 no longer matches); build again.`);
  }
  return bytes;
}
