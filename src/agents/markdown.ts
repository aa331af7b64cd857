/**
 * Markdown → safe HTML for agent text. Agent prompts use tags such as `<example>` as plain text, so raw HTML is
 * never interpreted: markdown-it with `html: false` escapes it and shows it exactly as written. Links and images
 * keep only http(s), mailto and relative URLs; anything else (javascript:, data:, vbscript:…) stays plain text.
 */
import MarkdownIt, { type MarkdownIt as Markdown, type Token } from 'markdown-it';
import type { Heading } from './types.ts';
import { AGENT_SECTIONS } from './page-sections.ts';

const SAFE_SCHEME = /^(?:https?:|mailto:)/i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** True for URLs we are willing to put in href/src. Control characters and whitespace are ignored as browsers do. */
export function isSafeUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  return SAFE_SCHEME.test(cleaned) || !ANY_SCHEME.test(cleaned);
}

/** An attribute as text: markdown-it types values `string | number` (it sets an ordered list's `start` as a number). */
const attr = (token: Token | undefined, name: string): string => String(token?.attrGet(name) ?? '');

function createRenderer(): Markdown {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.validateLink = isSafeUrl;
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
  md.renderer.rules.link_open = (tokens, i, options, env, self) => {
    const href = attr(tokens[i], 'href');
    if (/^https?:/i.test(href)) tokens[i].attrSet('rel', 'nofollow noopener noreferrer');
    return defaultLinkOpen(tokens, i, options, env, self);
  };
  // Images become links: the site's CSP loads images from itself only (no tracking pixels from agent files), and a
  // relative image path points into the agent's own repository, not this site.
  md.renderer.rules.image = (tokens, i) => {
    const token = tokens[i];
    const src = attr(token, 'src');
    const alt = md.utils.escapeHtml(token.content || src);
    return `<a class="image-link" href="${md.utils.escapeHtml(src)}" rel="nofollow noopener noreferrer">Image: ${alt}</a>`;
  };
  // Headings come out as the site's AnchorHeading does: the "#" link beside the heading, not inside it, so the
  // heading's accessible name and its search sub-result title are only its text.
  md.renderer.rules.heading_open = (tokens, i, options, _env, self) => `<div class="heading-wrap">${self.renderToken(tokens, i, options)}`;
  md.renderer.rules.heading_close = (tokens, i) => {
    const id = attr(tokens[i - 2], 'id');
    const anchor = id
      ? `<a class="heading-anchor" href="#${md.utils.escapeHtml(id)}" data-pagefind-ignore><span class="visually-hidden">Link to this section</span><span aria-hidden="true">#</span></a>`
      : '';
    return `</${tokens[i].tag}>${anchor}</div>\n`;
  };
  return md;
}

const md = createRenderer();

/** Turn heading text into an anchor id: lowercase, letters/digits/hyphens, never empty. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || 'section';
}

/** Hands out unique ids, starting from ids the page already uses. */
export class IdAllocator {
  private readonly used: Set<string>;
  constructor(reserved: Iterable<string> = []) {
    this.used = new Set(reserved);
  }
  take(base: string): string {
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}

/**
 * Ids the agent page uses itself, which body headings never take: the layout's `<main>`, the page's sections
 * (page-sections.ts) and the prompt's table of contents (TableOfContents.astro).
 */
export const PAGE_IDS = ['main-content', ...AGENT_SECTIONS.map((s) => s.id), 'contents'];

export interface RenderedMarkdown {
  html: string;
  outline: Heading[];
}

/**
 * Render a prompt body: headings get unique ids (the outline) and anchor links, and move down so the highest
 * is `topLevel` (the page's own h1/h2 stay the page's; a `#` in a prompt never becomes a second h1).
 */
export function renderBody(source: string, topLevel = 3): RenderedMarkdown {
  const env = {};
  const tokens = md.parse(source, env);
  const ids = new IdAllocator(PAGE_IDS);
  const outline: Heading[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type !== 'heading_open') continue;
    const inline = tokens[i + 1];
    const text = plainText(inline?.children ?? []);
    const slug = ids.take(/^example-\d+$/.test(slugify(text)) ? `prompt-${slugify(text)}` : slugify(text));
    token.attrSet('id', slug);
    outline.push({ depth: Number(token.tag.slice(1)), text, slug });
  }
  const shift = Math.max(0, topLevel - Math.min(topLevel, ...outline.map((h) => h.depth)));
  for (const token of tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + shift)}`;
  }
  return { html: flat(md.renderer.render(tokens, md.options, env)), outline };
}

/**
 * The renderer builds its HTML by appending thousands of small pieces, which V8 keeps as a rope: a tree of pieces
 * about twice the size of the text. A catalog's rendered prompts stay in memory for the whole build, so each is
 * copied into one flat string (~20 µs for a 30 KB prompt): at 5,000 agents the heap after loading fell from ~720
 * to ~440 MB, and V8 keeps a heap's pages for the rest of the build once it has grown.
 */
function flat(html: string): string {
  return Buffer.from(html, 'utf8').toString('utf8');
}

/** Render markdown without heading ids (descriptions, principle texts). */
export function renderMarkdown(source: string): string {
  return flat(md.render(source));
}

/** Render one paragraph's worth of inline markdown (no wrapping <p>). */
export function renderInline(source: string): string {
  return md.renderInline(source);
}

type InlineToken = { type: string; content: string; children: InlineToken[] | null };

function plainText(children: InlineToken[]): string {
  return children
    .map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : child.children ? plainText(child.children) : ''))
    .join('')
    .trim();
}

/** Strip markdown emphasis, code ticks and links down to the words a reader sees. */
export function markdownToPlain(source: string): string {
  return source
    // Brackets and parentheses are excluded inside, so a run of `[` or `](` costs linear time, not quadratic.
    .replace(/!\[([^[\]]*)\]\([^()]*\)/g, '$1')
    .replace(/\[([^[\]]*)\]\([^()]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}
