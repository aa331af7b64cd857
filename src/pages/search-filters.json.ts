/** `/search-filters.json`: each search filter's values, their labels and how many agents have each, for the search's selects. */
import type { APIRoute } from 'astro';
import { loadAgents } from '../site/route-data';
import { filterOptions } from '../site/search-meta';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(filterOptions(await loadAgents())), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
