/** `/llms.txt` (llmstxt.org): the catalog for language models, linking each raw agent file. */
import type { APIRoute } from 'astro';
import { siteCatalog } from '../site/catalog';
import { llmsTxt } from '../site/outputs';
import { settings } from '../settings';

export const GET: APIRoute = async () =>
  new Response(llmsTxt(siteCatalog().agents, settings), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
