/**
 * Runs action.yml's steps on this machine the way GitHub's runner runs a composite action, for tests/action/: the
 * inputs with their defaults, each `run:` step in bash (`bash --noprofile --norc -eo pipefail`, as `shell: bash`)
 * with its `env:` and the runner's variables (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE,
 * GITHUB_REPOSITORY, GITHUB_ACTION_PATH, RUNNER_TEMP…) pointing at temporary files and a scratch repository, `if:`
 * conditions, step outputs and the action's outputs.
 *
 * `uses:` steps call other actions that need GitHub's services (actions/cache needs the cache service); they are
 * not run, and each run's record says so. Every `run:` step runs. Expressions are evaluated for the forms action.yml
 * uses (a context value, a quoted string, `==` and `!=`); any other form throws, naming it, rather than guessing.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface ActionFile {
  inputs?: Record<string, { description?: string; default?: string; required?: boolean }>;
  outputs?: Record<string, { description?: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export interface StepRecord {
  name: string;
  /** `ran`; `skipped` (its `if:` was false, or an earlier step failed); `not run here` (a `uses:` step). */
  status: 'ran' | 'skipped' | 'not run here';
  exitCode?: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

export interface ActionRun {
  /** The composite action's result: the first failing step's exit code, else 0. */
  exitCode: number;
  steps: StepRecord[];
  outputs: Record<string, string>;
  /** Everything the `run:` steps printed on stdout, in order (the workflow commands among it). */
  stdout: string;
  /** What the steps wrote to GITHUB_STEP_SUMMARY. */
  summary: string;
}

export interface RunOptions {
  /** The `with:` of the caller's step. */
  inputs: Record<string, string>;
  /** The caller's checkout: GITHUB_WORKSPACE, and where `run:` steps start. */
  workspace: string;
  /** `owner/name` of the caller's repository: GITHUB_REPOSITORY. */
  repository: string;
  /** The branch the workflow runs on: GITHUB_REF_NAME. */
  refName?: string;
  /** Where the runner's temporary files go (RUNNER_TEMP, GITHUB_OUTPUT…); a fresh folder when unset. */
  temp?: string;
}

const SERVER_URL = 'https://github.com';

/** `${{ expr }}` and `if:` expressions, in the forms action.yml uses. */
function evaluate(expression: string, contexts: Record<string, unknown>): string | boolean {
  const operand = (text: string): string => {
    const t = text.trim();
    const literal = /^'((?:[^']|'')*)'$/.exec(t);
    if (literal) return literal[1].replace(/''/g, "'");
    if (!/^[a-z_]+(\.[A-Za-z0-9_-]+)+$/.test(t)) throw new Error(`The local runner does not evaluate \`${t}\`: it knows context values and quoted strings.`);
    const [context, ...keys] = t.split('.');
    if (!(context in contexts)) throw new Error(`The local runner has no \`${context}\` context (in \`${t}\`).`);
    let value: unknown = contexts[context];
    for (const key of keys) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    if (value === undefined && context !== 'steps') throw new Error(`The local runner does not know \`${t}\`.`);
    return value === undefined ? '' : String(value);
  };
  const comparison = /^(.*?)\s*(==|!=)\s*(.*)$/.exec(expression.trim());
  if (!comparison) return operand(expression);
  const equal = operand(comparison[1]) === operand(comparison[3]);
  return comparison[2] === '==' ? equal : !equal;
}

function substitute(text: string, contexts: Record<string, unknown>): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) => String(evaluate(expression, contexts)));
}

/** GITHUB_OUTPUT's two forms: `name=value` lines and `name<<DELIMITER` … `DELIMITER` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      if (end < 0) throw new Error(`GITHUB_OUTPUT: no closing ${heredoc[2]} for ${heredoc[1]}`);
      outputs[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

function runBash(script: string, cwd: string, env: NodeJS.ProcessEnv, scriptFile: string): Promise<{ code: number; stdout: string; stderr: string }> {
  writeFileSync(scriptFile, script);
  return new Promise((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => resolve({ code: 127, stdout, stderr: `${stderr}${error.message}` }));
    child.on('close', (code, signal) => resolve({ code: signal ? 1 : (code ?? 1), stdout, stderr }));
  });
}

/** Run `actionFile` (action.yml) for one caller step; `log` receives a line per step as it starts and ends. */
export async function runAction(actionFile: string, options: RunOptions, log: (line: string) => void = () => {}): Promise<ActionRun> {
  const action = parse(readFileSync(actionFile, 'utf8')) as ActionFile;
  if (action.runs.using !== 'composite') throw new Error(`${actionFile} is not a composite action (runs.using: ${action.runs.using}).`);
  const actionPath = path.dirname(path.resolve(actionFile));
  const declared = action.inputs ?? {};
  for (const name of Object.keys(options.inputs)) if (!(name in declared)) throw new Error(`Unexpected input "${name}": action.yml declares ${Object.keys(declared).join(', ')}.`);
  const inputs = Object.fromEntries(Object.entries(declared).map(([name, spec]) => [name, options.inputs[name] ?? spec.default ?? '']));

  const temp = options.temp ?? mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'agent-docs-runner-'));
  const runnerTemp = path.join(temp, 'runner-temp');
  mkdirSync(runnerTemp, { recursive: true });
  const summaryFile = path.join(temp, 'step-summary.md');
  writeFileSync(summaryFile, '');
  const [owner] = options.repository.split('/');
  const github = {
    workspace: options.workspace,
    repository: options.repository,
    repository_owner: owner,
    server_url: SERVER_URL,
    action_path: actionPath,
    // GitHub leaves it empty for a local action (`uses: ./`); a remote one would name its owner/repo.
    action_repository: '',
    ref_name: options.refName ?? 'main',
    head_ref: '',
  };
  const steps: Record<string, { outputs: Record<string, string> }> = {};
  const contexts = { inputs, github, runner: { os: 'Linux', temp: runnerTemp }, steps };
  const baseEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: process.env.LANG ?? 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: github.workspace,
    GITHUB_REPOSITORY: github.repository,
    GITHUB_REPOSITORY_OWNER: github.repository_owner,
    GITHUB_SERVER_URL: github.server_url,
    GITHUB_REF_NAME: github.ref_name,
    GITHUB_HEAD_REF: github.head_ref,
    GITHUB_ACTION_PATH: actionPath,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: runnerTemp,
  };

  const records: StepRecord[] = [];
  let exitCode = 0;
  let stdout = '';
  for (const [index, step] of action.runs.steps.entries()) {
    const name = step.name ?? step.uses ?? `step ${index + 1}`;
    const record: StepRecord = { name, status: 'skipped', stdout: '', stderr: '', outputs: {} };
    records.push(record);
    // Without `if:`, a step runs only while every step before it succeeded (`success()`); with one, the same holds
    // for the forms action.yml uses (none of them is `always()`).
    const wanted = step.if === undefined ? true : evaluate(step.if.replace(/^\$\{\{(.*)\}\}$/s, '$1'), contexts);
    if (exitCode !== 0 || wanted === false || wanted === '') {
      log(`skipped: ${name}`);
      continue;
    }
    if (step.uses) {
      // Its inputs are still evaluated, so an expression the runner would not know fails here too.
      const given = Object.entries(step.with ?? {}).map(([key, value]) => `${key}=${substitute(String(value), contexts)}`);
      record.status = 'not run here';
      log(`not run here: ${name} (uses: ${step.uses}${given.length ? ` with ${given.join(', ')}` : ''}; it needs GitHub's services)`);
      continue;
    }
    if (step.run === undefined) throw new Error(`Step "${name}" has neither run: nor uses:.`);
    if (step.shell !== 'bash') throw new Error(`Step "${name}" has shell: ${step.shell}; a composite action's run: step needs one, and the local runner runs bash.`);
    const outputFile = path.join(temp, `output-${index}`);
    writeFileSync(outputFile, '');
    const env: NodeJS.ProcessEnv = { ...baseEnv, GITHUB_OUTPUT: outputFile };
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = substitute(String(value), contexts);
    const cwd = step['working-directory'] ? path.resolve(github.workspace, substitute(step['working-directory'], contexts)) : github.workspace;
    log(`run: ${name}`);
    const result = await runBash(substitute(step.run, contexts), cwd, env, path.join(temp, `step-${index}.sh`));
    Object.assign(record, { status: 'ran', exitCode: result.code, stdout: result.stdout, stderr: result.stderr, outputs: parseOutputFile(readFileSync(outputFile, 'utf8')) });
    stdout += result.stdout;
    if (step.id) steps[step.id] = { outputs: record.outputs };
    log(`  exit ${result.code}${result.code ? `: ${result.stderr.trim().split('\n').slice(-3).join(' / ')}` : ''}`);
    if (result.code !== 0) exitCode = result.code;
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs ?? {}).map(([name, spec]) => [name, substitute(spec.value, contexts)]));
  return { exitCode, steps: records, outputs, stdout, summary: readFileSync(summaryFile, 'utf8') };
}
