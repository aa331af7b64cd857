/**
 * The agent file itself, byte-for-byte, at /agents/<slug>.md: what the install commands download. This route
 * serves `astro dev`; a build writes the same bytes (`readCheckedFile`) from src/integrations/agent-files.ts, which
 * skips Astro's per-route bookkeeping.
 */
import type { APIRoute } from 'astro';
import { siteCatalog } from '../../site/catalog.ts';
import { readCheckedFile } from '../../site/raw-file.ts';

export async function getStaticPaths() {
  if (import.meta.env.PROD) return [];
  const agents = siteCatalog().agents;
  return agents.map((agent) => ({ params: { slug: agent.slug }, props: { file: agent.file, sha256: agent.sha256 } }));
}

export const GET: APIRoute = async ({ props }) => {
  const { file, sha256 } = props as { file: string; sha256: string };
  return new Response(new Uint8Array(await readCheckedFile(file, sha256)), { headers: { 'Content-Type': 'text/markdown; charset=utf-8' } });
};
