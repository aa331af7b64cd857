/**
 * The part of a built page Pagefind reads, cut out before the page crosses to Pagefind's process. On a page with a
 * `data-pagefind-body` element (Base.astro's `<main>` on every indexed page) Pagefind indexes that element alone, minus
 * its `data-pagefind-ignore` parts, and takes the language from `<html lang>`. An agent page is ~60 KB, of which the
 * index reads ~15 KB: sending only that took ~2.5 s of CPU off a 1,000-agent build (JSON-encoding pages into
 * Pagefind's pipe, its HTML parsing, and this side's `spacedForSearch` over the whole page), for the same index.
 *
 * The cut only leaves out what Pagefind would not read, and gives up (the page goes whole) wherever that is not plain:
 *   - no `data-pagefind-body`, or the text occurs more than once (a prompt may quote it);
 *   - outside the body, any `data-pagefind-*` other than `-ignore` (metadata and filters count anywhere on a page),
 *     an `<h1>` or an `<img>` (Pagefind's default title and image);
 *   - an ignored element is kept when it holds `data-pagefind-*` other than `-ignore` (the search metadata is in an
 *     ignored element, and Pagefind still reads its filters), or raw text (`<script>`, `<style>`, …) where a tag name
 *     is no tag.
 * tests/build/reproducible.test.ts indexes a whole build both ways and compares every file of the two indexes.
 */

const BODY = ' data-pagefind-body';
const IGNORE = ' data-pagefind-ignore';
const TAG_NAME = /<([a-z][a-z0-9-]*)/iy;
/** A `data-pagefind-*` attribute Pagefind reads wherever it is, inside an ignored element too: all but `-ignore`. */
const READ_ATTRIBUTE = String.raw`data-pagefind-(?!ignore\b)`;
/** What Pagefind reads wherever it is on the page: outside the body, it means the page goes whole. */
const READ_ANYWHERE = new RegExp(String.raw`${READ_ATTRIBUTE}|<h1\b|<img\b`, 'i');
/** Inside an ignored element: what Pagefind still reads, or raw text where `<div` need not be a tag. */
const KEEP_IGNORED = new RegExp(String.raw`${READ_ATTRIBUTE}|<(?:script|style|textarea|title|template|xmp|noscript|plaintext|iframe|noembed|noframes)\b`, 'i');

/**
 * The start tag whose attribute `attribute` (` data-pagefind-…`, with its leading space) is at `at`: its `<` and
 * name, or undefined when the text there is not that attribute — it ends in a longer name, or it is page text or
 * part of a quoted value (an agent's description in a `title` may say anything). Astro writes attribute values in
 * double quotes with `<` and `>` escaped, so inside a start tag there is no `>`, and outside a value an even number
 * of `"` since the `<`.
 */
function tagAt(html: string, at: number, attribute: string): { start: number; name: string } | undefined {
  const next = html[at + attribute.length];
  if (next !== undefined && !/[\t\n\f\r =>/]/.test(next)) return undefined;
  const start = html.lastIndexOf('<', at);
  if (start < 0 || html.indexOf('>', start) < at) return undefined;
  let quotes = 0;
  for (let q = html.indexOf('"', start); q !== -1 && q < at; q = html.indexOf('"', q + 1)) quotes++;
  if (quotes % 2) return undefined;
  TAG_NAME.lastIndex = start;
  const name = TAG_NAME.exec(html)?.[1];
  return name ? { start, name } : undefined;
}

/** Per element name, its start and end tags, found in one pass. */
const TAGS = new Map<string, RegExp>();

/** The index just past the end tag that closes the `name` element starting at `start`, or -1. */
function closeOf(html: string, name: string, start: number): number {
  let tags = TAGS.get(name);
  if (!tags) TAGS.set(name, (tags = new RegExp(`<${name}[\\t\\n\\f\\r >/]|</${name}[\\t\\n\\f\\r ]*>`, 'gi')));
  tags.lastIndex = start;
  let depth = 0;
  for (let tag = tags.exec(html); tag; tag = tags.exec(html)) {
    if (tag[0][1] !== '/') depth++;
    else if (--depth === 0) return tag.index + tag[0].length;
  }
  return -1;
}

/** `html` without its ignored elements that hold nothing Pagefind reads. */
function withoutIgnored(html: string): string {
  const kept: string[] = [];
  let from = 0;
  for (let at = html.indexOf(IGNORE); at !== -1; at = html.indexOf(IGNORE, Math.max(at + 1, from))) {
    const tag = tagAt(html, at, IGNORE);
    if (!tag || tag.start < from) continue;
    const end = closeOf(html, tag.name, tag.start);
    if (end < 0) break;
    if (KEEP_IGNORED.test(html.slice(tag.start, end))) continue;
    kept.push(html.slice(from, tag.start));
    from = end;
  }
  kept.push(html.slice(from));
  return kept.join('');
}

/** What of `html` Pagefind reads, as a page of its own; `html` itself when that is not plain (see above). */
export function searchedPart(html: string): string {
  const at = html.indexOf(BODY);
  if (at < 0 || html.indexOf(BODY, at + BODY.length) >= 0) return html;
  const tag = tagAt(html, at, BODY);
  const end = tag ? closeOf(html, tag.name, tag.start) : -1;
  if (!tag || end < 0 || READ_ANYWHERE.test(html.slice(0, tag.start)) || READ_ANYWHERE.test(html.slice(end))) return html;
  const root = /<html\b[^>]*>/i.exec(html.slice(0, tag.start))?.[0] ?? '<html>';
  return `${root}<body>${withoutIgnored(html.slice(tag.start, end))}</body></html>`;
}
