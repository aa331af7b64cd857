/**
 * The search index. `astro build` indexes every built page with Pagefind's Node API: pages are handed to Pagefind
 * as Astro renders them (built-pages.ts; Pagefind's process indexes them on another core meanwhile) and the bundle
 * is written once the last page is (`astro:build:generated`), and waited for in `astro:build:done`, so `npm run build`
 * always produces a searchable site. `astro dev` has no built pages: pagefind-dev.ts builds an index from the agent
 * files in memory and serves it.
 */
import type { AstroIntegration } from 'astro';
import { close, type PagefindIndex } from 'pagefind';
import { openIndex, serveDevIndex, type DevIndex } from './pagefind-dev.ts';
import { fileURLToPath } from 'node:url';
import { finishPagesNotSeen, registerBackpressure, registerPreparedStep } from './built-pages.ts';
import { collectGarbage } from './build-memory.ts';
import path from 'node:path';

/** The index of the build in progress: pages are added as Astro renders them, written when it is done. */
interface Building {
  index: PagefindIndex;
  added: Promise<void>[];
  /** Pages Pagefind could not read, with the reason, reported when the build is done. */
  errors: string[];
  /** Pages sent that Pagefind has not answered yet, and who waits for that to fall (`backedUp`). */
  unanswered: number;
  waiting: Array<() => void>;
  /** The bundle being written, from `astro:build:generated` on: how many pages it indexed late, and when it was done. */
  written?: Promise<{ late: number; ms: number }>;
}

/**
 * Pages Pagefind's process may have in hand before rendering waits for it. Pages render faster than one process
 * indexes them once workers render too, and every page sent and not yet read waits in this process's memory: at
 * 10,000 agents the build peaked near 3 GB before this bound.
 */
const UNANSWERED = 48;

export default function pagefind(): AstroIntegration {
  let site: { base: string; outDir: URL } | undefined;
  let devIndex: DevIndex | undefined;
  let building: Building | undefined;
  // The page as Pagefind gets it (page-steps.ts `search`) was prepared where the page was rendered.
  const add = (file: string, content: string) => {
    if (!building) return;
    // Not awaited: Pagefind's own process indexes the page while Astro renders the next one.
    const now = building;
    const { errors } = now;
    now.unanswered++;
    const answered = () => {
      now.unanswered--;
      if (now.unanswered <= UNANSWERED / 2) for (const resume of now.waiting.splice(0)) resume();
    };
    now.added.push(
      now.index.addHTMLFile({ sourcePath: file, content }).then(
        (response) => void errors.push(...response.errors.map((e) => `${file}: ${e}`)),
        (error: unknown) => void errors.push(`${file}: ${String(error)}`),
      ).finally(answered),
    );
  };
  /** Resolves once Pagefind has caught up, when it has too many pages in hand; undefined when it has not. */
  const backedUp = (): Promise<void> | undefined => {
    const now = building;
    if (!now || now.unanswered < UNANSWERED) return undefined;
    return new Promise((resume) => now.waiting.push(resume));
  };
  return {
    name: 'agent-docs:pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = { base: config.base, outDir: config.outDir };
      },
      'astro:server:setup': ({ server, logger }) => {
        devIndex = serveDevIndex({ server, logger, ...site! });
      },
      'astro:server:start': () => devIndex?.start(),
      'astro:server:done': () => devIndex?.stop(),
      'astro:build:start': async () => {
        building = { index: await openIndex(), added: [], errors: [], unanswered: 0, waiting: [] };
        registerPreparedStep(site!.base, 'search', add);
        registerBackpressure(site!.base, backedUp);
      },
      // Every page is in dist/ once Astro has generated them: the bundle is written from here, while Astro tidies up
      // and the other integrations finish (the link-preview cards among them, src/og/pool.ts).
      'astro:build:generated': async ({ dir }) => {
        const now = building;
        if (!now) return;
        const started = performance.now();
        const outDir = fileURLToPath(dir);
        // Pages the render pool did not finish reach the index here, read from dist/ (built-pages.ts); waited for
        // before Astro goes on, which removes its prerender bundle from dist/ while the listing would read it.
        const late = finishPagesNotSeen(outDir);
        await late.catch(() => undefined); // reported in astro:build:done
        now.written = (async () => {
          const lateCount = await late;
          await Promise.all(now.added);
          if (now.errors.length) throw new Error(`Pagefind could not index ${now.errors.length} page(s):\n  ${now.errors.join('\n  ')}`);
          const writing = now.index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
          // While Pagefind's process writes the bundle (its own peak), this one hands back what rendering left.
          collectGarbage();
          const written = await writing;
          if (written.errors.length) throw new Error(`Pagefind could not write its bundle: ${written.errors.join('; ')}`);
          return { late: lateCount, ms: performance.now() - started };
        })();
        now.written.catch(() => undefined); // reported in astro:build:done
      },
      'astro:build:done': async ({ logger }) => {
        try {
          if (!building) throw new Error('agent-docs:pagefind: astro:build:start did not run, so no index was opened');
          if (!building.written) throw new Error('agent-docs:pagefind: astro:build:generated did not run, so the index was not written');
          const { late, ms } = await building.written;
          logger.info(`indexed ${building.added.length} pages (${building.added.length - late} while rendering), the bundle written in ${Math.round(ms)} ms after the pages`);
        } finally {
          building = undefined;
          await close();
        }
      },
    },
  };
}
