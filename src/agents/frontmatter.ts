/**
 * Read an agent file's frontmatter the way Claude Code does, keeping line numbers.
 *
 * Three stages, each only when the one before fails:
 *   1. strict YAML on the block Claude Code cuts out of the file;
 *   2. Claude Code's own retry: single-line `key: value` lines whose value breaks YAML are double-quoted and the
 *      block is parsed again — a file that passes here loads in Claude Code;
 *   3. recovery for display only (description lines pasted at column 0, CRLF lines the retry cannot quote, blank
 *      lines before the opening `---`, no closing line…): the catalog can show the agent, but the verdict is
 *      "does not load in Claude Code", with the reason.
 * A BOM, blank lines after the opening `---` and a closing line of many dashes all load in Claude Code.
 * Nothing is ever executed: `---js` style frontmatter is an error, and YAML aliases are bounded.
 */
import matter from 'gray-matter';
import { diagnostic } from './diagnostic.ts';
import { complexityProblem, parseYamlBlock, quoteProblemValues, type ValueStyle, type YamlAttempt } from './yaml-block.ts';
import type { Diagnostic } from './types.ts';

export type { ValueStyle } from './yaml-block.ts';
export type ReadMode = 'strict' | 'retry' | 'recovered' | 'none';

export interface FrontmatterRead {
  /** The file has something that looks like frontmatter (an opening `---` line). */
  hasFrontmatter: boolean;
  /** Top-level keys and values; `{}` when nothing could be read. */
  data: Record<string, unknown>;
  /** Top-level key → 1-based line in the file. */
  keyLines: Map<string, number>;
  /** Top-level key → how its value was written (a plain scalar keeps `\n` as two characters). */
  valueStyles: Map<string, ValueStyle>;
  /** 1-based file line of the first frontmatter line (the line after the opening `---`). */
  startLine: number;
  body: string;
  bodyLine: number;
  /** Which stage produced `data`. */
  mode: ReadMode;
  /** Claude Code's verdict on the frontmatter alone. */
  loads: boolean;
  diagnostics: Diagnostic[];
}

/**
 * Claude Code's frontmatter: `---` at the very start (after a BOM), then everything up to the next `---` —
 * lazily, so it ends at the first `---` anywhere, even mid-line or inside a quoted value. No `m` flag and no CRLF
 * normalisation: `\s` happens to swallow `\r` and blank lines after the opening `---`.
 */
export const CLAUDE_CODE_FRONTMATTER = /^---\s*\n([\s\S]*?)---\s*\n?/;

/** Count the lines in `text` before `index`. */
function linesBefore(text: string, index: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const EXECUTABLE_LANGUAGES = /^(?:js|javascript|coffee|coffeescript|cson)$/i;

/** gray-matter engines: YAML through our reader, everything executable refused. Options are always passed so its cache is never used. */
function grayMatterOptions(onYaml: (block: string) => Record<string, unknown>) {
  const refuse = (language: string) => ({
    parse: () => {
      throw new Error(`frontmatter language "${language}" is not allowed`);
    },
  });
  return {
    language: 'yaml',
    engines: {
      yaml: { parse: onYaml },
      js: refuse('js'),
      javascript: refuse('javascript'),
      coffee: refuse('coffee'),
      coffeescript: refuse('coffeescript'),
      cson: refuse('cson'),
    },
  };
}

/**
 * Make a broken block readable for display: after a one-line `description:`, every unindented line up to the next
 * field Claude Code knows is a continuation of the description (authors paste examples at column 0); then
 * Claude Code's own quoting.
 */
export function repairBlock(block: string, knownFields: ReadonlySet<string>): string {
  const out: string[] = [];
  let joining = false;
  for (const line of block.replace(/\r$/gm, '').split('\n')) {
    const key = line.match(/^([A-Za-z_][\w-]*)\s*:(\s|$)/)?.[1];
    if (key && knownFields.has(key)) {
      joining = key === 'description' && !/^description:\s*[|>]/.test(line);
      out.push(line);
    } else if (joining && out.length && !/^\s/.test(line)) {
      out[out.length - 1] += `\\n${line}`;
    } else {
      out.push(line);
    }
  }
  return quoteProblemValues(out.join('\n'));
}

function read(base: Omit<FrontmatterRead, 'data' | 'keyLines' | 'valueStyles'>, attempt?: YamlAttempt): FrontmatterRead {
  return {
    ...base,
    data: attempt?.data ?? {},
    keyLines: attempt?.keyLines ?? new Map(),
    valueStyles: attempt?.valueStyles ?? new Map(),
  };
}

export interface ReadOptions {
  /** Field names that end a description's unindented continuation lines during recovery. */
  knownFields?: ReadonlySet<string>;
}

export function readFrontmatter(source: string, options: ReadOptions = {}): FrontmatterRead {
  // Claude Code strips one BOM, then looks for `---` again somewhere after the opening.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    const noFrontmatter = (diagnostics: Diagnostic[] = []): FrontmatterRead =>
    read({ hasFrontmatter: false, startLine: 1, body: text, bodyLine: 1, mode: 'none', loads: false, diagnostics });

  // Executable frontmatter (`---js`) is never run: report it and read nothing from it.
  const language = text.match(/^---([A-Za-z]+)[ \t]*\r?\n/);
  if (language) {
    const lang = language[1];
    return noFrontmatter([
      diagnostic('error', 'frontmatter-language', 1, `The frontmatter is marked \`---${lang}\`; ${EXECUTABLE_LANGUAGES.test(lang) ? 'executable frontmatter is never run here, and ' : ''}Claude Code reads only YAML frontmatter, so it skips this file.`, 'Start the file with a line of exactly `---` and write the frontmatter in YAML.', 4),
    ]);
  }

  // Stages 1 and 2: exactly Claude Code's cut, strict YAML, then its retry.
  const cc = text.indexOf('---', 3) < 0 ? null : text.match(CLAUDE_CODE_FRONTMATTER);
  if (cc) {
    const block = cc[1];
    const tooComplex = complexityProblem(block);
    if (tooComplex) {
      return noFrontmatter([diagnostic('error', 'frontmatter-too-complex', 2, `The frontmatter ${tooComplex}, more than this catalog reads (a YAML parser's time grows with it).`, 'Keep the frontmatter to plain fields; move long text into the prompt body.')]);
    }
    const startLine = linesBefore(text, cc[0].length - cc[0].replace(/^---\s*\n/, '').length) + 1;
    const body = text.slice(cc[0].length);
    const bodyLine = linesBefore(text, cc[0].length) + 1;
    const base = { hasFrontmatter: true, startLine, body, bodyLine };
    const strict = parseYamlBlock(block, startLine - 1);
    if (strict.ok) return read({ ...base, mode: 'strict', loads: true, diagnostics: droppedKeys(strict, startLine) }, strict);
    const retried = parseYamlBlock(quoteProblemValues(block), startLine - 1);
    if (retried.ok) {
      // Styles describe what the author wrote, not what the retry made of it.
      for (const [key, style] of strict.valueStyles) retried.valueStyles.set(key, style);
      return read({ ...base, mode: 'retry', loads: true, diagnostics: droppedKeys(retried, startLine) }, retried);
    }
    // Report where Claude Code finally failed: when its retry mended the line strict YAML stopped at, the retry's
    // own error points at the real culprit — unless the retry broke a block scalar (`key: |` becomes "|"), whose
    // lines then fail for a reason the author never wrote.
    const strictLine = strict.error!.line - startLine;
    const rewritten = block.split('\n')[strictLine] !== quoteProblemValues(block).split('\n')[strictLine];
    const brokeBlockScalar = /^[a-zA-Z_-]+:\s+[|>][0-9+-]*\s*$/m.test(block);
    const err = rewritten && !brokeBlockScalar && retried.error ? retried.error : strict.error!;
    const parseError = diagnostic('error', 'yaml-invalid', err.line, `The frontmatter is not valid YAML (${err.message}), even after Claude Code's retry that quotes one-line values, so Claude Code skips this file.`, fixForYaml(block, err.line - startLine, startLine), err.column);
    return recover(text, startLine, { body, bodyLine }, [parseError], options);
  }

  // No frontmatter as Claude Code sees it. If a reader would still see one, recover it and say why it is ignored.
  const leading = text.match(/^(?:[ \t]*\r?\n)+(?=---[ \t]*\r?\n)/);
  if (leading) {
    const blank = (leading[0].match(/\n/g) ?? []).length;
    return recover(text.slice(leading[0].length), blank + 2, undefined, [
      diagnostic('error', 'frontmatter-not-first', 1, `The file starts with ${blank === 1 ? 'a blank line' : `${blank} blank lines`} before \`---\`, so Claude Code sees no frontmatter and skips it.`, 'Delete the blank lines so `---` is the very first line.'),
    ], options, blank);
  }
  if (!/^---[ \t]*\r?\n/.test(text)) return noFrontmatter();
  return recover(text, 2, undefined, [
    diagnostic('error', 'frontmatter-unclosed', 1, 'The frontmatter has no closing `---` line, so Claude Code reads no frontmatter and skips this file.', 'Add a line `---` after the last frontmatter field.'),
  ], options);
}

function droppedKeys(attempt: YamlAttempt, startLine: number): Diagnostic[] {
  return (attempt.dropped ?? []).map((key) =>
    diagnostic('warning', 'field-unsafe-key', attempt.keyLines.get(key.split('.')[0]) ?? startLine, `The key \`${key}\` is ignored by Claude Code and left out here: a key with that name can alter how programs read the data.`, 'Remove the key.'),
  );
}

function fixForYaml(block: string, lineIndex: number, closeLine: number): string {
  const lines = block.split('\n');
  const line = lines[lineIndex] ?? '';
  if (/\r$/.test(lines[0] ?? '')) return 'Save the file with LF line endings, or quote the value (`description: "…"`): Claude Code\'s retry does not work on CRLF lines.';
  if (/^\t/.test(line)) return 'Indent with spaces, not tabs.';
  const blank = lines.findIndex((l) => !l.trim());
  if (blank > 0 && blank < lineIndex && !/^\s/.test(line)) {
    return `Add the missing closing \`---\` at line ${closeLine + blank}, after the last field: without it Claude Code reads on to the next \`---\`, here a rule in the prompt.`;
  }
  if (lineIndex > 0 && !/^\s/.test(line)) {
    return 'Indent the continuation lines under their key, or put the whole value on one line, or use a block scalar (`description: |`).';
  }
  return 'Quote the value (`description: "…"`) or use a block scalar (`description: |` with the text indented below).';
}

/**
 * Stage 3: read what a reader needs for display with gray-matter and repairs. The verdict stays "does not load".
 * `cc` is Claude Code's body when it found a frontmatter block; otherwise gray-matter's split is used.
 */
function recover(
  text: string,
  startLine: number,
  cc: { body: string; bodyLine: number } | undefined,
  diagnostics: Diagnostic[],
  options: ReadOptions,
  lineShift = 0,
): FrontmatterRead {
  const normalised = text.replace(/\r\n?/g, '\n');
  let attempt: YamlAttempt | undefined;
  let parsed: matter.GrayMatterFile<string> | undefined;
  const lineOffset = startLine - 1;
  try {
    parsed = matter(
      normalised,
      grayMatterOptions((matterBlock) => {
        // gray-matter hands over the block from the newline that ends the opening `---` line.
        const block = matterBlock.replace(/^\n/, '');
        for (const candidate of [block, repairBlock(block, options.knownFields ?? new Set())]) {
          attempt = parseYamlBlock(candidate, lineOffset);
          if (attempt.ok) return attempt.data;
        }
        attempt = salvage(block, lineOffset);
        return attempt.data;
      }),
    );
  } catch {
    // gray-matter only throws for engines we refused; those were reported already.
  }
  const body = cc ? cc.body : (parsed?.content ?? '');
  const bodyLine = cc ? cc.bodyLine : parsed ? linesBefore(normalised, normalised.length - parsed.content.length) + 1 + lineShift : 1;
  return read({ hasFrontmatter: true, startLine, body, bodyLine, mode: 'recovered', loads: false, diagnostics }, attempt);
}

/** Last resort: top-level `key: value` lines, values taken verbatim to the next key. */
function salvage(block: string, lineOffset: number): YamlAttempt {
  const data: Record<string, unknown> = {};
  const keyLines = new Map<string, number>();
  const valueStyles = new Map<string, ValueStyle>();
  let current: string | undefined;
  block.split('\n').forEach((line, i) => {
    const m = line.match(/^([A-Za-z_][\w-]*)\s*:\s?(.*)$/);
    if (m && !keyLines.has(m[1])) {
      current = m[1];
      data[current] = m[2].trim().replace(/^(["'])(.*)\1$/, '$2');
      keyLines.set(current, lineOffset + i + 1);
      valueStyles.set(current, 'plain');
    } else if (current && line.trim()) {
      data[current] = `${data[current]}\n${line.trim()}`;
    }
  });
  // A quoted value that ran over several lines keeps its quotes until here.
  for (const [key, value] of Object.entries(data)) data[key] = String(value).replace(/^(["'])([\s\S]*)\1$/, '$2');
  return { ok: true, data, keyLines, valueStyles };
}
