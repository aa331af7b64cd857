/**
 * A worker thread that draws link-preview cards and writes them to their files (pool.ts), a batch at a time. Runs
 * under plain Node (type stripping), outside Vite: it imports only pool.ts, render.ts and what those import.
 */
import { parentPort } from 'node:worker_threads';
import { writeCard, type BatchReply, type CardBatch } from './pool.ts';

// Batches arrive in order and are written one after another: one card in memory at a time.
let queue = Promise.resolve();
parentPort!.on('message', ({ batch, cards }: CardBatch) => {
  queue = queue.then(async () => {
    let reply: BatchReply = { batch };
    for (const card of cards) {
      try {
        await writeCard(card);
      } catch (error) {
        reply = { batch, error: `${card.file}: ${error instanceof Error ? `${error.message}${error.cause ? ` (${String(error.cause)})` : ''}` : String(error)}` };
        break;
      }
    }
    parentPort!.postMessage(reply);
  });
});
