import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { splitTools, frontmatterSchema } from '../../src/agents/schema.ts';
import { installCommands } from '../../src/agents/install.ts';
import { slugFor } from '../../src/agents/slugs.ts';
import { modelFamily } from '../../src/agents/claude-code.ts';
import { colorGroup } from '../../src/site/colors.ts';
import { fold } from '../../src/site/facets.ts';

describe('tools: comma string outside parentheses, list, or *', () => {
  const rows: Array<[unknown, string[] | undefined]> = [
    ['Read, Grep, Glob', ['Read', 'Grep', 'Glob']],
    ['Agent(worker, researcher), Read', ['Agent(worker, researcher)', 'Read']],
    ['Bash(git push:*), Edit', ['Bash(git push:*)', 'Edit']],
    [['Read', 'mcp__github__create_issue'], ['Read', 'mcp__github__create_issue']],
    ['*', undefined],
    [['Read', '*'], undefined],
    ['Read Grep', ['Read', 'Grep']],
    ['', []],
    [[], []],
    [['Read', 3, { x: 1 }], ['Read']],
    ['Read,,  ,Write', ['Read', 'Write']],
  ];
  for (const [input, expected] of rows) test(JSON.stringify(input), () => assert.deepEqual(frontmatterSchema.shape.tools.parse(input), expected));
  test('splitTools on nested parentheses', () => assert.deepEqual(splitTools('A(b(c, d), e), F'), ['A(b(c, d), e)', 'F']));
});

describe('slugFor: safe URL segments', () => {
  const rows: Array<[string, string]> = [
    ['code-reviewer', 'code-reviewer'],
    ['Code Reviewer', 'code-reviewer'],
    ['Crème Brûlée', 'creme-brulee'],
    ['../../etc/passwd', 'etc-passwd'],
    ['..', 'agent-'],
    ['a\\b/c', 'a-b-c'],
    ['\u202Eevil', 'evil'],
  ];
  for (const [name, expected] of rows) {
    test(JSON.stringify(name), () => {
      const slug = slugFor(name);
      if (expected.endsWith('-')) assert.match(slug, /^agent-[0-9a-f]{8}$/);
      else assert.equal(slug, expected);
    });
  }
});

describe('installCommands', () => {
  test('project and user scope, bash and PowerShell', () => {
    const c = installCommands('https://agents.example.test', '/catalog/', 'mlops-engineer', 'mlops-engineer');
    assert.equal(c.project.bash, 'mkdir -p .claude/agents && curl -fsSL https://agents.example.test/catalog/agents/mlops-engineer.md -o .claude/agents/mlops-engineer.md');
    assert.equal(c.user.bash, 'mkdir -p ~/.claude/agents && curl -fsSL https://agents.example.test/catalog/agents/mlops-engineer.md -o ~/.claude/agents/mlops-engineer.md');
    assert.match(c.project.powershell, /^New-Item -ItemType Directory -Force \.claude\/agents \| Out-Null; Invoke-WebRequest https:\/\/agents\.example\.test\/catalog\/agents\/mlops-engineer\.md -OutFile \.claude\/agents\/mlops-engineer\.md$/);
  });
  test('an unsafe name installs under its slug', () => {
    assert.equal(installCommands('http://localhost:4321', '/', 'etc-passwd', '../../etc/passwd').fileName, 'etc-passwd.md');
  });
});

describe('every field Claude Code knows is a schema field, not an unknown extra', () => {
  test('the schema covers claude-code.ts', async () => {
    const { CLAUDE_CODE_FIELDS } = await import('../../src/agents/claude-code.ts');
    assert.deepEqual(CLAUDE_CODE_FIELDS.filter((f) => !(f in frontmatterSchema.shape)), []);
  });
});

describe('model families and colour groups: what the filters offer', () => {
  const families: Array<[string | undefined, string]> = [
    [undefined, 'inherit'],
    ['', 'inherit'],
    ['inherit', 'inherit'],
    ['sonnet', 'sonnet'],
    ['opus', 'opus'],
    ['haiku', 'haiku'],
    ['claude-sonnet-4-5-20250929', 'sonnet'],
    ['claude-sonnet-4-20250514', 'sonnet'],
    ['claude-opus-4-1-20250805', 'opus'],
    ['claude-3-5-haiku-latest', 'haiku'],
    ['Claude Sonnet 4.5 (copilot)', 'sonnet'],
    ['OPUS', 'opus'],
    ['fable', 'other'],
    ['gpt-4o', 'other'],
  ];
  for (const [model, family] of families) test(`model ${JSON.stringify(model)} → ${family}`, () => assert.equal(modelFamily(model), family));
  const colours: Array<[string | undefined, string]> = [
    ['cyan', 'cyan'],
    [undefined, 'none'],
    ['  ', 'none'],
    ['#123456', 'other'],
    ['gold', 'other'],
    ['Red', 'other'],
  ];
  for (const [color, group] of colours) test(`colour ${JSON.stringify(color)} → ${group}`, () => assert.equal(colorGroup(color), group));
});

describe('long facets fold behind "Show all"', () => {
  const options = (counts: number[]) => counts.map((count, i) => ({ value: `v${i}`, count }));
  test('up to nine options are all shown', () => {
    assert.deepEqual(fold(options([1, 1, 1, 1, 1, 1, 1, 1, 1])).more, []);
  });
  test('past nine, the eight most common stay in their order and the rest fold, in theirs', () => {
    const { shown, more } = fold(options([5, 1, 9, 2, 7, 7, 3, 1, 8, 4, 6, 1]));
    assert.deepEqual(shown.map((o) => o.value), ['v0', 'v2', 'v4', 'v5', 'v6', 'v8', 'v9', 'v10']);
    assert.deepEqual(more.map((o) => o.value), ['v1', 'v3', 'v7', 'v11']);
  });
});
