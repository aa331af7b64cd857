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
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await readFile(full));
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  if (sha256 !== agent.sha256) {
    throw new Error(`${agent.file} changed while the site was being built (its sha256 no longer matches); build again.`);
  }
  return text;
}
