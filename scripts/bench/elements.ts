/**
 * How many elements a built page has, and which page of a build has the most. Lighthouse flags a large DOM (it
 * counts the body's elements); the budget counts every element the browser's parser makes of the HTML as served,
 * before any script runs, so `<html>`, `<head>` and what is in it count too.
 *
 * A counting scanner, not a parser: the site's HTML is the build's own and well formed. It skips comments, the
 * doctype and CDATA, does not look for tags inside raw-text elements (`<script>`, `<style>`, `<textarea>`, `<title>`,
 * and `<noscript>`, which a browser with scripting on reads as text), reads quoted attribute values whole (a `>` or
 * `<` inside one is not a tag), leaves out a `<template>`'s content (it is not part of the document until a script
 * clones it) and adds the `<html>`, `<head>` and `<body>` the parser supplies when the markup omits them. It does not
 * model other elements the parser adds or moves (an implied `<tbody>`, misnested tags).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'noscript', 'xmp', 'iframe', 'noembed', 'noframes']);
const TAG_NAME = /[a-zA-Z][^\s/>]*/y;
const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** Index just past the `>` that ends the start tag whose attributes begin at `from` (quoted values read whole). */
function endOfTag(html: string, from: number): number {
  let afterEquals = false;
  for (let i = from; i < html.length; i++) {
    const c = html[i];
    if (c === '>') return i + 1;
    if ((c === '"' || c === "'") && afterEquals) {
      const close = html.indexOf(c, i + 1);
      if (close < 0) return html.length;
      i = close;
      afterEquals = false;
    } else if (c === '=') afterEquals = true;
    else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r' && c !== '\f') afterEquals = false;
  }
  return html.length;
}

/** Index of the end tag `</name` (any case) at or after `from`, or the end of the text. */
const END_TAGS = new Map<string, RegExp>();
function endTagAt(html: string, name: string, from: number): number {
  let pattern = END_TAGS.get(name);
  if (!pattern) END_TAGS.set(name, (pattern = new RegExp(`</${name}[\\s/>]`, 'ig')));
  pattern.lastIndex = from;
  return pattern.exec(html)?.index ?? html.length;
}

/** The index just past a `<template>`'s content and end tag, templates nested inside it included. */
function pastTemplate(html: string, from: number): number {
  const pattern = /<(\/?)template[\s/>]/gi;
  pattern.lastIndex = from;
  let depth = 1;
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return endOfTag(html, match.index + match[0].length - 1);
  }
  return html.length;
}

/** Number of elements in the document a browser parses from `html` (see the module comment for what counts). */
export function countElements(html: string): number {
  let count = 0;
  const implied = new Set(['html', 'head', 'body']);
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const next = html.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      const [open, close] = html.startsWith('<!--', lt) ? ['<!--', '-->'] : html.startsWith('<![CDATA[', lt) ? ['<![CDATA[', ']]>'] : ['<!', '>'];
      const end = html.indexOf(close, lt + open.length);
      i = end < 0 ? html.length : end + close.length;
      continue;
    }
    if (!isLetter(next)) {
      i = lt + 1; // an end tag, `<?…>` or a lone `<` in text: no element
      continue;
    }
    TAG_NAME.lastIndex = lt + 1;
    const name = TAG_NAME.exec(html)![0].toLowerCase();
    count++;
    implied.delete(name);
    i = endOfTag(html, lt + 1 + name.length);
    if (name === 'template') i = pastTemplate(html, i);
    else if (RAW_TEXT.has(name)) i = endTagAt(html, name, i);
  }
  return count + implied.size;
}

export interface PageElements {
  /** URL path of the page (`/agents/x/`, `/404.html`). */
  page: string;
  elements: number;
}

export interface BuildElements {
  /** Elements of each page, by URL path. */
  counts: Map<string, number>;
  /** The page with the most elements. */
  largest: PageElements | undefined;
  /** Pages over `limit`, most elements first. */
  over: PageElements[];
}

/** URL path of a built HTML file: `a/index.html` → `/a/`, `404.html` → `/404.html`. */
export function pageForFile(outDir: string, file: string): string {
  const relative = path.relative(outDir, file).split(path.sep).join('/');
  return `/${relative.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** Counts the elements of every HTML page under `outDir`, a few files read at a time. */
export async function countBuildElements(outDir: string, limit: number): Promise<BuildElements> {
  const files = (await readdir(outDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => path.join(entry.parentPath, entry.name));
  const counted: PageElements[] = [];
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++];
      // Read as latin1: tags are ASCII and no byte of a multi-byte UTF-8 character is `<`, `>` or a quote, so the
      // count is the same, and decoding and scanning one-byte strings take half the time (5,000 pages: ~4 s, not ~9).
      counted.push({ page: pageForFile(outDir, file), elements: countElements(await readFile(file, 'latin1')) });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  counted.sort((a, b) => b.elements - a.elements || a.page.localeCompare(b.page));
  return {
    counts: new Map(counted.map((p) => [p.page, p.elements])),
    largest: counted[0],
    over: counted.filter((p) => p.elements > limit),
  };
}
