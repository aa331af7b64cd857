/**
 * The install command copied from a search result. It matches the one on the agent page: the raw file is served
 * at `<base>agents/<slug>.md`, and Claude Code reads project agents from `.claude/agents/`.
 */
import { BASE_URL } from './search-pagefind.ts';

/**
 * `/agents/<slug>/` (with or without the base path, query or hash) → `<slug>`; anything else → undefined.
 * Slugs are URL-safe by construction; the pattern also keeps anything shell-special out of the command.
 */
export function slugFromUrl(url: string): string | undefined {
  const path = url.split(/[?#]/)[0];
  return /\/agents\/([A-Za-z0-9._-]+)\/?$/.exec(path)?.[1];
}

export function installCommand(slug: string, origin = location.origin): string {
  const file = `${origin}${BASE_URL}agents/${slug}.md`;
  return `mkdir -p .claude/agents && curl -fsSL ${file} -o .claude/agents/${slug}.md`;
}
