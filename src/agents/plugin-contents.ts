/**
 * "What installing this plugin adds": its skills, commands, hooks, MCP and LSP servers, monitors, `bin/` files,
 * settings and output styles, found where Claude Code 2.1.332 finds them (its default folders and files, and the paths
 * or inline definitions of its plugin.json and marketplace entry) and named as it names them (`plugin:skill`); held to
 * `claude plugin validate --json`'s "provides" for the same plugin (tests/fixtures/repos/claude-code-2.1.332.json).
 * Every file is read through plugin-files.ts; everything is kept as text and never run. What deserves a second look
 * before installing (a hook on every tool use, a remote MCP server, a `bin/` command…) is flagged in words.
 */
import { readFrontmatter } from './frontmatter.ts';
import { readHooks, readMcpServers } from './hooks-and-servers.ts';
import type { PluginManifests } from './types.ts';
import type { Root } from './inside.ts';
import { listPluginFolder, readPluginFile } from './plugin-files.ts';
import type { PluginContents, PluginItem } from './types.ts';

/** A hostile plugin may hold thousands of files: past this many of one kind, the rest are not listed. */
const MAX_ITEMS = 200;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asText = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));
const shorten = (s: string, max = 500) => (s.length > max ? `${s.slice(0, max)}…` : s);

/** Tool events: a hook on one of these with no matcher (or `*`) runs around every tool the session uses. */
const TOOL_EVENTS = new Set(['PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'PermissionRequest']);
/** Settings a plugin may set (Claude Code applies only these from a plugin's settings.json or `settings`). */
const PLUGIN_SETTINGS = new Set(['agent', 'subagentStatusLine']);

type Contents = Omit<PluginContents, 'agents'>;

/**
 * Read what a local plugin adds. `repoRoot` is AGENTS_DIR; `pluginRoot` the plugin's folder relative to it (`` at the
 * root); `prefix` the plugin's name in Claude Code (its plugin.json `name`, else the entry's).
 */
export async function readPluginContents(repoRoot: Root | string, pluginRoot: string, prefix: string, manifests: PluginManifests): Promise<Contents> {
  const out: Contents = { skills: [], commands: [], hooks: [], mcpServers: [], lspServers: [], monitors: [], bin: [], settings: [], outputStyles: [], unreadable: [] };
  /** A path of the plugin (`./x`, `x`) relative to AGENTS_DIR; undefined when it leaves the plugin, which Claude Code refuses. */
  const at = (p: string) => {
    const clean = (p === '.' ? '' : p.replace(/^(\.\/)+/, '')).replace(/\/+$/, '');
    if (clean.split(/[\\/]/).includes('..') || p.startsWith('/')) return undefined;
    return [pluginRoot, clean].filter(Boolean).join('/');
  };
  // Where a manifest defines a component inline, the manifest is its file.
  const manifestFile = manifests.own ? [pluginRoot, '.claude-plugin/plugin.json'].filter(Boolean).join('/') : 'marketplace entry';
  const read = async (file: string) => {
    const found = await readPluginFile(repoRoot, file);
    if (!found.ok && found.reason !== 'does not exist') out.unreadable.push({ file, reason: found.reason });
    return found.ok ? found.text : undefined;
  };
  const json = async (file: string): Promise<unknown> => {
    const text = await read(file);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      out.unreadable.push({ file, reason: `is not valid JSON (${(error as Error).message})` });
      return undefined;
    }
  };
  const meta = async (file: string) => {
    const text = await read(file);
    const data = text === undefined ? {} : readFrontmatter(text).data;
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    return { name: str(data.name), description: str(data.description) };
  };
  /** A field of the manifests: plugin.json's, then the marketplace entry's (Claude Code merges the two). */
  const declared = (field: string) => [manifests.own?.[field], manifests.entry?.[field]].filter((v) => v !== undefined);
  const paths = (value: unknown): string[] => (typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  const push = <T>(list: T[], item: T) => {
    if (list.length < MAX_ITEMS) list.push(item);
  };
  const item = (name: string, description: string | undefined, file: string): PluginItem => ({ name: `${prefix}:${name}`, ...(description ? { description } : {}), file });

  // Skills: skills/ (each folder with a SKILL.md), and the folders `skills` names (a skill, or a folder of skills).
  const skillFolders = [at('skills'), ...declared('skills').flatMap(paths).map(at)].filter((p): p is string => p !== undefined);
  const seenSkills = new Set<string>();
  for (const folder of skillFolders) {
    const entries = await listPluginFolder(repoRoot, folder);
    const own = entries.some((e) => e.kind === 'file' && e.name === 'SKILL.md');
    const candidates = own ? [folder] : entries.filter((e) => e.kind === 'folder').map((e) => `${folder}/${e.name}`);
    for (const dir of candidates) {
      const file = `${dir}/SKILL.md`;
      if (seenSkills.has(file) || !(await listPluginFolder(repoRoot, dir)).some((e) => e.name === 'SKILL.md')) continue;
      seenSkills.add(file);
      const found = await meta(file);
      push(out.skills, item(found.name ?? dir.split('/').pop()!, found.description, file));
    }
  }

  // Commands: commands/ (its .md files, subfolders becoming part of the name) unless `commands` is set, which replaces it.
  const commandFields = declared('commands');
  const addCommand = async (file: string, name: string) => push(out.commands, item(name, (await meta(file)).description, file));
  const walkCommands = async (folder: string, names: string[], depth: number) => {
    for (const entry of await listPluginFolder(repoRoot, folder)) {
      const file = `${folder}/${entry.name}`;
      if (entry.kind === 'file' && entry.name.toLowerCase().endsWith('.md')) await addCommand(file, [...names, entry.name.replace(/\.md$/i, '')].join(':'));
      else if (entry.kind === 'folder' && depth < 3) await walkCommands(file, [...names, entry.name], depth + 1);
    }
  };
  if (!commandFields.length) await walkCommands(at('commands')!, [], 0);
  for (const value of commandFields) {
    if (isObject(value)) {
      for (const [name, spec] of Object.entries(value)) {
        const source = isObject(spec) && typeof spec.source === 'string' ? at(spec.source) : undefined;
        const description = isObject(spec) && typeof spec.description === 'string' ? spec.description : source ? (await meta(source)).description : undefined;
        push(out.commands, item(name, description, source ?? manifestFile));
      }
      continue;
    }
    for (const p of paths(value).map(at)) {
      if (p === undefined) continue;
      if (p.toLowerCase().endsWith('.md')) await addCommand(p, p.split('/').pop()!.replace(/\.md$/i, ''));
      else await walkCommands(p, [], 0);
    }
  }

  /** A component's definitions: its default file, then what the manifests' `field` adds (files, or inline definitions). */
  const sources = async (defaultFile: string, field: string, skip: (one: unknown) => boolean = () => false) => {
    const found: Array<{ value: unknown; file: string }> = [];
    const first = at(defaultFile)!;
    const value = await json(first);
    if (value !== undefined) found.push({ value, file: first });
    for (const one of declared(field).flatMap((v) => (Array.isArray(v) ? v : [v]))) {
      if (skip(one)) continue;
      const file = typeof one === 'string' ? at(one) : manifestFile;
      if (file && file !== first) found.push({ value: typeof one === 'string' ? await json(file) : one, file });
    }
    return found;
  };

  // Hooks: hooks/hooks.json, and the files or inline hooks `hooks` adds.
  for (const { value, file } of await sources('hooks/hooks.json', 'hooks')) {
    if (value === undefined) continue;
    const config = isObject(value) && isObject(value.hooks) ? value.hooks : value;
    for (const hook of readHooks(config)) push(out.hooks, { ...hook, file, ...hookRisk(hook) });
  }

  // MCP servers: .mcp.json, and the files, bundles or inline servers `mcpServers` adds.
  const bundle = (one: unknown): one is string => typeof one === 'string' && /\.(mcpb|dxt)$/i.test(one);
  for (const one of declared('mcpServers').flatMap((v) => (Array.isArray(v) ? v : [v])).filter(bundle)) {
    const url = /^https?:/i.test(one);
    push(out.mcpServers, { name: one.split('/').pop()!, run: one, remote: url, file: url ? one : (at(one) ?? one), risk: 'an MCP bundle: a packaged server that runs when Claude Code starts it' });
  }
  for (const { value, file } of await sources('.mcp.json', 'mcpServers', bundle)) {
    if (!isObject(value)) continue;
    const servers = isObject(value.mcpServers) ? value.mcpServers : value;
    for (const server of readMcpServers(servers)) {
      const remote = server.remote === true;
      const run = server.run ?? server.name;
      push(out.mcpServers, { name: server.name, run, remote, file, ...(remote ? { risk: `reaches a server over the network (${hostOf(run)}): what the session sends its tools goes there` } : {}) });
    }
  }

  // LSP servers: .lsp.json, and what `lspServers` adds.
  for (const { value, file } of await sources('.lsp.json', 'lspServers')) {
    if (!isObject(value)) continue;
    for (const [name, config] of Object.entries(value)) {
      const command = isObject(config) && typeof config.command === 'string' ? config.command : asText(config);
      const args = isObject(config) && Array.isArray(config.args) ? config.args.map(asText) : [];
      const extensions = isObject(config) && isObject(config.extensionToLanguage) ? Object.keys(config.extensionToLanguage) : [];
      push(out.lspServers, { name, run: [command, ...args].join(' '), extensions, file });
    }
  }

  // Monitors: `monitors` (a file or a list), else monitors/monitors.json.
  const experimental = [manifests.own?.experimental, manifests.entry?.experimental].find(isObject);
  const monitorsField = declared('monitors')[0] ?? experimental?.monitors;
  const monitorsFile = typeof monitorsField === 'string' ? at(monitorsField) : monitorsField === undefined ? at('monitors/monitors.json') : undefined;
  const monitors = monitorsFile ? await json(monitorsFile) : monitorsField;
  for (const monitor of Array.isArray(monitors) ? monitors : []) {
    if (!isObject(monitor)) continue;
    const when = typeof monitor.when === 'string' ? monitor.when : 'always';
    const skill = when.startsWith('on-skill-invoke:') ? when.slice('on-skill-invoke:'.length) : undefined;
    push(out.monitors, {
      name: asText(monitor.name ?? '(unnamed)'),
      run: asText(monitor.command ?? ''),
      ...(typeof monitor.description === 'string' ? { description: monitor.description } : {}),
      when,
      file: monitorsFile ?? manifestFile,
      risk: skill ? `keeps a command running in the background from the first use of the skill ${skill}` : 'keeps a command running in the background for the whole session',
    });
  }

  // bin/: files Claude Code puts on its shell's PATH.
  const binFolder = at('bin')!;
  for (const entry of await listPluginFolder(repoRoot, binFolder)) {
    if (entry.kind === 'folder') continue;
    const file = `${binFolder}/${entry.name}`;
    const risk = entry.kind === 'outside' ? 'a link to a file outside the repository, which this catalog does not follow' : entry.executable ? `a command on the PATH of Claude Code's shell: a command line naming ${entry.name} runs this file` : undefined;
    push(out.bin, { file, executable: entry.executable, ...(risk ? { risk } : {}) });
  }

  // Settings: settings.json at the plugin's root, else `settings`; Claude Code applies only `agent` and `subagentStatusLine`.
  const settingsFile = at('settings.json')!;
  const fromFile = await json(settingsFile);
  const fromManifest = declared('settings').find(isObject);
  const useFile = isObject(fromFile) && Object.keys(fromFile).some((k) => PLUGIN_SETTINGS.has(k));
  const settings = useFile ? fromFile : (fromManifest ?? (isObject(fromFile) ? fromFile : undefined));
  const settingsFrom = useFile || !fromManifest ? settingsFile : manifestFile;
  for (const [key, value] of Object.entries(isObject(settings) ? settings : {})) {
    const applied = PLUGIN_SETTINGS.has(key);
    push(out.settings, { key, value: shorten(asText(value)), applied, file: settingsFrom, ...settingRisk(key, value) });
  }

  // Output styles: output-styles/ unless `outputStyles` is set.
  const styleFields = declared('outputStyles').flatMap(paths).map(at).filter((p): p is string => p !== undefined);
  for (const p of styleFields.length ? styleFields : [at('output-styles')!]) {
    const files = p.toLowerCase().endsWith('.md') ? [p] : (await listPluginFolder(repoRoot, p)).filter((e) => e.kind === 'file' && e.name.toLowerCase().endsWith('.md')).map((e) => `${p}/${e.name}`);
    for (const file of files) {
      const found = await meta(file);
      push(out.outputStyles, item(found.name ?? file.split('/').pop()!.replace(/\.md$/i, ''), found.description, file));
    }
  }
  return out;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** What makes a hook worth a look: it runs around every tool use, on every prompt, at every start, or sends data out. */
function hookRisk(hook: { event: string; matcher?: string; type: string; run: string }): { risk?: string } {
  const every = !hook.matcher || hook.matcher === '*';
  const does = hook.type === 'http' ? `sends the event to ${hostOf(hook.run)}` : hook.type === 'command' ? 'runs a shell command' : `runs a ${hook.type} hook`;
  if (TOOL_EVENTS.has(hook.event) && every) return { risk: `${does} ${hook.event.startsWith('Post') ? 'after' : 'before'} every tool use` };
  if (hook.event === 'UserPromptSubmit') return { risk: `${does} on every prompt you send` };
  if (hook.event === 'SessionStart') return { risk: `${does} each time a session starts` };
  if (hook.type === 'http') return { risk: does };
  return {};
}

function settingRisk(key: string, value: unknown): { risk?: string } {
  if (key === 'agent') return { risk: `makes every session run as the agent ${asText(value)} (Claude Code warns that a plugin setting this stops working in a future release)` };
  if (key === 'subagentStatusLine') return { risk: 'runs a command to draw the status line of subagents' };
  return {};
}

/** What a plugin adds, counted in words, in the order the page lists it ("5 agents", "1 file in bin/"). */
export function contentCounts(contents: PluginContents): string[] {
  const n = (count: number, one: string, many = `${one}s`) => (count ? [`${count.toLocaleString('en')} ${count === 1 ? one : many}`] : []);
  return [
    ...n(contents.agents.length, 'agent'),
    ...n(contents.skills.length, 'skill'),
    ...n(contents.commands.length, 'command'),
    ...n(contents.hooks.length, 'hook'),
    ...n(contents.mcpServers.length, 'MCP server'),
    ...n(contents.lspServers.length, 'LSP server'),
    ...n(contents.monitors.length, 'monitor'),
    ...n(contents.bin.length, 'file in bin/', 'files in bin/'),
    ...n(contents.settings.length, 'setting'),
    ...n(contents.outputStyles.length, 'output style'),
  ];
}

/** How many of a plugin's components carry a risk worth a look before installing. */
export function flaggedCount(contents: PluginContents): number {
  return [contents.hooks, contents.mcpServers, contents.lspServers, contents.monitors, contents.bin, contents.settings].reduce((n, list) => n + list.filter((i) => i.risk).length, 0);
}
