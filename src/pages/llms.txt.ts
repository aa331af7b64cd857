/** `/llms.txt` (llmstxt.org): the catalog for language models, linking each raw agent file. */
import type { APIRoute } from 'astro';
import { siteCatalog } from '../site/catalog.ts';
import { llmsTxt } from '../site/outputs.ts';
import { settings } from '../settings.ts';

export const GET: APIRoute = async () =>
  new Response(llmsTxt(siteCatalog().agents, settings), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
