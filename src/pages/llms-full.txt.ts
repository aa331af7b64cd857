/** `/llms-full.txt`: every agent definition verbatim, in one file. */
import type { APIRoute } from 'astro';
import { loadAgents } from '../site/route-data';
import { llmsFullTxt } from '../site/outputs';
import { settings } from '../settings';

export const GET: APIRoute = async () =>
  new Response(llmsFullTxt(await loadAgents(), settings), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
