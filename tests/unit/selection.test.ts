/**
 * The selection's pure parts: the install-all commands (files and plugins), the selection link and its parsing, and
 * `/selection.json` built from the repository's agents and the marketplace fixture.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { installAllCommands, installCommands, pluginCommands, type SelectedAgent } from '../../src/agents/install.ts';
import { loadCatalog } from '../../src/agents/index.ts';
import { mergeSelections, parseSelectionParam, resolveSelection, selectionData, selectionLink } from '../../src/site/selection.ts';

const root = path.resolve(import.meta.dirname, '../..');
const site = { siteUrl: 'https://agents.example.test', basePath: '/catalog/' };
const raw = (slug: string) => `https://agents.example.test/catalog/agents/${slug}.md`;

describe('installAllCommands', () => {
  const agents: SelectedAgent[] = [
    { slug: 'code-reviewer', fileName: 'code-reviewer.md' },
    { slug: 'etc-passwd', fileName: 'etc-passwd.md' },
  ];
  const all = installAllCommands(site.siteUrl, site.basePath, agents);
  test('bash: one command, one line per file, stopping at the first failure', () => {
    assert.equal(
      all.project.bash,
      `mkdir -p .claude/agents \\\n  && curl -fsSL ${raw('code-reviewer')} -o .claude/agents/code-reviewer.md \\\n  && curl -fsSL ${raw('etc-passwd')} -o .claude/agents/etc-passwd.md`,
    );
    assert.equal(
      all.user.bash,
      `mkdir -p ~/.claude/agents \\\n  && curl -fsSL ${raw('code-reviewer')} -o ~/.claude/agents/code-reviewer.md \\\n  && curl -fsSL ${raw('etc-passwd')} -o ~/.claude/agents/etc-passwd.md`,
    );
  });
  test('PowerShell: one statement a line', () => {
    assert.equal(
      all.project.powershell,
      `New-Item -ItemType Directory -Force .claude/agents | Out-Null\nInvoke-WebRequest ${raw('code-reviewer')} -OutFile .claude/agents/code-reviewer.md\nInvoke-WebRequest ${raw('etc-passwd')} -OutFile .claude/agents/etc-passwd.md`,
    );
    assert.match(all.user.powershell, /^New-Item -ItemType Directory -Force \$HOME\/\.claude\/agents \| Out-Null\n/);
  });
  test('each file is fetched as the single-agent command fetches it', () => {
    const single = installCommands(site.siteUrl, site.basePath, 'code-reviewer', 'code-reviewer');
    assert.ok(all.project.bash.includes(single.project.bash.split(' && ')[1]));
    assert.ok(all.user.powershell.includes(single.user.powershell.split('; ')[1]));
  });
  test('two agents saved under one name are saved under their slugs', () => {
    const clash = installAllCommands(site.siteUrl, site.basePath, [
      { slug: 'reviewer', fileName: 'reviewer.md' },
      { slug: 'reviewer-2', fileName: 'reviewer.md' },
      { slug: 'other', fileName: 'other.md' },
    ]);
    assert.deepEqual(clash.files.map((f) => f.fileName), ['reviewer.md', 'reviewer-2.md', 'other.md']);
  });
  test('plugin agents: the /plugin lines instead of files, deduplicated', () => {
    const a = pluginCommands('lighthouse-labs/kit', 'data-pipelines', 'lighthouse-kit');
    const b = pluginCommands('lighthouse-labs/kit', 'review-kit', 'lighthouse-kit');
    const mixed = installAllCommands(site.siteUrl, site.basePath, [
      { slug: 'sql-tuner', fileName: 'sql-tuner.md', plugin: a },
      { slug: 'etl-checker', fileName: 'etl-checker.md', plugin: a },
      { slug: 'pr-reviewer', fileName: 'pr-reviewer.md', plugin: b },
      { slug: 'loose', fileName: 'loose.md' },
    ]);
    assert.deepEqual(mixed.plugins, ['/plugin marketplace add lighthouse-labs/kit', '/plugin install data-pipelines@lighthouse-kit', '/plugin install review-kit@lighthouse-kit']);
    assert.deepEqual(mixed.files.map((f) => f.slug), ['loose']);
    assert.equal(mixed.pluginSourceMissing, false);
    const unknownSource = installAllCommands(site.siteUrl, site.basePath, [{ slug: 'x', fileName: 'x.md', plugin: pluginCommands(undefined, 'p', 'm') }]);
    assert.deepEqual(unknownSource.plugins, ['/plugin install p@m']);
    assert.equal(unknownSource.pluginSourceMissing, true);
    assert.equal(unknownSource.project.bash, '', 'no files, no command');
  });
});

describe('selection links', () => {
  const rows: Array<[string | null, string[]]> = [
    ['a,b,c', ['a', 'b', 'c']],
    [' a , b ,,a', ['a', 'b']],
    ['', []],
    [null, []],
    ['only-one', ['only-one']],
  ];
  for (const [value, expected] of rows) test(`?agents=${value}`, () => assert.deepEqual(parseSelectionParam(value), expected));
  test('%2C reads as a comma (URLSearchParams decodes it)', () => {
    assert.deepEqual(parseSelectionParam(new URLSearchParams('agents=a%2Cb').get('agents')), ['a', 'b']);
  });
  test('the link names the site, the base path and the slugs, commas readable', () => {
    assert.equal(selectionLink(site, ['a', 'b.c', 'd_e']), 'https://agents.example.test/catalog/selection/?agents=a,b.c,d_e');
    assert.equal(selectionLink({ siteUrl: 'http://localhost:4321/', basePath: '/' }, []), 'http://localhost:4321/selection/');
    const back = new URL(selectionLink(site, ['x', 'y']));
    assert.deepEqual(parseSelectionParam(back.searchParams.get('agents')), ['x', 'y']);
  });
  test('unknown slugs are named, known ones kept in order; a rebuild that adds agents keeps the link working', () => {
    const before = { agents: { a: {}, b: {} } } as never;
    const after = { agents: { a: {}, b: {}, c: {}, z: {} } } as never;
    assert.deepEqual(resolveSelection(['b', 'nope', 'a'], before), { known: ['b', 'a'], unknown: ['nope'] });
    assert.deepEqual(resolveSelection(['b', 'nope', 'a'], after), { known: ['b', 'a'], unknown: ['nope'] });
    assert.deepEqual(resolveSelection(['constructor', '__proto__'], before), { known: [], unknown: ['constructor', '__proto__'] });
  });
  test('merge keeps mine first, then the new ones', () => {
    assert.deepEqual(mergeSelections(['a', 'b'], ['c', 'a', 'd']), ['a', 'b', 'c', 'd']);
  });
});

describe('/selection.json', () => {
  test('the repository\'s agents: name, summary and the file name each installs as', async () => {
    const { agents } = await loadCatalog(path.join(root, 'agents'), { render: false });
    const data = selectionData(agents, { siteUrl: 'http://localhost:4321/', basePath: '/' }, () => undefined);
    assert.equal(data.siteUrl, 'http://localhost:4321');
    assert.equal(Object.keys(data.agents).length, agents.length);
    assert.deepEqual(data.agents['mlops-engineer'], {
      name: 'mlops-engineer',
      summary: agents.find((a) => a.slug === 'mlops-engineer')!.summary,
      fileName: 'mlops-engineer.md',
    });
    assert.deepEqual(data.plugins, {});
  });
  test('a marketplace: each agent names its plugin, each plugin its commands, once', async () => {
    const market = await loadCatalog(path.join(root, 'tests/fixtures/repos/marketplace-plugins'), { render: false });
    let asked = 0;
    const data = selectionData(market.agents, site, (plugin) => (asked++, pluginCommands('lighthouse-labs/kit', plugin, 'lighthouse-kit')));
    const sql = Object.values(data.agents).find((a) => a.name === 'sql-tuner')!;
    assert.equal(sql.plugin, 'data-pipelines');
    assert.deepEqual(data.plugins['data-pipelines'], { add: '/plugin marketplace add lighthouse-labs/kit', install: '/plugin install data-pipelines@lighthouse-kit' });
    assert.equal(asked, Object.keys(data.plugins).length, 'each plugin asked once');
  });
});
