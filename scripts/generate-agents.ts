/**
 * Deterministic synthetic agent files, varied like real catalogs: category folders, the three description styles
 * (one-line with literal `\n`, double-quoted, block scalar), 0–5 examples, tools as a string, a list or absent,
 * models and colours, bodies of 2–25 KB with a principles list. Used by the benchmark.
 *
 *   node scripts/generate-agents.ts --agents 2000 --out /tmp/agents
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
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

export async function generateCatalog(count: number, out: string): Promise<void> {
  await rm(out, { recursive: true, force: true });
  for (const category of CATEGORIES) await mkdir(path.join(out, category), { recursive: true });
  const batch: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const { file, text } = generateAgent(i);
    batch.push(writeFile(path.join(out, file), text));
    if (batch.length >= 64) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const count = Number(args[args.indexOf('--agents') + 1] || 1000);
  const out = path.resolve(args.includes('--out') ? args[args.indexOf('--out') + 1] : 'tmp-agents');
  await generateCatalog(count, out);
  console.log(`wrote ${count} agent files to ${out}`);
}
