/**
 * The GitHub Actions YAML the project ships, read as GitHub would: action.yml, .github/workflows/*.yml and the two
 * workflows the README gives other repositories parse without errors or warnings; each step uses an action (by a
 * major tag, as deploy.yml does, or this one) or runs a script; a step that uses this action passes only the inputs
 * action.yml declares and reads only its outputs; each job asks for the permissions it needs, and no more; and
 * action.yml's expressions name its own inputs and earlier steps. (tests/action/ runs action.yml's steps.)
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parseDocument } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');

interface Step { id?: string; uses?: string; run?: string; with?: Record<string, unknown>; shell?: string; if?: string }
interface Job { 'runs-on'?: string; needs?: string; permissions?: Record<string, string>; steps?: Step[] }
interface Workflow { name?: string; on?: unknown; jobs?: Record<string, Job> }
interface Action { inputs: Record<string, { default?: string }>; outputs: Record<string, { value: string }>; runs: { using: string; steps: Step[] } }

function parseYaml(name: string, text: string): unknown {
  const doc = parseDocument(text);
  assert.deepEqual([...doc.errors, ...doc.warnings].map((e) => e.message), [], `${name} is not well-formed YAML`);
  return doc.toJS();
}

/** The fenced YAML blocks of the README's "Use it from your own repository", by the file name each starts with. */
function readmeWorkflows(): Array<[string, string]> {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Use it from your own repository\n');
  assert.ok(start >= 0, 'README has a section "Use it from your own repository"');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => [`README: ${/^# (\S+)/.exec(m[1])?.[1] ?? '(unnamed)'}`, m[1]]);
}

const action = parseYaml('action.yml', readFileSync(path.join(root, 'action.yml'), 'utf8')) as Action;
const workflowDir = path.join(root, '.github/workflows');
const workflows: Array<[string, Workflow]> = [
  ...readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f)).map((f): [string, string] => [`.github/workflows/${f}`, readFileSync(path.join(workflowDir, f), 'utf8')]),
  ...readmeWorkflows(),
].map(([name, text]) => [name, parseYaml(name, text) as Workflow]);

/** This action, as the repository's own workflows (`./`) and the README's (`OWNER/agent-docs@main`) call it. */
const isThisAction = (uses: string | undefined) => uses === './' || uses === 'OWNER/agent-docs@main';
const expressions = (text: string) => [...text.matchAll(/\$\{\{(.*?)\}\}/g)].map((m) => m[1].trim());

describe('the workflows: the repository\'s own and the README\'s', () => {
  test('the files the README gives, and the repository\'s own', () => {
    assert.deepEqual(workflows.map(([name]) => name).sort(), [
      '.github/workflows/check.yml',
      '.github/workflows/deploy.yml',
      'README: .github/workflows/agent-catalog.yml',
      'README: .github/workflows/agent-files.yml',
    ]);
  });
  for (const [name, workflow] of workflows) {
    test(`${name}: triggers, jobs, and steps that each use an action or run a script`, () => {
      assert.ok(workflow.on, 'has `on:`');
      assert.ok(workflow.jobs && Object.keys(workflow.jobs).length, 'has jobs');
      for (const [jobName, job] of Object.entries(workflow.jobs)) {
        assert.equal(typeof job['runs-on'], 'string', `${jobName}: runs-on`);
        assert.ok(job.steps?.length, `${jobName}: steps`);
        const ids: string[] = [];
        for (const step of job.steps) {
          assert.ok(Boolean(step.uses) !== Boolean(step.run), `${jobName}: a step has exactly one of uses: and run:`);
          if (step.uses) assert.match(step.uses, /^(\.\/|OWNER\/agent-docs@main|[\w-]+\/[\w-]+(\/[\w-]+)*@v\d+)$/, `${jobName}: actions by major tag`);
          if (isThisAction(step.uses)) {
            const unknown = Object.keys(step.with ?? {}).filter((input) => !(input in action.inputs));
            assert.deepEqual(unknown, [], `${jobName}: inputs action.yml declares`);
            assert.match(String(step.with?.mode), /^(check|build)$/);
          }
          for (const expression of Object.values(step.with ?? {}).flatMap((v) => expressions(String(v)))) {
            const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
            if (!output) continue;
            assert.ok(ids.includes(output[1]), `${jobName}: ${expression} names an earlier step`);
            const from = job.steps.find((s) => s.id === output[1])!;
            if (isThisAction(from.uses)) assert.ok(output[2] in action.outputs, `${jobName}: ${expression} is an output of action.yml`);
          }
          if (step.id) ids.push(step.id);
        }
      }
    });
  }
  const permissions: Record<string, Record<string, Record<string, string>>> = {
    '.github/workflows/check.yml': { check: { contents: 'read', 'security-events': 'write' } },
    'README: .github/workflows/agent-files.yml': { check: { contents: 'read', 'security-events': 'write' } },
    '.github/workflows/deploy.yml': { build: { contents: 'read' }, deploy: { pages: 'write', 'id-token': 'write' } },
    'README: .github/workflows/agent-catalog.yml': { build: { contents: 'read' }, deploy: { pages: 'write', 'id-token': 'write' } },
  };
  for (const [name, expected] of Object.entries(permissions)) {
    test(`${name}: each job's permissions, and none at the top`, () => {
      const workflow = workflows.find(([n]) => n === name)![1] as Workflow & { permissions?: unknown };
      assert.equal(workflow.permissions, undefined);
      assert.deepEqual(Object.fromEntries(Object.entries(workflow.jobs!).map(([job, j]) => [job, j.permissions])), expected);
    });
  }
  test('the repository runs its own action in both modes on its agents/ folder', () => {
    const own = workflows.filter(([name]) => name.startsWith('.github/')).flatMap(([, w]) => Object.values(w.jobs!).flatMap((j) => j.steps!));
    assert.deepEqual(own.filter((s) => s.uses === './').map((s) => [s.with?.mode, s.with?.['agents-dir']]).sort(), [['build', 'agents'], ['check', 'agents']]);
  });
});

describe('action.yml', () => {
  test('a composite action whose run: steps are bash', () => {
    assert.equal(action.runs.using, 'composite');
    for (const step of action.runs.steps) if (step.run) assert.equal(step.shell, 'bash');
  });
  test('its expressions name declared inputs and earlier steps\' ids', () => {
    const ids: string[] = [];
    const check = (expression: string, where: string) => {
      const input = /^inputs\.([\w-]+)$/.exec(expression);
      if (input) assert.ok(input[1] in action.inputs, `${where}: ${expression} is declared`);
      const step = /^steps\.([\w-]+)\.outputs\.[\w-]+$/.exec(expression);
      if (step) assert.ok(ids.includes(step[1]), `${where}: ${expression} names an earlier step`);
    };
    for (const step of action.runs.steps) {
      for (const text of [step.if ?? '', step.run ?? '', ...Object.values(step.with ?? {}).map(String), ...Object.values((step as { env?: Record<string, string> }).env ?? {})]) {
        for (const expression of [...expressions(text), ...(text === step.if ? [text] : [])]) check(expression.replace(/\s*[!=]=.*$/, ''), step.id ?? step.uses ?? 'a step');
      }
      if (step.id) ids.push(step.id);
    }
    for (const [name, output] of Object.entries(action.outputs)) for (const expression of expressions(output.value)) check(expression, `output ${name}`);
  });
  test('run: scripts take inputs through env:, never spliced into the script (no script injection)', () => {
    for (const step of action.runs.steps) if (step.run) assert.deepEqual(expressions(step.run), [], step.id ?? step.run.slice(0, 40));
  });
});
