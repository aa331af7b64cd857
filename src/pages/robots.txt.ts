/**
 * `/robots.txt`: points crawlers at the sitemap index. Crawlers read it only at the root of a host, so under a
 * BASE_PATH it is a template to copy there.
 */
import type { APIRoute } from 'astro';
import { robotsTxt } from '../site/outputs.ts';
import { settings } from '../settings.ts';

export const GET: APIRoute = () => new Response(robotsTxt(settings), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
