/**
 * The search index. `astro build` indexes every built page with Pagefind's Node API: pages are handed to Pagefind
 * as Astro renders them (built-pages.ts; Pagefind's process indexes them on another core meanwhile) and the bundle
 * is written in `astro:build:done`, so `npm run build` always produces a searchable site. `astro dev` has no built pages: pagefind-dev.ts builds an
 * index from the agent files in memory and serves it.
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
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const outDir = fileURLToPath(dir);
        try {
          if (!building) throw new Error('agent-docs:pagefind: astro:build:start did not run, so no index was opened');
          // Pages the render pool did not finish reach the index here, read from dist/ (built-pages.ts).
          const late = await finishPagesNotSeen(outDir);
          await Promise.all(building.added);
          if (building.errors.length) throw new Error(`Pagefind could not index ${building.errors.length} page(s):\n  ${building.errors.join('\n  ')}`);
          const writing = building.index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
          // While Pagefind's process writes the bundle (its own peak), this one hands back what rendering left.
          collectGarbage();
          const written = await writing;
          if (written.errors.length) throw new Error(`Pagefind could not write its bundle: ${written.errors.join('; ')}`);
          logger.info(`indexed ${building.added.length} pages (${building.added.length - late} while rendering) in ${Math.round(performance.now() - started)} ms after the build`);
        } finally {
          building = undefined;
          await close();
        }
      },
    },
  };
}
