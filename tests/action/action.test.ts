/**
 * action.yml, run locally (tests/action/local-runner.ts) for a scratch caller repository whose `.claude/agents/`
 * holds a clean agent and a broken one: `check` annotates the broken file at its line and fails, `fail-on: never`
 * passes, `build` leaves a site whose "View source" links open the caller's repository. One real `astro build`
 * (~20-30 s), so `npm test` runs this file in its own phase (`npm run test:action` alone). No network: the one step
 * that would download (actions/cache) is a `uses:` step the runner does not run, and the install step finds this
 * checkout's node_modules already installed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { runAction, type ActionRun } from './local-runner.ts';

const root = path.resolve(import.meta.dirname, '../..');
const ACTION = path.join(root, 'action.yml');
const REPOSITORY = 'acme/agents-repo';

/** A caller's checkout: .claude/agents/ with a clean agent, one without a description, and a README. */
function callerRepository(): string {
  const repo = mkdtempSync(path.join(tmpdir(), 'agent-docs-caller-'));
  const files: Record<string, string> = {
    '.claude/agents/good-agent.md': '---\nname: good-agent\ndescription: Use this agent when the tests need a clean agent.\n---\n\nYou are a good agent.\n',
    '.claude/agents/broken.md': '---\nname: broken\ntools: Read\n---\nThe description is missing.\n',
    '.claude/agents/README.md': '# Our agents\n',
    'README.md': '# A project that keeps its agents in .claude/agents\n',
  };
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), content);
  }
  return repo;
}

const statuses = (run: ActionRun) => run.steps.map((step) => [step.name, step.status]);
const explain = (run: ActionRun) => run.steps.map((s) => `${s.name}: ${s.status} ${s.exitCode ?? ''}\n${s.stdout}${s.stderr}`).join('\n');

before(() => {
  // The install step reinstalls (npm ci: it empties node_modules, then downloads) unless npm ls finds this checkout's
  // packages complete; here that would need the network and wreck the checkout, so the tests refuse to start instead.
  const ls = spawnSync('npm', ['ls', '--all'], { cwd: root, encoding: 'utf8' });
  if (ls.status !== 0) throw new Error(`node_modules does not match package-lock.json here; run \`npm ci\` first.\n${ls.stderr}`);
});

describe('mode: check', () => {
  test('the broken file gets an ::error at its line, the step summary a row, the SARIF a result; the step fails', async () => {
    const repo = callerRepository();
    const run = await runAction(ACTION, { inputs: { 'agents-dir': '.claude/agents', mode: 'check', 'sarif-file': 'results/agent-docs.sarif' }, workspace: repo, repository: REPOSITORY });
    assert.equal(run.exitCode, 1, explain(run));
    assert.deepEqual(statuses(run), [
      ['Read the inputs', 'ran'],
      ['Find npm\'s cache', 'ran'],
      ['Cache npm\'s downloads', 'not run here'],
      ['Install agent-docs', 'ran'],
      ['Key the fetched plugins\' cache', 'skipped'],
      ['Cache fetched plugins', 'skipped'],
      ['Check the agent files', 'ran'],
      ['Build the catalog', 'skipped'],
    ]);
    assert.deepEqual(run.stdout.split('\n').filter((line) => line.startsWith('::')).map((line) => line.slice(0, line.indexOf('::', 2))), [
      '::error file=.claude/agents/broken.md,line=2,title=description-missing',
    ]);
    assert.match(run.stdout, /^agent-docs: 3 files checked, 1 agent loads in Claude Code, 1 error in 1 file, 0 warnings, 1 skipped$/m);
    assert.match(run.summary, /^### Agent files: 1 error in 1 file$/m);
    assert.match(run.summary, /^\| `\.claude\/agents\/broken\.md:2` \| \*\*no\*\* \| \*\*error\*\* The `description` is missing/m);
    const sarif = JSON.parse(readFileSync(path.join(repo, 'results/agent-docs.sarif'), 'utf8'));
    assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: unknown } }> }) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region]), [
      ['description-missing', '.claude/agents/broken.md', { startLine: 2 }],
    ]);
  });
  test('fail-on: never reports the same error and exits 0', async () => {
    const run = await runAction(ACTION, { inputs: { 'agents-dir': '.claude/agents', 'fail-on': 'never' }, workspace: callerRepository(), repository: REPOSITORY });
    assert.equal(run.exitCode, 0, explain(run));
    assert.match(run.stdout, /^::error file=\.claude\/agents\/broken\.md,line=2,/m);
  });
  test('several sources and fetch-plugins: each file annotated where it is, a plugin that cannot be fetched warned at its entry, its cache keyed', async () => {
    const repo = callerRepository();
    mkdirSync(path.join(repo, 'market/.claude-plugin'), { recursive: true });
    // No network here: the GitHub entry cannot be fetched, which costs that plugin only.
    const manifest = { name: 'team', owner: { name: 'Team' }, plugins: [{ name: 'far', source: { source: 'github', repo: 'acme/far', sha: 'a'.repeat(40) } }] };
    writeFileSync(path.join(repo, 'market/.claude-plugin/marketplace.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const run = await runAction(ACTION, { inputs: { 'agents-dir': '.claude/agents:market', 'fail-on': 'never', 'fetch-plugins': 'true' }, workspace: repo, repository: REPOSITORY });
    assert.equal(run.exitCode, 0, explain(run));
    assert.deepEqual(statuses(run).slice(3, 6), [['Install agent-docs', 'ran'], ['Key the fetched plugins\' cache', 'ran'], ['Cache fetched plugins', 'not run here']]);
    assert.match(run.stdout, /^::error file=\.claude\/agents\/broken\.md,line=2,/m);
    assert.match(run.stdout, /^::warning file=market\/\.claude-plugin\/marketplace\.json,line=9,col=\d+,title=plugin-fetch-failed::The plugin "far" could not be fetched/m);
  });
  test('agents-sources: the file\'s folders read as several sources, its git sources\' cache keyed; a folder outside the repository refused', async () => {
    const repo = callerRepository();
    mkdirSync(path.join(repo, 'market/.claude-plugin'), { recursive: true });
    writeFileSync(path.join(repo, 'market/.claude-plugin/marketplace.json'), `${JSON.stringify({ name: 'team', owner: { name: 'Team' }, plugins: [] }, null, 2)}\n`);
    // No network here: a git source that cannot be fetched is left out with a warning at its line.
    const sources = { sources: ['./.claude/agents', './market', { git: 'https://github.com/acme/far.git', sha: 'a'.repeat(40) }] };
    writeFileSync(path.join(repo, 'agent-sources.json'), `${JSON.stringify(sources, null, 2)}\n`);
    const run = await runAction(ACTION, { inputs: { 'agents-sources': 'agent-sources.json', 'fail-on': 'never' }, workspace: repo, repository: REPOSITORY });
    assert.equal(run.exitCode, 0, explain(run));
    assert.deepEqual(statuses(run).slice(3, 6), [['Install agent-docs', 'ran'], ['Key the fetched plugins\' cache', 'ran'], ['Cache fetched plugins', 'not run here']]);
    assert.match(run.stdout, /^::error file=\.claude\/agents\/broken\.md,line=2,/m);
    assert.match(run.stdout, /^::warning file=agent-sources\.json,line=\d+,.*title=source-fetch-failed::/m);
    // The same file naming a folder outside the repository: the check refuses it and runs nothing.
    writeFileSync(path.join(repo, 'agent-sources.json'), `${JSON.stringify({ sources: ['./.claude/agents', '../'] }, null, 2)}\n`);
    const outside = await runAction(ACTION, { inputs: { 'agents-sources': 'agent-sources.json', 'fail-on': 'never' }, workspace: repo, repository: REPOSITORY });
    assert.notEqual(outside.exitCode, 0);
    assert.match(explain(outside), /agent-sources\.json:4:5: the source folder ".*" is outside/);
  });
  const refused: Array<[string, Record<string, string>, RegExp]> = [
    ['an agents-dir outside the repository', { 'agents-dir': '../elsewhere' }, /^::error title=agent-docs::agents-dir "\.\.\/elsewhere" is outside the repository/m],
    ['an agents-dir that does not exist', { 'agents-dir': 'agents' }, /^::error title=agent-docs::agents-dir "agents" is not a folder of the repository; .*actions\/checkout/m],
    ['a second agents-dir outside the repository', { 'agents-dir': '.claude/agents:../elsewhere' }, /^::error title=agent-docs::agents-dir "\.\.\/elsewhere" is outside the repository/m],
    ['an agents-sources file outside the repository', { 'agents-sources': '../sources.json' }, /^::error title=agent-docs::agents-sources "\.\.\/sources\.json" is outside the repository/m],
    ['an agents-sources file that does not exist', { 'agents-sources': 'sources.json' }, /^::error title=agent-docs::agents-sources "sources\.json" is not a file of the repository/m],
    ['an unknown fetch-plugins', { 'fetch-plugins': 'yes' }, /^::error title=agent-docs::fetch-plugins must be true or false, not "yes"\.$/m],
    ['an unknown mode', { mode: 'lint' }, /^::error title=agent-docs::mode must be check or build, not "lint"\.$/m],
  ];
  for (const [name, inputs, message] of refused) {
    test(`${name}: an ::error naming the input, and nothing else runs`, async () => {
      const run = await runAction(ACTION, { inputs, workspace: callerRepository(), repository: REPOSITORY });
      assert.equal(run.exitCode, 1);
      assert.match(run.stdout, message);
      assert.deepEqual(run.steps.slice(1).map((step) => step.status), run.steps.slice(1).map(() => 'skipped'));
    });
  }
});

describe('mode: build', () => {
  test('a site in the `dist` output whose agent pages link "View source" to the caller\'s files', async () => {
    const repo = callerRepository();
    const run = await runAction(ACTION, { inputs: { 'agents-dir': '.claude/agents', mode: 'build', 'on-error': 'warn' }, workspace: repo, repository: REPOSITORY }, (line) => console.log(`[action] ${line}`));
    assert.equal(run.exitCode, 0, explain(run));
    assert.deepEqual(statuses(run).slice(-2), [['Check the agent files', 'skipped'], ['Build the catalog', 'ran']]);
    const dist = run.outputs.dist;
    assert.ok(path.isAbsolute(dist), `dist output: ${dist}`);
    const page = readFileSync(path.join(dist, 'agents/good-agent/index.html'), 'utf8');
    assert.match(page, /<a class="source-link" href="https:\/\/github\.com\/acme\/agents-repo\/blob\/main\/\.claude\/agents\/good-agent\.md"[^>]*>View source<\/a>/);
    // The GitHub Pages address derived from the repository: https://<owner>.github.io/<repo>/.
    assert.match(page, /<link rel="canonical" href="https:\/\/acme\.github\.io\/agents-repo\/agents\/good-agent\/"/);
    // on-error: warn publishes the broken agent, marked as not loading, with its own source link.
    const broken = readFileSync(path.join(dist, 'agents/broken/index.html'), 'utf8');
    assert.match(broken, /href="https:\/\/github\.com\/acme\/agents-repo\/blob\/main\/\.claude\/agents\/broken\.md"/);
  });
});
