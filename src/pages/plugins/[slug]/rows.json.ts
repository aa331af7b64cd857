/** `/plugins/<slug>/rows.json`, for a plugin of more than one page: what its filters match (listings.ts). */
import type { APIRoute } from 'astro';
import { rowsPaths, rowsResponse } from '../../../site/listings.ts';

export const getStaticPaths = () => rowsPaths('plugin');
export const GET: APIRoute = ({ props }) => rowsResponse(props);
