/** `/all/rows.json`: every agent as the filters match it (used when the all-agents view has more than one page). */
import type { APIRoute } from 'astro';
import { allListing, rowsResponse } from '../../site/listings';
import { loadAgents } from '../../site/route-data';

export const GET: APIRoute = async () => rowsResponse({ listing: allListing(await loadAgents()) });
