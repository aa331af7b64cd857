/**
 * Deterministic synthetic agent files, varied like real catalogs: category folders, the three description styles
 * (one-line with literal `\n`, double-quoted, block scalar), 0–5 examples, tools as a string, a list or absent,
 * models and colours, bodies of 2–25 KB with a principles list. Used by the benchmark.
 *
 *   node scripts/generate-agents.ts --agents 2000 --out /tmp/agents [--include agents]
 *
 * `--include DIR` copies DIR's `.md` files in first (the bench includes the seed catalog, so the seed's pages are
 * measured inside a catalog of the benchmarked size) and generates the rest: N files in all.
 */
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Small deterministic PRNG (mulberry32) so every run writes the same files. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES = ['infrastructure', 'quality', 'security', 'docs', 'data', 'frontend', 'release', 'backend', 'mobile', 'research'];
const COLORS = ['red', 'blue', 'green', 'yellow', 'purple', 'orange', 'pink', 'cyan'];
const MODELS = ['sonnet', 'opus', 'haiku', 'inherit', undefined];
const TOOLS = ['Read', 'Grep', 'Glob', 'Edit', 'Write', 'Bash', 'WebFetch', 'WebSearch', 'mcp__github__create_issue', 'mcp__sentry__get_issue'];
const NOUNS = ['pipeline', 'schema', 'service', 'query', 'release', 'dashboard', 'contract', 'migration', 'cache', 'queue', 'index', 'report', 'workflow', 'module', 'endpoint'];
const VERBS = ['review', 'design', 'audit', 'optimise', 'document', 'test', 'migrate', 'monitor', 'refactor', 'secure', 'profile', 'deploy'];
const WORDS = 'the a team change code data test build user system error result value file step check plan review risk cost time signal owner budget limit detail context example'.split(' ');

export interface GeneratedAgent {
  file: string;
  text: string;
}

export function generateAgent(i: number): GeneratedAgent {
  const r = random(i * 7919 + 17);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const sentence = (n: number) => {
    const words = Array.from({ length: n }, () => pick(WORDS));
    return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  };
  const verb = pick(VERBS);
  const noun = pick(NOUNS);
  const name = `${verb}-${noun}-${i}`;
  const category = CATEGORIES[i % CATEGORIES.length];
  const examples = Array.from({ length: Math.floor(r() * 6) }, (_, k) =>
    [`<example>`, `Context: The team is working on ${noun} number ${k + 1}.`, `user: "Can you ${verb} this ${noun}?"`, `assistant: "I'll use the ${name} agent to ${verb} it."`, `<commentary>`, `A ${noun} that needs a ${verb} is this agent's job.`, `</commentary>`, `</example>`].join('\n'),
  );
  const lead = `Use this agent when you need to ${verb} a ${noun}. ${sentence(12)}`;
  const full = [lead, ...examples].join('\n\n');
  const style = i % 3;
  const description =
    style === 0
      ? `description: ${full.replace(/\n/g, '\\n')}`
      : style === 1
        ? `description: "${full.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`
        : `description: |\n${full.split('\n').map((l) => (l ? `  ${l}` : '')).join('\n')}`;
  const toolStyle = i % 4;
  const chosen = TOOLS.filter(() => r() < 0.4);
  const tools =
    toolStyle === 0 || !chosen.length ? [] : toolStyle === 1 ? [`tools: ${chosen.join(', ')}`] : toolStyle === 2 ? ['tools:', ...chosen.map((t) => `  - ${t}`)] : ['tools: Read, Grep, Glob'];
  const model = pick(MODELS);
  const frontmatter = ['---', `name: ${name}`, description, ...tools, ...(model ? [`model: ${model}`] : []), `color: ${pick(COLORS)}`, '---'];
  const targetBytes = 2048 + Math.floor(r() * 23 * 1024);
  const body = [`You are an expert at the ${verb} of every ${noun}.`, '', '## Core Principles', ''];
  for (let p = 1; p <= 3 + Math.floor(r() * 6); p++) body.push(`${p}. **${pick(VERBS)} the ${pick(NOUNS)}**: ${sentence(10)}`, '');
  let section = 0;
  while (body.join('\n').length < targetBytes) {
    body.push(`## Step ${++section}: ${pick(VERBS)} the ${pick(NOUNS)}`, '', sentence(25), '');
    for (let b = 0; b < 5; b++) body.push(`- ${sentence(8)}`);
    body.push('');
  }
  return { file: `${category}/${name}.md`, text: `${frontmatter.join('\n')}\n\n${body.join('\n')}\n` };
}

export interface GenerateOptions {
  /** A folder whose `.md` files (kept at their relative paths) are part of the `count`; generated files fill the rest. */
  include?: string;
}

export interface GeneratedCatalog {
  /** Files copied from `include`, relative to `out`. */
  included: string[];
  generated: number;
  bytes: number;
}

/** Every `.md` file under `dir`, relative and `/`-separated (hidden folders skipped, as the loader does). */
async function markdownFiles(dir: string, rel = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.')) continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await markdownFiles(dir, child)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) found.push(child);
  }
  return found;
}

/** Writes exactly `count` agent files into `out` (emptied first). Same arguments, same bytes. */
export async function generateCatalog(count: number, out: string, options: GenerateOptions = {}): Promise<GeneratedCatalog> {
  await rm(out, { recursive: true, force: true });
  for (const category of CATEGORIES) await mkdir(path.join(out, category), { recursive: true });
  const included = options.include ? (await markdownFiles(options.include)).slice(0, count) : [];
  for (const file of included) {
    await mkdir(path.dirname(path.join(out, file)), { recursive: true });
    await copyFile(path.join(options.include!, file), path.join(out, file));
  }
  const generated = count - included.length;
  let bytes = 0;
  const batch: Promise<void>[] = [];
  for (let i = 0; i < generated; i++) {
    const { file, text } = generateAgent(i);
    bytes += Buffer.byteLength(text);
    batch.push(writeFile(path.join(out, file), text));
    if (batch.length >= 64) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  return { included, generated, bytes };
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const count = Number(option('--agents') || 1000);
  const out = path.resolve(option('--out') ?? 'tmp-agents');
  const include = option('--include');
  const result = await generateCatalog(count, out, { include: include && path.resolve(include) });
  const copied = result.included.length ? ` (${result.included.length} copied from ${include})` : '';
  console.log(`wrote ${count} agent files to ${out}${copied}`);
}
