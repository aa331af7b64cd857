/**
 * A worker thread that draws link-preview cards (pool.ts). Runs under plain Node (type stripping), outside Vite:
 * it imports only render.ts and what that imports.
 */
import { parentPort } from 'node:worker_threads';
import type { Card } from './card.ts';
import { cardPng } from './render.ts';

parentPort!.on('message', async ({ id, card }: { id: number; card: Card }) => {
  try {
    // A copy of just this PNG's bytes, so the transfer never moves a shared Buffer slab.
    const png = new Uint8Array(await cardPng(card));
    parentPort!.postMessage({ id, png }, [png.buffer]);
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? `${error.message}${error.cause ? ` (${String(error.cause)})` : ''}` : String(error) });
  }
});
