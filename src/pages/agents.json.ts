/** `/agents.json`: every agent, machine-readable; described by `/agents.schema.json`. */
import type { APIRoute } from 'astro';
import { loadAgents } from '../site/route-data';
import { catalogJson } from '../site/outputs';
import { settings } from '../settings';

export const GET: APIRoute = async () =>
  new Response(`${JSON.stringify(catalogJson(await loadAgents(), settings), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
