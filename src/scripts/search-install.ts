/**
 * The install command copied from a search result: the agent page's project/bash command. The raw file is served
 * at `<site><base>agents/<slug>.md`, and Claude Code reads project agents from `.claude/agents/`.
 */
import { installCommands } from '../agents/install.ts';
import { BASE_URL } from './search-pagefind.ts';

/**
 * The configured SITE_URL (what the agent pages print), so a command copied from a preview or a mirror still
 * names the canonical file; the page's own origin only when no site is configured.
 */
const ORIGIN = (import.meta.env.SITE || location.origin).replace(/\/+$/, '');

/**
 * `/agents/<slug>/` (with or without the base path, query or hash) → `<slug>`; anything else → undefined.
 * Slugs are URL-safe by construction; the pattern also keeps anything shell-special out of the command.
 */
export function slugFromUrl(url: string): string | undefined {
  const path = url.split(/[?#]/)[0];
  return /\/agents\/([A-Za-z0-9._-]+)\/?$/.exec(path)?.[1];
}

/** The same command the agent page shows first (project scope, bash), from the one install module. */
export function installCommand(slug: string): string {
  return installCommands(ORIGIN, BASE_URL, slug, slug).project.bash;
}
