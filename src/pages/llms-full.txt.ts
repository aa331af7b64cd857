/**
 * `/llms-full.txt`: every agent definition verbatim, in one file. Streamed a file at a time: at 5,000 agents it is
 * ~75 MB, and reading every file first held all of them, their joined text and its bytes at once.
 */
import type { APIRoute } from 'astro';
import { siteCatalog } from '../site/catalog.ts';
import { llmsFullEntry, llmsFullHeader } from '../site/outputs.ts';
import { readRawFile } from '../site/raw-file.ts';
import { settings } from '../settings.ts';

export const GET: APIRoute = async () => {
  const agents = siteCatalog().agents;
  const encoder = new TextEncoder();
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(encoder.encode(llmsFullHeader(agents.length, settings))),
    pull: async (controller) => {
      const agent = agents[next++];
      if (!agent) return controller.close();
      controller.enqueue(encoder.encode(`\n${llmsFullEntry(agent, await readRawFile(agent), settings)}`));
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
