/**
 * The key a CI cache keeps fetched plugins under (action.yml): what every marketplace's remote entries name —
 * repository, sub-folder, ref and pinned sha — so the key changes exactly when a pin does. Entries that pin no
 * commit follow a branch: the key cannot know its commit, and the fetch asks the network for it anyway.
 */
import { createHash } from 'node:crypto';

const REMOTE = new Set(['github', 'url', 'git-subdir']);

/**
 * Each manifest as parsed JSON (anything: a broken one adds nothing), and the git repositories a sources file lists
 * (AGENTS_SOURCES). 16 hex digits; the same for the same pins in any order.
 */
export function pluginCacheKey(manifests: readonly unknown[], gitSources: ReadonlyArray<{ url: string; ref?: string; sha?: string; path?: string }> = []): string {
  const named: string[] = gitSources.map((g) => JSON.stringify(['git', g.url, g.path ?? null, g.ref ?? null, g.sha ?? null]));
  for (const manifest of manifests) {
    const plugins = (manifest as { plugins?: unknown })?.plugins;
    if (!Array.isArray(plugins)) continue;
    for (const entry of plugins) {
      const source = (entry as { source?: unknown })?.source as Record<string, unknown> | undefined;
      if (!source || typeof source !== 'object' || !REMOTE.has(String(source.source))) continue;
      named.push(JSON.stringify(['source', 'repo', 'url', 'path', 'ref', 'sha'].map((k) => (typeof source[k] === 'string' ? source[k] : null))));
    }
  }
  return createHash('sha256').update([...new Set(named)].sort().join('\n')).digest('hex').slice(0, 16);
}
