/**
 * The install command copied from a search result: the agent page's project/bash command. The raw file is served
 * at `<site><base>agents/<slug>.md`, and Claude Code reads project agents from `.claude/agents/`.
 */
import { installCommands } from '../agents/install.ts';
import { BASE_URL } from './search-pagefind.ts';
import { siteOrigin } from './site-url.ts';

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
  // Where this page was loaded from, as the agent pages show it (site-url.ts).
  return installCommands(siteOrigin(), BASE_URL, slug, slug).project.bash;
}
