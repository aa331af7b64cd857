/**
 * A worker thread that draws link-preview cards and writes them to their files (pool.ts), a batch at a time. Runs
 * under plain Node (type stripping), outside Vite: it imports only render.ts, thread-priority.ts and what they import.
 */
import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { BatchReply, CardBatch } from './pool.ts';
import { cardPng } from './render.ts';
import { lowestPriority } from './thread-priority.ts';

// The cards take what CPU the pages leave (pool.ts).
lowestPriority();

// Batches arrive in order and are written one after another: one card in memory at a time. The writes are synchronous:
// this thread has nothing else to do meanwhile, and a promise per file only added work.
let queue = Promise.resolve();
parentPort!.on('message', ({ batch, cards }: CardBatch) => {
  queue = queue.then(async () => {
    let reply: BatchReply = { batch };
    for (const { file, card } of cards) {
      try {
        writeFileSync(file, await cardPng(card));
      } catch (error) {
        reply = { batch, error: `${file}: ${error instanceof Error ? `${error.message}${error.cause ? ` (${String(error.cause)})` : ''}` : String(error)}` };
        break;
      }
    }
    parentPort!.postMessage(reply);
  });
});
