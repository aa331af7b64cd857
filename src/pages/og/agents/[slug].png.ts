/**
 * `/og/agents/<slug>.png`: each agent's 1200 × 630 link-preview card. This route serves `astro dev`; a build
 * writes the same cards from src/integrations/agent-files.ts, drawn on worker threads while pages render.
 */
import type { APIRoute } from 'astro';
import { agentCard, type AgentCardData } from '../../../og/card.ts';
import { cardPng } from '../../../og/render.ts';
import { siteCatalog } from '../../../site/catalog.ts';

export async function getStaticPaths() {
  if (import.meta.env.PROD) return [];
  const catalog = siteCatalog();
  return catalog.agents.map((agent) => ({ params: { slug: agent.slug }, props: { card: catalog.data(agent).card } }));
}

export const GET: APIRoute = async ({ props }) => {
  const png = await cardPng(agentCard((props as { card: AgentCardData }).card));
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
