/**
 * What of an agent's prompt the search index holds: every word of it, each once. The index gets every heading under
 * its id, and of the text between headings every sentence that holds a word the prompt has not used before (code
 * blocks go line by line). A word that occurs anywhere in a prompt therefore finds the agent, and the sub-result
 * names and links to the section where the prompt first uses it. Everything the page shows above the prompt (name,
 * description, example conversations, principles) is indexed whole.
 *
 * Principles are the prompt's own list items, shown and indexed whole above it: their words count as used already.
 *
 * Why each word once: Pagefind's index records every occurrence of a word on a page, and its fragments hold the text
 * it indexed; prompts are most of a catalog's words, and most of those words are repeats. Indexed as written, at
 * 5,000 agents Pagefind's process needed ~1.4 GB and the first search ~800 ms (two ~460 KB index chunks for a common
 * word). What repeats adds nothing a search can find; what it would change is ranking, which the prompt should not
 * lead anyway: its sentences carry PROMPT_WEIGHT, below the default 1 of the text above it, and its headings keep
 * Pagefind's heading weights. `README.md` has the measured figures.
 * The page itself is unchanged: the whole prompt is on it, and in the raw file and llms-full.txt.
 */

import { searchedPart } from './search-cut.ts';

/** Pagefind's `data-pagefind-weight` for prompt sentences: below the page's own text (1) and headings (2-7). */
export const PROMPT_WEIGHT = 0.5;

/** Headings as src/agents/markdown.ts renders them (raw HTML in a prompt is escaped, so these are its own). */
const HEADING = /<h([1-6]) id="([^"]*)">([\s\S]*?)<\/h\1>/g;
/** The "#" link markdown.ts puts beside each heading: Pagefind ignores it on the page, so it is no text here. */
const HEADING_ANCHOR = /<a class="heading-anchor"[^>]*>[\s\S]*?<\/a>/g;
/** Where one block of text ends and the next starts: a sentence never runs across these. */
const BLOCK_END = /<\/(?:p|li|pre|blockquote|td|th|tr|dd|dt)>|<(?:br|hr)\s*\/?>|<(?:li|td|th|p)\b[^>]*>/g;
const TAG = /<[^>]*>/g;
/** A sentence ends at . ! ? : or ; before a space; each line of a code block stands alone. */
const SENTENCE_END = /(?<=[.!?:;])\s+|\n+/;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (html: string) =>
  html.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? entity;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ESCAPES[c]!);

/**
 * The words of a text as the index tells them apart: split at white space, lower-cased, punctuation trimmed from
 * either end. Pagefind splits finer (at hyphens, dots, and so on), so two tokens this calls the same are the same
 * to Pagefind too: a sentence is never dropped for a word that only looked seen.
 */
export function words(text: string): string[] {
  // One pass: from a token's first letter or digit to its last (`\S*` backtracks to it), the rest of it skipped.
  return text.toLowerCase().match(WORD) ?? [];
}
const WORD = /[\p{L}\p{N}](?:\S*[\p{L}\p{N}])?/gu;

/** White space `sentences` evens out: any but a single space (most sentences have none, and are only trimmed). */
const UNEVEN_SPACE = /[^\S ]| {2}/;

/** The sentences of a stretch of rendered prompt (between two headings), as plain text. */
function sentences(html: string): string[] {
  const text = decode(html.replace(HEADING_ANCHOR, '').replace(BLOCK_END, '\n').replace(TAG, ''));
  return text
    .split(SENTENCE_END)
    .map((sentence) => (UNEVEN_SPACE.test(sentence) ? sentence.replace(/\s+/g, ' ') : sentence).trim())
    .filter(Boolean);
}

/** The words of an HTML fragment's text (`words` of it, tags dropped, entities read). */
export const htmlWords = (html: string): string[] => words(decode(html.replace(TAG, ' ')));

/**
 * The searchable part of a rendered prompt body (markdown.ts HTML): every heading under its id, and between them the
 * sentences that bring a word the prompt has not used before, in their order, weighted PROMPT_WEIGHT. `known` are
 * words the page already indexes whole (its principles, which are the prompt's own list items): a sentence that
 * brings only those is left out too.
 */
export function promptForSearch(html: string, known: Iterable<string> = []): string {
  const seen = new Set<string>(known);
  const parts: string[] = [];
  const keep = (stretch: string) => {
    const kept = sentences(stretch).filter((sentence) => {
      let fresh = false;
      for (const word of words(sentence)) {
        if (seen.has(word)) continue;
        seen.add(word);
        fresh = true;
      }
      return fresh;
    });
    if (kept.length) parts.push(`<p data-pagefind-weight="${PROMPT_WEIGHT}">${escape(kept.join(' '))}</p>`);
  };
  let from = 0;
  for (const match of html.matchAll(HEADING)) {
    keep(html.slice(from, match.index));
    const [heading, level, id, inner] = match;
    parts.push(`<h${level} id="${id}">${inner}</h${level}>`);
    for (const word of words(decode(inner!.replace(TAG, '')))) seen.add(word);
    from = match.index + heading.length;
  }
  keep(html.slice(from));
  return parts.join('');
}

/** Marks the prompt body on an agent page (PromptBody.astro); the body ends with its section. */
const PROMPT_BODY = 'data-testid="prompt-body"';
/**
 * The principles list on an agent page (PrinciplesList.astro), which Pagefind indexes whole. Up to the first `</ol>`:
 * a principle holding a list of its own ends it early, which only means fewer words count as known.
 */
const PRINCIPLES = /<ol class="principles" data-testid="principles"[^>]*>([\s\S]*?)<\/ol>/;

/** A closing tag with the next element's opening tag right after it, no text between. */
const TOUCHING = /(<\/[a-z][\w-]*>)(?=<[a-z])/gi;

/**
 * Pagefind separates the text of block elements only; two inline elements with nothing between them (badges laid out
 * by a flex gap: `<span>ai-agents</span><span>v1.0.0</span>`) reach its index, and its excerpts, as one word
 * ("ai-agentsv1.0.0"), and neither half is found. Astro writes no white space between elements on separate lines of
 * a template, so a space goes between every two that touch: white space between elements changes nothing on screen.
 */
export const spacedForSearch = (html: string): string => html.replace(TOUCHING, '$1 ');

/**
 * A page as Pagefind gets it: the part it reads (`searchedPart`, unless `whole`), elements that touch spaced apart
 * (`spacedForSearch`), and on an agent page the prompt body as `promptForSearch` gives it.
 */
export function pageForSearch(html: string, whole = false): string {
  const page = spacedForSearch(whole ? html : searchedPart(html));
  const at = page.indexOf(PROMPT_BODY);
  if (at < 0) return page;
  const open = page.indexOf('>', at) + 1;
  const end = page.lastIndexOf('</div>', page.indexOf('</section>', open));
  if (open <= 0 || end < open) return page;
  const principles = PRINCIPLES.exec(page.slice(0, at))?.[1] ?? '';
  return page.slice(0, open) + promptForSearch(page.slice(open, end), htmlWords(principles)) + page.slice(end);
}
