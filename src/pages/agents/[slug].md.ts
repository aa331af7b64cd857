/** The agent file itself, byte-for-byte, at /agents/<slug>.md: what the install commands download. */
import type { APIRoute } from 'astro';
import { loadAgents } from '../../site/route-data';

export async function getStaticPaths() {
  const agents = await loadAgents();
  return agents.map((agent) => ({ params: { slug: agent.slug }, props: { raw: agent.raw } }));
}

export const GET: APIRoute = ({ props }) =>
  new Response((props as { raw: string }).raw, { headers: { 'Content-Type': 'text/markdown; charset=utf-8' } });
