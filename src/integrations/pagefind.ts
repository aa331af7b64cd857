/**
 * The search index. `astro build` indexes the built pages with Pagefind's Node API in `astro:build:done`, so
 * `npm run build` always produces a searchable site. `astro dev` has no built pages: pagefind-dev.ts builds an
 * index from the agent files in memory and serves it.
 */
import type { AstroIntegration } from 'astro';
import type { PagefindIndex } from 'pagefind';
import type { DevIndex } from './pagefind-dev.ts';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** A new, empty Pagefind index (the service starts on first use). */
export async function openIndex(): Promise<PagefindIndex> {
  const { createIndex } = await import('pagefind');
  const { index, errors } = await createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  return index;
}

export default function pagefind(): AstroIntegration {
  let site: { base: string; outDir: URL } | undefined;
  let devIndex: DevIndex | undefined;
  return {
    name: 'agent-docs:pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = { base: config.base, outDir: config.outDir };
      },
      'astro:server:setup': async ({ server, logger }) => {
        const { serveDevIndex } = await import('./pagefind-dev.ts');
        devIndex = serveDevIndex({ server, logger, ...site! });
      },
      'astro:server:start': () => devIndex?.start(),
      'astro:server:done': () => devIndex?.stop(),
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const { close } = await import('pagefind');
        const outDir = fileURLToPath(dir);
        try {
          const index = await openIndex();
          const added = await index.addDirectory({ path: outDir });
          if (added.errors.length) throw new Error(`Pagefind could not index ${outDir}: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
          if (written.errors.length) throw new Error(`Pagefind could not write its bundle: ${written.errors.join('; ')}`);
          logger.info(`indexed ${added.page_count} pages in ${Math.round(performance.now() - started)} ms`);
        } finally {
          await close();
        }
      },
    },
  };
}
