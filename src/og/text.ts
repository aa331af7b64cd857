/**
 * Text → positioned glyphs: each character from the first font of the stack that has it, pair kerning between
 * neighbours from the same font, letter spacing after every character, then greedy line breaking at spaces and after
 * hyphens and dashes, a word too long for its line broken where it overflows, and an ellipsis after the last whole
 * word that fits on the last line a clamp allows.
 */
import type { Font } from './font.ts';

/** The card font at one weight: one file per script subset, tried in order for each character. */
export type FontStack = readonly Font[];

export interface Glyph {
  font: Font;
  id: number;
  /** Pen position from the start of the line, px. */
  x: number;
}

export interface Line {
  glyphs: Glyph[];
  width: number;
}

export interface TextOptions {
  size: number;
  letterSpacing?: number;
  /** Wider lines are broken. */
  maxWidth?: number;
  /** Lines beyond these are dropped and the last one kept ends with an ellipsis. */
  maxLines?: number;
}

const ELLIPSIS = '…';

class Shaped {
  readonly chars: string[];
  readonly fonts: Font[] = [];
  readonly ids: number[] = [];
  /** offsets[i]: pen position of character i; kerns[i]: kerning between characters i and i + 1. */
  readonly offsets: Float64Array;
  readonly kerns: Float64Array;

  constructor(text: string, stack: FontStack, size: number, letterSpacing: number) {
    this.chars = [...text];
    const n = this.chars.length;
    this.offsets = new Float64Array(n + 1);
    this.kerns = new Float64Array(n + 1);
    for (const char of this.chars) {
      const code = char.codePointAt(0)!;
      const font = stack.find((f) => f.glyphId(code) !== 0) ?? stack[0];
      this.fonts.push(font);
      this.ids.push(font.glyphId(code));
    }
    for (let i = 0; i < n; i++) {
      const font = this.fonts[i];
      const scale = size / font.unitsPerEm;
      // Kerning applies within a run of one font, as a shaper sees each font's run on its own.
      if (i + 1 < n && this.fonts[i + 1] === font) this.kerns[i] = font.kerning(this.ids[i], this.ids[i + 1]) * scale;
      this.offsets[i + 1] = this.offsets[i] + font.advance(this.ids[i]) * scale + letterSpacing + this.kerns[i];
    }
  }

  /** Width of characters [start, end): the kerning with the character after them left out. */
  width(start: number, end: number): number {
    return end > start ? this.offsets[end] - this.offsets[start] - this.kerns[end - 1] : 0;
  }

  line(start: number, end: number, tail?: Shaped): Line {
    const glyphs: Glyph[] = [];
    for (let i = start; i < end; i++) glyphs.push({ font: this.fonts[i], id: this.ids[i], x: this.offsets[i] - this.offsets[start] });
    let width = this.width(start, end);
    if (tail) {
      for (let i = 0; i < tail.chars.length; i++) glyphs.push({ font: tail.fonts[i], id: tail.ids[i], x: width + tail.offsets[i] });
      width += tail.width(0, tail.chars.length);
    }
    return { glyphs, width };
  }
}

/** Between characters i and i + 1: after a space, or after a hyphen or dash inside a word and not before a digit. */
function canBreakAfter(chars: string[], i: number): boolean {
  const [char, next] = [chars[i], chars[i + 1]];
  if (next === undefined || next === ' ') return false;
  if (char === ' ') return true;
  if (!'-\u2010\u2013\u2014/'.includes(char)) return false;
  const before = chars[i - 1];
  return before !== undefined && before !== ' ' && !/\d/.test(next);
}

const isMark = (char: string | undefined) => char !== undefined && /\p{M}/u.test(char);

export function measure(text: string, stack: FontStack, size: number, letterSpacing = 0): number {
  const shaped = new Shaped(text, stack, size, letterSpacing);
  return shaped.width(0, shaped.chars.length);
}

export function layoutLines(text: string, stack: FontStack, { size, letterSpacing = 0, maxWidth = Infinity, maxLines = Infinity }: TextOptions): Line[] {
  const shaped = new Shaped(text, stack, size, letterSpacing);
  const { chars } = shaped;
  const n = chars.length;
  const ranges: Array<[number, number]> = [];
  let start = 0;
  while (start < n && ranges.length <= maxLines) {
    while (start < n && chars[start] === ' ') start++;
    if (start === n) break;
    let end = n;
    let lastBreak = -1;
    for (let i = start; i < n; i++) {
      if (chars[i] !== ' ' && shaped.width(start, i + 1) > maxWidth + 1e-6) {
        if (lastBreak > start) end = lastBreak;
        else {
          // One word wider than the line: break it where it overflows, keeping combining marks with their letter.
          end = Math.max(i, start + 1);
          while (end < n && isMark(chars[end])) end++;
        }
        break;
      }
      if (canBreakAfter(chars, i)) lastBreak = i + 1;
    }
    let trimmed = end;
    while (trimmed > start && chars[trimmed - 1] === ' ') trimmed--;
    ranges.push([start, trimmed]);
    start = end;
  }
  if (ranges.length <= maxLines) return ranges.map(([s, e]) => shaped.line(s, e));
  const lines = ranges.slice(0, maxLines - 1).map(([s, e]) => shaped.line(s, e));
  const [s, e] = ranges[maxLines - 1];
  const ellipsis = new Shaped(ELLIPSIS, stack, size, letterSpacing);
  const fits = (end: number) => shaped.width(s, end) + ellipsis.width(0, 1) <= maxWidth;
  let cut = e;
  if (!fits(cut)) {
    // Drop whole words to make room for the ellipsis; cut inside a word only when it is the line's only one.
    cut = s;
    for (let i = e - 1; i > s; i--) {
      if (canBreakAfter(chars, i - 1) && fits(i)) {
        cut = i;
        break;
      }
    }
    if (cut === s) for (cut = e; cut > s && !fits(cut); ) cut--;
  }
  // As clip() does: no space or punctuation left dangling before the ellipsis.
  while (cut > s && /[\s.,;:–—-]/.test(chars[cut - 1])) cut--;
  lines.push(shaped.line(s, cut, ellipsis));
  return lines;
}
