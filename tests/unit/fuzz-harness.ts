/**
 * Fuzzing `loadAgent`: mutated agent files (random bytes, truncations, duplicated or deleted `---` lines, huge
 * values, deep YAML nesting, alias bombs, control and bidi characters) go through parsing, the description,
 * principles, diagnostics and markdown rendering. The property: it never throws (problems come back as
 * diagnostics), every case finishes within a time budget, and the HTML it returns carries nothing live.
 *
 * Cases run in a worker thread so that a real hang (a loop that never yields) is caught too: the main thread
 * terminates the worker when one case runs past `hangMs` and reports that case's input.
 * Used by tests/unit/fuzz.test.ts (a few hundred cases) and scripts/fuzz.ts (10,000).
 */
import fc from 'fast-check';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { isAgent, loadAgent } from '../../src/agents/index.ts';
import { scanTags } from '../../src/site/csp.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(HERE, '../fixtures/hostile');

/** Real shapes to mutate: the catalog's agents and the hostile fixtures. */
function seeds(): string[] {
  const out: string[] = [];
  for (const dir of [path.join(HERE, '../../agents'), FIXTURES]) {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.md')) out.push(readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
    }
  }
  out.push('---\nname: minimal\ndescription: Minimal.\n---\nBody.\n', '', '---', '---\n---\n', '---\n');
  return out;
}

/** A billion-laughs block: `width` aliases per level, `depth` levels, as flow or block sequences. */
export function aliasBomb(width: number, depth: number, block: boolean): string {
  const lines = [`l0: &l0 [${Array(width).fill('"lol"').join(',')}]`];
  for (let d = 1; d < depth; d++) {
    const refs = Array(width).fill(`*l${d - 1}`);
    lines.push(block ? `l${d}: &l${d}\n${refs.map((r) => `  - ${r}`).join('\n')}` : `l${d}: &l${d} [${refs.join(',')}]`);
  }
  return lines.join('\n');
}

const splice = (text: string, at: number, remove: number, insert: string) => text.slice(0, at) + insert + text.slice(at + remove);
const HOSTILE_CHARS = ['\u0000', '\u0007', '\u001b[31m', '\r', '\r\n', '\u2028', '\u202e', '\u2066', '\ufeff', '\ud800', '\udfff', '---', '---js\n', '\n---\n', ': ', '&a ', '*a', '|', '>', '"', "'", '<script>', '<example>', '</example>', 'user:', 'assistant:', '## Principles\n- **x**: ', '](javascript:x)', '[', '`', '```', '\t'];

/** One mutation of a file; each arbitrary is a kind of damage a real file (or an attacker) can do. */
const mutation: fc.Arbitrary<(text: string) => string> = fc.oneof(
  fc.nat().map((n) => (t: string) => t.slice(0, n % (t.length + 1))),
  fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 64 })).map(([n, bytes]) => (t: string) => splice(t, n % (t.length + 1), 0, Buffer.from(bytes).toString('latin1'))),
  fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 64 })).map(([n, bytes]) => (t: string) => splice(t, n % (t.length + 1), 0, new TextDecoder().decode(bytes))),
  fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 40 })).map(([n, s]) => (t: string) => splice(t, n % (t.length + 1), 0, s)),
  fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE_CHARS)).map(([n, s]) => (t: string) => splice(t, n % (t.length + 1), 0, s)),
  fc.tuple(fc.nat(), fc.nat({ max: 200 })).map(([n, k]) => (t: string) => splice(t, n % (t.length + 1), k, '')),
  // Duplicate or delete a `---` delimiter line.
  fc.nat().map((n) => (t: string) => {
    const lines = t.split('\n');
    const at = n % (lines.length + 1);
    lines.splice(at, 0, '---');
    return lines.join('\n');
  }),
  fc.nat().map((n) => (t: string) => {
    const lines = t.split('\n');
    const dashes = lines.flatMap((l, i) => (l.trim() === '---' ? [i] : []));
    if (dashes.length) lines.splice(dashes[n % dashes.length], 1);
    return lines.join('\n');
  }),
  // Huge values: a long line, a long word, many lines.
  fc.tuple(fc.nat(), fc.integer({ min: 10_000, max: 300_000 }), fc.constantFrom('a', 'x ', '-', '*', '[', '<', '`', '\\n', '# ', '> ', '1. ')).map(
    ([n, size, unit]) => (t: string) => splice(t, n % (t.length + 1), 0, unit.repeat(Math.ceil(size / unit.length))),
  ),
  // Deep nesting: flow collections, block mappings, block sequences, markdown blockquotes and lists.
  fc.tuple(fc.integer({ min: 10, max: 3000 }), fc.constantFrom('flow', 'map', 'seq', 'quote', 'list')).map(([depth, kind]) => (t: string) => {
    const nested =
      kind === 'flow'
        ? `x: ${'['.repeat(depth)}${']'.repeat(depth)}`
        : kind === 'map'
          ? Array.from({ length: Math.min(depth, 500) }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' v'
          : kind === 'seq'
            ? Array.from({ length: Math.min(depth, 500) }, (_, i) => `${'  '.repeat(i)}-`).join('\n') + ' v'
            : kind === 'quote'
              ? `${'>'.repeat(depth)} deep`
              : Array.from({ length: Math.min(depth, 500) }, (_, i) => `${'  '.repeat(i)}- item`).join('\n');
    return kind === 'quote' || kind === 'list' ? `${t}\n${nested}\n` : t.replace(/^---\n/, `---\n${nested}\n`);
  }),
  fc.tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 }), fc.boolean()).map(([w, d, block]) => (t: string) => t.replace(/^---\n/, `---\n${aliasBomb(w, d, block)}\n`)),
  fc.constant((t: string) => t.replace(/\n/g, '\r\n')),
  fc.constant((t: string) => `\ufeff${t}`),
);

/** An agent file: a real shape, mutated a few times, or pure noise. */
export function agentFile(): fc.Arbitrary<string> {
  const real = seeds();
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...real), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([seed, ms]) => ms.reduce((t, m) => m(t), seed)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 2000 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4000 }).map((b) => new TextDecoder().decode(b)) },
  );
}

const SAFE_TAGS = new Set(['p', 'a', 'img', 'em', 'strong', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'br', 's', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'div']);
const SAFE_ATTRS = new Set(['href', 'src', 'alt', 'title', 'id', 'class', 'rel', 'loading', 'decoding', 'start', 'style', 'aria-hidden']);

/** What is wrong with one rendered fragment: tags or attributes outside the renderer's own, or an unsafe URL. */
export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  for (const tag of scanTags(html)) {
    if (!SAFE_TAGS.has(tag.name)) problems.push(`<${tag.name}>`);
    for (const [name, value] of tag.attrs) {
      if (!SAFE_ATTRS.has(name) && !/^(data|aria)-[a-z-]+$/.test(name)) problems.push(`<${tag.name} ${name}>`);
      if (name === 'style' && !/^text-align:(left|right|center)$/.test(value)) problems.push(`<${tag.name} style="${value}">`);
      const url = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
      if ((name === 'href' || name === 'src') && /^[a-z][a-z0-9+.-]*:/i.test(url) && !/^(https?|mailto):/i.test(url)) {
        problems.push(`<${tag.name} ${name}="${value.slice(0, 60)}">`);
      }
    }
  }
  return problems;
}

/** Runs one file through `loadAgent`; returns what is wrong, or undefined. Never throws. */
export function checkAgentFile(text: string, budgetMs: number): string | undefined {
  const started = performance.now();
  let result;
  try {
    result = loadAgent({ file: 'fuzz/agent.md', text });
  } catch (error) {
    return `loadAgent threw: ${(error as Error)?.stack ?? String(error)}`;
  }
  const ms = performance.now() - started;
  // Linear work is allowed: the yaml library needs up to ~15 µs a character on deeply nested broken flow
  // collections, and a broken block is parsed up to four times. Quadratic work blows this budget on large inputs.
  const budget = budgetMs + text.length * 0.04;
  if (ms > budget) return `loadAgent took ${Math.round(ms)} ms (budget ${Math.round(budget)} ms) for ${text.length} characters`;
  if (!isAgent(result)) return typeof result.reason === 'string' ? undefined : 'a skipped file without a reason';
  for (const d of result.diagnostics) {
    if (d.severity !== 'error' && d.severity !== 'warning') return `diagnostic with severity ${String(d.severity)}`;
    if (typeof d.message !== 'string' || !d.message) return `diagnostic ${d.code} without a message`;
  }
  const fragments = [result.html.body, result.html.whenToUse, ...result.principles.map((p) => p.html)];
  const problems = fragments.flatMap(htmlProblems);
  if (problems.length) return `rendered HTML carries ${problems.slice(0, 5).join(', ')}`;
  if (typeof result.slug !== 'string' || typeof result.name !== 'string') return 'agent without a name or slug';
  return undefined;
}

export interface FuzzOptions {
  numRuns: number;
  seed?: number;
  /** A case slower than this plus 40 µs per character fails the property. */
  budgetMs?: number;
  /** A case running longer than this is a hang: the worker is stopped and the input reported. */
  hangMs?: number;
}

export interface FuzzReport {
  ok: boolean;
  runs: number;
  ms: number;
  seed?: number;
  /** Slowest case, in ms. */
  slowest: number;
  failure?: string;
}

type WorkerMessage =
  | { type: 'case'; index: number; text: string }
  | { type: 'done'; runs: number; slowest: number; seed: number; failure?: string };

/** Runs the property in a worker with a watchdog; resolves with a report, never rejects. */
export function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const { numRuns, seed = Math.floor(Math.random() * 0x7fffffff), budgetMs = 2_000, hangMs = 20_000 } = options;
  const started = performance.now();
  return new Promise((resolve) => {
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { fuzz: true, numRuns, seed, budgetMs } });
    let last: { index: number; text: string } | undefined;
    let settled = false;
    const finish = (report: Omit<FuzzReport, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      void worker.terminate();
      resolve({ ...report, ms: Math.round(performance.now() - started) });
    };
    const hang = () => {
      // The input can be megabytes: keep all of it in a file, show the start.
      const saved = path.join(os.tmpdir(), `agent-fuzz-hang-${seed}-${last?.index}.md`);
      if (last) writeFileSync(saved, last.text);
      finish({ ok: false, runs: last?.index ?? 0, slowest: hangMs, seed, failure: `case ${last?.index} did not finish within ${hangMs} ms (a hang); input (${last?.text.length} characters) saved to ${saved}: ${JSON.stringify(last?.text.slice(0, 500))}` });
    };
    let watchdog = setTimeout(hang, hangMs);
    worker.on('message', (message: WorkerMessage) => {
      clearTimeout(watchdog);
      watchdog = setTimeout(hang, hangMs);
      if (message.type === 'case') last = message;
      else finish({ ok: !message.failure, runs: message.runs, slowest: message.slowest, seed: message.seed, failure: message.failure });
    });
    worker.on('error', (error) => finish({ ok: false, runs: last?.index ?? 0, slowest: 0, seed, failure: `the fuzz worker crashed: ${error.stack ?? error.message}` }));
    worker.on('exit', (code) => finish({ ok: false, runs: last?.index ?? 0, slowest: 0, seed, failure: `the fuzz worker exited (${code}) without a result` }));
  });
}

function workerMain(): void {
  const { numRuns, seed, budgetMs } = workerData as { numRuns: number; seed: number; budgetMs: number };
  let index = 0;
  let slowest = 0;
  const property = fc.property(agentFile(), (text) => {
    parentPort!.postMessage({ type: 'case', index: ++index, text } satisfies WorkerMessage);
    const t = performance.now();
    const problem = checkAgentFile(text, budgetMs);
    slowest = Math.max(slowest, performance.now() - t);
    if (problem) throw new Error(problem);
  });
  // No shrinking: a slow case re-run hundreds of times takes minutes; the failing input is saved whole instead.
  const details = fc.check(property, { numRuns, seed, endOnFailure: true });
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance ?? '');
  let failure: string | undefined;
  if (details.failed) {
    const input = String(details.counterexample?.[0] ?? '');
    const saved = path.join(os.tmpdir(), `agent-fuzz-failure-${seed}.md`);
    writeFileSync(saved, input);
    failure = `${error}\ninput (${input.length} characters) saved to ${saved}: ${JSON.stringify(input.slice(0, 1500))}`;
  }
  parentPort!.postMessage({ type: 'done', runs: details.numRuns, slowest: Math.round(slowest), seed, failure } satisfies WorkerMessage);
}

if (!isMainThread && (workerData as { fuzz?: boolean } | undefined)?.fuzz) workerMain();
