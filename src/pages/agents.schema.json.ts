/** `/agents.schema.json`: the JSON Schema (draft 2020-12) of `/agents.json`. */
import type { APIRoute } from 'astro';
import { catalogSchema } from '../site/catalog-schema.ts';
import { settings } from '../settings.ts';

export const GET: APIRoute = () =>
  new Response(`${JSON.stringify(catalogSchema(settings), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/schema+json; charset=utf-8' },
  });
