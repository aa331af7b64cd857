/**
 * Install snippets: one-line commands that fetch an agent's raw file into a Claude Code agents folder.
 * Shared by the agent page, the search dialog's copy shortcut and the guide.
 */
import { NAME_PATTERN } from './claude-code.ts';

export type InstallScope = 'project' | 'user';

export interface InstallCommands {
  /** Absolute URL of the raw `.md` file. */
  url: string;
  /** File name written into the agents folder. */
  fileName: string;
  project: { bash: string; powershell: string };
  user: { bash: string; powershell: string };
}

/** The file name to install as: the agent's name when it is a safe file name, else its slug. */
export function installFileName(name: string, slug: string): string {
  return `${NAME_PATTERN.test(name) ? name : slug}.md`;
}

/** `https://host` + `/base/` + `agents/<slug>.md` */
export function rawFileUrl(siteUrl: string, basePath: string, slug: string): string {
  return `${siteUrl.replace(/\/+$/, '')}${basePath}agents/${encodeURIComponent(slug)}.md`;
}

/** Single-quote for POSIX shells and PowerShell alike (slugs and safe names never contain quotes, but URLs may). */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./~-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

function psQuote(value: string): string {
  return /^[\w@%+=:,./~-]+$/.test(value) ? value : `'${value.replace(/'/g, "''")}'`;
}

export function installCommands(siteUrl: string, basePath: string, slug: string, name: string): InstallCommands {
  const url = rawFileUrl(siteUrl, basePath, slug);
  const fileName = installFileName(name, slug);
  const bash = (dir: string) => `mkdir -p ${dir} && curl -fsSL ${shellQuote(url)} -o ${dir}/${fileName}`;
  const powershell = (dir: string) =>
    `New-Item -ItemType Directory -Force ${dir} | Out-Null; Invoke-WebRequest ${psQuote(url)} -OutFile ${dir}/${fileName}`;
  return {
    url,
    fileName,
    project: { bash: bash('.claude/agents'), powershell: powershell('.claude/agents') },
    user: { bash: bash('~/.claude/agents'), powershell: powershell('$HOME/.claude/agents') },
  };
}
