/**
 * Rendered prompt bodies, kept in memory beside Astro's data store instead of inside it. The prompt's HTML is three
 * quarters of an agent's stored entry, and Astro compiles the whole store into the build as one JavaScript string
 * that every build step copies: at 1,000 agents 24 of 33 MB. Kept here, it is rendered once by the loader (with
 * everything else parsed from the file) and read by its own page only.
 *
 * The store entry holds the SHA-256 of its prompt's HTML, so an unchanged agent keeps its entry and a page can check
 * what it reads. The map lives on `globalThis` because the loader and the pages run from different copies of the
 * modules (Astro's content layer; the prerender bundle or Vite's dev runner), always in the one process. Not files:
 * a thousand small files written and deleted on every build cost more than the rendering they save.
 */
import { createHash } from 'node:crypto';
import type { PromptRef } from '../agents/types.ts';

const KEY = Symbol.for('agent-docs:prompts');
type WithPrompts = typeof globalThis & { [KEY]?: Map<string, string> };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Called by the loader on every sync with the whole catalog's prompts; returns their references, in order. */
export function keepPrompts(htmls: readonly string[]): PromptRef[] {
  const kept = new Map<string, string>();
  const refs = htmls.map((html) => {
    const ref = { sha256: sha256(html) };
    kept.set(ref.sha256, html);
    return ref;
  });
  (globalThis as WithPrompts)[KEY] = kept;
  return refs;
}

export function promptHtml(ref: PromptRef): string {
  const html = (globalThis as WithPrompts)[KEY]?.get(ref.sha256);
  if (html === undefined) {
    throw new Error(
      `The rendered prompt ${ref.sha256.slice(0, 12)}… is not in this process: the agents loader (src/integrations/agents-loader.ts) ` +
        'did not run in the process rendering pages. Build again; if it persists, Astro renders pages elsewhere and prompt-store.ts needs another way.',
    );
  }
  return html;
}
