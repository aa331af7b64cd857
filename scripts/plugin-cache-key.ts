/**
 * `node scripts/plugin-cache-key.ts DIR[:DIR…]`: prints the key the Action caches fetched plugins under
 * (src/agents/fetch/cache-key.ts), from each folder's `.claude-plugin/marketplace.json`, read through the gate.
 */
import path from 'node:path';
import { pluginCacheKey } from '../src/agents/fetch/cache-key.ts';
import { openRoot, readInside } from '../src/agents/inside.ts';
import { LIMITS } from '../src/agents/limits.ts';
import { MARKETPLACE_MANIFEST } from '../src/agents/manifest.ts';

const dirs = (process.argv[2] ?? process.env.AGENTS_DIR ?? 'agents').split(path.delimiter).filter(Boolean);
const manifests: unknown[] = [];
for (const dir of dirs) {
  const read = await readInside(await openRoot(dir), MARKETPLACE_MANIFEST, LIMITS.manifestBytes);
  if (!read.ok) continue;
  try {
    manifests.push(JSON.parse(read.bytes.toString('utf8')));
  } catch {
    // A broken manifest fetches nothing: the check reports it.
  }
}
console.log(pluginCacheKey(manifests));
