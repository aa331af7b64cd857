/** `/og/categories/<slug>.png`: a category page's link-preview card. */
import type { APIRoute } from 'astro';
import { listingCardPaths, listingPng } from '../../../og/listing.ts';

export const getStaticPaths = () => listingCardPaths('category');
export const GET: APIRoute = ({ props }) => listingPng(props);
