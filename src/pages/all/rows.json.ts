/** `/all/rows.json`: every agent as the filters match it (used when the all-agents view has more than one page). */
import type { APIRoute } from 'astro';
import { rowsResponse } from '../../site/listings.ts';
import { siteCatalog } from '../../site/catalog.ts';

export const GET: APIRoute = () => rowsResponse({ listing: siteCatalog().all });
