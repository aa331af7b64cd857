/**
 * Agent files → Starlight docs pages, for the Starlight peer build (scripts/bench/peer/): what a user of a
 * general-purpose docs framework would write to publish the same catalog. One page per agent, at the agent file's
 * path under `agents/`: its `name` as the title, the description's first sentence as the page description, then
 * the description and the prompt as Markdown.
 *
 * The peer cannot parse Claude Code's frontmatter (the one-line form with literal `\n` is not valid YAML), so the
 * fields are read line by line, as the recipe this was ported from (`convert.py`) reads them. Text that Markdown
 * would take for HTML or an expression is escaped (`<`, and `{` in the body), so every page renders as text.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The frontmatter and the body after it; undefined when the file does not open with a `---` block. */
const FILE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/;
const NAME = /^name:\s*(.*)$/m;
/** The description runs until the next `key:` at the start of a line, or the end of the frontmatter. */
const DESCRIPTION = /^description:\s*([\s\S]*?)(?=^[\p{L}\p{N}_][\p{L}\p{N}_-]*:|(?![\s\S]))/mu;

/** Characters `chars` holds, taken off both ends of `text` (Python's `str.strip(chars)`). */
export function strip(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start]!)) start++;
  while (end > start && chars.includes(text[end - 1]!)) end--;
  return text.slice(start, end);
}

/**
 * One agent file as a Starlight page (Markdown with a title and a description), or undefined when the file has no
 * frontmatter. `fallbackName` (the file name without `.md`) is the title when there is no `name` line.
 */
export function agentToPage(text: string, fallbackName: string): string | undefined {
  const file = FILE.exec(text);
  if (!file) return undefined;
  const [, frontmatter, body] = file as unknown as [string, string, string];
  const name = strip((NAME.exec(frontmatter)?.[1] ?? fallbackName).trim(), `"'`);
  const found = DESCRIPTION.exec(frontmatter)?.[1];
  const description = found === undefined ? '' : strip(strip(found.trim(), '|>').trim(), '"').replaceAll('\\n', '\n');
  // The first line's first sentence, at most 200 characters (code points, as the recipe counts them).
  const summary = [...description.split('\n')[0]!.split('. ')[0]!].slice(0, 200).join('');
  const escapedBody = body.replaceAll('{', '&#123;').replaceAll('<', '&lt;');
  return `---\ntitle: ${JSON.stringify(name)}\ndescription: ${JSON.stringify(summary)}\n---\n\n${description.replaceAll('<', '&lt;')}\n\n${escapedBody}`;
}

export interface ConvertedCatalog {
  /** Agent pages written (the index page is not counted). */
  pages: number;
  /** `.md` files with no frontmatter, relative to the agents folder: no page. */
  skipped: string[];
}

/** Every `.md` file under `agentsDir` as a page under `docsDir/agents/` (same relative path), and an index page. */
export async function convertCatalog(agentsDir: string, docsDir: string): Promise<ConvertedCatalog> {
  await mkdir(path.join(docsDir, 'agents'), { recursive: true });
  await writeFile(path.join(docsDir, 'index.md'), '---\ntitle: Agents\n---\nCatalog\n');
  const result: ConvertedCatalog = { pages: 0, skipped: [] };
  const entries = await readdir(agentsDir, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const rel = path.relative(agentsDir, file);
    const page = agentToPage(await readFile(file, 'utf8'), entry.name.slice(0, -'.md'.length));
    if (page === undefined) {
      result.skipped.push(rel);
      continue;
    }
    const out = path.join(docsDir, 'agents', rel);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, page);
    result.pages++;
  }
  result.skipped.sort();
  return result;
}
