/**
 * Link-preview cards cost ~1.5 ms of CPU each once a thread has its glyphs (render.ts), and Astro renders pages one
 * at a time on the main thread. A production build hands every agent's card to one worker thread as soon as the
 * catalog is known (`writeCards`, from src/integrations/agent-files.ts, at `astro:build:setup`); the worker draws each
 * card and writes it to its file, so the main thread neither receives the PNGs nor writes them: it posts the cards'
 * data and waits for one answer per batch. A second worker would only take CPU from the threads rendering pages,
 * Pagefind's process and the main thread, and add its own heap to the build's peak memory. Where the worker cannot
 * start or dies, the cards it had not written are drawn in-process.
 *
 * The worker runs at the lowest priority (thread-priority.ts): the pages are what the build waits for, and the cores
 * are not always busy with them (the content sync has a serial part, and Pagefind's process writes its bundle on about
 * one core after the last page). Nothing waits for the cards until the end of the build (agent-files.ts), so they are
 * drawn with what CPU is left over, and at the end beside Pagefind's write. At 10,000 agents they are ~20 s of CPU.
 * `astro dev` never comes here: its card routes draw each card when it is asked for.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Card } from './card.ts';
import { cardPng } from './render.ts';

/** Resolved from the project root, where `astro build` runs (as render.ts finds its fonts). */
const WORKER_FILE = path.resolve(process.cwd(), 'src/og/card-worker.ts');

/** A card and the file it goes to. */
export interface CardFile {
  file: string;
  card: Card;
}

/** What the worker is sent: a batch of cards to draw and write, in order. */
export interface CardBatch {
  batch: number;
  cards: CardFile[];
}
/** What the worker answers per batch. */
export type BatchReply = { batch: number; error?: string };

/**
 * Cards per message. The worker answers each batch once its files are written, so a worker that dies costs only the
 * batches not yet answered; and its heap (kept small, below) never holds more than the batches waiting in its queue.
 */
const BATCH = 64;

async function writeInProcess(cards: CardFile[]): Promise<void> {
  for (const { file, card } of cards) await writeFile(file, await cardPng(card));
}

/**
 * Draws every card and writes it to its file (whose folder must exist): in the card worker, or in-process where it
 * cannot run.
 */
export function writeCards(cards: CardFile[]): Promise<void> {
  const batches: CardFile[][] = [];
  for (let i = 0; i < cards.length; i += BATCH) batches.push(cards.slice(i, i + BATCH));
  if (!batches.length) return Promise.resolve();
  let worker: Worker;
  try {
    // A card needs little memory (glyph masks, one 1200 × 630 canvas): a small heap keeps the build's peak down.
    worker = new Worker(WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: 64 } });
  } catch {
    return writeInProcess(cards);
  }
  const pending = new Set(batches.keys());
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    worker.on('message', ({ batch, error }: BatchReply) => {
      if (error) return finish(new Error(`A link-preview card could not be written: ${error}`));
      pending.delete(batch);
      if (!pending.size) finish();
    });
    // A worker that cannot run: the batches it has not answered are drawn here instead.
    const fallBack = () => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      writeInProcess([...pending].flatMap((batch) => batches[batch]!)).then(resolve, reject);
    };
    worker.on('error', fallBack);
    worker.on('exit', fallBack);
    for (const [batch, cards] of batches.entries()) worker.postMessage({ batch, cards } satisfies CardBatch);
  });
}
