/**
 * Page data computed once from the collection: catalog order, category groups, prev/next links.
 * Components receive these objects and only render them.
 */
import { getCollection } from 'astro:content';
import type { StoredAgent as Agent } from '../agents/types';
import { categoryAnchor } from './urls';
import { storedAgent } from '../integrations/agent-store';

const UNCATEGORIZED = 'uncategorized';
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Catalog order: category (uncategorized last), then name, then slug so the order is total. */
export function compareAgents(a: Agent, b: Agent): number {
  const ua = a.category === UNCATEGORIZED;
  const ub = b.category === UNCATEGORIZED;
  if (ua !== ub) return ua ? 1 : -1;
  return collator.compare(a.category, b.category) || collator.compare(a.name, b.name) || collator.compare(a.slug, b.slug);
}

/** Every agent, in catalog order. Not memoised here: in dev the collection changes while the server runs. */
export async function loadAgents(): Promise<Agent[]> {
  const entries = await getCollection('agents');
  return entries.map((e) => storedAgent(e.data)).sort(compareAgents);
}

export interface CategoryGroup {
  name: string;
  /** Anchor id of the category's section on the home page. */
  id: string;
  agents: Agent[];
}

/** Agents (already in catalog order) grouped by category, keeping that order. */
export function groupByCategory(agents: Agent[]): CategoryGroup[] {
  const groups = new Map<string, CategoryGroup>();
  for (const agent of agents) {
    let group = groups.get(agent.category);
    if (!group) groups.set(agent.category, (group = { name: agent.category, id: categoryAnchor(agent.category), agents: [] }));
    group.agents.push(agent);
  }
  return [...groups.values()];
}

export interface AgentLink {
  slug: string;
  name: string;
}

export interface AgentPageProps {
  agent: Agent;
  prev?: AgentLink;
  next?: AgentLink;
}

const link = (agent: Agent | undefined): AgentLink | undefined => agent && { slug: agent.slug, name: agent.name };

/** `getStaticPaths` for agent routes: one page per agent with its neighbours in catalog order. */
export async function agentPaths() {
  const agents = await loadAgents();
  return agents.map((agent, i) => ({
    params: { slug: agent.slug },
    props: { agent, prev: link(agents[i - 1]), next: link(agents[i + 1]) } satisfies AgentPageProps,
  }));
}

export interface PageSection {
  id: string;
  label: string;
}

/** The agent page's sections that have content, in page order (ids are reserved in markdown.ts PAGE_IDS). */
export function agentSections(agent: Agent): PageSection[] {
  return [
    { id: 'install', label: 'Install' },
    agent.html.whenToUse.trim() && { id: 'when-to-use', label: 'When to use' },
    agent.examples.length > 0 && { id: 'examples', label: `Example conversations (${agent.examples.length})` },
    agent.principles.length > 0 && { id: 'principles', label: 'Principles' },
    { id: 'prompt', label: 'The full prompt' },
    { id: 'details', label: 'Details' },
  ].filter((s): s is PageSection => Boolean(s));
}
