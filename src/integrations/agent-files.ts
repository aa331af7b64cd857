/**
 * The per-agent files that are not pages: the agent file itself (`/agents/<slug>.md`) and its link-preview card
 * (`/og/agents/<slug>.png`). `astro dev` serves both from routes (src/pages/agents/[slug].md.ts and
 * src/pages/og/agents/[slug].png.ts); `astro build` writes them here instead, from the list the loader published
 * after parsing: Astro's bookkeeping for one route costs about a millisecond of the main thread, two thousand
 * files at a thousand agents, while a copy costs a tenth of that. The files are written from `astro:build:setup` on,
 * while Vite bundles and Astro renders pages: the raw files from this thread, the cards by the card worker, which
 * draws and writes each itself with the CPU the pages leave (src/og/pool.ts). The build waits for them at its end
 * (`astro:build:done`), where this thread helps with the cards left.
 */
import type { AstroIntegration } from 'astro';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentCard, type AgentCardData } from '../og/card.ts';
import { writeCards } from '../og/pool.ts';
import { agentCardPath } from '../site/outputs.ts';
import { readCheckedFile } from '../site/raw-file.ts';
import { hasCatalog, siteCatalog } from '../site/catalog.ts';

/** What is written per agent. */
interface AgentFile {
  slug: string;
  /** The agent file, relative to AGENTS_DIR (read again through the gate, raw-file.ts). */
  file: string;
  sha256: string;
  card: AgentCardData;
}

/** The agents of the catalog the loader kept, in catalog order. */
const published = (): AgentFile[] => {
  if (!hasCatalog()) throw new Error('agent-files: the agents loader kept no catalog (is the `agents` collection defined?)');
  const catalog = siteCatalog();
  return catalog.agents.map((agent) => ({ slug: agent.slug, file: agent.file, sha256: agent.sha256, card: catalog.data(agent).card }));
};

/**
 * Raw files written at once. Enough to keep libuv's four threads busy; starting every agent at once instead held every
 * raw file in memory until the kernel caught up.
 */
const WRITING = 8;

/**
 * Writes every agent's raw file and card into `outDir`, in catalog order. From `helpFrom` on, this thread draws cards
 * too (src/og/pool.ts).
 */
async function writeAgentFiles(outDir: string, files: AgentFile[], helpFrom?: Promise<unknown>): Promise<{ cardsHere: number }> {
  await mkdir(path.join(outDir, 'agents'), { recursive: true });
  await mkdir(path.join(outDir, path.dirname(agentCardPath('x'))), { recursive: true });
  const cards = writeCards(
    files.map((file) => ({ file: path.join(outDir, agentCardPath(file.slug)), card: agentCard(file.card) })),
    helpFrom ? { helpFrom } : {},
  );
  cards.catch(() => undefined); // reported when awaited below
  let next = 0;
  const writer = async () => {
    // The page was rendered from the file as parsed: the copy must be that same file.
    for (let file = files[next++]; file; file = files[next++]) {
      await writeFile(path.join(outDir, 'agents', `${file.slug}.md`), await readCheckedFile(file.file, file.sha256));
    }
  };
  const [cardsHere] = await Promise.all([cards, ...Array.from({ length: WRITING }, writer)]);
  return { cardsHere };
}

export default function agentFiles(): AstroIntegration {
  let outDir: URL | undefined;
  let writing: { started: number; done: Promise<{ cardsHere: number }>; help: () => void } | undefined;
  const start = (dir: string, files: AgentFile[]) => {
    const { promise: helpFrom, resolve: help } = Promise.withResolvers<void>();
    const done = writeAgentFiles(dir, files, helpFrom);
    done.catch(() => undefined); // reported when awaited below
    return { started: performance.now(), done, help: () => help() };
  };
  return {
    name: 'agent-docs:agent-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = config.outDir;
      },
      'astro:build:start': () => {
        writing = undefined;
      },
      // Astro has emptied the output folder by now and is about to bundle: write the files meanwhile (creating a few
      // thousand files is mostly the kernel's time, on the other core), each card as the worker draws it.
      'astro:build:setup': () => {
        if (writing || !outDir) return;
        writing = start(fileURLToPath(outDir), published());
      },
      // Waited for at the very end: the card worker gives way to the pages (src/og/pool.ts), so the cards it has not
      // drawn by then are drawn now, beside Pagefind's write, by the worker and by this thread (which has nothing
      // else to do, and keeps its priority).
      'astro:build:done': async ({ dir, logger }) => {
        const waited = performance.now();
        const files = published();
        writing ??= start(fileURLToPath(dir), files);
        writing.help();
        const { cardsHere } = await writing.done;
        const now = performance.now();
        const helped = cardsHere ? `, ${cardsHere} of the cards drawn on the main thread` : '';
        logger.info(`${files.length} agent files and cards written (${Math.round(now - writing.started)} ms since started, ${Math.round(now - waited)} ms waited for at the end${helped})`);
      },
    },
  };
}
