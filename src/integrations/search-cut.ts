/**
 * The part of a built page Pagefind reads, cut out before the page crosses to Pagefind's process. On a page with a
 * `data-pagefind-body` element (Base.astro's `<main>` on every indexed page) Pagefind indexes that element alone, minus
 * its `data-pagefind-ignore` parts, and takes the language from `<html lang>`. An agent page is ~60 KB, of which the
 * index reads ~15 KB: sending only that took ~2.5 s of CPU off a 1,000-agent build (JSON-encoding pages into
 * Pagefind's pipe, its HTML parsing, and this side's `spacedForSearch` over the whole page), for the same index.
 *
 * The cut only leaves out what Pagefind would not read, and gives up (the page goes whole, or the rest of the body
 * stays as it is) wherever that is not plain:
 *   - no `data-pagefind-body`, or the text occurs more than once (a prompt may quote it);
 *   - outside the body, any `data-pagefind-*` other than `-ignore` (metadata and filters count anywhere on a page),
 *     an `<h1>` or an `<img>` (Pagefind's default title and image);
 *   - an ignored element is kept when it holds `data-pagefind-*` other than `-ignore` (the search metadata is in an
 *     ignored element, and Pagefind still reads its filters);
 *   - an element's extent is found by its tags, stepping over the text of `<script>`, `<style>`, `<textarea>` and
 *     `<title>` (a `</div>` in a script is no tag); a comment, or an element a parser may read either way
 *     (`<noscript>`, `<iframe>`, …), ends the cut there.
 * tests/build/reproducible.test.ts indexes a whole build both ways and compares every file of the two indexes.
 */

const BODY = ' data-pagefind-body';
const IGNORE = ' data-pagefind-ignore';
const TAG_NAME = /<([a-z][a-z0-9-]*)/iy;
/** Where a tag's name ends (HTML's white space, `/` or `>`), as a look-ahead. */
const NAME_END = String.raw`(?=[\t\n\f\r />])`;
/** A `data-pagefind-*` attribute Pagefind reads wherever it is, inside an ignored element too: all but `-ignore`. */
const READ_ATTRIBUTE = String.raw`data-pagefind-(?!ignore\b)`;
/** What Pagefind reads wherever it is on the page: outside the body, it means the page goes whole. */
const READ_ANYWHERE = new RegExp(String.raw`${READ_ATTRIBUTE}|<h1\b|<img\b`, 'i');
/** What Pagefind reads inside an ignored element: such an element is kept. */
const READ_INSIDE = new RegExp(READ_ATTRIBUTE, 'i');
/** Elements whose content every HTML parser reads as text up to their own end tag (raw text and RCDATA). */
const TEXT_ONLY = new Set(['script', 'style', 'textarea', 'title']);
/** Elements a parser may read as text or as markup (`<noscript>` with scripting on or off, …): the cut gives up there. */
const EITHER_WAY = new Set(['xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);
/** Both kinds: what changes how the markup after it is read (with comments, which the scans find too). */
const SPECIAL = [...TEXT_ONLY, ...EITHER_WAY].join('|');

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

/** Per element name, the end tags of its text, from after its start tag on. */
const TEXT_ENDS = new Map<string, RegExp>();

/**
 * The index just past the end tag of the text-only element (`TEXT_ONLY`) named `name` whose start tag ends at
 * `startTagEnd` (its `>`), or -1 where that is unsure: no end tag, a start tag closed as `/>` (an `<svg>`'s `<title/>`
 * is no text element), or a script holding `<!--` (in which a `</script>` may not end it).
 */
function textEnd(html: string, name: string, startTagEnd: number): number {
  if (html[startTagEnd - 1] === '/') return -1;
  let end = TEXT_ENDS.get(name);
  if (!end) TEXT_ENDS.set(name, (end = new RegExp(`</${name}${NAME_END}`, 'gi')));
  end.lastIndex = startTagEnd;
  const close = end.exec(html);
  if (!close || (name === 'script' && html.slice(startTagEnd, close.index).includes('<!--'))) return -1;
  const after = html.indexOf('>', close.index);
  return after < 0 ? -1 : after + 1;
}

/** Per element name (or '' for none), a scan for its tags and for what changes how markup is read (`SPECIAL`). */
const SCANS = new Map<string, RegExp>();
const scanFor = (name: string): RegExp => {
  let scan = SCANS.get(name);
  if (!scan) SCANS.set(name, (scan = new RegExp(`<!--|<(\\/?)(${name ? `${name}|` : ''}${SPECIAL})${NAME_END}`, 'gi')));
  return scan;
};

type Found = { at: number; name: string; end: boolean; startTagEnd: number; unsure?: false } | { at: number; unsure: true };

/**
 * The next tag `scan` finds from its `lastIndex`, with its name in lower case; a text-only element's text is stepped
 * over (`scan` moves past its end tag). `unsure` where the markup from there on cannot be read for certain.
 */
function nextTag(html: string, scan: RegExp): Found | undefined {
  const tag = scan.exec(html);
  if (!tag) return undefined;
  const at = tag.index;
  const startTagEnd = html.indexOf('>', at);
  if (tag[0] === '<!--' || startTagEnd < 0) return { at, unsure: true };
  const name = tag[2]!.toLowerCase();
  if (tag[1]) return { at, name, end: true, startTagEnd };
  if (EITHER_WAY.has(name)) return { at, unsure: true };
  if (TEXT_ONLY.has(name)) {
    const after = textEnd(html, name, startTagEnd);
    if (after < 0) return { at, unsure: true };
    scan.lastIndex = after;
  }
  return { at, name, end: false, startTagEnd };
}

/** The index just past the end tag that closes the element whose start tag (named `name`) is at `start`, or -1. */
function closeOf(html: string, name: string, start: number): number {
  const lower = name.toLowerCase();
  const scan = scanFor(lower);
  scan.lastIndex = start;
  const first = nextTag(html, scan);
  if (!first || first.unsure || first.at !== start) return -1;
  if (TEXT_ONLY.has(lower)) return scan.lastIndex;
  let depth = 1;
  for (let tag = nextTag(html, scan); tag; tag = nextTag(html, scan)) {
    if (tag.unsure) return -1;
    if (tag.name !== lower) continue;
    if (!tag.end) depth++;
    else if (--depth === 0) return tag.startTagEnd + 1;
  }
  return -1;
}

/** `html` (an element) without its ignored elements that hold nothing Pagefind reads. */
function withoutIgnored(html: string): string {
  const kept: string[] = [];
  let from = 0;
  // Where the text of a text-only element starts and ends (an ignore attribute there is text), and from where the
  // markup is unsure: walked forward beside the ignore attributes.
  const specials = scanFor('');
  specials.lastIndex = 0;
  let text = { start: -1, end: -1 };
  let unsureFrom = Infinity;
  const textAround = (at: number) => {
    while (text.end <= at && unsureFrom === Infinity) {
      const tag = nextTag(html, specials);
      if (!tag) text = { start: Infinity, end: Infinity };
      else if (tag.unsure) unsureFrom = tag.at;
      else if (!tag.end) text = { start: tag.at, end: specials.lastIndex };
    }
  };
  for (let at = html.indexOf(IGNORE); at !== -1; at = html.indexOf(IGNORE, Math.max(at + 1, from))) {
    textAround(at);
    if (at >= unsureFrom) break;
    if (text.start < at && at < text.end) continue;
    const tag = tagAt(html, at, IGNORE);
    if (!tag || tag.start < from) continue;
    const end = closeOf(html, tag.name, tag.start);
    if (end < 0) break;
    if (READ_INSIDE.test(html.slice(tag.start, end))) continue;
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
