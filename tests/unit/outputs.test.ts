import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { lastChanges, parseLog } from '../../src/agents/history.ts';
import { isAgent, loadAgent, loadCatalog } from '../../src/agents/index.ts';
import type { Agent } from '../../src/agents/types.ts';
import { accentFor, agentCard, agentCardData, catalogCard, clip } from '../../src/og/card.ts';
import { cardPng } from '../../src/og/render.ts';
import { catalogJson, feedItems, llmsFullTxt, llmsTxt, robotsTxt, type Site } from '../../src/site/outputs.ts';
import { catalogSchema } from '../../src/site/catalog-schema.ts';

const root = path.resolve(import.meta.dirname, '../..');
const site: Site = { siteUrl: 'https://agents.example.test', basePath: '/catalog/', siteTitle: 'Acme agents' };
const { agents } = await loadCatalog(path.join(root, 'agents'), { render: false });

/** One agent from frontmatter lines (a YAML fragment) and a body. */
function agent(frontmatter: string, file = 'team/a.md', updated?: string): Agent {
  const entry = loadAgent({ file, text: `---\n${frontmatter}\n---\n\nBody.\n`, updated, render: false });
  assert.ok(isAgent(entry), `not an agent: ${frontmatter}`);
  return entry;
}

/** Every absolute URL in a text. */
const urls = (text: string) => [...text.matchAll(/https?:\/\/[^\s"')<>\]]+/g)].map((m) => m[0]);

describe('/agents.json against its JSON Schema (ajv, draft 2020-12)', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(catalogSchema(site));
  const json = catalogJson(agents, site);

  test('the repository\'s agents/ folder validates', () => {
    assert.ok(agents.length > 0);
    assert.equal(validate(JSON.parse(JSON.stringify(json))), true, ajv.errorsText(validate.errors));
    assert.equal(json.count, agents.length);
    assert.equal(json.$schema, 'https://agents.example.test/catalog/agents.schema.json');
  });
  test('an agent with hostile text still validates', () => {
    const odd = agent('name: "x]](javascript:alert(1))"\ndescription: "<script>alert(1)</script>\\nsecond line"\ncolor: "url(evil)"');
    assert.equal(validate(JSON.parse(JSON.stringify(catalogJson([odd], site)))), true, ajv.errorsText(validate.errors));
  });
  test('a marketplace\'s agents carry their plugin and marketplace, and validate', async () => {
    const market = await loadCatalog(path.join(root, 'tests/fixtures/repos/marketplace-plugins'), { render: false });
    const withSource = catalogJson(market.agents, site, { marketplace: { name: 'lighthouse-kit', source: 'lighthouse-labs/kit' }, plugins: market.plugins });
    assert.equal(validate(JSON.parse(JSON.stringify(withSource))), true, ajv.errorsText(validate.errors));
    const sql = withSource.agents.find((a) => a.name === 'sql-tuner')!;
    assert.deepEqual(sql.plugin, {
      name: 'data-pipelines',
      url: 'https://agents.example.test/catalog/plugins/data-pipelines/',
      version: '1.4.0',
      description: 'Agents, a skill and a command for batch data pipelines.',
      install: '/plugin install data-pipelines@lighthouse-kit',
      agentName: 'data-pipelines:sql-tuner',
      refused: null,
    });
    // Both install routes, and what installing the plugin adds.
    const runner = withSource.agents.find((a) => a.name === 'backfill-runner')!;
    assert.deepEqual([runner.capabilities.permissionMode?.mode, runner.pluginCapabilities?.permissionMode, runner.pluginCapabilities?.ignored.map((i) => i.field)], ['bypassPermissions', null, ['permissionMode']]);
    const pipelines = withSource.plugins.find((p) => p.name === 'data-pipelines')!;
    assert.deepEqual([pipelines.source, pipelines.contents?.hooks.length, pipelines.contents?.mcpServers.map((m) => m.remote)], ['local', 3, [false, true]]);
    assert.deepEqual(withSource.plugins.filter((p) => p.contents === null).map((p) => p.name), ['cloud-costs', 'schema-linter', 'release-helper']);
    assert.deepEqual(sql.marketplace, { name: 'lighthouse-kit', source: 'lighthouse-labs/kit' });
    // Built without MARKETPLACE_SOURCE or REPO_URL: the source is null, the install command is still right.
    const without = catalogJson(market.agents, site, { marketplace: { name: 'lighthouse-kit' }, plugins: market.plugins });
    assert.equal(validate(JSON.parse(JSON.stringify(without))), true, ajv.errorsText(validate.errors));
    assert.deepEqual(without.agents.find((a) => a.name === 'sql-tuner')!.marketplace, { name: 'lighthouse-kit', source: null });
    // Its category's page; the site passes listings.ts's routes, which keep slugs distinct.
    assert.equal(sql.categoryUrl, 'https://agents.example.test/catalog/categories/data/');
    const routed = catalogJson(market.agents, site, { plugins: market.plugins, routes: { category: (c) => `categories/${c}-2/`, plugin: (p) => `plugins/${p}-2/` } });
    assert.deepEqual([routed.agents[0].categoryUrl.endsWith('-2/'), routed.agents.find((a) => a.plugin)!.plugin!.url.endsWith('-2/')], [true, true]);
    // A plain folder: no plugin, no marketplace.
    assert.deepEqual([json.agents[0].plugin, json.agents[0].marketplace], [null, null]);
  });
  const broken: Array<[string, (doc: Record<string, any>) => void]> = [
    ['a missing field', (doc) => delete doc.agents[0].rawUrl],
    ['an unknown field', (doc) => (doc.agents[0].extra = 1)],
    ['a malformed hash', (doc) => (doc.agents[0].sha256 = 'abc')],
    ['a relative URL', (doc) => (doc.agents[0].url = '/agents/x/')],
    ['tools as a string', (doc) => (doc.agents[0].tools = 'Read')],
    ['a non-date', (doc) => (doc.generated = 'yesterday')],
    ['a plugin without a name', (doc) => (doc.agents[0].plugin = { version: null, description: null, install: null })],
    ['an agent without capabilities', (doc) => delete doc.agents[0].capabilities],
    ['an unknown capability flag', (doc) => doc.agents[0].capabilities.flags.push('flies')],
    ['an unknown tool group', (doc) => (doc.agents[0].capabilities.groups = [{ id: 'magic', all: true, tools: [] }])],
    ['a hook without what it runs', (doc) => (doc.agents[0].capabilities.hooks = [{ event: 'Stop', matcher: null, type: 'command' }])],
  ];
  for (const [name, breakIt] of broken) {
    test(`rejects ${name}`, () => {
      const doc = JSON.parse(JSON.stringify(json));
      breakIt(doc);
      assert.equal(validate(doc), false);
    });
  }
});

describe('/agents.json capabilities', () => {
  test('every tool, a list, and what disallowedTools removes', () => {
    const all = catalogJson([agent('name: a\ndescription: Use it.')], site).agents[0].capabilities;
    assert.equal(all.tools, 'all');
    assert.deepEqual(all.groups.map((g) => [g.id, g.all, g.tools]), [['read', true, []], ['change', true, []], ['run', true, []], ['web', true, []], ['mcp', true, []], ['agents', true, []], ['schedule', true, []], ['other', true, []]]);
    assert.deepEqual(all.summary, ['runs shell commands', 'changes files']);
    const listed = catalogJson([agent('name: a\ndescription: Use it.\ntools: Read, mcp__github__create_issue, Teleport\ndisallowedTools: Bash')], site).agents[0].capabilities;
    assert.deepEqual(listed.groups, [{ id: 'read', all: false, tools: ['Read'] }, { id: 'mcp', all: false, tools: ['mcp__github__create_issue'] }, { id: 'other', all: false, tools: ['Teleport'] }]);
    assert.deepEqual(listed.removed, ['Bash']);
    // Teleport is no tool of Claude Code's: dropped, so what is left is read-only but for the MCP tool.
    assert.deepEqual(listed.flags, ['mcp']);
  });
  test('hooks, MCP servers, permission mode and effort', () => {
    const caps = catalogJson(
      [agent('name: a\ndescription: Use it.\npermissionMode: bypassPermissions\neffort: high\nmcpServers:\n  - github\nhooks:\n  PreToolUse:\n    - matcher: Bash\n      hooks:\n        - type: command\n          command: ./check.sh')],
      site,
    ).agents[0].capabilities;
    assert.deepEqual(caps.permissionMode, { mode: 'bypassPermissions', skipsPrompts: true });
    assert.equal(caps.effort, 'high');
    assert.deepEqual(caps.hooks, [{ event: 'PreToolUse', matcher: 'Bash', type: 'command', run: './check.sh' }]);
    assert.deepEqual(caps.mcpServers, [{ name: 'github', inline: false, run: null }]);
    assert.deepEqual(caps.summary, ['skips permission prompts', 'runs shell commands', 'changes files', 'has hooks', 'starts MCP servers']);
  });
  test('the seed agent has every tool, said as such', () => {
    const seed = catalogJson(agents, site).agents.find((a) => a.slug === 'mlops-engineer')!;
    assert.equal(seed.capabilities.tools, 'all');
    assert.ok(seed.capabilities.flags.includes('all-tools'));
  });
});

describe('/agents.json fields', () => {
  const rows: Array<[string, string, Partial<Record<'model' | 'tools' | 'color', unknown>>]> = [
    ['no model, no tools, no colour', 'name: a\ndescription: Use it.', { model: 'inherit', tools: null, color: null }],
    ['all three', 'name: a\ndescription: Use it.\nmodel: opus\ntools: Read, Grep\ncolor: red', { model: 'opus', tools: ['Read', 'Grep'], color: 'red' }],
    ['an empty tools list stays a list', 'name: a\ndescription: Use it.\ntools: []', { tools: [] }],
  ];
  for (const [name, frontmatter, expected] of rows) {
    test(name, () => {
      const [entry] = catalogJson([agent(frontmatter)], site).agents;
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(entry[key as keyof typeof entry], value, key);
    });
  }
  test('URLs are absolute, under BASE_PATH, and point at the page and the raw file', () => {
    const [entry] = catalogJson([agent('name: code-reviewer\ndescription: Use it.')], site).agents;
    assert.equal(entry.url, 'https://agents.example.test/catalog/agents/code-reviewer/');
    assert.equal(entry.rawUrl, 'https://agents.example.test/catalog/agents/code-reviewer.md');
  });
  test('generated is the latest change, not the clock, and the output is stable', () => {
    const list = [
      agent('name: a\ndescription: A.', 'a.md', '2025-03-01T00:00:00.000Z'),
      agent('name: b\ndescription: B.', 'b.md', '2025-05-01T12:00:00.000Z'),
      agent('name: c\ndescription: C.', 'c.md'),
    ];
    assert.equal(catalogJson(list, site).generated, '2025-05-01T12:00:00.000Z');
    assert.equal(catalogJson([], site).generated, null);
    assert.equal(JSON.stringify(catalogJson(agents, site)), JSON.stringify(catalogJson(agents, site)));
  });
});

describe('llms.txt and llms-full.txt', () => {
  const text = llmsTxt(agents, site);
  test('llmstxt.org shape: title, summary, one section per category, links to raw files', () => {
    const lines = text.split('\n');
    assert.equal(lines[0], '# Acme agents');
    assert.match(lines[2], /^> \d+ Claude Code subagent definitions\./);
    const sections = lines.filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
    assert.deepEqual(sections, [...new Set(agents.map((a) => a.category))]);
    const links = lines.filter((l) => l.startsWith('- ['));
    assert.equal(links.length, agents.length);
    for (const link of links) assert.match(link, /^- \[[^\]]+\]\(https:\/\/agents\.example\.test\/catalog\/agents\/[^)\s]+\.md\)(: .+)?$/);
  });
  test('hostile names and summaries stay inside their link line', () => {
    const odd = agent('name: "a]](https://evil.test) [b"\ndescription: "First line\\n## Not a heading. Second sentence."', 'x/odd.md');
    const out = llmsTxt([odd], site);
    assert.ok(out.includes('- [a\\]\\](https://evil.test) \\[b]('), out);
    assert.ok(!out.includes('\n## Not a heading'), out);
  });
  test('llms-full.txt holds every file verbatim after a separator naming it', () => {
    const full = llmsFullTxt(agents, site);
    for (const a of agents) {
      const header = `Agent: ${a.name} https://agents.example.test/catalog/agents/${a.slug}.md\n${'='.repeat(80)}\n`;
      assert.ok(full.includes(header + a.raw), a.file);
    }
  });
  test('every URL carries BASE_PATH', () => {
    for (const url of [...urls(text), ...urls(robotsTxt(site))]) assert.ok(url.startsWith('https://agents.example.test/catalog/'), url);
  });
});

describe('RSS items and robots.txt', () => {
  test('newest first, ties by name, pubDate from updated', () => {
    const items = feedItems(
      [
        agent('name: old\ndescription: Old one.', 'old.md', '2024-01-01T00:00:00.000Z'),
        agent('name: undated\ndescription: No date.', 'u.md'),
        agent('name: zeta\ndescription: New.', 'z.md', '2025-01-01T00:00:00.000Z'),
        agent('name: alpha\ndescription: New too.', 'al.md', '2025-01-01T00:00:00.000Z'),
      ],
      site,
    );
    assert.deepEqual(items.map((i) => i.title), ['alpha', 'zeta', 'old', 'undated']);
    assert.equal(items[0].link, 'https://agents.example.test/catalog/agents/alpha/');
    assert.equal(items[0].pubDate?.toISOString(), '2025-01-01T00:00:00.000Z');
    assert.equal(items[3].pubDate, undefined);
  });
  test('robots.txt names the sitemap index under BASE_PATH', () => {
    assert.equal(robotsTxt(site), 'User-agent: *\nAllow: /\n\nSitemap: https://agents.example.test/catalog/sitemap-index.xml\n');
    assert.match(robotsTxt({ ...site, basePath: '/' }), /Sitemap: https:\/\/agents\.example\.test\/sitemap-index\.xml\n$/);
  });
});

describe('last change from git history', () => {
  test('parseLog: the newest commit naming a file wins', () => {
    const log = '\x1e2025-02-01T10:00:00+01:00\0\na.md\0sub/ü b.md\0\x1e2025-01-01T00:00:00Z\0\na.md\0c.md\0';
    assert.deepEqual(
      [...parseLog(log)],
      [['a.md', '2025-02-01T09:00:00.000Z'], ['sub/ü b.md', '2025-02-01T09:00:00.000Z'], ['c.md', '2025-01-01T00:00:00.000Z']],
    );
  });
  test('one git log over a folder of a repository; nothing outside one', async (t) => {
    const repo = mkdtempSync(path.join(tmpdir(), 'agent-docs-history-'));
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args], { env: { ...process.env, GIT_COMMITTER_DATE: args.includes('second') ? '2025-06-01T00:00:00Z' : '2025-01-01T00:00:00Z' } });
    try {
      git('init', '-q');
    } catch {
      t.skip('git is not installed');
      return;
    }
    mkdirSync(path.join(repo, 'agents/team'), { recursive: true });
    writeFileSync(path.join(repo, 'agents/team/a.md'), '1');
    writeFileSync(path.join(repo, 'agents/b.md'), '1');
    writeFileSync(path.join(repo, 'outside.md'), '1');
    git('add', '.');
    git('commit', '-qm', 'first');
    writeFileSync(path.join(repo, 'agents/team/a.md'), '2');
    git('commit', '-qam', 'second');
    const { dates } = await lastChanges(path.join(repo, 'agents'));
    assert.deepEqual([...dates].sort(), [['b.md', '2025-01-01T00:00:00.000Z'], ['team/a.md', '2025-06-01T00:00:00.000Z']]);
    assert.equal((await lastChanges(mkdtempSync(path.join(tmpdir(), 'agent-docs-nogit-')))).dates.size, 0);
  });
});

describe('link-preview cards', () => {
  const clips: Array<[string, number, string]> = [
    ['code-reviewer', 40, 'code-reviewer'],
    ['a\nb\tc', 40, 'a b c'],
    ['abcdefghij', 5, 'abcd…'],
    ['word, word', 6, 'word…'],
    ['日本語 reviewer 🚀', 40, 'reviewer'],
    ['日本語-reviewer', 40, 'reviewer'],
    ['Łódź', 40, 'Łódź'],
    ['-leading hyphen stays', 40, '-leading hyphen stays'],
  ];
  for (const [input, max, expected] of clips) test(`clip(${JSON.stringify(input)}, ${max})`, () => assert.equal(clip(input, max), expected));
  const accents: Array<[string | undefined, string]> = [
    ['red', '#dc2626'],
    ['cyan', '#0891b2'],
    [undefined, '#6b7280'],
    ['#ff0000', '#6b7280'],
    ['url(javascript:alert(1))', '#6b7280'],
  ];
  for (const [color, expected] of accents) test(`accent for ${color}`, () => assert.equal(accentFor(color), expected));
  test('agent text reaches the card as text fields only, verbatim; every other string is a colour', () => {
    const card = agentCard(agentCardData(agent('name: "<b>x</b>"\ndescription: "<img src=x onerror=alert(1)>"\ncolor: "url(evil)"'), 'Acme'));
    const texts: string[] = [];
    const walk = (value: unknown, key: string): void => {
      if (typeof value === 'string') {
        if (key === 'text') texts.push(value);
        else assert.match(value, /^#[0-9a-f]{6}$/, `${key}: ${value}`);
      } else if (Array.isArray(value)) value.forEach((item) => walk(item, key));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
    };
    walk(card, '');
    assert.ok(texts.includes('<b>x</b>'), texts.join(' | '));
    assert.ok(texts.includes('<img src=x onerror=alert(1)>'), texts.join(' | '));
    assert.equal(card.accent, '#6b7280');
  });
  test('cards render as 1200 × 630 PNGs', async () => {
    for (const card of [agentCard(agentCardData(agents[0], 'Acme')), catalogCard({ siteTitle: 'Acme', address: 'agents.example.test/catalog', agentCount: 3, categories: ['a', 'b'] })]) {
      const png = await cardPng(card);
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1200, 630]);
    }
  });
  test('a card drawn twice is byte-identical', async () => {
    const card = agentCard(agentCardData(agents[0], 'Acme'));
    assert.ok((await cardPng(card)).equals(await cardPng(card)));
  });
});
