/**
 * The description, taken apart: a one-sentence summary, the "when to use" prose, and the `<example>` blocks as
 * structured conversations. Real descriptions vary a lot (examples on one line, `Assistant:` capitalised, other
 * speaker labels, quoted or unquoted turns, no `Context:`), so every rule here is a row in the unit tests.
 */
import { markdownToPlain } from './markdown.ts';
import type { Example, Turn } from './types.ts';

/**
 * Claude Code reads a plain YAML scalar verbatim, so `\n` written in a one-line description reaches the model as a
 * backslash and an `n`. The author meant line breaks; show them as such.
 */
export function expandLiteralEscapes(text: string): string {
  if (!/\\[nt"]/.test(text)) return text;
  return text.replace(/\\r\\n|\\n/g, '\n').replace(/\\t/g, '  ').replace(/\\"/g, '"');
}

const EXAMPLE_BLOCK = /<example>([\s\S]*?)(?:<\/example>|(?=<example>)|$)/gi;
const USER_LABELS = new Set(['user', 'human', 'developer', 'customer', 'you', 'me', 'engineer', 'client', 'person', 'dev']);
const ASSISTANT_LABELS = new Set(['assistant', 'claude', 'ai', 'agent', 'model', 'bot', 'claude code']);
const SPEAKER = /(?:user|human|developer|customer|you|me|engineer|client|person|dev|assistant|claude code|claude|ai|agent|model|bot|system|tool|function|observation|result|output)/;
/** A speaker label at a line start, optionally bold: `user:`, `**Assistant:**`, `Human :`. */
const LABEL_AT = new RegExp(`(^|[\\s>"])(\\*\\*)?(${SPEAKER.source})(\\*\\*)?\\s*:(\\*\\*)?(?=\\s|$)`, 'gi');
const CONTEXT = /^\s*(?:\*\*)?context(?:\*\*)?\s*:(?:\*\*)?\s*/i;
const PLAIN_COMMENTARY = new RegExp(
  `(^|\\n)[ \\t]*(?:\\*\\*)?commentary(?:\\*\\*)?[ \\t]*:(?:\\*\\*)?([\\s\\S]*?)(?=\\n[ \\t]*(?:\\*\\*)?(?:${SPEAKER.source})(?:\\*\\*)?[ \\t]*:|$)`,
  'gi',
);

function roleOf(label: string, named = false): Turn['role'] {
  if (named) return 'user';
  const key = label.toLowerCase();
  if (USER_LABELS.has(key)) return 'user';
  if (ASSISTANT_LABELS.has(key)) return 'assistant';
  return 'other';
}

function unquote(text: string): string {
  const t = text.trim();
  const pairs: Array<[string, string]> = [['"', '"'], ['“', '”'], ["'", "'"]];
  for (const [open, close] of pairs) {
    if (t.length >= 2 && t.startsWith(open) && t.endsWith(close) && !t.slice(1, -1).includes(close === "'" ? "' " : close)) {
      return t.slice(1, -1).trim();
    }
  }
  // A quoted first line followed by notes ("[code snippet provided]", "<uses the Agent tool>"): unquote that line only.
  const newline = t.indexOf('\n');
  if (newline > 0) {
    const first = unquote(t.slice(0, newline));
    if (first !== t.slice(0, newline).trim()) return `${first}\n${t.slice(newline + 1)}`;
  }
  return t;
}

function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

interface LabelHit {
  index: number;
  end: number;
  label: string;
  /** A person's name used as a label (`Daisy:`), not one of the known speaker words. */
  named?: boolean;
}

/**
 * A person's name as a speaker label: one or two capitalised words (`Daisy:`, `Mary Ann:`), optionally bold. Examples
 * often give the user a name ("Daisy: \"Can you…\"" then "Assistant: …"); taken for a heading, the user's turn
 * would vanish into the context.
 */
const NAME_AT = /(^|[\s>"”])(\*\*)?(\p{Lu}\p{Ll}[\p{L}'’-]{0,22}(?: \p{Lu}\p{Ll}[\p{L}'’-]{0,22})?)(\*\*)?\s*:(\*\*)?(?=\s|$)/gu;
/** Capitalised words that label a line without being anyone's name ("Note:", "Expected:", "Step:"). */
const NOT_NAMES = new Set(
  (
    'context commentary note notes example examples input output result results error warning tip hint todo answer question ' +
    'response request reply prompt task goal summary expected actual file path command code query scenario situation ' +
    'background reason why important update fix problem issue solution status step steps outcome action assumption ' +
    'observation thought thinking plan setup before after then now today subject title description usage returns args ' +
    'arguments options source target trigger when where what how because also finally first second next later'
  ).split(' '),
);
/** Where a label on a one-line example may start: at the start, or after a sentence or a quoted turn has ended. */
const AFTER_SENTENCE = /(?:^|[.!?"”)])\s*$/;
const QUOTED = /^\s*(?:\*\*)?\s*["“]/;

/**
 * Find speaker labels. On multi-line examples only labels at a line start count; on one-line examples a label
 * mid-line counts too, but never inside a quoted turn (an even number of quotes must precede it).
 *
 * A name counts as a label (role "user") only in an example that has an assistant turn, where it is at a line start
 * (on one line: after a sentence), is not a word like "Note", and either its turn is quoted (`Daisy: "…"`) or the
 * example names no user otherwise: a capitalised word and a colon alone is as often a heading as a person.
 */
function findLabels(block: string): LabelHit[] {
  const multiLine = block.trim().includes('\n');
  const candidates: LabelHit[] = [];
  for (const m of block.matchAll(LABEL_AT)) {
    const index = (m.index ?? 0) + (m[1] ?? '').length;
    candidates.push({ index, end: (m.index ?? 0) + m[0].length, label: m[3] });
  }
  const known = new Set(candidates.map((hit) => hit.index));
  for (const m of block.matchAll(NAME_AT)) {
    const index = (m.index ?? 0) + (m[1] ?? '').length;
    if (known.has(index) || NOT_NAMES.has(m[3].toLowerCase())) continue;
    candidates.push({ index, end: (m.index ?? 0) + m[0].length, label: m[3], named: true });
  }
  candidates.sort((a, b) => a.index - b.index);

  const placed = (from: LabelHit[]): LabelHit[] => {
    const hits: LabelHit[] = [];
    for (const hit of from) {
      const lineStart = block.lastIndexOf('\n', hit.index - 1) + 1;
      const before = block.slice(lineStart, hit.index);
      const atLineStart = before.trim() === '' || /^\s*[-*]\s*$/.test(before);
      if (multiLine && !atLineStart) continue;
      if (!multiLine && !atLineStart) {
        const previous = hits.at(-1);
        const between = block.slice(previous ? previous.end : 0, hit.index);
        if ((between.match(/"/g)?.length ?? 0) % 2 !== 0) continue;
        if (hit.named && !AFTER_SENTENCE.test(before)) continue;
      }
      hits.push(hit);
    }
    return hits;
  };
  const hits = placed(candidates);
  if (!hits.some((hit) => hit.named)) return hits;
  const roles = new Set(hits.filter((hit) => !hit.named).map((hit) => roleOf(hit.label)));
  const dropped = new Set(
    hits
      .filter((hit, i) => hit.named && !(roles.has('assistant') && (QUOTED.test(block.slice(hit.end, hits[i + 1]?.index)) || !roles.has('user'))))
      .map((hit) => hit.index),
  );
  // Placed again without the names that are not speakers: they are text, and quotes in them count for the rest.
  return dropped.size ? placed(candidates.filter((hit) => !dropped.has(hit.index))) : hits;
}

/** Parse the inside of one `<example>` block. Returns undefined when it holds no conversation at all. */
export function parseExample(block: string): Example | undefined {
  let rest = block;
  const commentaries: string[] = [];
  rest = rest.replace(/<commentary>([\s\S]*?)(?:<\/commentary>|$)/gi, (_all, inner: string) => {
    commentaries.push(tidy(inner));
    return '\n';
  });
  // "Commentary: …" written as a plain label at a line start, up to the next speaker label or the end.
  rest = rest.replace(PLAIN_COMMENTARY, (_all, lead: string, inner: string) => {
    commentaries.push(tidy(inner));
    return lead;
  });
  const hits = findLabels(rest);
  const head = hits.length ? rest.slice(0, hits[0].index) : rest;
  let context: string | undefined;
  const contextMatch = head.match(CONTEXT) ? head.replace(CONTEXT, '') : undefined;
  if (contextMatch !== undefined) context = tidy(contextMatch) || undefined;
  else if (tidy(head)) context = tidy(head);

  const turns: Turn[] = hits.map((hit, i) => {
    const end = i + 1 < hits.length ? hits[i + 1].index : rest.length;
    const text = unquote(tidy(rest.slice(hit.end, end)));
    return { speaker: hit.label, role: roleOf(hit.label, hit.named), text };
  });
  const commentary = commentaries.filter(Boolean).join('\n\n') || undefined;
  if (!turns.length && !context && !commentary) return undefined;
  return { ...(context ? { context } : {}), turns, ...(commentary ? { commentary } : {}) };
}

/** Every `<example>` block in a text, in order. */
export function extractExamples(text: string): Example[] {
  const examples: Example[] = [];
  for (const m of text.matchAll(EXAMPLE_BLOCK)) {
    const example = parseExample(m[1]);
    if (example) examples.push(example);
  }
  return examples;
}

const EXAMPLES_TAIL = /([.!?)])\s+(?:\*\*)?[^.!?:\n]{0,30}\b(?:examples?|specifically|for instance|for example)\b[^.!?:\n]{0,20}(?:\*\*)?:(?:\*\*)?\s*$/i;

/** The description without its examples: what a reader needs to decide when to use the agent. */
export function whenToUseOf(description: string): string {
  const hadExamples = /<example>/i.test(description);
  let text = description
    .replace(EXAMPLE_BLOCK, '\n\n')
    .replace(/<\/?examples>/gi, '\n\n');
  text = tidy(text);
  if (hadExamples) {
    // A list item that held only an example (`- <example>…</example>`) leaves its bare marker behind.
    text = tidy(text.split('\n').filter((line) => !/^\s*(?:[-*+]|\d{1,3}[.)])\s*$/.test(line)).join('\n'));
    // Drop a trailing line that only introduced the examples ("Examples:", "**Use this agent PROACTIVELY when:**").
    const lines = text.split('\n');
    while (lines.length > 1 && /^\W*[^\n]{0,80}:\W*$/.test(lines.at(-1)!.trim()) && /example|when|such as|for instance|e\.g|specifically/i.test(lines.at(-1)!)) {
      lines.pop();
    }
    // …or a short tail after the last sentence of the last line ("…for X. Examples:", "…issues. Specifically:").
    lines[lines.length - 1] = lines.at(-1)!.replace(EXAMPLES_TAIL, '$1');
    text = tidy(lines.join('\n'));
  }
  return text;
}

const ABBREVIATIONS = /(?:\b(?:e\.g|i\.e|etc|vs|cf|approx|incl|Mr|Ms|Dr|St|No)\.)$/;
export const SUMMARY_MAX = 200;

/** First sentence of the prose, as plain text, at most SUMMARY_MAX characters (cut at a word, with "…"). */
export function summaryOf(whenToUse: string): string {
  const firstParagraph = whenToUse.split(/\n\s*\n/).find((p) => markdownToPlain(p)) ?? '';
  const plain = markdownToPlain(firstParagraph.split('\n').filter((l) => !/^\s*[-*+]\s/.test(l) || l === firstParagraph).join(' '));
  let sentence = plain;
  // Western full stops end a sentence before a space; CJK ones (。！？) need none.
  for (const m of plain.matchAll(/[.!?](?=\s|$)|[。！？]/g)) {
    const end = (m.index ?? 0) + 1;
    if (ABBREVIATIONS.test(plain.slice(0, end))) continue;
    // "…/... or …": an ellipsis mid-sentence is not its end.
    if (plain.slice(end - 3, end) === '...' && /^\s+[a-z(]/.test(plain.slice(end))) continue;
    sentence = plain.slice(0, end);
    break;
  }
  sentence = sentence.trim();
  if (sentence.length <= SUMMARY_MAX) return sentence;
  const cut = sentence.slice(0, SUMMARY_MAX - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > SUMMARY_MAX / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

export interface DescriptionParts {
  summary: string;
  whenToUse: string;
  examples: Example[];
}

/** Take a description apart. `body` supplies examples when the description has none (an "Examples" section). */
export function describe(description: string, body = ''): DescriptionParts {
  const text = expandLiteralEscapes(description.replace(/\r\n?/g, '\n'));
  const whenToUse = whenToUseOf(text);
  let examples = extractExamples(text);
  if (!examples.length) examples = extractExamples(examplesSection(body));
  return { summary: summaryOf(whenToUse), whenToUse, examples };
}

/** The part of a body under a heading that names examples, up to the next heading of the same or higher level. */
export function examplesSection(body: string): string {
  const lines = body.split('\n');
  const start = lines.findIndex((l) => /^#{1,6}\s+.*\bexamples?\b/i.test(l));
  if (start < 0) return '';
  const depth = lines[start].match(/^#+/)![0].length;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const h = lines[i].match(/^(#{1,6})\s/);
    if (h && h[1].length <= depth) {
      end = i;
      break;
    }
  }
  return lines.slice(start + 1, end).join('\n');
}
