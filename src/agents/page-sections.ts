/**
 * The agent page's sections, declared once: their ids, headings and when each is shown. The page
 * (src/pages/agents/[slug].astro) renders them in this order, "On this page" lists them, the dev search document
 * (src/integrations/dev-search-document.ts) indexes the `indexed` ones under the same ids, and prompt headings
 * never take their ids (markdown.ts `PAGE_IDS`). tests/unit/page-sections.test.ts holds them to agree.
 */
import type { Agent } from './types.ts';

/** What the sections need to know of an agent. */
type SectionInput = Pick<Agent, 'examples' | 'principles'> & { html: Pick<Agent['html'], 'whenToUse'> };

export interface SectionSpec {
  id: string;
  /** The section's h2. */
  heading: string;
  /** In the Pagefind body (searchable, a sub-result); the others carry `data-pagefind-ignore`. */
  indexed: boolean;
  /** Shown only when this holds; always shown without it. */
  when?: (agent: SectionInput) => boolean;
  /** The link text in "On this page", when it says more than the heading. */
  label?: (agent: SectionInput) => string;
}

export const AGENT_SECTIONS = [
  { id: 'can-do', heading: 'What it can do', indexed: false },
  { id: 'install', heading: 'Install', indexed: false },
  { id: 'when-to-use', heading: 'When to use', indexed: true, when: (a) => a.html.whenToUse.trim() !== '' },
  {
    id: 'examples',
    heading: 'Example conversations',
    indexed: true,
    when: (a) => a.examples.length > 0,
    label: (a) => `Example conversations (${a.examples.length})`,
  },
  { id: 'principles', heading: 'Principles', indexed: true, when: (a) => a.principles.length > 0 },
  { id: 'prompt', heading: 'The full prompt', indexed: true },
  { id: 'details', heading: 'Details', indexed: false },
] as const satisfies readonly SectionSpec[];

export type SectionId = (typeof AGENT_SECTIONS)[number]['id'];

/** A section the agent's page shows, with its link text for "On this page". */
export interface PageSection {
  id: SectionId;
  heading: string;
  label: string;
  indexed: boolean;
}

/** The sections the agent's page shows, in page order. */
export function agentSections(agent: SectionInput): PageSection[] {
  return (AGENT_SECTIONS as readonly (SectionSpec & { id: SectionId })[])
    .filter((s) => !s.when || s.when(agent))
    .map((s) => ({ id: s.id, heading: s.heading, label: s.label?.(agent) ?? s.heading, indexed: s.indexed }));
}
