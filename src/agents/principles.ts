/**
 * Principles from the prompt body: the list under a heading that names principles ("Your Operational
 * Principles", "Core Principles", "Guiding principles"…). Each item's bold lead is its title.
 */
import { renderInline } from './markdown.ts';
import type { Principle } from './types.ts';

const PRINCIPLES_HEADING = /^(#{1,6})\s+(.*\b(?:principles?|tenets)\b.*?)\s*#*\s*$/i;
const HEADING = /^(#{1,6})\s+/;
const LIST_ITEM = /^(\s{0,3})(?:\d{1,3}[.)]|[-*+])\s+(.*)$/;
/** `**Title**: text`, `**Title:** text`, `**Title** — text`, `**Title.** text` */
const BOLD_LEAD = /^(?:\*\*|__)(.+?)(?:\*\*|__)\s*(?:[:—–-]\s*)?(.*)$/s;

function principle(title: string, text: string): Principle {
  const cleanTitle = title.trim().replace(/[:.]\s*$/, '');
  const cleanText = text.trim();
  return { title: cleanTitle, text: cleanText, html: renderInline(cleanText) };
}

function fromItem(item: string): Principle {
  const m = item.match(BOLD_LEAD);
  if (m) return principle(m[1], m[2].replace(/^[:—–-]\s*/, ''));
  // No bold lead: a short "Title: text" reads the same way; otherwise the whole item is the title.
  const colon = item.match(/^([^:]{2,60}):\s+(.+)$/s);
  if (colon) return principle(colon[1], colon[2]);
  return principle(item, '');
}

/** The section's lines: from after the heading to the next heading of the same or higher level. */
function sectionLines(lines: string[], start: number, depth: number): string[] {
  const out: string[] = [];
  let fence = false;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const h = !fence && line.match(HEADING);
    if (h && h[1].length <= depth) break;
    out.push(line);
  }
  return out;
}

/** Principles written as a list: one per top-level item, continuation lines joined to it. */
function fromList(lines: string[]): Principle[] {
  const items: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    const m = line.match(LIST_ITEM);
    if (m && m[1].length <= 1) {
      current = [m[2]];
      items.push('');
      items[items.length - 1] = m[2];
      continue;
    }
    if (current && line.trim() && /^\s+/.test(line)) {
      items[items.length - 1] += `\n${line.trim()}`;
    } else if (!line.trim()) {
      continue;
    } else if (current && !HEADING.test(line)) {
      // A paragraph after the list ends it.
      if (items.length) break;
    }
  }
  return items.map((item) => fromItem(item.replace(/\n/g, ' ')));
}

/** Principles written as sub-headings ("### 1. Automation first") each followed by prose. */
function fromSubheadings(lines: string[]): Principle[] {
  const out: Principle[] = [];
  for (let i = 0; i < lines.length; i++) {
    const h = lines[i].match(/^#{2,6}\s+(?:\d+[.)]\s*)?(.+?)\s*#*\s*$/);
    if (!h) continue;
    const text: string[] = [];
    for (let j = i + 1; j < lines.length && !HEADING.test(lines[j]); j++) text.push(lines[j].trim());
    out.push(principle(h[1].replace(/\*\*/g, ''), text.filter(Boolean).join(' ')));
  }
  return out;
}

export function extractPrinciples(body: string): Principle[] {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*(```|~~~)/.test(lines[i])) fence = !fence;
    const m = !fence && lines[i].match(PRINCIPLES_HEADING);
    if (!m) continue;
    const section = sectionLines(lines, i, m[1].length);
    const listed = fromList(section);
    if (listed.length) return listed;
    const headed = fromSubheadings(section);
    if (headed.length) return headed;
    // "## Core Principle: Never write code" followed by prose: the heading names the one principle.
    const named = m[2].match(/\b(?:principle|tenet)\s*:\s*(.+)$/i);
    const paragraph = section.join('\n').trim().split(/\n\s*\n/)[0]?.replace(/\s*\n\s*/g, ' ') ?? '';
    if (named && paragraph && !HEADING.test(paragraph)) return [principle(named[1].replace(/\*\*/g, ''), paragraph)];
  }
  return [];
}
