/**
 * `node scripts/plugin-cache-key.ts [DIR[:DIR…]]`: prints the key the Action caches fetched plugins and git sources
 * under (src/agents/fetch/cache-key.ts): from each folder's `.claude-plugin/marketplace.json`, read through the gate,
 * and, when AGENTS_SOURCES names a sources file, from its git sources' pins and its folders' marketplaces.
 */
import path from 'node:path';
import { pluginCacheKey } from '../src/agents/fetch/cache-key.ts';
import { openRoot, readInside } from '../src/agents/inside.ts';
import { LIMITS } from '../src/agents/limits.ts';
import { MARKETPLACE_MANIFEST } from '../src/agents/manifest.ts';
import { readSourceSettings } from '../src/settings-sources.ts';

const fromFile = process.env.AGENTS_SOURCES?.trim() ? readSourceSettings(process.env, process.cwd()).sources : undefined;
const dirs = fromFile
  ? fromFile.flatMap((s) => (s.dir === undefined ? [] : [s.dir]))
  : (process.argv[2] || process.env.AGENTS_DIR || 'agents').split(path.delimiter).filter(Boolean);
const manifests: unknown[] = [];
for (const dir of dirs) {
  // A folder that cannot be opened fetches nothing: the check and the build report it.
  const root = await openRoot(dir).catch(() => undefined);
  if (!root) continue;
  const read = await readInside(root, MARKETPLACE_MANIFEST, LIMITS.manifestBytes);
  if (!read.ok) continue;
  try {
    manifests.push(JSON.parse(read.bytes.toString('utf8')));
  } catch {
    // A broken manifest fetches nothing: the check reports it.
  }
}
console.log(pluginCacheKey(manifests, fromFile?.flatMap((s) => (s.git ? [s.git] : [])) ?? []));
