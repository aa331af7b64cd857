/**
 * Route data: what each agent page receives, from the catalog's owner (catalog.ts). Components receive these
 * objects and only render them.
 */
import { siteCatalog, type AgentData } from './catalog.ts';

export interface AgentLink {
  slug: string;
  name: string;
}

export interface AgentPageProps {
  data: AgentData;
  prev?: AgentLink;
  next?: AgentLink;
}

const link = (agent: { slug: string; name: string } | undefined): AgentLink | undefined => agent && { slug: agent.slug, name: agent.name };

/** `getStaticPaths` for agent routes: one page per agent with its neighbours in catalog order. */
export function agentPaths() {
  const catalog = siteCatalog();
  const { agents } = catalog;
  return agents.map((agent, i) => ({
    params: { slug: agent.slug },
    props: { data: catalog.data(agent), prev: link(agents[i - 1]), next: link(agents[i + 1]) } satisfies AgentPageProps,
  }));
}
