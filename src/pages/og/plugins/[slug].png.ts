/** `/og/plugins/<slug>.png`: a plugin page's link-preview card. */
import type { APIRoute } from 'astro';
import { listingCardPaths, listingPng } from '../../../og/listing.ts';

export const getStaticPaths = () => listingCardPaths('plugin');
export const GET: APIRoute = ({ props }) => listingPng(props);
