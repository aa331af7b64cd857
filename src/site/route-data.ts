/**
 * Page data computed once from the collection: catalog order, remote plugins, prev/next links, page sections.
 * Components receive these objects and only render them.
 */
import { getCollection } from 'astro:content';
import type { StoredAgent as Agent } from '../agents/types';
import { catalogInfo, storedAgent } from '../integrations/agent-store';
import type { PluginInfo } from '../agents/types';

const UNCATEGORIZED = 'uncategorized';
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Catalog order: category (uncategorized last), then name, then slug so the order is total. */
export function compareAgents(a: Agent, b: Agent): number {
  const ua = a.category === UNCATEGORIZED;
  const ub = b.category === UNCATEGORIZED;
  if (ua !== ub) return ua ? 1 : -1;
  return (
    collator.compare(a.categoryOrder, b.categoryOrder) ||
    collator.compare(a.category, b.category) ||
    collator.compare(a.name, b.name) ||
    collator.compare(a.slug, b.slug)
  );
}

/** Every agent, in catalog order. Not memoised here: in dev the collection changes while the server runs. */
export async function loadAgents(): Promise<Agent[]> {
  const entries = await getCollection('agents');
  return entries.map((e) => storedAgent(e.data)).sort(compareAgents);
}

/** Plugins the catalog lists but does not read: their source is elsewhere (GitHub, a git URL, npm), and not fetched. */
export function remotePlugins(plugins: readonly PluginInfo[] = catalogInfo().plugins): PluginInfo[] {
  return plugins.filter((p) => p.source.kind !== 'local' && !p.fetched);
}

export interface AgentLink {
  slug: string;
  name: string;
}

export interface AgentPageProps {
  agent: Agent;
  /** How many agents the agent's plugin has, when it has one. */
  pluginAgents?: number;
  prev?: AgentLink;
  next?: AgentLink;
}

const link = (agent: Agent | undefined): AgentLink | undefined => agent && { slug: agent.slug, name: agent.name };

/** `getStaticPaths` for agent routes: one page per agent with its neighbours in catalog order. */
export async function agentPaths() {
  const agents = await loadAgents();
  const perPlugin = new Map<string, number>();
  for (const agent of agents) if (agent.plugin !== undefined) perPlugin.set(agent.plugin, (perPlugin.get(agent.plugin) ?? 0) + 1);
  return agents.map((agent, i) => ({
    params: { slug: agent.slug },
    props: {
      agent,
      prev: link(agents[i - 1]),
      next: link(agents[i + 1]),
      ...(agent.plugin !== undefined ? { pluginAgents: perPlugin.get(agent.plugin) } : {}),
    } satisfies AgentPageProps,
  }));
}

export interface PageSection {
  id: string;
  label: string;
}

/** The agent page's sections that have content, in page order (ids are reserved in markdown.ts PAGE_IDS). */
export function agentSections(agent: Agent): PageSection[] {
  return [
    { id: 'can-do', label: 'What it can do' },
    { id: 'install', label: 'Install' },
    agent.html.whenToUse.trim() && { id: 'when-to-use', label: 'When to use' },
    agent.examples.length > 0 && { id: 'examples', label: `Example conversations (${agent.examples.length})` },
    agent.principles.length > 0 && { id: 'principles', label: 'Principles' },
    { id: 'prompt', label: 'The full prompt' },
    { id: 'details', label: 'Details' },
  ].filter((s): s is PageSection => Boolean(s));
}
