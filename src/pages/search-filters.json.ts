/** `/search-filters.json`: each search filter's values, their labels and how many agents have each, for the search's selects. */
import type { APIRoute } from 'astro';
import { siteCatalog } from '../site/catalog.ts';
import { filterOptions } from '../site/search-meta.ts';

export const GET: APIRoute = () => {
  const catalog = siteCatalog();
  return new Response(JSON.stringify(filterOptions(catalog.agents.map((agent) => catalog.data(agent).facets))), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
