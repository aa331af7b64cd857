/** `/selection.json`: what the selection page shows of each agent, and how each plugin installs (site/selection.ts). */
import type { APIRoute } from 'astro';
import { siteCatalog } from '../site/catalog.ts';
import { selectionData } from '../site/selection.ts';
import { pluginInstall } from '../site/plugins.ts';
import { settings } from '../settings.ts';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(selectionData(siteCatalog().agents, settings, pluginInstall)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
