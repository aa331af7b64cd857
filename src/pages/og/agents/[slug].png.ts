/** `/og/agents/<slug>.png`: each agent's 1200 × 630 link-preview card, drawn at build time. */
import type { APIRoute } from 'astro';
import { agentCard, agentCardData, type AgentCardData } from '../../../og/card';
import { pooledCardPng, prefetchCards } from '../../../og/pool';
import { loadAgents } from '../../../site/route-data';
import { settings } from '../../../settings';

export async function getStaticPaths() {
  const agents = await loadAgents();
  const paths = agents.map((agent) => ({ params: { slug: agent.slug }, props: { card: agentCardData(agent, settings.siteTitle) } }));
  // In a build, start drawing every card on worker threads now; each GET below then only waits for its own.
  if (import.meta.env.PROD) prefetchCards(paths.map(({ params, props }) => [params.slug, agentCard(props.card)]));
  return paths;
}

export const GET: APIRoute = async ({ params, props }) => {
  const png = await pooledCardPng(params.slug!, agentCard((props as { card: AgentCardData }).card));
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
