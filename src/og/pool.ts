/**
 * Link-preview cards cost ~1.5 ms of CPU each once a thread has its glyphs (render.ts), and Astro renders pages one
 * at a time on the main thread. A production build hands every agent's card to one worker thread as soon as the
 * catalog is known (`writeCards`, from src/integrations/agent-files.ts, at `astro:build:setup`); the worker draws each
 * card and writes it to its file, so the main thread neither receives the PNGs nor writes them: it posts the cards'
 * data, two batches at a time, and waits for one answer per batch. A second worker would only take CPU from the
 * threads rendering pages, Pagefind's process and the main thread, and add its own heap to the build's peak memory.
 * Where the worker cannot start or dies, the cards it had not written are drawn in-process.
 *
 * The worker runs at the lowest priority (thread-priority.ts): the pages are what the build waits for, and the cores
 * are not always busy with them (the content sync has a serial part, rendering waits on the disk and on messages,
 * Pagefind's process writes its bundle on about one core after the last page). Nothing waits for the cards until the
 * end of the build (agent-files.ts), so they are drawn with the CPU left over. At the end, the main thread, which
 * then only waits for Pagefind, draws what is left too (`helpFrom`), at its own priority: on a machine whose cores
 * other processes keep busy, the worker gets almost nothing, and the cards are still finished.
 * `astro dev` never comes here: its card routes draw each card when it is asked for.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { letGo } from '../build-workers.ts';
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
/** Batches the worker holds at once: the next is in its queue when it finishes one. */
const IN_FLIGHT = 2;

/** Draws and writes cards on this thread; resolves to how many. */
async function writeInProcess(cards: CardFile[]): Promise<number> {
  for (const { file, card } of cards) await writeFile(file, await cardPng(card));
  return cards.length;
}

export interface WriteCardsOptions {
  /**
   * Once this settles, this thread draws cards too, from the end of the list, at its own priority: what is left is
   * then finished even where other processes keep the cores busy and the worker, at the lowest priority, gets none.
   */
  helpFrom?: Promise<unknown>;
}

/**
 * Draws every card and writes it to its file (whose folder must exist): in the card worker, and from `helpFrom` on
 * in this thread as well; in-process where the worker cannot run. Resolves to how many cards this thread drew.
 */
export function writeCards(cards: CardFile[], { helpFrom }: WriteCardsOptions = {}): Promise<number> {
  const batches: CardFile[][] = [];
  for (let i = 0; i < cards.length; i += BATCH) batches.push(cards.slice(i, i + BATCH));
  if (!batches.length) return Promise.resolve(0);
  let worker: Worker;
  try {
    // A card needs little memory (glyph masks, one 1200 × 630 canvas): a small heap keeps the build's peak down.
    worker = new Worker(WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: 64 } });
  } catch {
    return writeInProcess(cards);
  }
  // The worker takes batches from the front, this thread (once it helps) from the back; each is drawn once.
  let front = 0;
  let back = batches.length;
  /** Batches sent to the worker and not answered yet. */
  const sent = new Set<number>();
  let drawing = 0;
  /** Cards drawn on this thread. */
  let here = 0;
  return new Promise<number>((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      // Nothing reaches the batches through the worker once it is done.
      letGo(worker);
      if (error) reject(error);
      else resolve(here);
    };
    const doneIfAll = () => {
      if (front >= back && !sent.size && !drawing) finish();
    };
    const send = () => {
      while (!settled && sent.size < IN_FLIGHT && front < back) {
        const batch = front++;
        sent.add(batch);
        worker.postMessage({ batch, cards: batches[batch]! } satisfies CardBatch);
      }
      doneIfAll();
    };
    /** Draws batches here, from the back, until none is left for anyone to take. */
    const help = async () => {
      while (!settled && front < back) {
        const batch = --back;
        drawing++;
        try {
          here += await writeInProcess(batches[batch]!);
        } catch (error) {
          return finish(error instanceof Error ? error : new Error(String(error)));
        } finally {
          drawing--;
        }
      }
      doneIfAll();
    };
    worker.on('message', ({ batch, error }: BatchReply) => {
      if (error) return finish(new Error(`A link-preview card could not be written: ${error}`));
      sent.delete(batch);
      send();
    });
    // A worker that cannot run: the batches it has not answered are drawn here, with the rest.
    const fallBack = () => {
      if (settled) return;
      worker.removeAllListeners();
      const unanswered = [...sent];
      sent.clear();
      drawing++;
      writeInProcess(unanswered.flatMap((batch) => batches[batch]!)).then(
        (count) => {
          here += count;
          drawing--;
          void help();
        },
        (error: Error) => finish(error),
      );
    };
    worker.on('error', fallBack);
    worker.on('exit', fallBack);
    helpFrom?.then(help, help);
    send();
  });
}
