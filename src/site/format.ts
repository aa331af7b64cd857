/** Small, locale-stable formatters (the build must not depend on the machine's locale). */
import { slugText } from '../agents/text.ts';

const numberFormat = new Intl.NumberFormat('en');

export const formatNumber = (n: number) => numberFormat.format(n);

/** 10403 → "10.2 KB". Uses 1024 like most file browsers. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

// One formatter for the build: `toLocaleDateString` creates one per call (~0.2 ms, every agent page has dates).
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** ISO date → "20 November 2025"; the raw value when it does not parse. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat.format(date);
}

/** ISO date → "2025-11-20" (the UTC day), the same on every machine; the raw value when it does not parse. */
export function isoDay(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toISOString().slice(0, 10);
}

/** "1 agent", "3 agents"; pass the plural when it is not word + "s". */
export const plural = (n: number, word: string, many = `${word}s`) => `${formatNumber(n)} ${n === 1 ? word : many}`;

/** First letter upper-cased, for labels written in lower case ("user" → "User", "quality" → "Quality"). */
export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** JSON for showing a frontmatter value as text. */
export const asJson = (value: unknown) => JSON.stringify(value, null, 2) ?? String(value);

/** A URL segment for any text: lower-case letters, digits and hyphens, cut to a safe length (text.ts); never empty. */
export const slugify = (text: string): string => slugText(text) || 'x';

/**
 * A plugin by its source and name: two sources may each have a plugin of one name (sources.ts), each with its own
 * page, agents and install command. (A category is a topic, by name alone: its page lists every source's agents of
 * that category, each card naming its source.)
 */
export const pluginKey = (name: string, from: string | undefined) => `${from ?? ''}\u0000${name}`;

/**
 * A distinct slug for each name, in the order given: the first to want a slug has it, later ones get `-2`, `-3`…
 * ("Data & AI" and "data-ai" both want `data-ai`).
 */
export const uniqueSlugs = (names: Iterable<string>): Map<string, string> => uniqueSlugsBy([...names].map((name) => [name, name] as const));

/** The same, per key, each slug made from its key's text (two plugins of one text, from two sources, get two). */
export function uniqueSlugsBy<K>(entries: Iterable<readonly [K, string]>): Map<K, string> {
  const slugs = new Map<K, string>();
  const taken = new Set<string>();
  for (const [key, text] of entries) {
    if (slugs.has(key)) continue;
    const want = slugify(text);
    let slug = want;
    for (let n = 2; taken.has(slug); n++) slug = `${want}-${n}`;
    taken.add(slug);
    slugs.set(key, slug);
  }
  return slugs;
}

/** "a, b, c and 4 more": the first agents of a listing, in catalog order. */
export function namesLine(names: readonly string[], shown = 3): string {
  const first = names.slice(0, shown);
  const rest = names.length - first.length;
  if (rest > 0) return `${first.join(', ')} and ${rest.toLocaleString('en')} more`;
  return first.length > 1 ? `${first.slice(0, -1).join(', ')} and ${first.at(-1)}` : (first[0] ?? '');
}
