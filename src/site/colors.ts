/**
 * Which `color` values may reach CSS: the names Claude Code knows (claude-code.ts) and hex colours.
 * Anything else is untrusted text and gets a neutral swatch, never a style.
 */
import { isKnownColor, type AgentColor } from '../agents/claude-code.ts';

export type ColorInfo =
  | { kind: 'named'; name: AgentColor; css: string }
  | { kind: 'hex'; name: string; css: string }
  | { kind: 'none' | 'unknown'; name: string; css: undefined };

const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

export function colorInfo(color: string | undefined): ColorInfo {
  const value = color?.trim() ?? '';
  if (!value) return { kind: 'none', name: 'none', css: undefined };
  if (isKnownColor(value)) return { kind: 'named', name: value, css: `var(--ad-agent-${value})` };
  if (HEX.test(value)) return { kind: 'hex', name: value.toLowerCase(), css: value.toLowerCase() };
  return { kind: 'unknown', name: value, css: undefined };
}

/**
 * A colour as the filters group it: one of Claude Code's colours, `none`, or `other` for everything else (hex codes,
 * names Claude Code does not know), so a catalog's colour facet stays at ten choices at most.
 */
export function colorGroup(color: string | undefined): AgentColor | 'none' | 'other' {
  const info = colorInfo(color);
  return info.kind === 'named' ? info.name : info.kind === 'none' ? 'none' : 'other';
}
