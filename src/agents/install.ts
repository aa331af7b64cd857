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

/** The agents folder of each scope, as each shell writes it. */
const DIRS = { project: { bash: '.claude/agents', powershell: '.claude/agents' }, user: { bash: '~/.claude/agents', powershell: '$HOME/.claude/agents' } };
const mkdir = { bash: (dir: string) => `mkdir -p ${dir}`, powershell: (dir: string) => `New-Item -ItemType Directory -Force ${dir} | Out-Null` };
const fetchTo = {
  bash: (url: string, dir: string, file: string) => `curl -fsSL ${shellQuote(url)} -o ${dir}/${file}`,
  powershell: (url: string, dir: string, file: string) => `Invoke-WebRequest ${psQuote(url)} -OutFile ${dir}/${file}`,
};

export function installCommands(siteUrl: string, basePath: string, slug: string, name: string): InstallCommands {
  const url = rawFileUrl(siteUrl, basePath, slug);
  const fileName = installFileName(name, slug);
  const bash = (dir: string) => `${mkdir.bash(dir)} && ${fetchTo.bash(url, dir, fileName)}`;
  const powershell = (dir: string) => `${mkdir.powershell(dir)}; ${fetchTo.powershell(url, dir, fileName)}`;
  return {
    url,
    fileName,
    project: { bash: bash(DIRS.project.bash), powershell: powershell(DIRS.project.powershell) },
    user: { bash: bash(DIRS.user.bash), powershell: powershell(DIRS.user.powershell) },
  };
}

/** One agent of a selection, as the build describes it (`/selection.json`). */
export interface SelectedAgent {
  slug: string;
  /** The file name to install as (`installFileName`). */
  fileName: string;
  /** The plugin it ships in, when the catalog can install that plugin with `/plugin install`. */
  plugin?: PluginCommands;
}

export interface InstallAll {
  /** The agents fetched as files, each with the name it is saved under (unique within the selection). */
  files: { slug: string; url: string; fileName: string }[];
  /** One command per scope and shell that fetches every file; empty strings when there are no files. */
  project: { bash: string; powershell: string };
  user: { bash: string; powershell: string };
  /** Claude Code's slash commands for the agents that ship in plugins: each marketplace added once, each plugin installed once. */
  plugins: string[];
  /** True when a plugin's marketplace location is unknown, so its `/plugin marketplace add` line is missing. */
  pluginSourceMissing: boolean;
}

/** The agents with the file names they are saved under: a name two of them share is replaced by each one's slug. */
export function uniqueFileNames<T extends { slug: string; fileName: string }>(agents: readonly T[]): T[] {
  const count = new Map<string, number>();
  for (const agent of agents) count.set(agent.fileName, (count.get(agent.fileName) ?? 0) + 1);
  return agents.map((agent) => (count.get(agent.fileName)! > 1 ? { ...agent, fileName: `${agent.slug}.md` } : agent));
}

/**
 * Install a whole selection at once: for agents of the catalog's plugins, the `/plugin` lines (deduplicated); for the
 * others, one command per scope and shell that makes the agents folder and fetches each raw file into it, as the
 * single-agent command does. Two agents that would be saved under one file name are saved under their slugs.
 */
export function installAllCommands(siteUrl: string, basePath: string, agents: readonly SelectedAgent[]): InstallAll {
  const files = uniqueFileNames(agents.filter((agent) => !agent.plugin)).map((agent) => ({
    slug: agent.slug,
    url: rawFileUrl(siteUrl, basePath, agent.slug),
    fileName: agent.fileName,
  }));
  const command = (scope: InstallScope, shell: 'bash' | 'powershell') => {
    if (!files.length) return '';
    const dir = DIRS[scope][shell];
    const fetches = files.map((file) => fetchTo[shell](file.url, dir, file.fileName));
    // bash: one command that stops at the first failure; PowerShell: one statement a line.
    return shell === 'bash' ? [mkdir.bash(dir), ...fetches].join(' \\\n  && ') : [mkdir.powershell(dir), ...fetches].join('\n');
  };
  const plugins = new Set<string>();
  for (const { plugin } of agents) if (plugin?.add) plugins.add(plugin.add);
  for (const { plugin } of agents) if (plugin) plugins.add(plugin.install);
  return {
    files,
    project: { bash: command('project', 'bash'), powershell: command('project', 'powershell') },
    user: { bash: command('user', 'bash'), powershell: command('user', 'powershell') },
    plugins: [...plugins],
    pluginSourceMissing: agents.some((agent) => agent.plugin && !agent.plugin.add),
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

/** The slash command that adds a marketplace to Claude Code, from where people fetch it. */
export const marketplaceAddCommand = (source: string) => `/plugin marketplace add ${source}`;

/** The two slash commands that install a marketplace's plugin in Claude Code. */
export function pluginCommands(source: string | undefined, plugin: string, marketplace: string): PluginCommands {
  return { ...(source ? { add: marketplaceAddCommand(source) } : {}), install: `/plugin install ${plugin}@${marketplace}` };
}
