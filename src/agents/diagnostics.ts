/**
 * Problems with an agent file, each with a line, a one-sentence message and a one-sentence fix. Errors mean
 * Claude Code will not load the file as an agent; warnings mean it loads but something is probably not what the
 * author meant.
 */
import type { z } from 'astro/zod';
import {
  COLORS,
  DID_YOU_MEAN,
  nameProblem,
  EFFORT_LEVELS,
  ISOLATION_MODES,
  KNOWN_FIELDS,
  MEMORY_SCOPES,
  MODEL_ALIASES,
  NAME_PATTERN,
  PERMISSION_MODES,
  isKnownColor,
  isKnownModel,
  modelFamily,
  PLUGIN_IGNORED_FIELDS,
  PLUGIN_ISOLATION_MODES,
  pluginIgnoredMessage,
} from './claude-code.ts';
import type { FrontmatterRead } from './frontmatter.ts';
import { hasHiddenCharacters, slugIsCut, visible } from './text.ts';
import { diagnostic } from './diagnostic.ts';
import type { Diagnostic } from './types.ts';

/** A description over this many characters costs every Claude Code session noticeable context. */
export const LONG_DESCRIPTION_CHARS = 6000;


const list = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');

/** Turn zod issues on the frontmatter into sentences naming the field, its line and the fix. */
export function schemaDiagnostics(issues: readonly z.core.$ZodIssue[], read: FrontmatterRead): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (!field || seen.has(field)) continue;
    seen.add(field);
    const line = read.keyLines.get(field) ?? read.startLine;
    const value = read.data[field];
    if (field === 'name') {
      out.push(
        value === undefined || value === null || String(value).trim() === ''
          ? diagnostic('error', 'name-missing', line, 'The frontmatter has no `name`, so Claude Code does not load this file as an agent.', 'Add `name: your-agent-name` (lowercase letters, digits and hyphens).')
          : diagnostic('error', 'name-invalid', line, `\`name\` must be text, but it is ${describeValue(value)}.`, 'Write the name as plain text, e.g. `name: code-reviewer`.'),
      );
    } else if (field === 'description') {
      out.push(
        value === undefined || value === null || String(value).trim() === ''
          ? diagnostic('error', 'description-missing', line, 'The `description` is missing or empty, so Claude Code does not load this agent (it would never know when to use it).', 'Add `description: Use this agent when …` with a few `<example>` blocks.')
          : diagnostic('error', 'description-invalid', line, `\`description\` must be text, but it is ${describeValue(value)}.`, 'Write the description as a string; quote it or use a block scalar (`description: |`).'),
      );
    } else if (field === 'color' && (value === null || value === undefined)) {
      out.push(
        diagnostic('warning', 'color-invalid', line, '`color` is empty, so Claude Code shows the agent without a colour (an unquoted `#` starts a YAML comment: `color: #ff0000` is empty).', `Use one of ${list(COLORS)}; Claude Code takes no hex codes.`),
      );
    } else {
      out.push(
        diagnostic('warning', `${field}-invalid`, line, `\`${field}\` is ${describeValue(value)}, which Claude Code cannot use (${issue.message}); it is ignored.`, fixFor(field)),
      );
    }
  }
  return out;
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} \`${String(value).slice(0, 40)}\``;
}

function fixFor(field: string): string {
  switch (field) {
    case 'tools':
    case 'disallowedTools':
      return `Write \`${field}: Read, Grep, Glob\` or a YAML list of tool names.`;
    case 'maxTurns':
      return 'Use a positive whole number, e.g. `maxTurns: 20`.';
    case 'background':
      return 'Use `true` or `false`.';
    default:
      return `Check the value of \`${field}\` against Claude Code's documentation.`;
  }
}

export interface FieldCheckInput {
  file: string;
  read: FrontmatterRead;
  name: string;
  description: string;
  model?: string;
  color?: string;
  permissionMode?: string;
  memory?: string;
  effort?: string;
  isolation?: string;
  initialPrompt?: string;
}

/**
 * Warnings for a plugin name or category as the catalog shows it (shown with hidden characters escaped, its page's
 * address cut to SLUG_LENGTH): one wording for manifests and frontmatter. Line 0: the caller places them.
 */
export function labelDiagnostics(value: string, what: 'plugin name' | 'category'): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (hasHiddenCharacters(value)) {
    out.push(diagnostic('warning', `${what === 'category' ? 'category' : 'plugin-name'}-hidden-characters`, 0, `The ${what} holds control, text-direction or zero-width characters, so it would display differently from what it is; the catalog shows it as "${visible(value)}".`, `Remove the invisible characters from the ${what}.`));
  }
  if (slugIsCut(value)) {
    out.push(diagnostic('warning', `${what === 'category' ? 'category' : 'plugin-name'}-too-long`, 0, `The ${what} is ${value.length} characters long, too long for a web address: its page's address keeps only the start of it.`, `Shorten the ${what} to a few words.`));
  }
  return out;
}

/** Warnings about values Claude Code accepts but ignores or that look like mistakes. */
export function fieldDiagnostics(input: FieldCheckInput): Diagnostic[] {
  const { read } = input;
  const out: Diagnostic[] = [];
  const at = (field: string) => read.keyLines.get(field) ?? read.startLine;
  const base = input.file.split('/').pop()!.replace(/\.md$/i, '');

  const refused = typeof read.data.name === 'string' ? nameProblem(input.name) : undefined;
  if (refused) {
    out.push(diagnostic('error', 'name-refused', at('name'), `Claude Code refuses the name "${input.name}": it ${refused}.`, 'Use lowercase letters, digits and hyphens, e.g. `code-reviewer`.'));
  } else if (typeof read.data.name === 'string' && !NAME_PATTERN.test(input.name)) {
    out.push(diagnostic('warning', 'name-format', at('name'), `The name "${input.name}" is not lowercase-with-hyphens; Claude Code refers to agents by name, and unusual characters make that fragile.`, 'Use lowercase letters, digits and single hyphens, e.g. `code-reviewer`.'));
  }
  if (hasHiddenCharacters(input.name)) {
    out.push(diagnostic('warning', 'name-hidden-characters', at('name'), `The name holds control or text-direction characters, so it displays differently from what it is: "${visible(input.name)}".`, 'Remove the invisible characters from the name.'));
  }
  if (!refused && typeof read.data.name === 'string' && input.name !== base) {
    const rename = NAME_PATTERN.test(input.name) ? `Rename the file to "${input.name}.md" or set` : 'Set';
    out.push(diagnostic('warning', 'name-file-mismatch', at('name'), `The name "${input.name}" differs from the file name "${base}.md".`, `${rename} \`name: ${base}\`.`));
  }
  const enumCheck = (field: string, value: string | undefined, consequence: string, allowed: readonly string[], ok = (v: string) => allowed.includes(v)) => {
    if (value !== undefined && !ok(value)) {
      out.push(diagnostic('warning', `${field}-unknown`, at(field), `\`${field}: ${value}\` is not a value Claude Code knows; ${consequence}.`, `Use one of ${list(allowed)}.`));
    }
  };
  if (input.model !== undefined && !input.model.trim()) {
    out.push(diagnostic('warning', 'model-empty', at('model'), '`model` is empty, so Claude Code ignores it and the agent uses the main conversation\'s model.', 'Remove the line, or write `model: inherit` to say so.'));
  } else if (input.model !== undefined && !isKnownModel(input.model)) {
    out.push(modelUnknown(input.model, at('model')));
  }
  if (input.color !== undefined && !isKnownColor(input.color)) out.push(colorUnknown(input.color, at('color')));
  const dropped = 'Claude Code ignores it';
  enumCheck('permissionMode', input.permissionMode, dropped, PERMISSION_MODES);
  enumCheck('memory', input.memory, dropped, MEMORY_SCOPES);
  enumCheck('effort', input.effort, dropped, [...EFFORT_LEVELS, 'a whole number'], (v) => (EFFORT_LEVELS as readonly string[]).includes(v) || /^\d+$/.test(v));
  enumCheck('isolation', input.isolation, dropped, ISOLATION_MODES);

  for (const key of Object.keys(read.data)) {
    if (KNOWN_FIELDS.has(key)) continue;
    const meant = Object.hasOwn(DID_YOU_MEAN, key) ? DID_YOU_MEAN[key] : undefined;
    const pasted = /^(user|assistant|context|human|claude|commentary)$/i.test(key);
    out.push(
      diagnostic(
        'warning',
        'field-unknown',
        at(key),
        pasted
          ? `\`${key}:\` at the start of a line is read as a frontmatter key, not as part of the description; Claude Code ignores it.`
          : `Claude Code ignores the frontmatter key \`${key}\`${meant ? ` (did you mean \`${meant}\`?)` : ''}.`,
        pasted
          ? 'Indent the example lines under the description (use `description: |`), or keep the description on one line with `\\n`.'
          : meant
            ? `Rename it to \`${meant}\`.`
            : 'Remove it, or keep it knowingly: the catalog shows it under Details.',
      ),
    );
  }
  if (input.description.length > LONG_DESCRIPTION_CHARS) {
    out.push(diagnostic('warning', 'description-long', at('description'), `The description is ${input.description.length.toLocaleString('en')} characters (≈ ${Math.round(input.description.length / 4).toLocaleString('en')} tokens), loaded into every Claude Code session.`, 'Keep the description to when-to-use and 2–3 short examples; move the rest into the prompt body.'));
  }
  // Claude Code turns literal `\n` into line breaks in the description only; elsewhere they reach the model as text.
  if (input.initialPrompt && read.valueStyles.get('initialPrompt') !== 'double' && /\\n/.test(input.initialPrompt)) {
    out.push(diagnostic('warning', 'literal-newline', at('initialPrompt'), 'The initialPrompt contains literal `\\n` sequences, which Claude Code passes to the model as text, not as line breaks.', 'Use a block scalar (`initialPrompt: |`) with real line breaks, or a double-quoted string where `\\n` is an escape.'));
  }
  return out;
}

/**
 * A `model` Claude Code does not resolve: it sends the value to the API unchanged and the agent stops with an error
 * (claude-code.ts, MODEL_ID). A value naming a family (`Claude Sonnet 4.5 (copilot)`) gets that family's alias as fix.
 */
function modelUnknown(model: string, line: number): Diagnostic {
  const family = modelFamily(model);
  const named = family === 'opus' || family === 'sonnet' || family === 'haiku';
  return diagnostic(
    'warning',
    'model-unknown',
    line,
    `Claude Code does not know the model \`${model}\`: it sends it to the API unchanged, and the agent stops with "There's an issue with the selected model (${model})" instead of running.`,
    named
      ? `Write \`model: ${family}\` (or a full id such as \`claude-${family}-4-5\`).`
      : `Use one of ${list(MODEL_ALIASES)}, or a Claude model id such as \`claude-sonnet-4-5\`.`,
  );
}

/** A `color` Claude Code drops: it keeps only its eight names, exactly as written (claude-code.ts, COLORS). */
function colorUnknown(color: string, line: number): Diagnostic {
  const lower = color.trim().toLowerCase();
  const why = isKnownColor(lower)
    ? ' (colour names are lower-case)'
    : /^#[0-9a-f]{3,8}$/i.test(lower)
      ? ' (it takes colour names, not hex codes)'
      : '';
  return diagnostic(
    'warning',
    'color-unknown',
    line,
    `Claude Code ignores the colour \`${color}\`${why}: the agent shows without a colour.`,
    isKnownColor(lower) ? `Write \`color: ${lower}\`.` : `Use one of ${list(COLORS)}.`,
  );
}

/**
 * An agent that ships in a plugin: the fields Claude Code ignores there, each with its own warning's words. The same
 * file copied into .claude/agents/ keeps them, so they are warnings, not errors.
 */
export function pluginIgnoredDiagnostics(fields: object, keyLines: ReadonlyMap<string, number>, startLine: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (field: string) => keyLines.get(field) ?? startLine;
  const set = fields as Record<string, unknown>;
  for (const field of Object.keys(PLUGIN_IGNORED_FIELDS)) {
    if (set[field] === undefined) continue;
    out.push(diagnostic('warning', 'plugin-field-ignored', at(field), `Installed with its plugin, Claude Code ignores \`${field}\` ("${pluginIgnoredMessage(field)}").`, `Remove \`${field}\`, or keep it knowingly: it applies only when the file is copied into .claude/agents/.`));
  }
  const isolation = set.isolation;
  if (typeof isolation === 'string' && (ISOLATION_MODES as readonly string[]).includes(isolation) && !PLUGIN_ISOLATION_MODES.includes(isolation)) {
    out.push(diagnostic('warning', 'plugin-field-ignored', at('isolation'), `Installed with its plugin, Claude Code drops \`isolation: ${isolation}\` without a message (a plugin agent keeps only \`worktree\`).`, 'Use `isolation: worktree`, or keep it knowingly: it applies only when the file is copied into .claude/agents/.'));
  }
  return out;
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.severity === b.severity ? a.line - b.line : a.severity === 'error' ? -1 : 1));
}
