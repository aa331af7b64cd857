/**
 * YAML for one frontmatter block, as Claude Code parses it: strict YAML (line numbers kept, aliases and nesting
 * bounded), and the retry Claude Code runs when strict parsing fails. frontmatter.ts decides which to use when.
 */
import { isMap, isScalar, LineCounter, parseDocument, Scalar, type Document } from 'yaml';

export type ValueStyle = 'plain' | 'single' | 'double' | 'block' | 'other';

/** Limits that keep hostile YAML cheap: alias expansion and nesting are bounded. */
const YAML_OPTIONS = { strict: true, uniqueKeys: false, prettyErrors: false } as const;
const TO_JS = { maxAliasCount: 50 } as const;

export interface YamlAttempt {
  ok: boolean;
  /** Paths of `__proto__` keys removed from the data. */
  dropped?: string[];
  data: Record<string, unknown>;
  keyLines: Map<string, number>;
  valueStyles: Map<string, ValueStyle>;
  error?: { line: number; column: number; message: string };
}

/**
 * `parseDocument` without stack traces: the parser makes an Error for every problem it meets, and strict parsing
 * meets one in many agent files Claude Code loads (it then retries, quoteProblemValues). Only the message is read,
 * and capturing each stack was ~0.07 ms an agent of the content sync.
 */
function parseQuietly(block: string, options: Parameters<typeof parseDocument>[1]): Document {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseDocument(block, options);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function styleOf(node: unknown): ValueStyle {
  if (!isScalar(node)) return 'other';
  switch (node.type) {
    case Scalar.PLAIN:
      return 'plain';
    case Scalar.QUOTE_SINGLE:
      return 'single';
    case Scalar.QUOTE_DOUBLE:
      return 'double';
    case Scalar.BLOCK_FOLDED:
    case Scalar.BLOCK_LITERAL:
      return 'block';
    default:
      return 'other';
  }
}

/** Parse a YAML block; `lineOffset` is the file line of the block's first line, minus one. */
export function parseYamlBlock(block: string, lineOffset: number): YamlAttempt {
  const lineCounter = new LineCounter();
  const keyLines = new Map<string, number>();
  const valueStyles = new Map<string, ValueStyle>();
  let doc: Document;
  try {
    doc = parseQuietly(block, { ...YAML_OPTIONS, lineCounter });
  } catch (error) {
    return { ok: false, data: {}, keyLines, valueStyles, error: { line: lineOffset + 1, column: 1, message: String((error as Error).message) } };
  }
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = lineCounter.linePos(firstError.pos[0]);
    const message = firstError.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
    return { ok: false, data: {}, keyLines, valueStyles, error: { line: lineOffset + pos.line, column: pos.col, message } };
  }
  let value: unknown;
  try {
    value = doc.toJS(TO_JS);
  } catch (error) {
    return { ok: false, data: {}, keyLines, valueStyles, error: { line: lineOffset + 1, column: 1, message: (error as Error).message } };
  }
  if (value === null || value === undefined) return { ok: true, data: {}, keyLines, valueStyles };
  const dropped: string[] = [];
  const walk: Walk = { seen: new Set(), path: new Set() };
  stripProtoKeys(value, '', dropped, 0, walk);
  if (typeof value !== 'object' || Array.isArray(value) || !isMap(doc.contents)) {
    return { ok: false, data: {}, keyLines, valueStyles, error: { line: lineOffset + 1, column: 1, message: 'the frontmatter is not a mapping of keys to values' } };
  }
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const offset = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : 0;
    if (!keyLines.has(key)) keyLines.set(key, lineOffset + lineCounter.linePos(offset).line);
    valueStyles.set(key, styleOf(pair.value));
  }
  if (walk.cycle !== undefined) {
    const key = walk.cycle.split('.')[0]!;
    const message = `\`${walk.cycle}\` holds an alias to itself, a value without end (an anchor's alias must not sit inside it)`;
    return { ok: false, data: {}, keyLines, valueStyles, error: { line: keyLines.get(key) ?? lineOffset + 1, column: 1, message } };
  }
  return { ok: true, data: value as Record<string, unknown>, keyLines, valueStyles, ...(dropped.length ? { dropped } : {}) };
}

/** A walk over parsed YAML: the objects visited, those on the path to the current one, and the first cycle's path. */
interface Walk {
  seen: Set<object>;
  path: Set<object>;
  cycle?: string;
}

/**
 * YAML may hold a key named `__proto__`. The parser keeps it as a plain property, but any later copy of the data
 * (`obj[key] = value`, a serialiser) would turn it into a prototype. Claude Code ignores such keys; so do we,
 * saying so. Each object is visited once: anchors and aliases make a tree a graph. A node holding an alias to itself
 * (`a: &x [*x, *x]`) makes a cycle, recorded in `walk.cycle`: its paths are endless (2^100 to depth 100 here), and no
 * copy or serialiser of the data ever ends.
 */
function stripProtoKeys(value: unknown, at: string, out: string[], depth: number, walk: Walk): void {
  if (typeof value !== 'object' || value === null || depth > 100) return;
  if (walk.path.has(value)) {
    walk.cycle ??= at;
    return;
  }
  if (walk.seen.has(value)) return;
  walk.seen.add(value);
  walk.path.add(value);
  if (Object.hasOwn(value, '__proto__')) {
    delete (value as Record<string, unknown>).__proto__;
    out.push(at ? `${at}.__proto__` : '__proto__');
  }
  for (const [key, child] of Object.entries(value)) stripProtoKeys(child, at ? `${at}.${key}` : key, out, depth + 1, walk);
  walk.path.delete(value);
}

/**
 * Claude Code's retry: every unindented `key: value` line (key of letters, `_`, `-`) whose value is not already
 * quoted or a flow list and holds a character YAML reads specially is wrapped in double quotes, backslashes and
 * quotes escaped; leading tabs become two spaces each. `.` does not match `\r`, so no CRLF line is ever rewritten,
 * and `description: |` becomes the string "|" — Claude Code's retry breaks block scalars.
 */
const RETRY_LINE = /^([a-zA-Z_-]+):\s+(\S.*)$/;
const RETRY_SPECIAL = /[{}[\]*&#!|>%@`]|: /;

/** Whether `value` reads as a YAML flow list. A value that does not read at all is none (`[*e]`: an alias no anchor set). */
function isFlowList(value: string): boolean {
  if (!(value.startsWith('[') && value.endsWith(']'))) return false;
  const doc = parseQuietly(value, YAML_OPTIONS);
  if (doc.errors.length) return false;
  try {
    return Array.isArray(doc.toJS(TO_JS));
  } catch {
    return false;
  }
}

export function quoteProblemValues(block: string): string {
  return block
    .split('\n')
    .map((line) => {
      const m = line.match(RETRY_LINE);
      if (!m) return line;
      const [, key, value] = m;
      if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) return line;
      if (isFlowList(value)) return line;
      if (!RETRY_SPECIAL.test(value)) return line;
      return `${key}: "${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
    })
    .join('\n')
    .replace(/^\t+/gm, (tabs) => '  '.repeat(tabs.length));
}

/** Pathological frontmatter is refused before any parse: the YAML parser costs ~15 µs per character on broken input. */
export const MAX_FRONTMATTER_CHARS = 256 * 1024;
export const MAX_NESTING = 64;

export function complexityProblem(block: string): string | undefined {
  if (block.length > MAX_FRONTMATTER_CHARS) return `is ${Math.round(block.length / 1024)} KiB long, over ${MAX_FRONTMATTER_CHARS / 1024} KiB`;
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < block.length; i++) {
    const ch = block.charCodeAt(i);
    if (ch === 0x5b || ch === 0x7b) deepest = Math.max(deepest, ++depth);
    else if ((ch === 0x5d || ch === 0x7d) && depth > 0) depth--;
  }
  const indent = Math.max(0, ...Array.from(block.matchAll(/^ +/gm), (m) => m[0].length));
  if (deepest > MAX_NESTING || indent > MAX_NESTING * 4) return `nests deeper than ${MAX_NESTING} levels`;
  return undefined;
}
