/**
 * Link-preview cards (1200 × 630): what each card shows and how it looks, as plain data (layout.ts places it,
 * render.ts draws it). Agent text only ever lands in a `text` field and is drawn glyph by glyph, never parsed as
 * markup. Long text is cut here by characters; layout.ts also wraps, clamps and ellipsizes by measured width, so no
 * text leaves its box.
 */
import { isKnownColor } from '../agents/claude-code.ts';
import type { Agent } from '../agents/types.ts';
import { categoryLabel } from '../site/category-label.ts';
import { formatNumber } from '../site/format.ts';
import { drawable } from './fonts.ts';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** A run of text in one style; sizes in px. */
export interface CardText {
  text: string;
  size: number;
  weight: 400 | 700;
  color: string;
  /** A multiple of `size`; absent means the font's own line height (CSS `normal`). */
  lineHeight?: number;
  letterSpacing?: number;
  /** Lines kept before the rest is cut with an ellipsis; absent means as many as the text needs. */
  maxLines?: number;
}

/** A pill: its texts side by side on one baseline, `gap` apart. */
export interface CardChip {
  texts: CardText[];
  gap: number;
  padding: { block: number; inline: number };
  background?: string;
  /** A 2 px border. */
  border?: string;
}

/**
 * Every card shares one frame: an accent bar on the left; a heading and a kicker on top (left and right); body texts
 * stacked and centred in the space left; a footer row of chips at the bottom.
 */
export interface Card {
  background: string;
  accent: string;
  heading: CardText;
  kicker: CardText;
  body: CardText[];
  footer: {
    chips: CardChip[];
    gap: number;
    /**
     * Chips wrap onto at most this many rows, and chips beyond them are dropped. On a single row, the chip with the
     * widest last text has that text ellipsized until the row fits.
     */
    rows: number;
  };
}

/** The frame's fixed geometry, px. */
export const FRAME = {
  accentBar: 20,
  padding: { top: 56, right: 72, bottom: 60, left: 64 },
  /** Least space between heading and kicker. */
  headerGap: 32,
  bodyGap: 24,
};

/** Claude Code's colour names as the light theme draws them (tokens.css `--ad-agent-*`). Anything else is neutral. */
const ACCENTS: Record<string, string> = {
  red: '#dc2626',
  blue: '#2563eb',
  green: '#16a34a',
  yellow: '#ca8a04',
  purple: '#9333ea',
  orange: '#ea580c',
  pink: '#db2777',
  cyan: '#0891b2',
};
const NEUTRAL = '#6b7280';
const BRAND = '#2557d6';
const INK = '#1c1f26';
const MUTED = '#5b6270';
const PAPER = '#fbfbfc';
const LINE = '#e3e6eb';

export const accentFor = (color: string | undefined) => {
  const value = color?.trim() ?? '';
  return isKnownColor(value) ? ACCENTS[value] : NEUTRAL;
};

/** Untrusted text on one line, without what the font cannot draw, at most `max` characters (by code point). */
export function clip(value: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const plain = value.replace(/[\u0000-\u001f\u007f]/g, ' ');
  const kept = drawable(plain);
  // "日本語-reviewer" → "reviewer", not "-reviewer": drop the joiners left dangling where characters were removed.
  const text = (kept === plain ? kept : kept.replace(/^[\s\-_.]+|[\s\-_]+$/g, '')).replace(/\s+/g, ' ').trim();
  const chars = [...text];
  if (chars.length <= max) return chars.join('');
  return `${chars.slice(0, max - 1).join('').replace(/[\s.,;:–—-]+$/, '')}…`;
}

const text = (value: string, size: number, weight: 400 | 700, color: string, extra: Partial<CardText> = {}): CardText => ({ text: value, size, weight, color, ...extra });

const chip = (label: string, value: string): CardChip => ({
  texts: [text(label, 24, 400, MUTED), text(value, 28, 700, INK)],
  gap: 12,
  padding: { block: 12, inline: 22 },
  background: '#ffffff',
  border: LINE,
});

/** The heading and kicker every card has on top. */
const top = (heading: string, kicker: string, kickerColor?: string) => ({
  heading: text(heading, 28, 700, BRAND),
  kicker: text(kicker, 28, kickerColor ? 700 : 400, kickerColor ?? MUTED),
});

export interface AgentCardData {
  siteTitle: string;
  name: string;
  /** Shown when nothing of the name can be drawn (a name in a script the font lacks). */
  slug: string;
  summary: string;
  /** `model` as written; absent means `inherit`. */
  model?: string;
  /** Absent means the agent inherits every tool. */
  tools?: readonly string[];
  color?: string;
  category: string;
}

/** Takes only what the card shows, so a full `Agent` (the build) and the kept `StoredAgent` (dev) both fit. */
export const agentCardData = (agent: Pick<Agent, 'name' | 'slug' | 'summary' | 'fields' | 'category'>, siteTitle: string): AgentCardData => ({
  siteTitle,
  name: agent.name,
  slug: agent.slug,
  summary: agent.summary,
  model: agent.fields.model,
  tools: agent.fields.tools,
  color: agent.fields.color,
  category: categoryLabel(agent.category),
});

export function agentCard(data: AgentCardData): Card {
  const accent = accentFor(data.color);
  const name = clip(data.name, 40) || clip(data.slug, 40);
  const tools = data.tools ? `${data.tools.length} ${data.tools.length === 1 ? 'tool' : 'tools'}` : 'all tools';
  return {
    background: PAPER,
    accent,
    ...top(clip(data.siteTitle, 36), clip(data.category, 24), accent === NEUTRAL ? undefined : accent),
    body: [
      // Three lines hold any 40 characters at 60 px; the clamp only guards the body's height.
      text(name, name.length > 24 ? 60 : 76, 700, INK, { letterSpacing: -1.5, lineHeight: 1.1, maxLines: 3 }),
      text(clip(data.summary, 190), 34, 400, MUTED, { lineHeight: 1.4, maxLines: 3 }),
    ],
    // Both chips fit the 1,044 px row at 26 + 9 characters of most text; wider values are ellipsized to fit.
    footer: { chips: [chip('Model', clip(data.model ?? 'inherit', 26)), chip('Tools', tools)], gap: 20, rows: 1 },
  };
}

export interface CatalogCardData {
  siteTitle: string;
  /** Where the site lives, shown top right: `agents.example.com/catalog`. */
  address: string;
  agentCount: number;
  categories: readonly string[];
}

/** Category chips that fit two rows, by a generous estimate of Inter Bold's width; the rest are counted. */
function categoryChips(categories: readonly string[]): CardChip[] {
  const ROW = 1040;
  const width = (label: string) => label.length * 16 + 40 + 14;
  const chips: CardChip[] = [];
  let row = 0;
  let used = 0;
  for (const [i, category] of categories.entries()) {
    const label = clip(category, 24) || '…';
    const w = width(label);
    // Keep room for "+N more" on the last row.
    const reserve = row === 1 && i < categories.length - 1 ? width('+999 more') : 0;
    if (used + w + reserve > ROW) {
      if (row === 1) {
        chips.push({ texts: [text(`+${categories.length - i} more`, 26, 400, MUTED)], gap: 0, padding: { block: 10, inline: 12 } });
        break;
      }
      row = 1;
      used = 0;
    }
    used += w;
    chips.push({ texts: [text(label, 26, 700, BRAND)], gap: 0, padding: { block: 10, inline: 20 }, background: '#e8eefc' });
  }
  return chips;
}

export function catalogCard(data: CatalogCardData): Card {
  const agents = `${formatNumber(data.agentCount)} Claude Code ${data.agentCount === 1 ? 'agent' : 'agents'}`;
  const categories = `${data.categories.length} ${data.categories.length === 1 ? 'category' : 'categories'}`;
  return {
    background: PAPER,
    accent: BRAND,
    ...top('Claude Code agents', clip(data.address, 40)),
    body: [
      text(clip(data.siteTitle, 40), 80, 700, INK, { letterSpacing: -2, lineHeight: 1.1, maxLines: 2 }),
      text(`${agents} in ${categories}: read them, then install with one command.`, 36, 400, MUTED),
    ],
    footer: { chips: categoryChips(data.categories), gap: 14, rows: 2 },
  };
}

export interface SelectionCardData {
  siteTitle: string;
  /** Where the site lives, shown top right. */
  address: string;
}

/** The card of a selection link (`/selection/?agents=…`): the same for every selection, since the page is static. */
export function selectionCard(data: SelectionCardData): Card {
  return {
    background: PAPER,
    accent: BRAND,
    ...top('Claude Code agents', clip(data.address, 40)),
    body: [
      text('A selection of agents', 80, 700, INK, { letterSpacing: -2, lineHeight: 1.1, maxLines: 2 }),
      text(`Picked from ${clip(data.siteTitle, 40)}: see what each can do, then install them all with one command.`, 36, 400, MUTED, { lineHeight: 1.4, maxLines: 3 }),
    ],
    footer: { chips: [chip('Install', 'one command'), chip('Download', 'one .zip')], gap: 20, rows: 1 },
  };
}

export interface ListingCardData {
  siteTitle: string;
  kind: 'category' | 'plugin';
  name: string;
  /** The listing's agents' names, in catalog order. */
  agents: readonly string[];
}

/** A category's or plugin's page: its name, its agent count, and its first agents as chips. */
export function listingCard(data: ListingCardData): Card {
  const count = `${formatNumber(data.agents.length)} Claude Code ${data.agents.length === 1 ? 'agent' : 'agents'}`;
  return {
    background: PAPER,
    accent: BRAND,
    ...top(clip(data.siteTitle, 36), data.kind === 'plugin' ? 'Plugin' : 'Category'),
    body: [
      text(clip(data.name, 40), data.name.length > 24 ? 60 : 76, 700, INK, { letterSpacing: -1.5, lineHeight: 1.1, maxLines: 2 }),
      text(`${count} ${data.kind === 'plugin' ? 'in this plugin' : 'in this category'}: read them, then install with one command.`, 36, 400, MUTED),
    ],
    footer: { chips: categoryChips(data.agents), gap: 14, rows: 2 },
  };
}
