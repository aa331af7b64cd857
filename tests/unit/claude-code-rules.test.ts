/**
 * The catalog held to what Claude Code 2.1.332 did with the fixtures of issue 25, as recorded in
 * tests/fixtures/repos/claude-code-2.1.332.json (its `about` and `commands` say how): which plugin agents load and under
 * which names, which plugins install, the warnings for fields a plugin agent loses, the tools `memory` adds, which
 * manifest fields stop an install, which marketplace names it refuses from which source, what installing a plugin adds,
 * and its tool names. One rule per test; none needs Claude Code.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { capabilities, capabilityRoutes } from '../../src/agents/capabilities.ts';
import { CLAUDE_CODE_TOOLS, CLAUDE_CODE_VERSION, RETIRED_TOOLS, TOOL_ALIASES } from '../../src/agents/claude-code.ts';
import { discover } from '../../src/agents/discovery.ts';
import { loadCatalog, type Agent } from '../../src/agents/index.ts';
import { parseYamlBlock } from '../../src/agents/yaml-block.ts';
import { fromOfficialOrg, impersonatesOfficial, marketplaceNameProblem, RESERVED_MARKETPLACE_NAMES } from '../../src/agents/marketplace-names.ts';
import { manifestFieldProblems } from '../../src/agents/plugin-manifest-schema.ts';
import { reportEntries } from '../../src/agents/report.ts';

const root = path.resolve(import.meta.dirname, '../..');
const repo = (name: string) => path.join(root, 'tests/fixtures/repos', name);
const recorded = JSON.parse(readFileSync(repo('claude-code-2.1.332.json'), 'utf8'));
const rules = await loadCatalog(repo('install-rules'), { render: false });
const byFile = (file: string) => rules.agents.find((a) => a.file === file)!;
/** A plugin at the root of a fresh folder, with this plugin.json and one agent in agents/. */
function plugin(manifest: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'agent-docs-rules-'));
  mkdirSync(path.join(dir, '.claude-plugin'));
  mkdirSync(path.join(dir, 'agents'));
  writeFileSync(path.join(dir, '.claude-plugin/plugin.json'), JSON.stringify(manifest));
  writeFileSync(path.join(dir, 'agents/probe.md'), '---\nname: probe\ndescription: A probe.\n---\n\nProbe.\n');
  return dir;
}
/** Every name Claude Code gives an agent file: in its plugin, and in each other plugin that installs its folder. */
const namesOf = (a: Agent) => [a.pluginAgentName!, ...(a.alsoIn ?? []).map((p) => p.pluginAgentName)];

test('the tables say which release they were read from', () => assert.equal(CLAUDE_CODE_VERSION, recorded.version));

describe('which plugin agents load, and what Claude Code calls them', () => {
  const loading = new Set(rules.agents.filter((a) => a.loads).flatMap(namesOf));
  const clashing = new Set(rules.agents.filter((a) => a.diagnostics.some((d) => d.code === 'name-duplicate-in-plugin')).map((a) => a.pluginAgentName!));
  test('every agent of the session\'s system/init line loads here (a clash of two files counts once, as an error)', () => {
    for (const name of recorded.installRules.agents) assert.ok(loading.has(name) || clashing.has(name), name);
  });
  test('and nothing loads here that Claude Code did not load', () => {
    assert.deepEqual([...loading].filter((name) => !recorded.installRules.agents.includes(name)), []);
  });
  test('the plugin part of the name is the plugin.json `name`, not the marketplace entry\'s; the install command keeps the entry\'s', () => {
    const namer = byFile('plugins/own-name/agents/namer.md');
    assert.deepEqual([namer.plugin, namer.pluginAgentName], ['listed-name', 'own-name:namer']);
    assert.equal(rules.plugins.find((p) => p.name === 'listed-name')!.loadsAs, 'own-name');
  });
  test('a dot-file, and a file in a dot-folder, of a plugin\'s agents/ load (the folder part of the name)', () => {
    assert.equal(byFile('plugins/field-rules/agents/.hidden-helper.md').pluginAgentName, 'field-rules:hidden-helper');
    assert.equal(byFile('plugins/field-rules/agents/.drafts/draft.md').pluginAgentName, 'field-rules:.drafts:draft');
  });
  test('a folder two entries share loads under both entries\' names; with a plugin.json, once under its name', () => {
    assert.deepEqual(namesOf(byFile('plugins/shared/agents/sharer.md')), ['shared-one:sharer', 'shared-two:sharer']);
    assert.deepEqual([...new Set(namesOf(byFile('plugins/shared-named/agents/named-sharer.md')))], ['shared-own:named-sharer']);
  });
  test('two files with one name in one plugin: an error on each, naming both files', () => {
    const [first, second] = (recorded.installRules.duplicates[0].files as string[]).map(byFile);
    for (const agent of [first, second]) {
      const error = agent.diagnostics.find((d) => d.code === 'name-duplicate-in-plugin')!;
      assert.equal(error.severity, 'error');
      assert.match(error.message, /first\.md and .*second\.md/);
      assert.match(error.message, /varies/);
      assert.equal(agent.loads, false);
    }
  });
  test('in a project, dot-files and dot-folders of .claude/agents/ load too', async () => {
    const found = await discover(repo('project'));
    assert.ok(found.agents.some((a) => a.file === '.claude/agents/.night-watch.md'));
  });
});

describe('plugins that do not install', () => {
  for (const [plugin, outcome] of Object.entries(recorded.installRules.installs) as Array<[string, true | string]>) {
    test(`${plugin}: ${outcome === true ? 'installs' : 'refused'}`, () => {
      const info = rules.plugins.find((p) => p.name === plugin)!;
      if (outcome === true) return assert.equal(info.refused, undefined);
      // Claude Code's reason, after its prefix ("Validation errors: " or "This plugin's marketplace entry is invalid: ").
      assert.ok(info.refused?.includes(outcome.replace(/^[^:]+: /, '')), info.refused);
      for (const agent of rules.agents.filter((a) => a.plugin === plugin)) assert.equal(agent.loads, false, agent.file);
    });
  }
  test('npm run check names the field, at its line, with Claude Code\'s words', () => {
    const entries = reportEntries(rules);
    const own = entries.find((e) => e.file === 'plugins/bad-commands/.claude-plugin/plugin.json')!;
    assert.deepEqual(own.errors.map((e) => [e.line, e.code]), [[1, 'plugin-manifest-field']]);
    assert.match(own.errors[0].message, /"Validation errors: commands: Invalid input"/);
    const market = entries.find((e) => e.file === '.claude-plugin/marketplace.json')!;
    assert.match(market.errors.find((e) => e.code === 'plugin-manifest-field')!.message, /"This plugin's marketplace entry is invalid: commands: Invalid input"/);
  });
});

describe('manifest fields: which ones stop `claude plugin install`', () => {
  for (const row of recorded.manifestFields as Array<{ manifest: Record<string, unknown>; installs: boolean; message?: string }>) {
    const { name: _name, ...fields } = row.manifest;
    const label = Object.keys(fields).length ? JSON.stringify(fields) : JSON.stringify(row.manifest);
    test(`${label}: ${row.installs ? 'installs' : row.message}`, async () => {
      const refused = manifestFieldProblems(row.manifest, 'plugin.json').filter((p) => p.effect === 'refused');
      if ((typeof row.manifest.name === 'string' && /\s/.test(row.manifest.name)) || 'agents' in row.manifest) {
        // The name and `agents` are checked where discovery reads them (manifest.ts, discovery.ts), in more detail.
        const found = await discover(plugin(row.manifest));
        assert.equal(row.installs, false);
        assert.ok(found.agents.length === 0 || found.agents.every((a) => a.blocked), 'its agents do not load');
        assert.ok(found.problems.some((p) => p.severity === 'error' && /^(plugin-name-invalid|agents-invalid)$/.test(p.code)));
        return;
      }
      assert.deepEqual(refused.map((p) => `${p.field}: ${p.message}`), row.installs ? [] : [row.message]);
    });
  }
});

describe('fields a plugin agent loses', () => {
  test('each of Claude Code\'s warnings is a warning of npm run check, in its words, on the agent it names', () => {
    for (const warning of recorded.installRules.warnings as string[]) {
      const [, file, rest] = /^Plugin agent file (\S+) (sets .*)$/.exec(warning)!;
      const found = byFile(file).diagnostics.filter((d) => d.code === 'plugin-field-ignored').map((d) => d.message);
      assert.ok(found.some((m) => m.includes(rest)), `${file}: ${rest}`);
    }
  });
  test('permissionMode: applied when the file is copied into .claude/agents/, ignored when the plugin is installed', () => {
    const routes = capabilityRoutes(byFile('plugins/field-rules/agents/gatekeeper.md'));
    assert.equal(routes.file.permissionMode?.mode, 'bypassPermissions');
    assert.ok(routes.file.flags.includes('skips-prompts'));
    assert.equal(routes.plugin!.permissionMode, undefined);
    assert.ok(!routes.plugin!.flags.includes('skips-prompts'));
    assert.deepEqual(routes.plugin!.ignored.map((i) => i.field), ['permissionMode', 'hooks', 'mcpServers', 'initialPrompt']);
    assert.deepEqual([routes.file.hooks.length, routes.file.mcpServers.length, routes.plugin!.hooks.length, routes.plugin!.mcpServers.length], [1, 1, 0, 0]);
  });
  test('isolation: remote is dropped from a plugin agent (worktree kept)', () => {
    assert.deepEqual(capabilityRoutes(byFile('plugins/field-rules/agents/remote-runner.md')).plugin!.ignored.map((i) => i.field), ['isolation']);
    assert.deepEqual(capabilityRoutes(byFile('plugins/field-rules/agents/worktree-runner.md')).plugin!.ignored, []);
  });
});

describe('memory: a folder, and the tools it adds', () => {
  const tools = (caps: ReturnType<typeof capabilities>) => caps.groups.flatMap((g) => g.tools.map((t) => t.tool)).sort();
  for (const [who, file] of [['field-rules:notekeeper', 'plugins/field-rules/agents/notekeeper.md'], ['field-rules:gatekeeper', 'plugins/field-rules/agents/gatekeeper.md']] as const) {
    test(`${who} has the tools Claude Code gave it, by either route`, () => {
      const routes = capabilityRoutes(byFile(file));
      assert.deepEqual(tools(routes.plugin!), [...recorded.installRules.asMainAgent[who]].sort());
      assert.deepEqual(tools(routes.file), [...recorded.installRules.asMainAgent[`.claude/agents/${file.split('/').pop()}`]].sort());
    });
  }
  test('tools: Read, Grep with memory: project is not read-only; its folder is named per route', () => {
    const routes = capabilityRoutes(byFile('plugins/field-rules/agents/notekeeper.md'));
    assert.ok(!routes.file.flags.includes('read-only'));
    assert.ok(routes.file.flags.includes('changes-files') && routes.file.flags.includes('memory'));
    assert.deepEqual(routes.file.memory, { scope: 'project', folder: '.claude/agent-memory/notekeeper/', where: 'in the project, beside its code', adds: ['Write', 'Edit'] });
    assert.equal(routes.plugin!.memory!.folder, '.claude/agent-memory/field-rules-notekeeper/');
  });
  const rows: Array<[string, Parameters<typeof capabilities>[0], string | undefined, string[]]> = [
    ['user scope', { name: 'n', tools: ['Read'], memory: 'user' }, '~/.claude/agent-memory/n/', ['Write', 'Edit']],
    ['local scope', { name: 'n', tools: ['Read'], memory: 'local' }, '.claude/agent-memory-local/n/', ['Write', 'Edit']],
    ['every tool already', { name: 'n', memory: 'project' }, '.claude/agent-memory/n/', []],
    ['an empty list gets all three', { name: 'n', tools: [], memory: 'project' }, '.claude/agent-memory/n/', ['Write', 'Edit', 'Read']],
    ['a rule is not the whole tool', { name: 'n', tools: ['Read', 'Write(./notes/**)', 'Edit'], memory: 'project' }, '.claude/agent-memory/n/', ['Write']],
    ['an unknown scope is ignored', { name: 'n', tools: ['Read'], memory: 'team' }, undefined, []],
  ];
  for (const [name, fields, folder, adds] of rows) {
    test(name, () => {
      const caps = capabilities(fields);
      assert.equal(caps.memory?.folder, folder);
      assert.deepEqual(caps.memory?.adds ?? [], adds);
    });
  }
});

describe('how it runs, in words', () => {
  test('isolation, background, skills, maxTurns, omitClaudeMd, autoCompactWindow', () => {
    const caps = capabilities(byFile('plugins/field-rules/agents/worktree-runner.md').fields);
    assert.deepEqual(caps.runs.map((r) => r.field), ['isolation', 'background', 'skills', 'maxTurns', 'omitClaudeMd', 'autoCompactWindow']);
    assert.match(caps.runs[0].says, /git worktree/);
    assert.match(caps.runs.find((r) => r.field === 'autoCompactWindow')!.says, /150,000 tokens/);
    assert.equal(caps.effort, 'high');
  });
  test('initialPrompt only on the file route', () => {
    const agent = byFile('plugins/field-rules/agents/gatekeeper.md');
    assert.ok(capabilityRoutes(agent).file.runs.some((r) => r.field === 'initialPrompt'));
    assert.ok(!capabilityRoutes(agent).plugin!.runs.some((r) => r.field === 'initialPrompt'));
  });
});

describe('marketplace names', () => {
  for (const row of recorded.marketplaceNames as Array<{ name: string; add: string; validate: string }>) {
    test(`${row.name}: add ${row.add === 'added' ? 'accepts it' : 'refuses it'} from a local path; validate ${row.validate === 'passes' ? 'passes' : 'fails'}`, () => {
      const schema = marketplaceNameProblem(row.name);
      const reserved = RESERVED_MARKETPLACE_NAMES.has(row.name.toLowerCase());
      assert.equal(schema !== undefined, row.validate !== 'passes', 'validate');
      assert.equal(schema !== undefined || (reserved && fromOfficialOrg('/tmp/x') !== true), row.add !== 'added', 'add');
      if (reserved) assert.ok(row.add.includes("can only be used with GitHub sources from the 'anthropics' organization"));
      if (schema) assert.match(schema, /impersonates an official Anthropic\/Claude marketplace/);
    });
  }
  test('impersonation does not catch names that merely mention Claude', () => {
    for (const name of ['claude-tools', 'my-claude-plugins', 'tools-for-claude']) assert.equal(impersonatesOfficial(name), false, name);
  });
  const official = async (source?: string) => {
    const found = await discover(repo('reserved-name'), { marketplaceSource: source });
    return { problems: found.problems.map((p) => `${p.severity} ${p.code}`), blocked: found.agents.every((a) => a.blocked) };
  };
  test('a reserved name from anthropics/…: fine', async () => {
    for (const source of ['anthropics/claude-plugins-official', 'https://github.com/anthropics/claude-plugins-official.git', 'git@github.com:anthropics/claude-plugins-official.git']) {
      assert.deepEqual(await official(source), { problems: [], blocked: false }, source);
    }
  });
  test('from anywhere else: an error, and no agent of it loads', async () => {
    for (const source of ['acme/claude-plugins-official', 'https://gitlab.com/anthropics/x.git', 'https://example.com/marketplace.json']) {
      assert.deepEqual(await official(source), { problems: ['error marketplace-name-reserved'], blocked: true }, source);
    }
  });
  test('not told where it is added from: a warning, and the agents still load', async () => {
    assert.deepEqual(await official(undefined), { problems: ['warning marketplace-name-reserved'], blocked: false });
  });
});

describe('tools of the release', () => {
  test('every built-in tool name of the release is in the table, and nothing else', () => {
    assert.deepEqual(Object.keys(CLAUDE_CODE_TOOLS).sort(), [...recorded.tools.builtin, ...recorded.tools.alsoDefined].sort());
  });
  test('its older names, and the tools they mean now', () => assert.deepEqual(TOOL_ALIASES, recorded.tools.aliases));
  test('the names the probe session dropped are retired here', () => {
    const probe = recorded.tools.probe;
    const written = probe.tools.split(', ') as string[];
    const dropped = written.filter((t) => !probe.session.includes(t) && !(t in TOOL_ALIASES) && !(t in CLAUDE_CODE_TOOLS));
    assert.deepEqual(dropped.sort(), [...RETIRED_TOOLS].sort());
  });
});

describe('strict YAML parsing', () => {
  test('a block strict YAML refuses is reported at its line, and the stack-trace limit is left as it was', () => {
    const before = Error.stackTraceLimit;
    const attempt = parseYamlBlock('name: probe\ndescription: Use it: when asked\n', 0);
    assert.equal(attempt.ok, false);
    assert.equal(attempt.error?.line, 2);
    assert.match(attempt.error?.message ?? '', /\S/);
    assert.equal(Error.stackTraceLimit, before);
    assert.ok(new Error('after').stack?.includes('claude-code-rules.test.ts'), 'errors made after the parse still carry their stack');
  });
});
