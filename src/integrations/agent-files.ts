/**
 * The per-agent files that are not pages: the agent file itself (`/agents/<slug>.md`) and its link-preview card
 * (`/og/agents/<slug>.png`). `astro dev` serves both from routes (src/pages/agents/[slug].md.ts and
 * src/pages/og/agents/[slug].png.ts); `astro build` writes them here instead, from the list the loader published
 * after parsing: Astro's bookkeeping for one route costs about a millisecond of the main thread, two thousand
 * files at a thousand agents, while a copy costs a tenth of that. Cards are queued for the worker threads at
 * `astro:build:start`, so they are drawn while Vite bundles and Astro renders pages.
 */
import type { AstroIntegration } from 'astro';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentCard, type AgentCardData } from '../og/card.ts';
import { pooledCardPng, prefetchCards } from '../og/pool.ts';
import { agentCardPath } from '../site/outputs.ts';
import { readCheckedFile } from '../site/raw-file.ts';

/** What the loader publishes per agent. */
export interface AgentFile {
  slug: string;
  /** Absolute path of the agent file. */
  source: string;
  sha256: string;
  card: AgentCardData;
}

const KEY = Symbol.for('agent-docs:agent-files');
type WithFiles = typeof globalThis & { [KEY]?: AgentFile[] };

/** Called by the loader after every sync: the agents of the catalog as it now is. */
export function publishAgentFiles(files: AgentFile[]): void {
  (globalThis as WithFiles)[KEY] = files;
}

const published = (): AgentFile[] => {
  const files = (globalThis as WithFiles)[KEY];
  if (!files) throw new Error('agent-files: the agents loader published no catalog (is the `agents` collection defined?)');
  return files;
};

export default function agentFiles(): AstroIntegration {
  return {
    name: 'agent-docs:agent-files',
    hooks: {
      'astro:build:start': () => {
        prefetchCards(published().map((file) => [file.slug, agentCard(file.card)]));
      },
      'astro:build:generated': async ({ dir, logger }) => {
        const started = performance.now();
        const outDir = fileURLToPath(dir);
        const files = published();
        await mkdir(path.join(outDir, 'agents'), { recursive: true });
        await mkdir(path.join(outDir, path.dirname(agentCardPath('x'))), { recursive: true });
        await Promise.all(
          files.map(async (file) => {
            // The page was rendered from the file as parsed: the copy must be that same file.
            await writeFile(path.join(outDir, 'agents', `${file.slug}.md`), await readCheckedFile(file.source, file.sha256));
            await writeFile(path.join(outDir, agentCardPath(file.slug)), await pooledCardPng(file.slug, agentCard(file.card)));
          }),
        );
        logger.info(`${files.length} agent files and cards written in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
