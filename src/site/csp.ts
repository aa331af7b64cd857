/**
 * The Content-Security-Policy every page carries, and the check of one built page against it (`securePage`): pure
 * functions of the page's text, run wherever the page was rendered (the build's main thread or a render worker,
 * src/integrations/page-steps.ts). The layout hashes its inline theme script with `sha256`; the integration that
 * turns the policy on and fails the build on a problem is src/integrations/csp.ts.
 *
 * What a page must satisfy:
 *   - the policy is the first thing in `<head>` after the charset (a meta policy only covers what follows it);
 *   - every inline `<script>` and `<style>` is covered by a hash in the policy — otherwise the build fails, because
 *     an inline script nobody hashed is either a bug or content that escaped;
 *   - `style` attributes (agent colours as CSS custom properties) are allowed one by one with `'unsafe-hashes'`, and
 *     only when they match a narrow grammar (custom properties set to a hex colour or a `var(--ad-…)` token).
 * Pagefind needs `'wasm-unsafe-eval'` for its WebAssembly; nothing else may evaluate code.
 */
import { createHash } from 'node:crypto';

/** The policy beyond `script-src`/`style-src`, which Astro writes with its hashes. */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];
export const SCRIPT_SOURCES = ["'self'", "'wasm-unsafe-eval'"];

/**
 * A CSP hash source; typed as one so Astro's `insertScriptHash` takes it as it is. `encoding` `latin1` for a page
 * read as its bytes (securePage), whose hash is over those bytes.
 */
export const sha256 = (text: string, encoding: 'utf8' | 'latin1' = 'utf8'): `sha256-${string}` => `sha256-${createHash('sha256').update(text, encoding).digest('base64')}`;

/** HTML's and CSS's white space (U+00A0 is none, nor is a byte of a page read as bytes), as a class. */
const WS = String.raw`[\t\n\f\r ]`;

/**
 * What a style attribute may hold: custom properties (agent colours), colours and a few keywords (Shiki's code
 * blocks in the guide), as `;`-separated declarations. No `url(`, quotes or functions but `var(--ad-…)`, so nothing
 * in one can fetch, escape the attribute or inject rules.
 */
const STYLE_VALUE = String.raw`(?:#[0-9a-f]{3,8}|var\(--ad-[a-z0-9-]+\)|transparent|auto|hidden|scroll|italic|bold|normal|underline|none)`;
const STYLE_PROPERTY = String.raw`(?:--[a-z][a-z0-9-]*|color|background-color|overflow-x|font-style|font-weight|text-decoration)`;
const SAFE_STYLE = new RegExp(String.raw`^${WS}*(?:${STYLE_PROPERTY}${WS}*:${WS}*${STYLE_VALUE}${WS}*(?:;${WS}*|$))+$`, 'i');

export interface Tag {
  name: string;
  attrs: Map<string, string>;
  /** Text of a raw-text element (`script`, `style`); '' for others. */
  text: string;
  start: number;
  end: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" };
const decode = (value: string) => (value.includes('&') ? value.replace(/&(amp|lt|gt|quot|apos|#39|#x27);/g, (_, e: string) => ENTITIES[e]) : value);

/** A start tag's name, at most 63 characters (what a 64-character look-ahead holds), matched in place. */
const OPEN = /<[a-zA-Z][a-zA-Z0-9-]{0,62}/y;
const CLOSING = { script: /<\/script/gi, style: /<\/style/gi };
/**
 * One attribute (name, and its value double-quoted, single-quoted or bare) or a `/`, from where a tag's name ends.
 * White space is HTML's (`\s` also takes U+00A0, which is no separator in HTML, and a byte of a page read as bytes).
 */
const ATTRIBUTE = new RegExp(String.raw`${WS}*([^\t\n\f\r "'>/=]+)(?:${WS}*=${WS}*(?:"([^"]*)"|'([^']*)'|([^\t\n\f\r >]+)))?|${WS}*\/`, 'y');
/**
 * All of a start tag's attributes at once: ATTRIBUTE repeated (its groups made non-capturing), ending where ATTRIBUTE
 * would stop matching (nothing follows the repetition, so the engine never backtracks into it). Used to step over the
 * attributes of a tag `keep` turns down, without reading each.
 */
const ATTRIBUTES = new RegExp(`(?:${ATTRIBUTE.source.replace(/\((?!\?)/g, '(?:')})*`, 'y');

/** A start tag's attributes, from `from` (where its name ends) to `to` (where ATTRIBUTES stopped). */
function attributesOf(html: string, from: number, to: number): Map<string, string> {
  const attrs = new Map<string, string>();
  for (let j = from; j < to; j = ATTRIBUTE.lastIndex) {
    ATTRIBUTE.lastIndex = j;
    const m = ATTRIBUTE.exec(html);
    if (!m) break;
    if (m[1]) {
      const key = m[1].toLowerCase();
      if (!attrs.has(key)) attrs.set(key, decode(m[2] ?? m[3] ?? m[4] ?? ''));
    }
  }
  return attrs;
}

/**
 * The start tags of an HTML document, with attributes, as a browser tokenizes them (enough of it for output
 * written by Astro): quoted attribute values may contain `<` and `>`, comments and raw-text elements are skipped.
 * `keep`, given a tag's name (lower case) and the text of its attributes, says which tags to return: the others'
 * attributes are stepped over, not read (a page has ~1,500 tags and the CSP check wants a few of them).
 */
export function scanTags(html: string, keep?: (name: string, attributes: string) => boolean): Tag[] {
  const tags: Tag[] = [];
  let i = 0;
  while ((i = html.indexOf('<', i)) !== -1) {
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      i = close === -1 ? html.length : close + 3;
      continue;
    }
    // Sticky expressions matched in place: slicing the page or compiling a pattern per tag costs more than the scan.
    // (`test`, not `exec`: no array of matches for each of a page's ~1,500 tags.)
    OPEN.lastIndex = i;
    if (!OPEN.test(html)) {
      i++;
      continue;
    }
    const from = OPEN.lastIndex;
    const name = html.slice(i + 1, from).toLowerCase();
    ATTRIBUTES.lastIndex = from;
    ATTRIBUTES.test(html);
    const to = ATTRIBUTES.lastIndex;
    const gt = html.indexOf('>', to);
    const end = gt === -1 ? html.length : gt + 1;
    let text = '';
    let after = end;
    if (name === 'script' || name === 'style') {
      // A case-insensitive search from here. (Searching a lower-cased copy of the page instead hits a V8 slow path
      // once this function is optimised: ~300 ms per 50 KB page.)
      const closing = CLOSING[name as 'script' | 'style'];
      closing.lastIndex = end;
      const close = closing.exec(html)?.index ?? -1;
      text = html.slice(end, close === -1 ? html.length : close);
      after = close === -1 ? html.length : close;
    }
    if (!keep || keep(name, html.slice(from, to))) tags.push({ name, attrs: attributesOf(html, from, to), text, start: i, end });
    i = after;
  }
  return tags;
}

/** Splits a policy into directive name → sources. */
export function parsePolicy(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !out.has(name.toLowerCase())) out.set(name.toLowerCase(), sources);
  }
  return out;
}

export interface PageProblem {
  file: string;
  message: string;
}

/** The tags the check reads: the policy and charset `<meta>`, `<head>`, inline scripts and styles, style attributes. */
const checked = (name: string, attributes: string) => name === 'meta' || name === 'script' || name === 'style' || name === 'head' || /style/i.test(attributes);

/**
 * Checks and completes one page's policy. Returns the new HTML, or problems when the page cannot be made to
 * work under its policy without weakening it. `html` is text, or with `latin1` the page's UTF-8 bytes read one
 * character per byte (src/integrations/page-steps.ts): hashes are then taken over those bytes, which is what a
 * browser hashes, and the problems quote the page as text.
 */
export function securePage(file: string, html: string, encoding: 'utf8' | 'latin1' = 'utf8'): { html: string; problems: PageProblem[] } {
  const problems: PageProblem[] = [];
  const problem = (message: string) => problems.push({ file, message });
  const hash = (text: string) => `'${sha256(text, encoding)}'`;
  const quote = (text: string) => JSON.stringify(encoding === 'latin1' ? Buffer.from(text, 'latin1').toString('utf8') : text);
  const tags = scanTags(html, checked);
  const metas = tags.filter((t) => t.name === 'meta' && t.attrs.get('http-equiv')?.toLowerCase() === 'content-security-policy');
  if (metas.length !== 1) {
    problem(`has ${metas.length} Content-Security-Policy <meta> elements, expected exactly one`);
    return { html, problems };
  }
  const [meta] = metas;
  const policy = parsePolicy(meta.attrs.get('content') ?? '');
  const allowed = (directive: string) => new Set([...(policy.get(`${directive}-elem`) ?? policy.get(directive) ?? [])]);
  const scripts = allowed('script-src');
  const styles = allowed('style-src');

  for (const tag of tags) {
    if (tag.name === 'script' && !tag.attrs.has('src') && !/^(application\/(ld\+)?json|speculationrules)$/i.test(tag.attrs.get('type') ?? '')) {
      if (!scripts.has(hash(tag.text))) problem(`has an inline <script> not covered by a hash: ${quote(tag.text.trim().slice(0, 80))}`);
    }
    if (tag.name === 'style' && !styles.has(hash(tag.text))) {
      problem(`has an inline <style> not covered by a hash: ${quote(tag.text.trim().slice(0, 80))}`);
    }
  }

  const styleAttrs = new Set<string>();
  for (const tag of tags) {
    const style = tag.attrs.get('style');
    if (style === undefined) continue;
    if (SAFE_STYLE.test(style)) styleAttrs.add(hash(style));
    else problem(`has a style attribute outside the allowed grammar on <${tag.name}>: ${quote(style.slice(0, 80))}`);
  }
  const attrDirective = styleAttrs.size ? `style-src-attr 'unsafe-hashes' ${[...styleAttrs].sort().join(' ')};` : "style-src-attr 'none';";
  const content = `${(meta.attrs.get('content') ?? '').trim().replace(/;?$/, ';')} ${attrDirective}`;
  const newMeta = `<meta http-equiv="content-security-policy" content="${content.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`;

  // A meta policy applies only to what follows it: put it straight after <meta charset>, before any script.
  // Positions come from the one scan above: both tags sit before the policy or after it, never inside it. The page
  // is put together from slices of the original in one go: slicing a page already joined from pieces copies it
  // whole first (~0.4 ms for a 60 KB page of two-byte text), once more per page than the write needs.
  const at = (tags.find((t) => t.name === 'meta' && t.attrs.has('charset')) ?? tags.find((t) => t.name === 'head'))?.end;
  if (at === undefined) {
    problem('has no <head> to put the Content-Security-Policy in');
    return { html: html.slice(0, meta.start) + html.slice(meta.end), problems };
  }
  const out =
    at <= meta.start
      ? html.slice(0, at) + newMeta + html.slice(at, meta.start) + html.slice(meta.end)
      : html.slice(0, meta.start) + html.slice(meta.end, at) + newMeta + html.slice(at);
  return { html: out, problems };
}
