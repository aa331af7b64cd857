/**
 * Discovery on small original repositories in tests/fixtures/repos/, one per layout people point AGENTS_DIR at:
 * exactly the files Claude Code would install are agents, with the categories and plugins their places give them,
 * and manifest problems are reported at their line and column.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scratchFolder } from './scratch.ts';
import { describe, test } from 'node:test';
import { categoryLabel, discover, folderAgents, folderCategory } from '../../src/agents/discovery.ts';
import { loadCatalog } from '../../src/agents/index.ts';
import { marketplaceSource, pluginCommands } from '../../src/agents/install.ts';
import { formatText, reportEntries, totals } from '../../src/agents/report.ts';

const root = path.resolve(import.meta.dirname, '../..');
const repo = (name: string) => path.join(root, 'tests/fixtures/repos', name);
const where = (problems: Array<{ file: string; code: string; line: number; column?: number }>) => problems.map((p) => `${p.file}:${p.line}:${p.column ?? 0} ${p.code}`);

const folder = (files: Record<string, string>) => scratchFolder(files, 'agent-docs-discovery-');
const agent = (name: string) => `---\nname: ${name}\ndescription: Use it for ${name}.\n---\n\nYou are ${name}.\n`;

describe('a marketplace whose plugins are category folders', async () => {
  const found = await discover(repo('marketplace-categories'));
  test('the files each plugin manifest lists, nothing else', () => {
    assert.equal(found.layout, 'marketplace');
    assert.deepEqual(found.agents.map((a) => a.file), [
      'categories/01-core-development/api-designer.md',
      'categories/01-core-development/backend-builder.md',
      'categories/02-quality-security/dependency-auditor.md',
      'categories/02-quality-security/review-partner.md',
    ]);
    // The file no manifest lists, the slash commands under tools/ and the READMEs are not agents.
    assert.deepEqual(found.ignored, [
      'README.md',
      'categories/01-core-development/README.md',
      'categories/01-core-development/unlisted-helper.md',
      'tools/release-notes.md',
      'tools/tidy-imports.md',
    ]);
    assert.deepEqual(found.problems, []);
  });
  test('categories are the plugins, ordered by the folders\' numeric prefixes', () => {
    assert.deepEqual(
      found.agents.map((a) => [a.plugin, a.category, a.categoryOrder]),
      [
        ['core-development', 'core-development', '01-core-development'],
        ['core-development', 'core-development', '01-core-development'],
        ['quality-security', 'quality-security', '02-quality-security'],
        ['quality-security', 'quality-security', '02-quality-security'],
      ],
    );
  });
  test('the marketplace and its plugins, with the plugin manifest filling what the entry leaves out', () => {
    assert.deepEqual(found.marketplace, { name: 'harbor-agents', description: 'Agents grouped by discipline, one plugin per folder.', owner: 'Harbor Tools', manifest: '.claude-plugin/marketplace.json' });
    assert.deepEqual(found.plugins.map((p) => [p.name, p.version, p.source]), [
      ['core-development', '2.0.0', { kind: 'local', path: 'categories/01-core-development' }],
      ['quality-security', undefined, { kind: 'local', path: 'categories/02-quality-security' }],
    ]);
  });
});

describe('a marketplace of plugins with agents, skills, commands and remote sources', async () => {
  const found = await discover(repo('marketplace-plugins'));
  test('agents/ folders (subfolders too) and the strict:false entry\'s paths; no skill, command or README', () => {
    assert.deepEqual(found.agents.map((a) => a.file), [
      'plugins/data-pipelines/agents/backfill-runner.md',
      'plugins/data-pipelines/agents/lineage-notes.md',
      'plugins/data-pipelines/agents/pipeline-architect.md',
      'plugins/data-pipelines/agents/runbook-reader.md',
      'plugins/data-pipelines/agents/sql-tuner.md',
      'plugins/docs-writer/roles/docs-writer.md',
      'plugins/incident-response/agents/reviews/postmortem-editor.md',
      'plugins/incident-response/agents/timeline-keeper.md',
      'plugins/incident-response/agents/triage-lead.md',
    ]);
    assert.deepEqual(found.ignored, [
      'README.md',
      'plugins/data-pipelines/README.md',
      'plugins/data-pipelines/commands/explain-dag.md',
      'plugins/data-pipelines/output-styles/terse-reports.md',
      'plugins/data-pipelines/skills/backfill-planner/SKILL.md',
      'plugins/docs-writer/roles/docs-reviewer.md',
    ]);
    assert.deepEqual(found.problems, []);
  });
  test('the marketplace entry\'s category, else the plugin\'s name', () => {
    assert.deepEqual(Object.fromEntries(found.agents.map((a) => [a.file.split('/').pop(), a.category])), {
      'backfill-runner.md': 'data',
      'lineage-notes.md': 'data',
      'pipeline-architect.md': 'data',
      'runbook-reader.md': 'data',
      'sql-tuner.md': 'data',
      'docs-writer.md': 'docs-writer',
      'postmortem-editor.md': 'operations',
      'timeline-keeper.md': 'operations',
      'triage-lead.md': 'operations',
    });
  });
  test('remote plugins are listed with their sources, not read', () => {
    assert.deepEqual(
      found.plugins.filter((p) => p.source.kind !== 'local').map((p) => [p.name, p.source, p.category]),
      [
        ['cloud-costs', { kind: 'github', repo: 'lighthouse-labs/cloud-costs' }, 'operations'],
        ['schema-linter', { kind: 'git', url: 'https://git.example.com/tools/schema-linter.git' }, undefined],
        ['release-helper', { kind: 'npm', package: '@lighthouse/release-helper' }, undefined],
      ],
    );
  });
});

describe('other layouts', () => {
  test('a plugin at the root whose manifest sets `agents`: those files only, which replace its agents/ folder', async () => {
    const found = await discover(repo('root-plugin'));
    assert.equal(found.layout, 'plugin');
    assert.deepEqual(found.agents.map((a) => [a.file, a.plugin, a.category]), [
      ['agents/css-doctor.md', 'frontend-crew', 'frontend-crew'],
      ['extra/a11y-auditor.md', 'frontend-crew', 'frontend-crew'],
    ]);
    // Claude Code 2.1 does not load the folder's unlisted file: a warning says so.
    assert.deepEqual(found.ignored, ['README.md', 'agents/bundle-trimmer.md', 'skills/color-contrast/SKILL.md']);
    assert.deepEqual(where(found.problems), ['.claude-plugin/plugin.json:6:13 agents-folder-shadowed']);
    assert.equal(found.problems[0].severity, 'warning');
    assert.equal(found.marketplace, undefined);
  });
  test('a marketplace entry\'s agents add to the agents/ folder; strict:false beside a plugin.json is a conflict', async () => {
    const found = await discover(repo('strict-conflict'));
    assert.deepEqual(found.agents.map((a) => [a.file, Boolean(a.blocked)]), [
      ['plugins/clash/agents/clash-agent.md', true],
      ['plugins/entry-adds/agents/folder-agent.md', false],
      ['plugins/entry-adds/extra/added.md', false],
    ]);
    assert.deepEqual(where(found.problems), ['.claude-plugin/marketplace.json:10:17 plugin-manifest-conflict']);
  });
  test('subfolders of a plugin\'s agents/ are part of the agent\'s name in Claude Code', async () => {
    const found = await discover(repo('marketplace-plugins'));
    const postmortem = found.agents.find((a) => a.file.endsWith('postmortem-editor.md'))!;
    assert.deepEqual(postmortem.namespace, ['reviews']);
    const { agents } = await loadCatalog(repo('marketplace-plugins'), { render: false });
    assert.equal(agents.find((a) => a.name === 'postmortem-editor')!.pluginAgentName, 'incident-response:reviews:postmortem-editor');
    assert.equal(agents.find((a) => a.name === 'triage-lead')!.pluginAgentName, 'incident-response:triage-lead');
  });
  test('a project: only .claude/agents/, categories from its subfolders', async () => {
    const found = await discover(repo('project'));
    assert.equal(found.layout, 'project');
    assert.deepEqual(found.agents.map((a) => [a.file, a.category]), [
      // A dot-file loads from .claude/agents/ too (Claude Code 2.1.332).
      ['.claude/agents/.night-watch.md', 'uncategorized'],
      ['.claude/agents/migration-planner.md', 'uncategorized'],
      ['.claude/agents/ops/log-reader.md', 'ops'],
    ]);
    assert.deepEqual(found.ignored, ['README.md', 'docs/not-an-agent.md']);
  });
  test('this project\'s own agents/ folder is a folder of agents, as before', async () => {
    const found = await discover(path.join(root, 'agents'));
    assert.equal(found.layout, 'folder');
    assert.deepEqual(found.ignored, []);
    assert.ok(found.agents.some((a) => a.file === 'infrastructure/mlops-engineer.md' && a.category === 'infrastructure'));
  });
  test('a folder of components: only what is under agents/ folders, categorised by the nearest other folder', () => {
    const files = [
      'README.md',
      'cli-tool/components/agents/01-security/threat-modeler.md',
      'cli-tool/components/agents/data/etl-checker.md',
      'cli-tool/components/commands/deploy.md',
      'cli-tool/components/skills/pdf/SKILL.md',
      'docs/guide.md',
    ];
    assert.deepEqual(folderAgents(files).map((a) => [a.file, a.category, a.categoryOrder]), [
      ['cli-tool/components/agents/01-security/threat-modeler.md', 'security', '01-security'],
      ['cli-tool/components/agents/data/etl-checker.md', 'data', 'data'],
    ]);
  });
  test('a folder without agents/ folders: every file but skills and other components', () => {
    assert.deepEqual(folderAgents(['a.md', 'team/b.md', 'team/skills/x/SKILL.md', 'commands/c.md', 'deep/er/d.md']).map((a) => [a.file, a.category]), [
      ['a.md', 'uncategorized'],
      ['team/b.md', 'team'],
      ['deep/er/d.md', 'er'],
    ]);
  });
  test('category labels drop a numeric ordering prefix and keep it for the order', () => {
    assert.equal(categoryLabel('01-core-development'), 'core-development');
    assert.equal(categoryLabel('10_data'), 'data');
    assert.equal(categoryLabel('2024-plans'), 'plans');
    assert.equal(categoryLabel('42'), '42');
    assert.equal(categoryLabel('v2-tools'), 'v2-tools');
    assert.deepEqual(folderCategory('agents/03-ops/x.md'), { category: 'ops', categoryOrder: '03-ops' });
  });
});

describe('manifest problems, at their line and column', () => {
  test('a marketplace manifest that is not JSON: the error, and its agents shown as not loading', async () => {
    const found = await discover(repo('broken-json'));
    assert.deepEqual(where(found.problems), ['.claude-plugin/marketplace.json:5:51 manifest-json']);
    assert.match(found.problems[0].message, /trailing comma/);
    assert.deepEqual(found.agents.map((a) => [a.file, Boolean(a.blocked)]), [['plugins/solo/agents/solo-agent.md', true]]);
  });
  test('a missing source, two plugins with one name, "..", a broken plugin.json, bad agents paths', async () => {
    const found = await discover(repo('broken-manifests'));
    assert.deepEqual(where(found.problems), [
      '.claude-plugin/marketplace.json:5:34 plugin-source-missing',
      '.claude-plugin/marketplace.json:7:15 plugin-name-duplicate',
      '.claude-plugin/marketplace.json:10:36 plugin-source-escapes',
      'plugins/bad-json/.claude-plugin/plugin.json:4:3 manifest-json',
      'plugins/bad-paths/.claude-plugin/plugin.json:3:14 agents-path-not-md',
      'plugins/bad-paths/.claude-plugin/plugin.json:3:36 agents-path-escapes',
      'plugins/bad-paths/.claude-plugin/plugin.json:3:56 agents-path-missing',
    ]);
    assert.ok(found.problems.every((p) => p.severity === 'error' && p.message && p.fix));
    // A plugin whose manifest does not parse, or whose `agents` Claude Code's schema refuses (a .txt file, a path
    // not starting with ./), does not load: its agents are shown as not loading.
    assert.deepEqual(found.agents.filter((a) => a.blocked).map((a) => a.file), ['plugins/bad-json/agents/bad-json-agent.md', 'plugins/bad-paths/agents/good-path.md']);
    assert.deepEqual(found.agents.filter((a) => !a.blocked).map((a) => a.file), ['plugins/twin-a/agents/twin-a-agent.md', 'plugins/twin-b/agents/twin-b-agent.md']);
  });
  test('agents paths: "./" and ".md" required (else the plugin fails), ".." skipped, a folder refused', async () => {
    const dir = folder({
      '.claude-plugin/plugin.json': '{\n  "name": "p",\n  "agents": ["./ok.md", "./sub/../../x.md"]\n}\n',
      'ok.md': agent('ok'),
      'agents/ignored.md': agent('ignored'),
    });
    const found = await discover(dir);
    assert.deepEqual(where(found.problems), ['.claude-plugin/plugin.json:3:13 agents-folder-shadowed', '.claude-plugin/plugin.json:3:25 agents-path-escapes']);
    assert.deepEqual(found.agents.map((a) => [a.file, Boolean(a.blocked)]), [['ok.md', false]]);
    const folderPath = await discover(folder({ '.claude-plugin/plugin.json': '{ "name": "p", "agents": "./roles/" }', 'roles/a.md': agent('a'), 'agents/b.md': agent('b') }));
    assert.deepEqual(where(folderPath.problems), ['.claude-plugin/plugin.json:1:26 agents-path-not-md', '.claude-plugin/plugin.json:1:26 agents-folder-shadowed']);
    assert.match(folderPath.problems[0].message, /is a folder/);
    // The manifest sets `agents`, so agents/ is not loaded, and the refused path leaves nothing: no agents at all.
    assert.deepEqual(folderPath.agents, []);
  });
  test('a marketplace that lists itself (source "./" or ".") as its one plugin', async () => {
    for (const source of ['./', '.']) {
      const found = await discover(folder({
        '.claude-plugin/marketplace.json': JSON.stringify({ name: 'self-market', owner: { name: 'me' }, plugins: [{ name: 'self', source }] }),
        'agents/solo.md': agent('solo'),
        'README.md': agent('readme'),
      }));
      assert.deepEqual(found.problems, [], source);
      assert.deepEqual(found.plugins.map((p) => p.source), [{ kind: 'local', path: '' }], source);
      assert.deepEqual(found.agents.map((a) => [a.file, a.plugin]), [['agents/solo.md', 'self']], source);
      assert.deepEqual(found.ignored, ['README.md'], source);
    }
  });
  test('two plugins with one name', async () => {
    const found = await discover(repo('duplicate-plugins'));
    assert.deepEqual(where(found.problems), ['.claude-plugin/marketplace.json:7:15 plugin-name-duplicate']);
  });
  test('marketplace names Claude Code refuses (claude-code-rules.test.ts holds them to its recorded verdicts)', async () => {
    const named = async (name: string, marketplaceSource?: string) =>
      (await discover(folder({ '.claude-plugin/marketplace.json': JSON.stringify({ name, owner: { name: 'o' }, plugins: [] }) }), { marketplaceSource })).problems.map((p) => p.code);
    for (const name of ['inline', 'my market', 'a/b', 'official-claude-plugins']) assert.deepEqual(await named(name), ['marketplace-name-invalid', 'marketplace-empty'], name);
    // A name of Anthropic's own marketplaces: refused from anywhere but GitHub's anthropics organization.
    assert.deepEqual(await named('claude-plugins-official', 'acme/agents'), ['marketplace-name-reserved', 'marketplace-empty']);
    assert.deepEqual(await named('claude-plugins-official', 'anthropics/claude-plugins-official'), ['marketplace-empty']);
    assert.deepEqual(await named('acme-agents'), ['marketplace-empty']);
  });
  test('required fields and wrong types', async () => {
    const dir = folder({
      '.claude-plugin/marketplace.json': '{\n  "plugins": [\n    "just-a-name",\n    { "source": "./p" },\n    { "name": "x", "source": 7 },\n    { "name": "y", "source": "./p", "agents": 3 },\n    { "name": "z", "source": "p" },\n    { "name": "w", "source": { "source": "gitlab", "repo": "a/b" } }\n  ]\n}\n',
      'p/agents/a.md': agent('a'),
    });
    const found = await discover(dir);
    assert.deepEqual(where(found.problems), [
      '.claude-plugin/marketplace.json:1:1 marketplace-name-missing',
      '.claude-plugin/marketplace.json:1:1 marketplace-owner-missing',
      '.claude-plugin/marketplace.json:3:5 plugin-entry-invalid',
      '.claude-plugin/marketplace.json:4:5 plugin-name-missing',
      '.claude-plugin/marketplace.json:5:30 plugin-source-invalid',
      '.claude-plugin/marketplace.json:6:47 agents-invalid',
      '.claude-plugin/marketplace.json:7:30 plugin-source-relative',
      '.claude-plugin/marketplace.json:8:30 plugin-source-invalid',
    ]);
    assert.deepEqual(found.agents.map((a) => a.file), ['p/agents/a.md']);
  });
});

describe('the catalog and the check report', () => {
  test('agents carry their plugin and category; the catalog its marketplace and plugins', async () => {
    const catalog = await loadCatalog(repo('marketplace-plugins'), { render: false });
    const sql = catalog.agents.find((a) => a.name === 'sql-tuner')!;
    assert.deepEqual([sql.plugin, sql.category, sql.loads], ['data-pipelines', 'data', true]);
    assert.equal(catalog.layout, 'marketplace');
    assert.equal(catalog.marketplace?.name, 'lighthouse-kit');
    assert.equal(catalog.plugins.length, 6);
    const outside = catalog.skipped.filter((s) => s.outside).map((s) => s.file);
    assert.ok(outside.includes('plugins/data-pipelines/skills/backfill-planner/SKILL.md'));
    assert.ok(!catalog.agents.some((a) => a.file.endsWith('SKILL.md') || a.file.includes('/commands/')));
  });
  test('a frontmatter category still wins over the place', async () => {
    const dir = folder({
      '.claude-plugin/plugin.json': '{ "name": "kit" }',
      'agents/a.md': '---\nname: a\ndescription: d\ncategory: security\n---\n\nBody.\n',
      'agents/b.md': agent('b'),
    });
    const { agents } = await loadCatalog(dir, { render: false });
    assert.deepEqual(agents.map((a) => [a.name, a.category, a.plugin]), [['a', 'security', 'kit'], ['b', 'kit', 'kit']]);
  });
  test('manifest problems are report entries of their own; outside files are counted, not listed one by one', async () => {
    const entries = reportEntries(await loadCatalog(repo('broken-manifests'), { render: false }));
    const manifests = entries.filter((e) => e.manifest).map((e) => [e.file, e.errors.length]);
    assert.deepEqual(manifests, [
      ['.claude-plugin/marketplace.json', 3],
      ['plugins/bad-json/.claude-plugin/plugin.json', 1],
      ['plugins/bad-paths/.claude-plugin/plugin.json', 3],
    ]);
    const t = totals(entries);
    assert.deepEqual([t.files, t.agents, t.loading, t.outside], [4, 4, 2, 1]);
    const text = formatText(entries, { dir: 'repo', showSkipped: true });
    assert.match(text, /^ {2}repo\/\.claude-plugin\/marketplace\.json:7:15: error: Two plugins are named "twin"/m);
    assert.match(text, /1 \.md file not in any place Claude Code loads agents from, so not agents .*: repo\/escaped\.md/);
  });
  test('npm run check exits 1 on a broken manifest and 0 on a sound marketplace', () => {
    const check = (dir: string) => spawnSync(process.execPath, [path.join(root, 'scripts/check.ts'), '--json', dir], { encoding: 'utf8' });
    const broken = check(repo('broken-json'));
    assert.equal(broken.status, 1, broken.stderr);
    const entries = JSON.parse(broken.stdout) as Array<{ file: string; manifest?: boolean; errors: Array<{ line: number; column?: number }> }>;
    assert.deepEqual(entries.filter((e) => e.manifest).map((e) => [e.file, e.errors[0].line, e.errors[0].column]), [['.claude-plugin/marketplace.json', 5, 51]]);
    const sound = check(repo('marketplace-categories'));
    assert.equal(sound.status, 0, sound.stdout);
  });
});

describe('plugin install commands', () => {
  test('MARKETPLACE_SOURCE wins; else REPO_URL when the marketplace is the repository root', () => {
    assert.equal(marketplaceSource({ marketplaceSource: ' acme/agents ', repoUrl: 'https://github.com/x/y', folderInRepo: [] }), 'acme/agents');
    assert.equal(marketplaceSource({ repoUrl: 'https://github.com/lighthouse-labs/kit', folderInRepo: [] }), 'lighthouse-labs/kit');
    assert.equal(marketplaceSource({ repoUrl: 'https://github.com/lighthouse-labs/kit.git', folderInRepo: [] }), 'lighthouse-labs/kit');
    assert.equal(marketplaceSource({ repoUrl: 'https://gitlab.example.com/team/kit', folderInRepo: [] }), 'https://gitlab.example.com/team/kit.git');
    // The marketplace in a subfolder of the repository, or no repository: not known, so no command is made up.
    assert.equal(marketplaceSource({ repoUrl: 'https://github.com/x/y', folderInRepo: ['vendor', 'kit'] }), undefined);
    assert.equal(marketplaceSource({ repoUrl: 'https://github.com/x/y', folderInRepo: undefined }), undefined);
    assert.equal(marketplaceSource({}), undefined);
  });
  test('the two slash commands', () => {
    assert.deepEqual(pluginCommands('lighthouse-labs/kit', 'data-pipelines', 'lighthouse-kit'), {
      add: '/plugin marketplace add lighthouse-labs/kit',
      install: '/plugin install data-pipelines@lighthouse-kit',
    });
    assert.deepEqual(pluginCommands(undefined, 'data-pipelines', 'lighthouse-kit'), { install: '/plugin install data-pipelines@lighthouse-kit' });
  });
});

describe('npm run check agrees with `claude plugin validate` (its verdicts recorded in tests/fixtures/repos/validator.json)', async () => {
  const recorded = JSON.parse(readFileSync(repo('validator.json'), 'utf8')) as {
    fixtures: Record<string, { exit: number; errors: Record<string, string>; beyond?: Record<string, string> }>;
  };
  for (const [fixture, verdict] of Object.entries(recorded.fixtures)) {
    test(fixture, async () => {
      const found = await discover(repo(fixture));
      const errors = found.problems.filter((p) => p.severity === 'error');
      const ours = new Set(where(errors));
      // Every error the validator prints is one of ours, at its line and column.
      for (const [theirs, mine] of Object.entries(verdict.errors)) assert.ok(ours.has(mine), `validator: "${theirs}" → expected ${mine}, got ${[...ours].join(', ') || 'nothing'}`);
      // And every error of ours is either one of those or a check the validator does not make, with the reason recorded.
      const accounted = new Set([...Object.values(verdict.errors), ...Object.keys(verdict.beyond ?? {})]);
      assert.deepEqual([...ours].filter((d) => !accounted.has(d)), []);
      // Pass or fail alike, except where only the checks beyond the validator fail.
      const beyondOnly = errors.length > 0 && [...ours].every((d) => Object.hasOwn(verdict.beyond ?? {}, d));
      assert.equal(errors.length > 0 ? 1 : 0, beyondOnly ? 1 : verdict.exit);
    });
  }
});
