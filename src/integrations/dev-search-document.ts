/**
 * What an agent page gives Pagefind, rebuilt from the `Agent` without rendering the page: the text inside its
 * `data-pagefind-body` (h1, summary, when to use, examples, principles, the prompt as search-prompt.ts gives it)
 * under the same heading ids, and SearchMeta.astro's filters (search-meta.ts) and meta. `astro dev` indexes these
 * documents (pagefind-dev.ts); headings with ids are what Pagefind turns into sub-results, so dev results link into
 * sections as the production ones do.
 *
 * Keep in step with src/pages/agents/[slug].astro and ExampleConversation.astro (the filters are shared: search-meta.ts).
 */
import type { Agent } from '../agents/types.ts';
import { capitalize } from '../site/format.ts';
import { searchFilters, searchMeta } from '../site/search-meta.ts';
import { htmlWords, promptForSearch, spacedForSearch } from './search-prompt.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const text = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The page's URL as Pagefind records it: from the site root, without BASE_PATH (the client adds `baseUrl`). */
export const searchUrl = (agent: Agent) => `/agents/${agent.slug}/`;

export function searchDocument(agent: Agent): string {
  const filters = Object.entries(searchFilters(agent)).flatMap(([name, values]) =>
    values.map((value) => `<span data-pagefind-filter="${name}">${text(value)}</span>`),
  );
  const parts = [
    `<div hidden data-pagefind-ignore>${filters.join('')}${Object.entries(searchMeta(agent)).map(([name, value]) => `<span data-pagefind-meta="${name}">${text(value)}</span>`).join('')}</div>`,
    `<h1>${text(agent.name)}</h1>`,
    `<p>${text(agent.summary)}</p>`,
  ];
  if (agent.html.whenToUse.trim()) parts.push('<h2 id="when-to-use">When to use</h2>', agent.html.whenToUse);
  if (agent.examples.length) {
    parts.push('<h2 id="examples">Example conversations</h2>');
    agent.examples.forEach((example, i) => {
      const turns = example.turns.map((turn) => `<li>${text(capitalize(turn.speaker.trim() || turn.role))} ${text(turn.text)}</li>`);
      parts.push(
        `<h3 id="example-${i + 1}-title">Example ${i + 1}</h3>`,
        example.context ? `<p>Context ${text(example.context)}</p>` : '',
        `<ol>${turns.join('')}</ol>`,
        example.commentary ? `<p>Commentary ${text(example.commentary)}</p>` : '',
      );
    });
  }
  const items = agent.principles.map((p) => `<li><strong>${text(p.title)}</strong> ${p.html}</li>`).join('');
  if (items) parts.push('<h2 id="principles">Principles</h2>', `<ol>${items}</ol>`);
  parts.push('<h2 id="prompt">The full prompt</h2>', promptForSearch(agent.html.body, htmlWords(items)));
  // Spaced as the build's pages are (search-prompt.ts), so dev excerpts read as production ones do.
  return spacedForSearch(`<!doctype html><html lang="en"><body><main data-pagefind-body>${parts.join('')}</main></body></html>`);
}
