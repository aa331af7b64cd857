/** `/search-filters.json`: each search filter's values and how many agents have each, for the search's selects. */
import type { APIRoute } from 'astro';
import { loadAgents } from '../site/route-data';
import { filterCounts } from '../site/search-meta';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(filterCounts(await loadAgents())), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
