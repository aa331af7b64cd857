/**
 * `npm run check --format github|sarif`: GitHub workflow commands (annotations), the step summary and SARIF 2.1.0,
 * on a folder with an error, warnings, a skipped file, a file outside every agents location and a clean file; on a
 * marketplace whose manifest is broken; and on file names with spaces, `%`, `,` and `:`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { loadCatalog } from '../../src/agents/index.ts';
import { fromRoot, reportEntries, type ReportEntry } from '../../src/agents/report.ts';
import { escapeData, escapeProperty, formatGithub, formatStepSummary, markdownCell, SUMMARY_ROWS } from '../../src/agents/report-github.ts';
import { formatSarif, pathUri } from '../../src/agents/report-sarif.ts';

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

/** A scratch repository: `files` under `agents dir/` (a space in the folder), returned with the repository root. */
function repository(files: Record<string, string>): { repo: string; dir: string } {
  const repo = mkdtempSync(path.join(tmpdir(), 'agent-docs-formats-'));
  const dir = path.join(repo, 'agents dir');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return { repo, dir };
}
const agent = (name: string, extra = '') => `---\nname: ${name}\ndescription: Use it for ${name}.\n${extra}---\n\nYou are ${name}.\n`;

const SPECIAL = 'team/100% sure, really: yes.md';
const { repo, dir } = repository({
  'clean.md': agent('clean'),
  'team/broken.md': '---\nname: broken\ntools: Read\n---\nno description\n',
  [SPECIAL]: agent('sure'),
  'warn.md': agent('warn', 'color: mauve\n'),
  'README.md': '# Our agents\n',
  'skills/tidy/SKILL.md': '---\nname: tidy\ndescription: A skill.\n---\n',
});
const entries = async (folder = dir, from = repo) => fromRoot(reportEntries(await loadCatalog(folder, { render: false })), path.relative(from, folder));

/** The runner's reading of a workflow command line (actions/runner's ActionCommand): name, properties, message. */
function parseCommand(line: string): { command: string; properties: Record<string, string>; message: string } {
  const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  assert.ok(match, `not a workflow command: ${line}`);
  const unescape = (s: string) => s.replace(/%(25|0D|0A|3A|2C)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const properties = Object.fromEntries((match[2] ?? '').split(',').filter(Boolean).map((pair) => {
    const at = pair.indexOf('=');
    return [pair.slice(0, at), unescape(pair.slice(at + 1))];
  }));
  return { command: match[1], properties, message: unescape(match[3]) };
}

describe('escaping workflow command values as GitHub documents (@actions/core)', () => {
  const rows: Array<[string, string, string]> = [
    ['plain text', 'plain text', 'plain text'],
    ['100% sure', '100%25 sure', '100%25 sure'],
    ['a, b: c', 'a, b: c', 'a%2C b%3A c'],
    ['two\nlines\r\n', 'two%0Alines%0D%0A', 'two%0Alines%0D%0A'],
    ['%0A is not a newline', '%250A is not a newline', '%250A is not a newline'],
    ['::error::injected', '::error::injected', '%3A%3Aerror%3A%3Ainjected'],
  ];
  for (const [input, data, property] of rows) {
    test(JSON.stringify(input), () => {
      assert.equal(escapeData(input), data);
      assert.equal(escapeProperty(input), property);
    });
  }
});

describe('--format github: a folder with an error, warnings, a skipped file, a skill and a clean file', async () => {
  const lines = formatGithub(await entries()).split('\n');
  test('one command per problem, paths from the repository root, escaped, then the summary', () => {
    assert.deepEqual(lines.slice(0, -1).map((line) => line.slice(0, line.indexOf('::', 2) + 2)), [
      '::warning file=agents dir/team/100%25 sure%2C really%3A yes.md,line=2,title=name-file-mismatch::',
      '::error file=agents dir/team/broken.md,line=2,title=description-missing::',
      '::warning file=agents dir/warn.md,line=4,title=color-unknown::',
    ]);
    assert.equal(lines.at(-1), 'agent-docs: 5 files checked, 3 agents load in Claude Code, 1 error in 1 file, 2 warnings, 1 skipped, 1 not agents');
  });
  test('the runner reads back the file, line and message, with the fix on a second line', () => {
    const [special, broken] = lines.map((line) => (line.startsWith('::') ? parseCommand(line) : undefined));
    assert.deepEqual(special!.properties, { file: `agents dir/${SPECIAL}`, line: '2', title: 'name-file-mismatch' });
    assert.match(special!.message, /^The name "sure" differs from the file name "100% sure, really: yes\.md"\.\nFix: /);
    assert.equal(broken!.command, 'error');
    assert.match(broken!.message, /^The `description` is missing or empty[^\n]*\nFix: Add `description:/);
  });
  test('no annotation for the clean file, the skipped README or the skill', () => {
    assert.deepEqual(lines.filter((line) => /clean\.md|README|SKILL/.test(line)), []);
  });
});

describe('--format github: manifest problems at their line and column, whole-file problems on the file', async () => {
  const repos = path.join(root, 'tests/fixtures/repos');
  const lines = formatGithub(await entries(path.join(repos, 'broken-json'), repos)).split('\n');
  test('the manifest\'s line and column; the blocked agent without a line', () => {
    assert.deepEqual(lines.slice(0, 2).map((line) => [parseCommand(line).command, parseCommand(line).properties]), [
      ['error', { file: 'broken-json/.claude-plugin/marketplace.json', line: '5', col: '51', title: 'manifest-json' }],
      ['error', { file: 'broken-json/plugins/solo/agents/solo-agent.md', title: 'plugin-not-installable' }],
    ]);
    assert.match(parseCommand(lines[0]).message, /^The manifest is not valid JSON: a comma before "}"/);
  });
});

describe('the step summary', async () => {
  const summary = formatStepSummary(await entries());
  test('a verdict, the summary line, and a row per problem: file and line, loads, problem, fix', () => {
    const rows = summary.split('\n').filter((line) => line.startsWith('| '));
    assert.equal(summary.split('\n')[0], '### Agent files: 1 error in 1 file');
    assert.deepEqual(rows.map((row) => row.split(' | ').slice(0, 2)), [
      ['| File', 'Loads'],
      ['| ---', '---'],
      ['| `agents dir/team/100% sure, really: yes.md:2`', 'yes'],
      ['| `agents dir/team/broken.md:2`', '**no**'],
      ['| `agents dir/warn.md:4`', 'yes'],
    ]);
    assert.match(rows[3], /\| \*\*error\*\* The `description` is missing .* \(`description-missing`\) \| Add `description: Use this agent when …` with a few `<example>` blocks\. \|$/);
  });
  test('no problems: the verdict says so and there is no table', () => {
    const clean: ReportEntry[] = [{ file: 'a.md', name: 'a', loads: true, errors: [], warnings: [] }];
    assert.equal(formatStepSummary(clean), '### Agent files: no problems\n\n1 file checked, 1 agent loads in Claude Code, 0 errors, 0 warnings, 0 skipped\n\n');
  });
  const cells: Array<[string, string]> = [
    ['a | b', 'a \\| b'],
    ['`a|b` c', '`a\\|b` c'],
    ['<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['a few `<example>` blocks', 'a few `<example>` blocks'],
    ['*not* _emphasis_ [link](x)', '\\*not\\* \\_emphasis\\_ \\[link\\](x)'],
    ['two\nlines', 'two lines'],
    ['an `unclosed code span', 'an \\`unclosed code span'],
  ];
  for (const [text, cell] of cells) test(`cell ${JSON.stringify(text)}`, () => assert.equal(markdownCell(text), cell));
  test(`at most ${SUMMARY_ROWS} rows; the rest are counted`, () => {
    const problem = { line: 1, code: 'x', message: 'm', fix: 'f' };
    const many: ReportEntry[] = [{ file: 'a.md', name: 'a', loads: false, errors: Array.from({ length: SUMMARY_ROWS + 2 }, () => problem), warnings: [] }];
    const text = formatStepSummary(many);
    assert.equal(text.split('\n').filter((line) => line.startsWith('| `a.md:1`')).length, SUMMARY_ROWS);
    assert.match(text, /…and 2 more: run `npm run check`/);
  });
});

describe('--format sarif', async () => {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(root, 'tests/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')));
  const repos = path.join(root, 'tests/fixtures/repos');
  const folder = formatSarif(await entries(), { version: pkg.version, informationUri: 'https://example.test/agent-docs', root: repo });
  const manifest = formatSarif(await entries(path.join(repos, 'broken-json'), repos), { version: pkg.version, root: repos });
  test('valid against the SARIF 2.1.0 schema (both reports)', () => {
    for (const log of [folder, manifest]) assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  });
  test('the schema check can fail: a region on line 0 is refused', () => {
    const broken = structuredClone(folder);
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    assert.equal(validate(broken), false);
  });
  test('the driver: name, version from package.json, information URI', () => {
    const { name, version, informationUri } = folder.runs[0].tool.driver;
    assert.deepEqual({ name, version, informationUri }, { name: 'agent-docs', version: pkg.version, informationUri: 'https://example.test/agent-docs' });
  });
  test('one rule per code, with the message and the fix as its description and help', () => {
    const rules = folder.runs[0].tool.driver.rules;
    assert.deepEqual(rules.map((r) => [r.id, r.name, r.defaultConfiguration.level]), [
      ['name-file-mismatch', 'NameFileMismatch', 'warning'],
      ['description-missing', 'DescriptionMissing', 'error'],
      ['color-unknown', 'ColorUnknown', 'warning'],
    ]);
    assert.match(rules[1].shortDescription.text, /^The `description` is missing or empty/);
    assert.match(rules[1].help.text, /^Fix: Add `description:/);
  });
  test('a result per problem at its file (a URI from the repository root) and line; none for skipped or clean files', () => {
    assert.deepEqual(folder.runs[0].results.map((r) => [r.ruleId, r.ruleIndex, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region]), [
      ['name-file-mismatch', 0, 'warning', 'agents%20dir/team/100%25%20sure%2C%20really%3A%20yes.md', { startLine: 2 }],
      ['description-missing', 1, 'error', 'agents%20dir/team/broken.md', { startLine: 2 }],
      ['color-unknown', 2, 'warning', 'agents%20dir/warn.md', { startLine: 4 }],
    ]);
    assert.equal(decodeURIComponent(folder.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri), `agents dir/${SPECIAL}`);
  });
  test('a manifest problem at its line and column; a whole-file problem on line 1', () => {
    assert.deepEqual(manifest.runs[0].results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region]), [
      ['manifest-json', 'broken-json/.claude-plugin/marketplace.json', { startLine: 5, startColumn: 51 }],
      ['plugin-not-installable', 'broken-json/plugins/solo/agents/solo-agent.md', { startLine: 1 }],
    ]);
    assert.equal(manifest.runs[0].originalUriBaseIds?.['%SRCROOT%'].uri, `file://${repos}/`);
  });
  const uris: Array<[string, string]> = [['a/b.md', 'a/b.md'], ['a b/c#1?.md', 'a%20b/c%231%3F.md'], ['100%.md', '100%25.md']];
  for (const [file, uri] of uris) test(`pathUri(${JSON.stringify(file)})`, () => assert.equal(pathUri(file), uri));
});

describe('npm run check: formats, --root, --fail-on, --sarif-file, the step summary', () => {
  const check = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [path.join(root, 'scripts/check.ts'), ...args], { encoding: 'utf8', env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...env } });
  test('--format github: exit 1 on an error; the step summary appended where GITHUB_STEP_SUMMARY says', () => {
    const summary = path.join(repo, 'summary.md');
    writeFileSync(summary, 'before\n');
    const result = check(['--format', 'github', '--root', repo, dir], { GITHUB_STEP_SUMMARY: summary });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^::error file=agents dir\/team\/broken\.md,line=2,title=description-missing::/m);
    assert.match(readFileSync(summary, 'utf8'), /^before\n### Agent files: 1 error in 1 file\n/);
  });
  const warnOnly = repository({ 'warn.md': agent('warn', 'color: mauve\n') });
  const exits: Array<[string, { repo: string; dir: string }, string[], number]> = [
    ['--fail-on never: exit 0 despite the error', { repo, dir }, ['--fail-on', 'never'], 0],
    ['warnings only: exit 0 (errors fail by default)', warnOnly, ['--format', 'github'], 0],
    ['--fail-on warning, warnings only: exit 1', warnOnly, ['--format', 'github', '--fail-on=warning'], 1],
    ['--format bogus: exit 2', { repo, dir }, ['--format', 'bogus'], 2],
    ['--fail-on sometimes: exit 2', { repo, dir }, ['--fail-on', 'sometimes'], 2],
    ['--json with --format sarif: exit 2', { repo, dir }, ['--json', '--format', 'sarif'], 2],
    ['an unknown option: exit 2', { repo, dir }, ['--colour'], 2],
    ['two folders: exit 2', { repo, dir }, [repo], 2],
  ];
  for (const [name, where, args, status] of exits) {
    test(name, () => {
      const result = check(['--root', where.repo, ...args, where.dir]);
      assert.equal(result.status, status, result.stderr);
      if (status === 2) assert.match(result.stderr, /^check: .*\nusage: npm run check/);
    });
  }
  test('a folder outside --root: exit 2, naming --root as the fix', () => {
    const result = check(['--format', 'github', '--root', path.join(repo, 'elsewhere'), dir]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /is not inside the repository root .*; pass --root with the repository's root/);
  });
  test('without --root: the repository is the nearest folder holding .git above the checked folder, wherever check runs', () => {
    const found = repository({ 'team/broken.md': '---\nname: broken\n---\n\nNo description.\n' });
    mkdirSync(path.join(found.repo, '.git'));
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'agent-docs-cwd-'));
    const result = spawnSync(process.execPath, [path.join(root, 'scripts/check.ts'), '--format', 'github', found.dir], { encoding: 'utf8', cwd: elsewhere, env: { ...process.env, GITHUB_STEP_SUMMARY: '' } });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^::error file=agents dir\/team\/broken\.md,line=/m);
    // With no .git above it, the current folder is the root, as before: a folder outside it is a usage error.
    const loose = repository({ 'a.md': agent('a') });
    assert.equal(spawnSync(process.execPath, [path.join(root, 'scripts/check.ts'), '--format', 'github', loose.dir], { encoding: 'utf8', cwd: elsewhere }).status, 2);
  });
  test('a marketplace under a name reserved for Anthropic\'s: judged by where it is added from (REPO_URL, MARKETPLACE_SOURCE)', () => {
    const reserved = path.join(root, 'tests/fixtures/repos/reserved-name');
    const run = (env: Record<string, string>) => check([reserved], { REPO_URL: '', MARKETPLACE_SOURCE: '', REPO_AGENTS_PATH: '.', ...env });
    assert.equal(run({ REPO_URL: 'https://github.com/anthropics/claude-plugins-official' }).status, 0);
    const fork = run({ REPO_URL: 'https://github.com/acme/plugins-fork' });
    assert.equal(fork.status, 1);
    assert.match(fork.stdout, /Claude Code refuses to add this marketplace from acme\/plugins-fork: "The name 'claude-plugins-official' is reserved/);
    assert.match(fork.stdout, /0 agents load in Claude Code/);
    const unknown = run({});
    assert.equal(unknown.status, 0);
    assert.match(unknown.stdout, /warning: "claude-plugins-official" is reserved for Anthropic's own marketplaces/);
  });
  test('--sarif-file writes the SARIF beside the annotations, creating its folder', () => {
    const file = path.join(repo, 'out/results.sarif');
    const result = check(['--format', 'github', '--root', repo, '--sarif-file', file, dir]);
    assert.equal(result.status, 1, result.stderr);
    assert.ok(existsSync(file));
    const log = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(log.runs[0].results.length, 3);
    assert.equal(log.runs[0].tool.driver.version, pkg.version);
  });
});
