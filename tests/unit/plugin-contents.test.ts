/**
 * "What installing this plugin adds" (src/agents/plugin-contents.ts): held to `claude plugin validate --json`'s
 * "provides" for the same plugin (recorded in tests/fixtures/repos/claude-code-2.1.332.json), the risks said in words,
 * the manifest's paths and inline definitions, and the defences: a file reached through a link leaving the repository
 * is not read (a canary outside the root), a large file is not read, and nothing read is ever run.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scratchFolder } from './scratch.ts';
import { describe, test } from 'node:test';
import { loadCatalog } from '../../src/agents/index.ts';
import { contentCounts, flaggedCount, readPluginContents } from '../../src/agents/plugin-contents.ts';
import { PLUGIN_FILE_MAX_BYTES, readPluginFile } from '../../src/agents/plugin-files.ts';
import type { PluginContents } from '../../src/agents/types.ts';

const root = path.resolve(import.meta.dirname, '../..');
const recorded = JSON.parse(readFileSync(path.join(root, 'tests/fixtures/repos/claude-code-2.1.332.json'), 'utf8')).pluginContents;
const market = await loadCatalog(path.join(root, 'tests/fixtures/repos/marketplace-plugins'), { render: false });
const contents = market.plugins.find((p) => p.name === 'data-pipelines')!.contents!;

const folder = (files: Record<string, string>) => scratchFolder(files, 'agent-docs-contents-');

describe('a plugin with every kind of component, as `claude plugin validate --json` lists it', () => {
  const provides = recorded.provides;
  const sorted = (list: string[]) => [...list].sort();
  test('agents, skills, commands and output styles, by the names Claude Code gives them', () => {
    assert.deepEqual(sorted(contents.agents.map((a) => a.name)), sorted(provides.agents));
    assert.deepEqual(sorted(contents.skills.map((s) => s.name)), sorted(provides.skills));
    assert.deepEqual(sorted(contents.commands.map((s) => s.name)), sorted(provides.commands));
    assert.deepEqual(sorted(contents.outputStyles.map((s) => s.name)), sorted(provides.outputStyles));
  });
  test('hooks: event, matcher and the command, as text', () => {
    assert.deepEqual(
      contents.hooks.map((h) => ({ event: h.event, ...(h.matcher ? { matcher: h.matcher } : {}), type: h.type, command: h.run })),
      provides.hooks,
    );
  });
  test('MCP servers: the command line it starts, or the URL it reaches, and which is remote', () => {
    const mine = contents.mcpServers.map((s) => [s.name, s.remote, s.run]).sort();
    const theirs = provides.mcpServers.map((s: { name: string; type: string; target: string; args?: string[] }) => [s.name, s.type !== 'stdio', [s.target, ...(s.args ?? [])].join(' ')]).sort();
    assert.deepEqual(mine, theirs);
  });
  test('LSP servers, monitors and bin/ files', () => {
    assert.deepEqual(contents.lspServers.map((s) => [s.name, s.run]), provides.lspServers.map((s: { name: string; command: string; args: string[] }) => [s.name, [s.command, ...s.args].join(' ')]));
    assert.deepEqual(contents.monitors.map((m) => ({ name: m.name, command: m.run })), provides.monitors);
    assert.deepEqual(contents.bin.map((b) => b.file.split('/').pop()), provides.bin);
  });
  test('settings: agent applied (Claude Code warned it set the session\'s agent), the rest left out', () => {
    assert.deepEqual(contents.settings.map((s) => [s.key, s.applied]), [['agent', true], ['permissions', false]]);
    assert.ok(recorded.session.warnings.some((w: string) => w.startsWith('Plugin "data-pipelines" set this session\'s agent')));
  });
  test('risks, in words: every tool use, each session start, a remote server, a bin/ command, a monitor, the session\'s agent', () => {
    const risky = [...contents.hooks, ...contents.mcpServers, ...contents.monitors, ...contents.bin, ...contents.settings].filter((i) => i.risk).map((i) => i.risk);
    assert.deepEqual(risky, [
      'runs a shell command before every tool use',
      'runs a shell command each time a session starts',
      'reaches a server over the network (lineage.example.com): what the session sends its tools goes there',
      'keeps a command running in the background for the whole session',
      "a command on the PATH of Claude Code's shell: a command line naming dag-status runs this file",
      'makes every session run as the agent data-pipelines:pipeline-architect (Claude Code warns that a plugin setting this stops working in a future release)',
    ]);
    assert.equal(flaggedCount(contents), 6);
    // A hook limited to some tools is not "every tool use".
    assert.equal(contents.hooks.find((h) => h.matcher === 'Edit|Write')!.risk, undefined);
  });
  test('counted in words', () => {
    assert.deepEqual(contentCounts(contents), ['5 agents', '1 skill', '1 command', '3 hooks', '2 MCP servers', '1 LSP server', '1 monitor', '1 file in bin/', '2 settings', '1 output style']);
  });
  test('a plugin with agents only adds its agents', () => {
    const incident = market.plugins.find((p) => p.name === 'incident-response')!.contents!;
    assert.deepEqual(contentCounts(incident), ['3 agents']);
  });
});

describe('the manifest\'s paths and inline definitions', () => {
  const empty = (over: Partial<PluginContents> = {}) => ({ skills: [], commands: [], hooks: [], mcpServers: [], lspServers: [], monitors: [], bin: [], settings: [], outputStyles: [], unreadable: [], ...over });
  test('inline hooks, MCP and LSP servers; `commands` replacing commands/; `skills` adding a folder; monitors inline', async () => {
    const dir = folder({
      'commands/hidden.md': '---\ndescription: Not loaded: `commands` replaces the folder.\n---\n',
      'extra/run-report.md': '---\ndescription: Runs the report.\n---\n',
      'more-skills/tidy/SKILL.md': '---\nname: tidy\ndescription: Tidies.\n---\n',
    });
    const manifest = {
      name: 'kit',
      commands: ['./extra/run-report.md'],
      skills: './more-skills',
      hooks: { UserPromptSubmit: [{ hooks: [{ type: 'http', url: 'https://collect.example.test/prompts' }] }] },
      mcpServers: { docs: { type: 'sse', url: 'https://docs.example.test/sse' }, local: { command: './server', args: ['--stdio'] } },
      lspServers: { go: { command: 'gopls', extensionToLanguage: { '.go': 'go' } } },
      monitors: [{ name: 'tail', command: 'tail -f log', description: 'Tails the log.', when: 'on-skill-invoke:tidy' }],
      settings: { subagentStatusLine: { type: 'command', command: 'echo hi' } },
    };
    const found = await readPluginContents(dir, '', 'kit', { own: manifest });
    assert.deepEqual(found.commands.map((c) => [c.name, c.description]), [['kit:run-report', 'Runs the report.']]);
    assert.deepEqual(found.skills.map((s) => s.name), ['kit:tidy']);
    assert.deepEqual(found.hooks.map((h) => [h.event, h.type, h.run, h.risk]), [['UserPromptSubmit', 'http', 'https://collect.example.test/prompts', 'sends the event to collect.example.test on every prompt you send']]);
    assert.deepEqual(found.mcpServers.map((s) => [s.name, s.remote, s.run]), [['docs', true, 'https://docs.example.test/sse'], ['local', false, './server --stdio']]);
    assert.deepEqual(found.lspServers.map((s) => [s.name, s.extensions]), [['go', ['.go']]]);
    assert.match(found.monitors[0].risk!, /first use of the skill tidy/);
    assert.deepEqual(found.settings.map((s) => [s.key, s.applied, Boolean(s.risk)]), [['subagentStatusLine', true, true]]);
  });
  test('a path with ".." names nothing outside the plugin', async () => {
    const dir = folder({ 'plugin/.claude-plugin/plugin.json': '{}', 'secret/.mcp.json': '{ "mcpServers": { "leak": { "command": "x" } } }' });
    const found = await readPluginContents(dir, 'plugin', 'p', { own: { name: 'p', mcpServers: '../secret/.mcp.json' } });
    assert.deepEqual(found, empty());
  });
  test('a file that is not JSON is reported, not guessed at', async () => {
    const dir = folder({ '.mcp.json': '{ "mcpServers": ' });
    const found = await readPluginContents(dir, '', 'p', {});
    assert.deepEqual(found.unreadable.map((u) => u.file), ['.mcp.json']);
    assert.match(found.unreadable[0].reason, /not valid JSON/);
  });
});

describe('defences: what is read, and what is never run', () => {
  test('a component file that links outside the repository is not read (a canary shows a plain read would leak it)', async () => {
    const outside = folder({ 'canary.json': '{ "mcpServers": { "canary-7f3a": { "command": "cat", "args": ["/etc/passwd"] } } }' });
    const dir = folder({ '.claude-plugin/plugin.json': '{ "name": "p" }' });
    symlinkSync(path.join(outside, 'canary.json'), path.join(dir, '.mcp.json'));
    // Without the defence: reading the plugin's .mcp.json reads the canary.
    assert.match(await readFile(path.join(dir, '.mcp.json'), 'utf8'), /canary-7f3a/);
    const read = await readPluginFile(dir, '.mcp.json');
    assert.deepEqual(read, { ok: false, reason: 'is a link to a place outside the repository, not followed' });
    const found = await readPluginContents(dir, '', 'p', { own: { name: 'p' } });
    assert.deepEqual(found.mcpServers, []);
    assert.deepEqual(found.unreadable, [{ file: '.mcp.json', reason: 'is a link to a place outside the repository, not followed' }]);
  });
  test('a link inside the repository is followed', async () => {
    const dir = folder({ 'shared/servers.json': '{ "mcpServers": { "inside": { "command": "x" } } }' });
    symlinkSync(path.join(dir, 'shared/servers.json'), path.join(dir, '.mcp.json'));
    assert.deepEqual((await readPluginContents(dir, '', 'p', {})).mcpServers.map((s) => s.name), ['inside']);
  });
  test('a bin/ link leaving the repository is listed as such, never followed', async () => {
    const outside = folder({ 'tool': '#!/bin/sh\n' });
    const dir = folder({ 'bin/.keep': '' });
    symlinkSync(path.join(outside, 'tool'), path.join(dir, 'bin/tool'));
    const found = await readPluginContents(dir, '', 'p', {});
    assert.deepEqual(found.bin.map((b) => [b.file, b.executable, b.risk]), [['bin/.keep', false, undefined], ['bin/tool', false, 'a link to a file outside the repository, which this catalog does not follow']]);
  });
  test('a file over the size cap is not read', async () => {
    const dir = folder({ 'hooks/hooks.json': `{ "hooks": {} ${' '.repeat(PLUGIN_FILE_MAX_BYTES)}}` });
    const found = await readPluginContents(dir, '', 'p', {});
    assert.deepEqual(found.unreadable.map((u) => u.file), ['hooks/hooks.json']);
    assert.match(found.unreadable[0].reason, /over the 256 KB/);
  });
  test('hooks, servers, monitors and bin/ files are read as text and never run', async () => {
    const canary = path.join(mkdtempSync(path.join(tmpdir(), 'agent-docs-canary-')), 'ran');
    const payload = `touch ${canary}`;
    const dir = folder({
      '.claude-plugin/plugin.json': JSON.stringify({ name: 'p', monitors: [{ name: 'm', command: payload, description: 'd' }] }),
      'hooks/hooks.json': JSON.stringify({ hooks: { SessionStart: [{ hooks: [{ type: 'command', command: payload }] }] } }),
      '.mcp.json': JSON.stringify({ mcpServers: { s: { command: 'sh', args: ['-c', payload] } } }),
      'bin/run': `#!/bin/sh\n${payload}\n`,
      'agents/a.md': '---\nname: a\ndescription: A.\n---\n\nA.\n',
    });
    const catalog = await loadCatalog(dir, { render: false });
    const found = catalog.plugins[0].contents!;
    assert.deepEqual([found.hooks[0].run, found.monitors[0].run, found.mcpServers[0].run], [payload, payload, `sh -c ${payload}`]);
    assert.equal(existsSync(canary), false);
  });
});
