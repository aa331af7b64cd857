/**
 * Link-preview cards cost ~1.5 ms of CPU each once a thread has its glyphs (render.ts), and Astro renders pages one
 * at a time on the main thread. In a production build the cards are queued a few ahead of the files being written
 * (`prefetchCards`, from src/integrations/agent-files.ts) and drawn by one worker thread while Vite bundles and the
 * main thread renders HTML: 1,000 cards are ~1.5 s of one core, done long before the pages. A second worker would
 * only take CPU from Pagefind's process and the main thread, and add its own heap to the build's peak memory.
 * Where the worker cannot start (or in `astro dev`, which never prefetches), cards are drawn in-process.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Card } from './card.ts';
import { cardPng } from './render.ts';

/** Resolved from the project root, where `astro build` runs (as render.ts finds its fonts). */
const WORKER_FILE = path.resolve(process.cwd(), 'src/og/card-worker.ts');

interface Job {
  id: number;
  card: Card;
  resolve: (png: Buffer) => void;
  reject: (error: Error) => void;
}

const queued = new Map<string, Promise<Buffer>>();
const waiting: Job[] = [];
const running = new Map<Worker, Job>();
const idle: Worker[] = [];
/** The timer that stops each idle worker. */
const idleTimers = new Map<Worker, NodeJS.Timeout>();
let workers: Worker[] | undefined;
let nextId = 0;

const WORKERS = 1;
/** How long an idle worker waits for the next card before it stops. */
const IDLE_MS = 2000;

function startWorkers(): Worker[] {
  return Array.from({ length: WORKERS }, () => {
    // A card needs little memory (glyph masks, one 1200 × 630 canvas): a small heap keeps the build's peak down.
    const worker = new Worker(WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: 64 } });
    worker.unref(); // never keeps a finished build alive
    worker.on('message', ({ png, error }: { png?: Uint8Array; error?: string }) => {
      const job = running.get(worker);
      running.delete(worker);
      if (job) {
        if (png) job.resolve(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
        else job.reject(new Error(error ?? 'the card worker returned nothing'));
      }
      dispatch(worker);
    });
    worker.on('error', () => {
      // A worker that cannot run: its card and every later one are drawn in-process instead.
      const job = running.get(worker);
      running.delete(worker);
      workers = workers?.filter((w) => w !== worker);
      for (const next of [...(job ? [job] : []), ...(workers?.length ? [] : waiting.splice(0))]) {
        cardPng(next.card).then(next.resolve, next.reject);
      }
    });
    idle.push(worker);
    return worker;
  });
}

/**
 * Gives `worker` the next card. With none left it waits a little for more (a build queues cards a few at a time, as
 * it writes them), then stops, so its heap leaves the build's peak memory and a script that drew cards can exit.
 */
function dispatch(worker: Worker): void {
  const job = waiting.shift();
  if (!job) {
    idle.push(worker);
    const timer = setTimeout(() => {
      idleTimers.delete(worker);
      idle.splice(idle.indexOf(worker), 1);
      void worker.terminate();
      workers = workers?.filter((w) => w !== worker);
      if (!workers?.length) workers = undefined; // the next card starts a worker again
    }, IDLE_MS);
    timer.unref();
    idleTimers.set(worker, timer);
    return;
  }
  running.set(worker, job);
  worker.postMessage({ id: job.id, card: job.card });
}

function draw(card: Card): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (!workers) {
      try {
        workers = startWorkers();
      } catch {
        workers = []; // workers cannot start here: every card is drawn in-process
      }
    }
    if (!workers.length) return void cardPng(card).then(resolve, reject);
    waiting.push({ id: nextId++, card, resolve, reject });
    const worker = idle.pop();
    if (worker) {
      clearTimeout(idleTimers.get(worker));
      idleTimers.delete(worker);
      dispatch(worker);
    }
  });
}

/** Queue cards to be drawn in the background; `key` identifies each card for `pooledCardPng`. */
export function prefetchCards(cards: Iterable<[key: string, card: Card]>): void {
  for (const [key, card] of cards) if (!queued.has(key)) queued.set(key, draw(card));
}

/** The card for `key`: the prefetched drawing when there is one, else drawn now, in-process. */
export function pooledCardPng(key: string, card: Card): Promise<Buffer> {
  const pending = queued.get(key);
  if (!pending) return cardPng(card);
  queued.delete(key);
  return pending;
}
