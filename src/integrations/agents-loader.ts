/**
 * Astro content loader for agent files. Reads the whole folder through `loadCatalog` (cross-file checks such as
 * duplicate names need the whole folder), hands every agent to the catalog's owner (src/site/catalog.ts) and stores
 * a small entry per agent (content.config.ts), deletes entries whose files are gone, and in `astro dev` reloads when
 * a file under the folder is added, changed or removed.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import path from 'node:path';
import type { Agent } from '../agents/index.ts';
import { mountOf } from '../agents/mounts.ts';
import { loadSiteCatalog } from '../site/load-catalog.ts';
import { isUnder, realDir } from '../agents/inside.ts';
import { toStored } from '../agents/types.ts';
import { keepCatalog, type KeptAgent } from '../site/catalog.ts';
import { formatText, reportEntries, totals } from '../agents/report.ts';
import { settings } from '../settings.ts';
import { userError } from '../user-error.ts';

export function agentsLoader(): Loader {
  return {
    name: 'agent-docs:agents',
    load: async (context) => {
      await sync(context, true);
      const { watcher } = context;
      if (!watcher) return;
      // The real folders: the watcher follows no links (astro.config.mjs), so a linked AGENTS_DIR is watched where it is.
      const reals = settings.agentsDirs.map(realDir);
      for (const real of reals) watcher.add(real);
      let queued: Promise<void> | undefined;
      const onChange = (changed: string) => {
        // Agent files, and the manifests that say which files are agents.
        const lower = changed.toLowerCase();
        const manifest = lower.endsWith('.json') && changed.split(/[\\/]/).includes('.claude-plugin');
        if ((!lower.endsWith('.md') && !manifest) || !reals.some((real) => isUnder(changed, real))) return;
        // Coalesce bursts of events (an editor's save writes several times) into one reload.
        queued ??= new Promise<void>((resolve) => setTimeout(resolve, 50))
          .then(() => sync(context, false))
          .catch((error) => context.logger.error(String(error)))
          .finally(() => (queued = undefined));
      };
      watcher.on('add', onChange);
      watcher.on('change', onChange);
      watcher.on('unlink', onChange);
    },
  };
}

async function sync({ store, parseData, generateDigest, logger }: LoaderContext, initial: boolean): Promise<void> {
  const started = performance.now();
  const catalog = await loadSiteCatalog().catch((error: Error) => {
    throw userError(error.message, 'AGENTS_DIR names the folder of agent files, relative to this project (default: agents/), or several separated by ":".');
  });
  const mounts = catalog.mounts ?? [{ at: '', dir: settings.agentsDir }];
  const entries = reportEntries(catalog);
  const t = totals(entries);
  if (t.errors) {
    const report = formatText(entries, { dir: catalog.sources ? 'AGENTS_DIR' : path.relative(process.cwd(), settings.agentsDir) || '.', errorsOnly: settings.onError === 'fail' });
    if (settings.onError === 'fail' && initial) {
      logger.error(report);
      throw userError(
        `${t.filesWithErrors} agent file(s) have errors that stop Claude Code from loading them (listed above, each with its file, line and fix).`,
        'Fix them, or build anyway with AGENTS_ON_ERROR=warn (those agents are published and marked as not loading).',
      );
    }
    // Say what the pages will show: manifest errors can stop agents from loading, or (a dropped field) stop none.
    const notLoading = catalog.agents.filter((a) => !a.loads).length;
    const published = notLoading ? `${notLoading} agent(s) Claude Code would not load are published marked as not loading` : 'every published agent still loads in Claude Code';
    logger.warn(`${t.errors} error(s) in ${t.filesWithErrors} file(s); ${published}:\n${report}`);
  }

  const seen = new Set<string>();
  const kept: KeptAgent[] = [];
  const { agents } = catalog;
  const count = agents.length;
  for (let i = 0; i < count; i++) {
    const agent = agents[i]!;
    // Let go of the parsed agent (its file text, its rendered HTML as the renderer's pieces) once it is copied
    // below: at 5,000 agents, copying every agent while the whole catalog stayed alive took the heap to ~800 MB,
    // and V8 keeps the pages of a heap that size for the rest of the build.
    agents[i] = undefined as unknown as Agent;
    seen.add(agent.slug);
    // Copies: strings the parser cut out of the file (a heading, a slug, an example's text) are views that would
    // keep the whole file text alive for as long as the agent is kept.
    const stored = structuredClone(toStored(agent));
    // The digest covers what is kept, not just the file: a new version of the parser changes entries too, and in
    // `astro dev` a changed entry is what tells Astro to drop the pages it cached.
    const digest = generateDigest(JSON.stringify(stored));
    kept.push(stored);
    if (store.get(agent.slug)?.digest === digest) continue;
    const { fields } = stored.agent;
    const entry = { slug: agent.slug, name: agent.name, category: agent.category, model: fields.model, color: fields.color, tools: fields.tools };
    const data = await parseData({ id: agent.slug, data: entry });
    const where = mountOf(agent.file, mounts);
    store.set({ id: agent.slug, data, digest, filePath: path.relative(process.cwd(), where ? path.join(where.mount.dir, where.rel) : path.join(settings.agentsDir, agent.file)) });
  }
  // Pages read the catalog's owner, never the store, so the two cannot disagree about which agents exist.
  keepCatalog(kept, {
    layout: catalog.layout,
    ...(catalog.marketplace ? { marketplace: catalog.marketplace } : {}),
    plugins: catalog.plugins,
    ...(catalog.mounts ? { mounts: catalog.mounts } : {}),
    ...(catalog.sources ? { sources: catalog.sources } : {}),
  });
  // The data store persists between builds: drop entries whose files are gone.
  for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
  const layout = catalog.layout === 'folder' ? '' : ` (${catalog.layout}${catalog.plugins.length ? `, ${catalog.plugins.length} plugins` : ''})`;
  const from = catalog.sources ? `${catalog.sources.length} sources (${catalog.sources.map((s) => s.name).join(', ')})` : settings.agentsDir;
  logger.info(`${count} agents, ${catalog.skipped.length} skipped, from ${from}${layout} in ${Math.round(performance.now() - started)} ms`);
  // A git source that could not be fetched (or only as an earlier commit) is named, though the build goes on.
  for (const source of catalog.sources ?? []) {
    if (source.git?.failed) logger.warn(`The source "${source.name}" was left out: ${source.git.failed}`);
    else if (source.git?.stale) logger.warn(`The source "${source.name}" is the commit ${source.git.commit?.slice(0, 12)} fetched earlier: ${source.git.stale}`);
  }
}
