/**
 * A card (card.ts) → the shapes to draw, in pixels. The rules are the CSS flexbox ones the cards were first drawn
 * with (satori): a text line box is `lineHeight` tall (the font's ascender to descender for `normal`), with its
 * baseline placed as satori placed it; the body is centred between the header and the footer; chips are pills whose
 * texts share a baseline. Baselines land on whole pixels, so glyphs stay sharp vertically.
 */
import { CARD_HEIGHT, CARD_WIDTH, FRAME, type Card, type CardChip, type CardText } from './card.ts';
import { layoutLines, type FontStack, type Glyph, type Line } from './text.ts';

export type Fonts = Record<CardText['weight'], FontStack>;

export type Shape =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; color: string }
  | { kind: 'pill'; x: number; y: number; width: number; height: number; color: string }
  | { kind: 'text'; x: number; baseline: number; size: number; color: string; glyphs: Glyph[] };

const BORDER = 2;

interface Block {
  style: CardText;
  lines: Line[];
  lineHeight: number;
  /** From the top of a line box to its baseline. */
  baseline: number;
  width: number;
  height: number;
}

function block(style: CardText, fonts: Fonts, maxWidth = Infinity, maxLines = style.maxLines): Block {
  const stack = fonts[style.weight];
  const font = stack[0];
  const scale = style.size / font.unitsPerEm;
  // satori's text metrics: a `normal` line is the font's ascender to descender apart, but its box counts the
  // rounded ascent plus the rounded descent; the baseline sits half the leading, rounded down, below the rounded ascent.
  const ascent = Math.round(font.ascender * scale);
  const descent = Math.round(-font.descender * scale);
  const lineHeight = style.lineHeight ? style.size * style.lineHeight : (font.ascender - font.descender + font.lineGap) * scale;
  const lines = layoutLines(style.text, stack, { size: style.size, letterSpacing: style.letterSpacing, maxWidth, maxLines });
  return {
    style,
    lines,
    lineHeight,
    baseline: ascent + Math.floor((lineHeight - ascent - descent) / 2),
    // Rounded up, as the layout engine sizes a text box to whole pixels.
    width: Math.ceil(Math.max(0, ...lines.map((l) => l.width))),
    height: lines.length * (style.lineHeight ? lineHeight : ascent + descent),
  };
}

function drawBlock(shapes: Shape[], b: Block, x: number, top: number, align: 'start' | 'end' = 'start'): void {
  b.lines.forEach((line, i) => {
    const left = align === 'end' ? x - Math.ceil(line.width) : x;
    shapes.push({ kind: 'text', x: left, baseline: Math.round(top + i * b.lineHeight + b.baseline), size: b.style.size, color: b.style.color, glyphs: line.glyphs });
  });
}

interface ChipBox {
  chip: CardChip;
  texts: Block[];
  width: number;
  height: number;
  /** From the chip's content top to the shared baseline. */
  baseline: number;
}

function chipBox(chip: CardChip, texts: Block[]): ChipBox {
  const border = chip.border ? BORDER : 0;
  const baseline = Math.max(...texts.map((t) => t.baseline));
  const below = Math.max(...texts.map((t) => t.height - t.baseline));
  return {
    chip,
    texts,
    baseline,
    width: 2 * (border + chip.padding.inline) + texts.reduce((sum, t) => sum + t.width, 0) + chip.gap * (texts.length - 1),
    height: Math.round(2 * (border + chip.padding.block) + baseline + below),
  };
}

/** One row of chips, the widest last text ellipsized until the row fits; or chips wrapped onto `rows` rows. */
function footerRows(card: Card, fonts: Fonts, width: number): ChipBox[][] {
  const { chips, gap, rows } = card.footer;
  const boxes = chips.map((chip) => chipBox(chip, chip.texts.map((t) => block(t, fonts, Infinity, 1))));
  const rowWidth = (row: ChipBox[]) => row.reduce((sum, b) => sum + b.width, 0) + gap * (row.length - 1);
  if (rows === 1) {
    for (let tries = boxes.length; tries > 0 && rowWidth(boxes) > width; tries--) {
      const widest = boxes.reduce((a, b) => (b.texts.at(-1)!.width > a.texts.at(-1)!.width ? b : a));
      const last = widest.texts.at(-1)!;
      const cut = block(last.style, fonts, Math.max(0, last.width - (rowWidth(boxes) - width)), 1);
      boxes[boxes.indexOf(widest)] = chipBox(widest.chip, [...widest.texts.slice(0, -1), cut]);
    }
    return [boxes];
  }
  const out: ChipBox[][] = [];
  for (const box of boxes) {
    const row = out.at(-1);
    if (row && rowWidth([...row, box]) <= width) row.push(box);
    else if (out.length < rows) out.push([box]);
    else break;
  }
  return out;
}

function drawChip(shapes: Shape[], box: ChipBox, x: number, y: number, paper: string): void {
  const { chip } = box;
  const border = chip.border ? BORDER : 0;
  if (chip.border) shapes.push({ kind: 'pill', x, y, width: box.width, height: box.height, color: chip.border });
  if (chip.background || chip.border) {
    // The border is opaque: the background shows only inside it, as CSS paints it.
    shapes.push({ kind: 'pill', x: x + border, y: y + border, width: box.width - 2 * border, height: box.height - 2 * border, color: chip.background ?? paper });
  }
  let left = x + border + chip.padding.inline;
  const baseline = y + border + chip.padding.block + box.baseline;
  for (const t of box.texts) {
    drawBlock(shapes, t, left, baseline - t.baseline);
    left += t.width + chip.gap;
  }
}

export function layoutCard(card: Card, fonts: Fonts): Shape[] {
  const { padding } = FRAME;
  const left = FRAME.accentBar + padding.left;
  const right = CARD_WIDTH - padding.right;
  const width = right - left;
  const shapes: Shape[] = [{ kind: 'rect', x: 0, y: 0, width: FRAME.accentBar, height: CARD_HEIGHT, color: card.accent }];

  // Header: the heading left, the kicker right; when both do not fit, each is ellipsized to its share.
  let heading = block(card.heading, fonts, Infinity, 1);
  let kicker = block(card.kicker, fonts, Infinity, 1);
  const room = width - FRAME.headerGap;
  if (heading.width + kicker.width > room) {
    kicker = block(card.kicker, fonts, Math.max(room - heading.width, room / 2), 1);
    heading = block(card.heading, fonts, room - kicker.width, 1);
  }
  const headerHeight = Math.max(heading.height, kicker.height);
  drawBlock(shapes, heading, left, padding.top + Math.floor((headerHeight - heading.height) / 2));
  drawBlock(shapes, kicker, right, padding.top + Math.floor((headerHeight - kicker.height) / 2), 'end');

  // Footer: chip rows against the bottom padding.
  const rows = footerRows(card, fonts, width);
  const rowHeights = rows.map((row) => Math.max(...row.map((b) => b.height)));
  let y = Math.round(CARD_HEIGHT - padding.bottom - rowHeights.reduce((sum, h) => sum + h, 0) - card.footer.gap * (rows.length - 1));
  const footerTop = y;
  rows.forEach((row, i) => {
    let x = left;
    for (const box of row) {
      drawChip(shapes, box, x, y, card.background);
      x += box.width + card.footer.gap;
    }
    y += Math.round(rowHeights[i] + card.footer.gap);
  });

  // Body: centred in what is left between them.
  const blocks = card.body.map((t) => block(t, fonts, width));
  const bodyHeight = blocks.reduce((sum, b) => sum + b.height, 0) + FRAME.bodyGap * (blocks.length - 1);
  const headerBottom = Math.round(padding.top + headerHeight);
  // Text boxes start on whole pixels, rounded down from where the centring puts them.
  let offset = (footerTop - headerBottom - bodyHeight) / 2;
  for (const b of blocks) {
    drawBlock(shapes, b, left, headerBottom + Math.floor(offset));
    offset += b.height + FRAME.bodyGap;
  }
  return shapes;
}
