/**
 * Deterministic synthetic agent files, varied like real catalogs: category folders, the three description styles
 * (one-line with literal `\n`, double-quoted, block scalar), 0–5 examples, tools as a string, a list or absent,
 * models and colours, bodies of 2–25 KB with a principles list. Used by the benchmark.
 *
 *   node scripts/generate-agents.ts --agents 2000 --out /tmp/agents [--include agents] [--layout marketplace [--remote N]] [--long]
 *
 * `--include DIR` copies DIR's `.md` files in first (the bench includes the seed catalog, so the seed's pages are
 * measured inside a catalog of the benchmarked size) and generates the rest: N files in all.
 *
 * `--long` writes agents made to run off a phone's screen (long names, paths, words, code), for the narrow-screen test.
 *
 * `--layout marketplace` writes a plugin marketplace instead of category folders: `.claude-plugin/marketplace.json`
 * with one plugin per category (`plugins/<category>/agents/*.md`, each plugin with its own manifest, a skill and a
 * command that are not agents) and plugins from other sources (two, or `--remote N`).
 */
import { copyFile, mkdir, readdir, rm, utimes, writeFile } from 'node:fs/promises';
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

/** Category folders as catalogs name them, slugs included ("ai-agents", "data-ai"), which the site labels "AI agents". */
const CATEGORIES = ['infrastructure', 'quality', 'security', 'docs', 'data-ai', 'frontend', 'release', 'backend', 'mobile', 'ai-agents'];
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

/**
 * An agent file made to run off a phone's screen if anything can: long folder and category names, a long name, long
 * unbroken words and URLs, a long model id, a wide code block and table, long MCP tool names, and fields that produce
 * diagnostics quoting the long path. For the narrow-screen browser test (`--long`).
 */
export function generateLongAgent(i: number): GeneratedAgent {
  const word = `Unbreakable${'Segment'.repeat(8)}${i}`;
  const folder = `a-category-folder-with-a-name-long-enough-to-overflow-any-badge-or-breadcrumb-${i % 3}`;
  const nested = `and-a-nested-folder-whose-name-goes-on-and-on-${i % 2}`;
  const name = `agent-${i}-with-an-extremely-long-name-that-never-fits-on-one-line-of-a-phone`;
  const url = `https://example.com/${'a-very-long-path-segment/'.repeat(6)}${word}`;
  const frontmatter = [
    '---',
    `name: ${name}`,
    // Every sixth has no description: it does not load, and its page lists the error with the file's long path.
    ...(i % 6 === 3 ? [] : [`description: "Use this agent for ${word}: see ${url}.\\n\\n<example>\\nuser: \\"Please handle ${word} in /srv/${'deep/'.repeat(12)}file.txt\\"\\nassistant: \\"I will use ${name} for ${word}.\\"\\n</example>"`]),
    `tools: Read, Grep, mcp__a_really_long_mcp_server_name_${i}__and_an_equally_long_tool_name_that_keeps_going`,
    `model: claude-sonnet-4-5-20250929-with-a-long-made-up-suffix-${i}`,
    `color: "#${(0x123456 + i * 4099).toString(16).slice(-6)}"`,
    ...(i % 2 ? [`category: A category name long enough to overflow a badge on a phone screen all by itself ${i % 4}`] : []),
    `anUnknownFieldWithAVeryLongNameThatClaudeCodeIgnores${i}: ${'x'.repeat(90)}`,
    ...(i % 5 === 0 ? ['permissionMode: a-permission-mode-value-that-does-not-exist-anywhere'] : []),
    '---',
  ];
  const body = [
    `You are ${name}. You handle ${word} and nothing else.`,
    '',
    `## A heading with ${word} in it`,
    '',
    '```ts',
    `const result = await someFunctionWithALongName(${Array.from({ length: 12 }, (_, k) => `argumentNumber${k}`).join(', ')});`,
    '```',
    '',
    '| a wide table | with many columns | and long content | in every cell | that cannot fit |',
    '|---|---|---|---|---|',
    `| ${word} | ${word} | ${word} | ${word} | ${word} |`,
    '',
    `1. **${word}**: follow ${url} and \`an-inline-code-span-that-is-long-and-unbroken-${word}\`.`,
    `2. **Short principle**: ${'keep going '.repeat(20).trim()}.`,
    '',
  ];
  return { file: `${folder}/${nested}/${name}.md`, text: `${frontmatter.join('\n')}\n\n${body.join('\n')}` };
}

export interface GenerateOptions {
  /** A folder whose `.md` files (kept at their relative paths) are part of the `count`; generated files fill the rest. */
  include?: string;
  /** `marketplace`: a plugin marketplace instead of category folders (see the header). */
  layout?: 'folders' | 'marketplace';
  /** Agents made to overflow a narrow screen (`generateLongAgent`) instead of the typical ones. */
  long?: boolean;
  /** For `marketplace`: how many plugins from other sources (GitHub, git URL, npm) it lists; 2 unless told. */
  remote?: number;
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

/**
 * The last change of every generated file: one day for all, as a copy without git history has them (the catalog then
 * dates every agent from its files' mtime), and the same on every run.
 */
export const GENERATED_DATE = new Date('2026-01-15T12:00:00Z');

/** Writes exactly `count` agent files into `out` (emptied first). Same arguments, same bytes, same dates. */
export async function generateCatalog(count: number, out: string, options: GenerateOptions = {}): Promise<GeneratedCatalog> {
  await rm(out, { recursive: true, force: true });
  const market = options.layout === 'marketplace';
  // In a marketplace a category folder `x/` becomes the plugin `plugins/x/` with its agents in `agents/`.
  const place = (file: string) => (market ? file.replace(/^([^/]+)\//, 'plugins/$1/agents/') : file);
  for (const category of CATEGORIES) await mkdir(path.join(out, place(`${category}/x`), '..'), { recursive: true });
  if (market) await writeMarketplace(out, options.remote);
  const included = options.include ? (await markdownFiles(options.include)).slice(0, count) : [];
  for (const file of included) {
    await mkdir(path.dirname(path.join(out, file)), { recursive: true });
    await copyFile(path.join(options.include!, file), path.join(out, file));
  }
  const generated = count - included.length;
  let bytes = 0;
  const batch: Promise<void>[] = [];
  for (let i = 0; i < generated; i++) {
    const { file, text } = options.long ? generateLongAgent(i) : generateAgent(i);
    bytes += Buffer.byteLength(text);
    await mkdir(path.dirname(path.join(out, place(file))), { recursive: true });
    const target = path.join(out, place(file));
    batch.push(writeFile(target, text).then(() => utimes(target, GENERATED_DATE, GENERATED_DATE)));
    if (batch.length >= 64) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  return { included, generated, bytes };
}

/** The i-th plugin from another source: GitHub, a git URL (some in a sub-folder, pinned) or npm, in turn. */
function remotePlugin(i: number) {
  const n = String(i + 1).padStart(3, '0');
  const word = WORDS[i % WORDS.length];
  const sources = [
    { source: 'github', repo: `example/remote-${word}-${n}` },
    { source: 'url', url: `https://git.example.com/tools/remote-${word}-${n}.git`, sha: `${n}`.padEnd(40, 'a') },
    { source: 'git-subdir', url: `https://git.example.com/monorepo.git`, path: `plugins/remote-${word}-${n}`, ref: 'main' },
    { source: 'npm', package: `@example/remote-${word}-${n}` },
  ];
  return { name: `remote-${word}-${n}`, source: sources[i % sources.length], description: `Helps with ${word} work; its files live in another repository.` };
}

/** The manifests, and in each plugin a skill and a command (never agents), for `--layout marketplace`. */
async function writeMarketplace(out: string, remoteCount?: number): Promise<void> {
  const plugins = CATEGORIES.map((category, i) => ({
    name: `${category}-kit`,
    source: `./plugins/${category}`,
    description: `Generated agents for ${category} work.`,
    version: `1.${i}.0`,
    ...(i % 3 === 0 ? { category } : {}),
  }));
  const remote =
    remoteCount === undefined
      ? [
          { name: 'remote-github', source: { source: 'github', repo: 'example/remote-github' }, description: 'A plugin kept in its own repository.' },
          { name: 'remote-npm', source: { source: 'npm', package: '@example/remote-npm' }, description: 'A plugin published on npm.' },
        ]
      : Array.from({ length: remoteCount }, (_, i) => remotePlugin(i));
  const manifest = { name: 'generated-marketplace', owner: { name: 'agent-docs bench' }, plugins: [...plugins, ...remote] };
  await mkdir(path.join(out, '.claude-plugin'), { recursive: true });
  await writeFile(path.join(out, '.claude-plugin/marketplace.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [i, category] of CATEGORIES.entries()) {
    const root = path.join(out, 'plugins', category);
    await mkdir(path.join(root, '.claude-plugin'), { recursive: true });
    await writeFile(path.join(root, '.claude-plugin/plugin.json'), `${JSON.stringify({ name: plugins[i].name, version: plugins[i].version, description: plugins[i].description }, null, 2)}\n`);
    await mkdir(path.join(root, 'skills', `${category}-notes`), { recursive: true });
    await writeFile(path.join(root, 'skills', `${category}-notes`, 'SKILL.md'), `---\nname: ${category}-notes\ndescription: Takes notes on ${category} work.\n---\n\nTake notes.\n`);
    await mkdir(path.join(root, 'commands'), { recursive: true });
    await writeFile(path.join(root, 'commands', `${category}-status.md`), `---\nname: ${category}-status\ndescription: Reports ${category} status.\n---\n\nReport the status.\n`);
  }
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const count = Number(option('--agents') || 1000);
  const out = path.resolve(option('--out') ?? 'tmp-agents');
  const include = option('--include');
  const layout = option('--layout');
  if (layout !== undefined && layout !== 'marketplace' && layout !== 'folders') {
    console.error(`generate-agents: --layout is "folders" (the default) or "marketplace", not "${layout}"`);
    process.exit(2);
  }
  const remote = option('--remote');
  const result = await generateCatalog(count, out, { include: include && path.resolve(include), ...(layout ? { layout } : {}), ...(remote ? { remote: Number(remote) } : {}), long: args.includes('--long') });
  const copied = result.included.length ? ` (${result.included.length} copied from ${include})` : '';
  console.log(`wrote ${count} agent files to ${out}${copied}`);
}
