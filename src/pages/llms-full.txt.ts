/** `/llms-full.txt`: every agent definition verbatim, in one file. */
import type { APIRoute } from 'astro';
import { loadAgents } from '../site/route-data';
import { llmsFullTxt } from '../site/outputs';
import { readRawFile } from '../site/raw-file';
import { settings } from '../settings';

export const GET: APIRoute = async () => {
  const agents = await loadAgents();
  const withRaw = await Promise.all(agents.map(async (agent) => ({ ...agent, raw: await readRawFile(agent) })));
  return new Response(llmsFullTxt(withRaw, settings), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
