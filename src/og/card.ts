/**
 * Link-preview cards (1200 × 630) as satori element trees: plain `{ type, props }` objects, no JSX. Agent text is
 * passed as string children, which satori lays out as text and draws as glyph outlines: it is never parsed as
 * markup. Long text is cut here with an ellipsis so no card depends on the layout engine to stay inside its box.
 */
import { isKnownColor } from '../agents/claude-code.ts';
import type { Agent } from '../agents/types.ts';
import { formatNumber } from '../site/format.ts';
import { FONT_FAMILY, drawable } from './fonts.ts';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** A satori node: what JSX would have produced. */
export interface CardNode {
  type: string;
  props: { style?: Record<string, string | number>; children?: CardChild | CardChild[] };
}
type CardChild = CardNode | string;

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
const ACCENT_BAR = 20;

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

const node = (style: Record<string, string | number>, children?: CardChild | CardChild[]): CardNode => ({
  type: 'div',
  props: { style: { display: 'flex', ...style }, ...(children === undefined ? {} : { children }) },
});

const chip = (label: string, value: string): CardNode =>
  node({ alignItems: 'baseline', flexShrink: 0, whiteSpace: 'nowrap', gap: 12, padding: '12px 22px', border: `2px solid ${LINE}`, borderRadius: 999, background: '#ffffff' }, [
    node({ fontSize: 24, color: MUTED }, label),
    node({ fontSize: 28, fontWeight: 700, color: INK }, value),
  ]);

/** The frame every card shares: accent bar, a heading and a kicker on top, the content, a footer row. */
function frame(top: { heading: string; kicker: string; kickerColor?: string }, accent: string, content: CardNode[], footer: CardNode[]): CardNode {
  return node({ width: CARD_WIDTH, height: CARD_HEIGHT, background: PAPER, fontFamily: FONT_FAMILY, color: INK }, [
    node({ width: ACCENT_BAR, flexShrink: 0, background: accent }),
    // A fixed width, so long unbreakable words wrap or clip instead of widening the card.
    node({ flexDirection: 'column', width: CARD_WIDTH - ACCENT_BAR, padding: '56px 72px 60px 64px', overflow: 'hidden' }, [
      node({ justifyContent: 'space-between', alignItems: 'center', gap: 32, fontSize: 28, color: MUTED, whiteSpace: 'nowrap' }, [
        node({ fontWeight: 700, color: BRAND }, top.heading),
        node({ color: top.kickerColor ?? MUTED, fontWeight: top.kickerColor ? 700 : 400 }, top.kicker),
      ]),
      node({ flexDirection: 'column', flexGrow: 1, justifyContent: 'center', gap: 24 }, content),
      node({ gap: 20 }, footer),
    ]),
  ]);
}

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

export const agentCardData = (agent: Agent, siteTitle: string): AgentCardData => ({
  siteTitle,
  name: agent.name,
  slug: agent.slug,
  summary: agent.summary,
  model: agent.fields.model,
  tools: agent.fields.tools,
  color: agent.fields.color,
  category: agent.category,
});

export function agentCard(data: AgentCardData): CardNode {
  const accent = accentFor(data.color);
  const name = clip(data.name, 40) || clip(data.slug, 40);
  const tools = data.tools ? `${data.tools.length} ${data.tools.length === 1 ? 'tool' : 'tools'}` : 'all tools';
  return frame(
    { heading: clip(data.siteTitle, 36), kicker: clip(data.category, 24), kickerColor: accent === NEUTRAL ? undefined : accent },
    accent,
    [
      node({ fontSize: name.length > 24 ? 60 : 76, fontWeight: 700, letterSpacing: -1.5, lineHeight: 1.1 }, name),
      node({ fontSize: 34, lineHeight: 1.4, color: MUTED, lineClamp: 3 }, clip(data.summary, 190)),
    ],
    // Both chips at their longest (26 + 9 characters) fit the 1,044 px row.
    [chip('Model', clip(data.model ?? 'inherit', 26)), chip('Tools', tools)],
  );
}

export interface CatalogCardData {
  siteTitle: string;
  /** Where the site lives, shown top right: `agents.example.com/catalog`. */
  address: string;
  agentCount: number;
  categories: readonly string[];
}

/** Category chips that fit two rows, by a generous estimate of Inter Bold's width; the rest are counted. */
function categoryChips(categories: readonly string[]): CardNode[] {
  const ROW = 1040;
  const width = (label: string) => label.length * 16 + 40 + 14;
  const chips: CardNode[] = [];
  let row = 0;
  let used = 0;
  for (const [i, category] of categories.entries()) {
    const label = clip(category, 24) || '…';
    const w = width(label);
    // Keep room for "+N more" on the last row.
    const reserve = row === 1 && i < categories.length - 1 ? width('+999 more') : 0;
    if (used + w + reserve > ROW) {
      if (row === 1) {
        chips.push(node({ fontSize: 26, padding: '10px 12px', color: MUTED }, `+${categories.length - i} more`));
        break;
      }
      row = 1;
      used = 0;
    }
    used += w;
    chips.push(node({ fontSize: 26, padding: '10px 20px', borderRadius: 999, background: '#e8eefc', color: BRAND, fontWeight: 700 }, label));
  }
  return chips;
}

export function catalogCard(data: CatalogCardData): CardNode {
  const agents = `${formatNumber(data.agentCount)} Claude Code ${data.agentCount === 1 ? 'agent' : 'agents'}`;
  const categories = `${data.categories.length} ${data.categories.length === 1 ? 'category' : 'categories'}`;
  return frame(
    { heading: 'Claude Code agents', kicker: clip(data.address, 40) },
    BRAND,
    [
      node({ fontSize: 80, fontWeight: 700, letterSpacing: -2, lineHeight: 1.1 }, clip(data.siteTitle, 40)),
      node({ fontSize: 36, color: MUTED }, `${agents} in ${categories}: read them, then install with one command.`),
    ],
    [node({ flexWrap: 'wrap', gap: 14, maxHeight: 132, overflow: 'hidden' }, categoryChips(data.categories))],
  );
}
