/**
 * Astro content loader for agent files. Reads the whole folder through `loadCatalog` (cross-file checks such as
 * duplicate names need the whole folder), stores one entry per agent, deletes entries whose files are gone, and in
 * `astro dev` reloads when a file under the folder is added, changed or removed.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import path from 'node:path';
import { loadCatalog } from '../agents/index.ts';
import { toStored } from '../agents/types.ts';
import { keepPrompts } from './prompt-store.ts';
import { publishAgentFiles } from './agent-files.ts';
import { agentCardData } from '../og/card.ts';
import { formatText, reportEntries, totals } from '../agents/report.ts';
import { settings } from '../settings.ts';

export function agentsLoader(): Loader {
  return {
    name: 'agent-docs:agents',
    load: async (context) => {
      await sync(context, true);
      const { watcher } = context;
      if (!watcher) return;
      watcher.add(settings.agentsDir);
      let queued: Promise<void> | undefined;
      const onChange = (changed: string) => {
        if (!changed.toLowerCase().endsWith('.md') || !isInside(changed, settings.agentsDir)) return;
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

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
}

async function sync({ store, parseData, generateDigest, logger }: LoaderContext, initial: boolean): Promise<void> {
  const started = performance.now();
  const catalog = await loadCatalog(settings.agentsDir, { maxFileBytes: settings.maxFileBytes });
  const entries = reportEntries(catalog);
  const t = totals(entries);
  if (t.errors) {
    const report = formatText(entries, { dir: path.relative(process.cwd(), settings.agentsDir) || '.', errorsOnly: settings.onError === 'fail' });
    if (settings.onError === 'fail' && initial) {
      throw new Error(
        `${t.filesWithErrors} agent file(s) have errors that stop Claude Code from loading them:\n\n${report}\n\n` +
          'Fix them, or build anyway with AGENTS_ON_ERROR=warn (those agents are published and marked as not loading).',
      );
    }
    logger.warn(`${t.errors} error(s) in ${t.filesWithErrors} file(s); publishing them marked as not loading:\n${report}`);
  }

  const seen = new Set<string>();
  const prompts = keepPrompts(catalog.agents.map((agent) => agent.html.body));
  for (const [i, agent] of catalog.agents.entries()) {
    seen.add(agent.slug);
    const prompt = prompts[i];
    // The digest covers what is stored, not just the file: a new version of the parser changes entries too.
    const stored = toStored(agent, prompt);
    const digest = generateDigest(JSON.stringify(stored));
    if (store.get(agent.slug)?.digest === digest) continue;
    // A copy: strings the parser cut out of the file (a heading, a slug, an example's text) are views that keep the
    // whole file text alive for as long as the store holds the entry (~80 MB at 5,000 agents).
    const data = await parseData({ id: agent.slug, data: structuredClone(stored) as unknown as Record<string, unknown> });
    store.set({ id: agent.slug, data, digest, filePath: path.relative(process.cwd(), path.join(settings.agentsDir, agent.file)) });
  }
  // The data store persists between builds: drop entries whose files are gone.
  for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
  publishAgentFiles(
    catalog.agents.map((agent) =>
      // A copy, as above.
      structuredClone({
        slug: agent.slug,
        source: path.join(settings.agentsDir, ...agent.file.split('/')),
        sha256: agent.sha256,
        card: agentCardData(agent, settings.siteTitle),
      }),
    ),
  );
  logger.info(`${catalog.agents.length} agents, ${catalog.skipped.length} skipped, from ${settings.agentsDir} in ${Math.round(performance.now() - started)} ms`);
}
