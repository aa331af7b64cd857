import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { loadCatalog } from '../../src/agents/index.ts';

const root = path.resolve(import.meta.dirname, '../..');
const seedFile = path.join(root, 'agents/infrastructure/mlops-engineer.md');

const agentText = (name: string, extra = '') => `---\nname: ${name}\ndescription: Use this agent when testing ${name}.\n${extra}---\n\nBody of ${name}.\n`;

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'agent-docs-test-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

describe('the seed', async () => {
  const { agents } = await loadCatalog(folder({ 'infrastructure/mlops-engineer.md': readFileSync(seedFile) }));
  const seed = agents[0];
  test('loads, with its summary, 5 examples and 8 principles', () => {
    assert.equal(seed.name, 'mlops-engineer');
    assert.equal(seed.loads, true);
    assert.deepEqual(seed.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.equal(seed.summary, 'Use this agent when you need to design, implement, or optimize ML infrastructure, pipelines, or production ML systems.');
    assert.equal(seed.examples.length, 5);
    assert.equal(seed.principles.length, 8);
    assert.equal(seed.principles[0].title, 'Automation First');
    assert.equal(seed.principles[7].title, 'Documentation is Deliverable');
  });
  test('keeps the file byte-for-byte with its hash', () => {
    const bytes = readFileSync(seedFile);
    assert.equal(Buffer.from(seed.raw, 'utf8').equals(bytes), true);
    assert.equal(seed.size, bytes.length);
    assert.match(seed.sha256, /^[0-9a-f]{64}$/);
  });
  test('no literal \\n reaches the structured fields', () => {
    const texts = [seed.whenToUse, ...seed.examples.flatMap((e) => [e.context ?? '', e.commentary ?? '', ...e.turns.map((t) => t.text)])];
    assert.deepEqual(texts.filter((t) => t.includes('\\n')), []);
  });
  test('category from the first folder, tools absent, model and colour', () => {
    assert.equal(seed.category, 'infrastructure');
    assert.equal(seed.fields.tools, undefined);
    assert.equal(seed.fields.model, 'sonnet');
    assert.equal(seed.fields.color, 'cyan');
  });
});

describe('catalog-wide rules', () => {
  test('documentation files without a name are skipped, not lost', async () => {
    const dir = folder({ 'README.md': '# Our agents\n', 'team/a.md': agentText('a') });
    const { agents, skipped } = await loadCatalog(dir);
    assert.deepEqual(agents.map((a) => [a.file, a.category]), [['team/a.md', 'team']]);
    assert.deepEqual(skipped.map((s) => [s.file, s.reason]), [['README.md', 'no frontmatter name']]);
  });
  test('duplicate names, also by case, warn on both files and get distinct stable slugs', async () => {
    const dir = folder({ 'a/x.md': agentText('dup'), 'b/x.md': agentText('dup'), 'c/y.md': agentText('DUP') });
    const { agents } = await loadCatalog(dir);
    const slugs = agents.map((a) => a.slug);
    assert.equal(new Set(slugs).size, 3);
    assert.equal(slugs[0], 'dup');
    for (const agent of agents) assert.ok(agent.diagnostics.some((d) => d.code === 'name-duplicate' && d.line === 2), agent.file);
    const again = await loadCatalog(folder({ 'b/x.md': agentText('dup'), 'a/x.md': agentText('dup'), 'c/y.md': agentText('DUP'), 'd/z.md': agentText('dup') }));
    assert.deepEqual(again.agents.slice(0, 3).map((a) => a.slug), slugs, 'adding a file does not rename the others');
  });
  test('unreadable files are reported with the file name, never crash', async () => {
    const outside = folder({ 'secret.md': agentText('secret') });
    const dir = folder({
      'ok.md': agentText('ok'),
      'nul.md': Buffer.from('---\nname: nul\x00\n---\n'),
      'latin1.md': Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0xff, 0x0a]),
      'big.md': agentText('big') + 'x'.repeat(2048),
    });
    symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'link.md'));
    symlinkSync('/etc/passwd', path.join(dir, 'passwd.md'));
    const { agents, skipped } = await loadCatalog(dir, { maxFileBytes: 1024 });
    assert.deepEqual(agents.map((a) => a.name), ['ok']);
    assert.deepEqual(
      skipped.map((s) => [s.file, s.problem?.code]),
      [['big.md', 'file-too-large'], ['latin1.md', 'file-encoding'], ['link.md', 'link-outside'], ['nul.md', 'file-binary'], ['passwd.md', 'link-outside']],
    );
  });
});

describe('npm run check', () => {
  const check = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'scripts/check.ts'), ...args], { encoding: 'utf8' });
  test('--json: one entry per .md file, skipped ones included, exit 0 without errors', () => {
    const dir = folder({ 'README.md': '# docs\n', 'a.md': agentText('a', 'color: mauve\n') });
    const result = check('--json', dir);
    assert.equal(result.status, 0, result.stderr);
    const entries = JSON.parse(result.stdout);
    assert.deepEqual(entries.map((e: { file: string; skipped?: string }) => [e.file, e.skipped ?? null]), [['README.md', 'no frontmatter name'], ['a.md', null]]);
    assert.deepEqual(entries[1].warnings.map((w: { code: string; line: number }) => [w.code, w.line]), [['color-unknown', 4]]);
  });
  test('human output: file:line, a fix, a summary; exit 1 on errors', () => {
    const dir = folder({ 'bad.md': '---\nname: bad\n---\nno description\n' });
    const result = check(dir);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /bad\.md:\d+: error: The `description` is missing or empty/);
    assert.match(result.stdout, /fix: Add `description:/);
    assert.match(result.stdout, /1 file checked, 0 agents load in Claude Code, 1 error in 1 file, 0 warnings, 0 skipped/);
    assert.doesNotMatch(result.stdout, /\x1b\[/, 'no colour when not a TTY');
  });
  test('the shipped catalog has no errors', () => {
    const entries = JSON.parse(execFileSync(process.execPath, [path.join(root, 'scripts/check.ts'), '--json', path.join(root, 'agents')], { encoding: 'utf8' }));
    assert.ok(entries.length >= 1);
    assert.deepEqual(entries.filter((e: { loads: boolean }) => !e.loads), []);
    assert.ok(entries.some((e: { name: string }) => e.name === 'mlops-engineer'));
  });
});
