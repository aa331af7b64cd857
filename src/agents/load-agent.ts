/**
 * One agent file read the way Claude Code reads it (`loadAgent`): frontmatter, schema, diagnostics, description,
 * examples, principles and the rendered prompt. A pure function of the file's text and place, so it runs on any
 * thread (parse-pool.ts hands files to a worker while this thread reads others); index.ts `loadCatalog` reads a
 * whole catalog with it.
 */
import { createHash } from 'node:crypto';
import { describe } from './description.ts';
import { diagnostic } from './diagnostic.ts';
import { fieldDiagnostics, labelDiagnostics, pluginIgnoredDiagnostics, schemaDiagnostics, sortDiagnostics } from './diagnostics.ts';
import { visible } from './text.ts';
import { KNOWN_FIELDS } from './claude-code.ts';
import { readFrontmatter } from './frontmatter.ts';
import { renderBody, renderMarkdown } from './markdown.ts';
import { extractPrinciples } from './principles.ts';
import { frontmatterSchema } from './schema.ts';
import { folderCategory, type AgentLocation } from './discovery.ts';
import type { Agent, AgentFields, Diagnostic, SkippedFile } from './types.ts';

/** ≈ 4 characters per token: an estimate, labelled as such wherever shown. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4);

/** Every field the schema knows (Claude Code's and the catalog's), in the schema's order. */
const SCHEMA_FIELDS = Object.keys(frontmatterSchema.shape) as Array<keyof AgentFields>;

export interface LoadInput {
  /** Path relative to the agents folder, `/`-separated. */
  file: string;
  /** The file's text (decoded as UTF-8). */
  text: string;
  /** File size in bytes, when known (defaults to the UTF-8 length of `text`). */
  size?: number;
  updated?: string;
  /** Render markdown to HTML (the site needs it; `npm run check` does not). Default true. */
  render?: boolean;
  /** What the file's place says (discovery.ts): its plugin and category. Default: the nearest folder's category. */
  location?: Omit<AgentLocation, 'file'>;
}

/**
 * Read one agent file. Returns a SkippedFile when it has no frontmatter `name` (documentation, not an agent).
 * The slug is provisional (`assignSlugs` makes it unique across the catalog).
 */
export function loadAgent(input: LoadInput): Agent | SkippedFile {
  const { file, text } = input;
  const fm = readFrontmatter(text, { knownFields: KNOWN_FIELDS });
  const plugin = input.location?.plugin;
  // In a plugin's agents location every `.md` file is an agent: without a `name`, Claude Code names it after the file.
  const fileName = file.split('/').pop()!.replace(/\.md$/i, '');
  const rawName = fm.data.name || (plugin !== undefined ? fileName : undefined);
  // Elsewhere Claude Code skips a file whose name is missing or empty: it is documentation. When the frontmatter
  // itself is broken we cannot know, so that is reported as an error rather than skipped quietly.
  if (!rawName) {
    const fatal = fm.diagnostics.find((d) => d.severity === 'error');
    return fatal ? { file, reason: fatal.message, problem: fatal } : { file, reason: 'no frontmatter name' };
  }
  const nameFrom = fm.data.name ? 'frontmatter' : 'file';

  const diagnostics: Diagnostic[] = [...fm.diagnostics];
  const blocked = input.location?.blocked;
  if (blocked) diagnostics.push(diagnostic('error', 'plugin-not-installable', 0, blocked.message, blocked.fix));
  const parsed = frontmatterSchema.safeParse(nameFrom === 'file' ? { ...fm.data, name: rawName } : fm.data);
  if (!parsed.success) {
    const found = schemaDiagnostics(parsed.error.issues, fm);
    // A plugin's agent loads without a description (Claude Code gives it "Agent from <plugin> plugin"); it is never
    // chosen by its description, so that is a warning, as Claude Code's validator says.
    diagnostics.push(...(plugin === undefined ? found : found.map((d) => (d.code === 'description-missing' ? pluginDescriptionMissing(plugin, d.line) : d))));
  }
  if (plugin !== undefined && !fm.hasFrontmatter && !fm.diagnostics.length) {
    diagnostics.push(diagnostic('warning', 'frontmatter-missing', 1, `The file has no frontmatter; Claude Code loads it as the agent "${fileName}" of the plugin, with no description, tools or model of its own.`, 'Start the file with `---`, `name:` and `description:` lines, and a closing `---`.'));
  }
  // Keep every field that is valid on its own, so one bad field does not hide the others.
  const fields = {} as AgentFields;
  for (const key of SCHEMA_FIELDS) {
    if (fm.data[key] === undefined) continue;
    const one = frontmatterSchema.shape[key].safeParse(fm.data[key]);
    // The cast only widens the values: each schema field parses to its type in AgentFields (derived from the schema),
    // but TypeScript cannot pair a key drawn from a union with its own value type.
    if (one.success && one.data !== undefined) (fields as Partial<Record<keyof AgentFields, unknown>>)[key] = one.data;
  }
  fields.name ??= typeof rawName === 'object' ? JSON.stringify(rawName) : String(rawName);
  fields.description ??= '';

  const extraFields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fm.data)) {
    if (!Object.hasOwn(frontmatterSchema.shape, key)) extraFields[key] = value;
  }

  diagnostics.push(
    ...fieldDiagnostics({
      file,
      read: fm,
      name: fields.name,
      description: fields.description,
      model: fields.model,
      color: fields.color,
      permissionMode: fields.permissionMode,
      memory: fields.memory,
      effort: fields.effort,
      isolation: fields.isolation,
      initialPrompt: fields.initialPrompt,
    }),
  );

  if (plugin !== undefined) diagnostics.push(...pluginIgnoredDiagnostics(fields, fm.keyLines, fm.startLine));

  // Claude Code ignores an empty model: the agent inherits, and the page says so.
  if (fields.model !== undefined && !fields.model.trim()) delete fields.model;

  const { summary, whenToUse, examples } = describe(fields.description, fm.body);
  const rendered = input.render === false ? { html: '', outline: [] } : renderBody(fm.body);
  const place: Omit<AgentLocation, 'file'> = input.location ?? folderCategory(file);
  const ownCategory = fields.category?.trim();
  // Shown with hidden characters escaped, as plugin names are (manifest.ts shownLabel).
  const category = ownCategory ? visible(ownCategory) : place.category;
  if (ownCategory) diagnostics.push(...labelDiagnostics(ownCategory, 'category').map((d) => ({ ...d, line: fm.keyLines.get('category') ?? fm.startLine })));
  // A plugin's agent without frontmatter loads too (its whole text is the prompt).
  const readable = fm.loads || (plugin !== undefined && fm.mode === 'none');
  const loads = readable && !diagnostics.some((d) => d.severity === 'error');

  return {
    slug: fields.name,
    name: fields.name,
    file,
    category,
    categoryOrder: ownCategory || place.categoryOrder,
    ...(place.plugin !== undefined ? { plugin: place.plugin, pluginAgentName: [place.loadsAs ?? place.plugin, ...(place.namespace ?? []), fields.name].join(':') } : {}),
    ...(place.also?.length ? { alsoIn: place.also.map((p) => ({ plugin: p.plugin, pluginAgentName: [p.loadsAs ?? p.plugin, ...(p.namespace ?? []), fields.name].join(':') })) } : {}),
    nameFrom,
    fields,
    extraFields,
    summary,
    whenToUse,
    examples,
    principles: extractPrinciples(fm.body),
    outline: rendered.outline,
    body: fm.body,
    html: { whenToUse: input.render === false ? '' : renderMarkdown(whenToUse), body: rendered.html },
    bodyLine: fm.bodyLine,
    raw: text,
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    size: input.size ?? Buffer.byteLength(text, 'utf8'),
    ...(input.updated ? { updated: input.updated } : {}),
    tokens: { description: estimateTokens(fields.description), prompt: estimateTokens(fm.body) },
    loads,
    diagnostics: sortDiagnostics(diagnostics),
  };
}

export function isAgent(entry: Agent | SkippedFile): entry is Agent {
  return 'slug' in entry;
}

function pluginDescriptionMissing(plugin: string, line: number): Diagnostic {
  return diagnostic('warning', 'description-missing', line, `The \`description\` is missing: Claude Code loads the agent with the description "Agent from ${plugin} plugin", so it never knows when to use it on its own.`, 'Add `description: Use this agent when …` with a few `<example>` blocks.');
}
