/**
 * During `astro build`, every prerendered HTML page passes through the steps integrations registered in
 * src/integrations/built-pages.ts (the CSP check, the search index) before Astro writes it. Elsewhere (`astro dev`)
 * this passes responses through untouched.
 */
import { defineMiddleware } from 'astro:middleware';
import { beginBuiltPage, processBuiltPage } from './integrations/built-pages.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  const ticket = import.meta.env.PROD && context.isPrerendered ? beginBuiltPage(context.url.pathname) : undefined;
  if (ticket === undefined) return next();
  let handedBack = false;
  try {
    const response = await next();
    if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
    const html = await response.text();
    handedBack = true;
    const processed = processBuiltPage(ticket, context.url.pathname, html);
    return new Response(processed ?? html, { status: response.status, statusText: response.statusText, headers: response.headers });
  } finally {
    // Not a page (or it failed): hand the ticket back so the pages after it are not held up.
    if (!handedBack) processBuiltPage(ticket, context.url.pathname);
  }
});
