/**
 * During `astro build`, every prerendered HTML page passes through the steps integrations registered in
 * src/integrations/built-pages.ts (the CSP check, the search index) before Astro writes it. Elsewhere (`astro dev`)
 * this passes responses through untouched.
 */
import { defineMiddleware } from 'astro:middleware';
import { processBuiltPage } from './integrations/built-pages';

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  if (!import.meta.env.PROD || !context.isPrerendered || !response.headers.get('content-type')?.startsWith('text/html')) return response;
  const html = await response.text();
  const processed = processBuiltPage(context.url.pathname, html);
  return new Response(processed ?? html, { status: response.status, statusText: response.statusText, headers: response.headers });
});
