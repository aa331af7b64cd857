/**
 * The install snippet's choices and commands for this site: the commands come from src/agents/install.ts,
 * with this build's SITE_URL and BASE_PATH.
 */
import { installCommands as commandsFor, type InstallCommands } from '../agents/install.ts';
import { settings } from '../settings.ts';
import { base } from './urls.ts';

export { installFileName } from '../agents/install.ts';
export type Scope = 'project' | 'user';
export type Shell = 'bash' | 'powershell';

export const SCOPES: { id: Scope; label: string; dir: string; hint: string }[] = [
  { id: 'project', label: 'This project', dir: '.claude/agents/', hint: 'Run it in the project folder; commit the file to share the agent with your team.' },
  { id: 'user', label: 'All my projects', dir: '~/.claude/agents/', hint: 'Available in every project on this computer.' },
];
/** The third choice on agents of a marketplace plugin (InstallSnippet.astro). */
export const PLUGIN_SCOPE = { id: 'plugin', label: 'Whole plugin', dir: '', hint: '' } as const;

export const SHELLS: { id: Shell; label: string }[] = [
  { id: 'bash', label: 'bash' },
  { id: 'powershell', label: 'PowerShell' },
];

export function installCommands(slug: string, name: string): InstallCommands {
  return commandsFor(settings.siteUrl, base, slug, name);
}
