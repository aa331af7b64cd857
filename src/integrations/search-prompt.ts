/**
 * How much of an agent's prompt the search index holds: its opening (the first paragraph, up to OPENING_WORDS
 * words) and every heading, under its id, so results still name and link to the prompt's sections. Everything the
 * page shows above the prompt (name, description, example conversations, principles) is indexed whole.
 *
 * Pagefind's memory and its index grow with every word it indexes, and prompt bodies are most of a catalog's words:
 * at 5,000 agents indexing them whole took Pagefind's process to ~1.4 GB and the first search to ~800 ms (two
 * ~460 KB index chunks for a common word). With this cut, ~330 MB and the same figures as a catalog a fifth the size.
 * The page itself is unchanged: the whole prompt is on it, and in the raw file and llms-full.txt.
 */
export const OPENING_WORDS = 60;

/** Headings as src/agents/markdown.ts renders them (raw HTML in a prompt is escaped, so these are its own). */
const HEADING = /<h([1-6]) id="([^"]*)">([\s\S]*?)<\/h\1>/g;
const PARAGRAPH = /<p>([\s\S]*?)<\/p>/;
const TAG = /<[^>]*>/g;

/** The searchable part of a rendered prompt body (markdown.ts HTML): its opening paragraph, cut, and its headings. */
export function promptForSearch(html: string): string {
  const parts: string[] = [];
  const opening = PARAGRAPH.exec(html)?.[1]?.replace(TAG, ' ').split(/\s+/).filter(Boolean);
  if (opening?.length) parts.push(`<p>${opening.slice(0, OPENING_WORDS).join(' ')}</p>`);
  for (const [, level, id, inner] of html.matchAll(HEADING)) parts.push(`<h${level} id="${id}">${inner}</h${level}>`);
  return parts.join('');
}

/** Marks the prompt body on an agent page (PromptBody.astro); the body ends with its section. */
const PROMPT_BODY = 'data-testid="prompt-body"';

/** An agent page as Pagefind gets it: the prompt body cut to `promptForSearch`. Other pages are returned as they are. */
export function pageForSearch(page: string): string {
  const at = page.indexOf(PROMPT_BODY);
  if (at < 0) return page;
  const open = page.indexOf('>', at) + 1;
  const end = page.lastIndexOf('</div>', page.indexOf('</section>', open));
  if (open <= 0 || end < open) return page;
  return page.slice(0, open) + promptForSearch(page.slice(open, end)) + page.slice(end);
}
