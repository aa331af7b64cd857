/**
 * Internal links and absolute URLs. Every link goes through `withBase` so the site works under a non-root
 * BASE_PATH; `absoluteUrl` is for text a reader pastes elsewhere (install commands, canonical links).
 */
import { settings } from '../settings.ts';
import { slugify } from './format.ts';

export { slugify };

/** `import.meta.env.BASE_URL` with exactly one trailing slash. */
export const base = import.meta.env.BASE_URL.replace(/\/*$/, '/');

/** `withBase('agents/x/')` → `/docs/agents/x/` when BASE_PATH is `/docs/`. */
export function withBase(path = ''): string {
  return base + path.replace(/^\/+/, '');
}

export function absoluteUrl(path = ''): string {
  return settings.siteUrl + withBase(path);
}

export const agentPath = (slug: string) => withBase(`agents/${slug}/`);
export const rawPath = (slug: string) => withBase(`agents/${slug}.md`);
export const categoryAnchor = (category: string) => `category-${slugify(category)}`;
