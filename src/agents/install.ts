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

/**
 * Where people add the marketplace from, for `/plugin marketplace add …`: MARKETPLACE_SOURCE when set; else the
 * repository (REPO_URL) when the marketplace is at its root: `owner/repo` on GitHub, the git URL elsewhere.
 * Undefined when neither says it: the page then says how to set it rather than print a wrong command.
 */
export function marketplaceSource(options: { marketplaceSource?: string; repoUrl?: string; folderInRepo?: readonly string[] }): string | undefined {
  if (options.marketplaceSource?.trim()) return options.marketplaceSource.trim();
  if (!options.repoUrl || !options.folderInRepo || options.folderInRepo.length > 0) return undefined;
  let url: URL;
  try {
    url = new URL(options.repoUrl);
  } catch {
    return undefined;
  }
  const parts = url.pathname.replace(/\.git$/, '').split('/').filter(Boolean);
  if (url.hostname === 'github.com' && parts.length === 2) return `${parts[0]}/${parts[1]}`;
  return `${options.repoUrl.replace(/\/+$/, '').replace(/\.git$/, '')}.git`;
}

export interface PluginCommands {
  /** `/plugin marketplace add <source>`; undefined when the marketplace's location is not known. */
  add?: string;
  /** `/plugin install <plugin>@<marketplace>` */
  install: string;
}

/** The two slash commands that install a marketplace's plugin in Claude Code. */
export function pluginCommands(source: string | undefined, plugin: string, marketplace: string): PluginCommands {
  return { ...(source ? { add: `/plugin marketplace add ${source}` } : {}), install: `/plugin install ${plugin}@${marketplace}` };
}
