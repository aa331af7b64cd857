/**
 * What an agent page gives Pagefind, rebuilt from the agent's data without rendering the page: the text inside its
 * `data-pagefind-body` (h1, summary, then each indexed section the page shows, page-sections.ts, with the prompt as
 * search-prompt.ts gives it) under the same heading ids, and SearchMeta.astro's filters (search-meta.ts) and meta.
 * `astro dev` indexes these documents (pagefind-dev.ts); headings with ids are what Pagefind turns into
 * sub-results, so dev results link into sections as the production ones do. tests/unit/page-sections.test.ts
 * holds its sections to the page's.
 */
import type { SectionId } from '../agents/page-sections.ts';
import type { AgentData } from '../site/catalog.ts';
import { capitalize } from '../site/format.ts';
import { searchFilters, searchMeta } from '../site/search-meta.ts';
import { htmlWords, promptForSearch, spacedForSearch } from './search-prompt.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const text = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The page's URL as Pagefind records it: from the site root, without BASE_PATH (the client adds `baseUrl`). */
export const searchUrl = (agent: { slug: string }) => `/agents/${agent.slug}/`;

export function searchDocument({ agent, facets, capabilities, sections }: AgentData, promptHtml: string): string {
  const filters = Object.entries(searchFilters(facets)).flatMap(([name, values]) =>
    values.map((value) => `<span data-pagefind-filter="${name}">${text(value)}</span>`),
  );
  const meta = Object.entries(searchMeta(agent, capabilities.file)).map(([name, value]) => `<span data-pagefind-meta="${name}">${text(value)}</span>`);
  // The principles' words, which the prompt's own list of them repeats (search-prompt.ts leaves that out).
  const principles = agent.principles.map((p) => `<li><strong>${text(p.title)}</strong> ${p.html}</li>`).join('');
  const body: Record<SectionId, () => string> = {
    'can-do': () => '',
    install: () => '',
    'when-to-use': () => agent.html.whenToUse,
    examples: () =>
      agent.examples
        .map((example, i) => {
          const turns = example.turns.map((turn) => `<li>${text(capitalize(turn.speaker.trim() || turn.role))} ${text(turn.text)}</li>`);
          return [
            `<h3 id="example-${i + 1}-title">Example ${i + 1}</h3>`,
            example.context ? `<p>Context ${text(example.context)}</p>` : '',
            `<ol>${turns.join('')}</ol>`,
            example.commentary ? `<p>Commentary ${text(example.commentary)}</p>` : '',
          ].join('');
        })
        .join(''),
    principles: () => `<ol>${principles}</ol>`,
    prompt: () => promptForSearch(promptHtml, htmlWords(principles)),
    details: () => '',
  };
  const parts = [
    `<div hidden data-pagefind-ignore>${filters.join('')}${meta.join('')}</div>`,
    `<h1>${text(agent.name)}</h1>`,
    `<p>${text(agent.summary)}</p>`,
    ...sections.filter((s) => s.indexed).map((s) => `<h2 id="${s.id}">${text(s.heading)}</h2>${body[s.id]()}`),
  ];
  // Spaced as the build's pages are (search-prompt.ts), so dev excerpts read as production ones do.
  return spacedForSearch(`<!doctype html><html lang="en"><body><main data-pagefind-body>${parts.join('')}</main></body></html>`);
}
