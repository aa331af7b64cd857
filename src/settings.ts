/**
 * Project settings from the environment, read once. Every setting can also be passed to `agentDocs()` in
 * astro.config.mjs; the environment wins so a CI job can override a committed config.
 */
import path from 'node:path';
import { userError } from './user-error.ts';
import { readBuildWorkers } from './build-workers.ts';
import { normaliseBase, readSourceSettings, type SourceSettings } from './settings-sources.ts';

export { normaliseBase };
import type { SourceSpec } from './agents/types.ts';

export type OnError = 'fail' | 'warn';

export interface Settings {
  /** Absolute path of the folder of agent files: the first folder when AGENTS_DIR lists several (`agents/` when every source is a git repository). */
  agentsDir: string;
  /**
   * Every folder AGENTS_DIR (or AGENTS_SOURCES) lists, absolute, in order: one folder, or several separated as PATH is
   * (`./agents:../team-plugins`; `;` on Windows). Each is read as its own catalog, then joined (src/agents/sources.ts).
   */
  agentsDirs: string[];
  /** The sources as AGENTS_DIR or AGENTS_SOURCES names them (their folders are `agentsDirs`). */
  sources: SourceSpec[];
  /** FETCH_PLUGINS=1: fetch a marketplace's `github`, `url` and `git-subdir` plugins and read them (off by default). */
  fetchPlugins: boolean;
  /** FETCH_PLUGINS_CACHE: where fetched plugins are kept between builds (the Action caches this folder). */
  pluginCache: string;
  /**
   * FETCH_PLUGINS_ALLOW: what a fetch may reach besides https to public hosts: `http`, `file`, `local-hosts`
   * (comma-separated). For tests against a local git server; a marketplace's entries never widen it.
   */
  fetchAllow: { protocols: Array<'https' | 'http' | 'file'>; localHosts: boolean };
  /** Origin used in install commands, canonical links and feeds (no trailing slash). */
  siteUrl: string;
  /** Path the site is served under, always with leading and trailing `/`. */
  basePath: string;
  siteTitle: string;
  onError: OnError;
  /** Largest agent file read, in bytes; bigger files are reported, not read. */
  maxFileBytes: number;
  /** Repository whose files "View source" and "Edit this agent" link to, e.g. https://github.com/acme/agents. */
  repoUrl?: string;
  repoBranch: string;
  /** The agents folder's path inside REPO_URL's repository, when it is not AGENTS_DIR relative to the project. */
  repoAgentsPath?: string;
  /** Where people add the marketplace from (`owner/repo`, a git URL or a marketplace.json URL); else derived from REPO_URL. */
  marketplaceSource?: string;
  /** Labels for categories by name (`{"data-ai": "Data & AI"}`); other categories get one derived from their name. */
  categoryLabels: Readonly<Record<string, string>>;
  /** Whether SITE_URL was set: without it, feeds, sitemaps, link previews and canonical links name localhost. */
  siteUrlSet: boolean;
  /** BUILD_WORKERS: worker threads beside the main thread (build-workers.ts). */
  buildWorkers: number;
}

/** CATEGORY_LABELS: a JSON object of category name → label. */
function readCategoryLabels(value: string | undefined): Record<string, string> {
  if (!value?.trim()) return {};
  const example = `such as '{"data-ai": "Data & AI", "ai-agents": "AI agents"}'`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new Error(`CATEGORY_LABELS must be a JSON object of category → label, ${example}; it does not parse: ${(error as Error).message}.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`CATEGORY_LABELS must be a JSON object of category → label, ${example}.`);
  const labels: Record<string, string> = {};
  for (const [name, label] of Object.entries(parsed)) {
    if (typeof label !== 'string' || !label.trim()) throw new Error(`CATEGORY_LABELS gives "${name}" ${JSON.stringify(label)}: each label must be a non-empty string, ${example}.`);
    labels[name] = label.trim();
  }
  return labels;
}

const settingError = (message: string) => userError(message, 'The settings are environment variables; the README\'s "Configuration" lists each with its default.');


export function readSettings(env: Record<string, string | undefined> = process.env, root = process.cwd()): Settings {
  const onError = (env.AGENTS_ON_ERROR ?? 'fail').toLowerCase();
  if (onError !== 'fail' && onError !== 'warn') {
    throw settingError(`AGENTS_ON_ERROR must be "fail" or "warn", not "${env.AGENTS_ON_ERROR}".`);
  }
  const siteUrl = (env.SITE_URL || 'http://localhost:4321').replace(/\/+$/, '');
  try {
    new URL(siteUrl);
  } catch {
    throw settingError(`SITE_URL must be an absolute URL such as https://agents.example.com, not "${env.SITE_URL}".`);
  }
  const maxFileBytes = env.AGENTS_MAX_FILE_BYTES ? Number(env.AGENTS_MAX_FILE_BYTES) : 1024 * 1024;
  if (!Number.isFinite(maxFileBytes) || maxFileBytes <= 0) {
    throw settingError(`AGENTS_MAX_FILE_BYTES must be a positive number of bytes, not "${env.AGENTS_MAX_FILE_BYTES}".`);
  }
  let buildWorkers: number;
  try {
    buildWorkers = readBuildWorkers(env.BUILD_WORKERS);
  } catch (error) {
    throw settingError((error as Error).message);
  }
  let read: SourceSettings;
  try {
    read = readSourceSettings(env, root);
  } catch (error) {
    throw settingError((error as Error).message);
  }
  const { sources, agentsDirs } = read;
  return {
    agentsDir: agentsDirs[0] ?? path.resolve(root, 'agents'),
    agentsDirs,
    sources,
    fetchPlugins: read.fetchPlugins,
    pluginCache: read.pluginCache,
    fetchAllow: read.fetchAllow,
    siteUrl,
    basePath: normaliseBase(env.BASE_PATH),
    siteTitle: env.SITE_TITLE || 'Agent catalog',
    onError,
    maxFileBytes,
    repoUrl: env.REPO_URL?.replace(/\/+$/, '') || undefined,
    repoBranch: env.REPO_BRANCH || 'main',
    repoAgentsPath: env.REPO_AGENTS_PATH?.trim() || undefined,
    marketplaceSource: env.MARKETPLACE_SOURCE?.trim() || undefined,
    categoryLabels: readCategoryLabels(env.CATEGORY_LABELS),
    siteUrlSet: Boolean(env.SITE_URL?.trim()),
    buildWorkers,
  };
}

export const settings: Settings = readSettings();
