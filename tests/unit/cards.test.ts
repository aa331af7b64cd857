/**
 * The link-preview card renderer (src/og): the WOFF reader, the rasterizer, text layout and the PNG it writes, checked
 * on the PNG's bytes and pixels rather than on how they were produced.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { crc32, inflateSync } from 'node:zlib';
import { IndexedCanvas, PaletteFull } from '../../src/og/canvas.ts';
import { accentFor, agentCard, catalogCard, CARD_HEIGHT, CARD_WIDTH, type AgentCardData, type Card } from '../../src/og/card.ts';
import { parseWoff, woffTables } from '../../src/og/font.ts';
import { SUBSETS, fontFile } from '../../src/og/fonts.ts';
import { layoutCard, type Fonts } from '../../src/og/layout.ts';
import { Path } from '../../src/og/raster.ts';
import { drawCard } from '../../src/og/render.ts';
import { writeCards } from '../../src/og/pool.ts';
import { layoutLines, measure } from '../../src/og/text.ts';

const FONT_DIR = path.resolve(import.meta.dirname, '../../src/og/fonts');
const fontData = (subset: (typeof SUBSETS)[number], weight: 400 | 700) => readFileSync(path.join(FONT_DIR, fontFile(subset, weight)));
const fonts: Fonts = { 400: SUBSETS.map((s) => parseWoff(fontData(s, 400))), 700: SUBSETS.map((s) => parseWoff(fontData(s, 700))) };
const [inter] = fonts[400];
const glyph = (char: string) => inter.glyphId(char.codePointAt(0)!);

const PAPER = [0xfb, 0xfb, 0xfc];
const INK = [0x1c, 0x1f, 0x26];
const hexRgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
/** The content box: inside the accent bar and the padding. */
const CONTENT = { left: 84, top: 56, right: 1128, bottom: 570 };

interface Chunk {
  type: string;
  data: Buffer;
  crcOk: boolean;
}

function chunks(png: Buffer): Chunk[] {
  const out: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    out.push({ type, data: png.subarray(at + 8, at + 8 + length), crcOk: crc32(png.subarray(at + 4, at + 8 + length)) === png.readUInt32BE(at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

/** An indexed, unfiltered PNG (what png.ts writes) → RGB triplets, row-major. */
function pixels(png: Buffer): { at: (x: number, y: number) => number[] } {
  const all = chunks(png);
  const palette = all.find((c) => c.type === 'PLTE')!.data;
  const raw = inflateSync(Buffer.concat(all.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = CARD_WIDTH + 1;
  return {
    at: (x, y) => {
      assert.equal(raw[y * stride], 0, `row ${y} filter`);
      const index = raw[y * stride + 1 + x];
      return [...palette.subarray(index * 3, index * 3 + 3)];
    },
  };
}

/** Pixels in a box that are not the paper colour. */
function inkIn(png: ReturnType<typeof pixels>, box: { left: number; top: number; right: number; bottom: number }): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (let y = box.top; y < box.bottom; y++) for (let x = box.left; x < box.right; x++) if (png.at(x, y).join() !== PAPER.join()) found.push([x, y]);
  return found;
}

const agentData = (over: Partial<AgentCardData> = {}): AgentCardData => ({
  siteTitle: 'Acme agents',
  name: 'code-reviewer',
  slug: 'code-reviewer',
  summary: 'Reviews a fresh diff for bugs, risky edge cases and security smells, ranked by severity.',
  model: 'opus',
  tools: ['Read', 'Grep'],
  color: 'red',
  category: 'quality',
  ...over,
});
const LONG = {
  name: 'W'.repeat(23),
  summary: `${'M'.repeat(60)} ${'Wide words keep going well past the third line of the summary box '.repeat(4)}`,
  model: 'W'.repeat(30),
  category: 'W'.repeat(30),
  siteTitle: 'W'.repeat(40),
};

describe('WOFF reading', () => {
  test('metrics and character map of Inter', () => {
    assert.equal(inter.unitsPerEm, 2048);
    assert.deepEqual([inter.ascender, inter.descender, inter.lineGap], [1984, -494, 0]);
    assert.notEqual(glyph('A'), 0);
    assert.equal(glyph('Д'), 0, 'Cyrillic lives in its own subset');
    assert.notEqual(fonts[400][2].glyphId('Д'.codePointAt(0)!), 0);
    assert.ok(inter.advance(glyph('W')) > inter.advance(glyph('i')));
  });
  test('a composite glyph (é) is its base letter plus the accent, moved above it', () => {
    const tables = woffTables(fontData('latin', 400));
    const [loca, glyf] = [tables.get('loca')!, tables.get('glyf')!];
    const long = tables.get('head')!.getInt16(50) === 1;
    const start = long ? loca.getUint32(glyph('é') * 4) : loca.getUint16(glyph('é') * 2) * 2;
    assert.ok(glyf.getInt16(start) < 0, 'é is stored as a composite in this file');
    const e = inter.outline(glyph('e'));
    const eAcute = inter.outline(glyph('é'));
    assert.ok(eAcute.length > e.length);
    assert.deepEqual(eAcute.slice(0, e.length), e, 'the base letter, unmoved');
    const eTop = Math.max(...e.flatMap((c) => c.y));
    for (const accent of eAcute.slice(e.length)) assert.ok(Math.min(...accent.y) > eTop, 'the accent sits above the letter');
  });
  const pairs: Array<[string, 400 | 700]> = [['AV', 400], ['To', 400], ['Wa', 700], ['LT', 700]];
  for (const [pair, weight] of pairs) {
    test(`kerning: "${pair}" (${weight}) is narrower than its two advances`, () => {
      const stack = fonts[weight];
      const [a, b] = [...pair];
      const kerned = measure(pair, stack, 100);
      assert.ok(kerned < measure(a, stack, 100) + measure(b, stack, 100) - 2, `${kerned}`);
      // And layout places the second glyph at the kerned position.
      const [line] = layoutLines(pair, stack, { size: 100 });
      assert.ok(Math.abs(line.glyphs[1].x - (measure(pair, stack, 100) - measure(b, stack, 100))) < 1e-9);
    });
  }
  test('an unkerned pair is exactly its two advances', () => {
    assert.equal(measure('oo', fonts[400], 50), 2 * measure('o', fonts[400], 50));
  });
});

describe('rasterizer', () => {
  const cases: Array<[string, Path, number, number[]]> = [
    // name, path, expected total coverage in pixels, sample coverages at (1,1)
    ['a square on whole pixels', new Path().moveTo(0, 0).lineTo(10, 0).lineTo(10, 10).lineTo(0, 10), 100, [255]],
    ['the same square wound the other way', new Path().moveTo(0, 0).lineTo(0, 10).lineTo(10, 10).lineTo(10, 0), 100, [255]],
    ['a square half a pixel off', new Path().moveTo(0.5, 0.5).lineTo(10.5, 0.5).lineTo(10.5, 10.5).lineTo(0.5, 10.5), 100, [255]],
    ['a right triangle', new Path().moveTo(0, 0).lineTo(10, 10).lineTo(0, 10), 50, [128]],
  ];
  for (const [name, path, area, [inner]] of cases) {
    test(`${name}: coverage sums to its area`, () => {
      const mask = path.fill();
      const total = mask.coverage.reduce((sum, c) => sum + c, 0) / 255;
      assert.ok(Math.abs(total - area) < 0.05 * Math.sqrt(area), `${total}`);
      assert.ok(mask.coverage.every((c) => c <= 255));
      const at = (x: number, y: number) => mask.coverage[(y - mask.top) * mask.width + (x - mask.left)];
      if (name === 'a right triangle') assert.ok(Math.abs(at(1, 1) - inner) < 16, `${at(1, 1)}`);
      else assert.equal(at(2, 2), inner);
    });
  }
  test('a half-pixel edge covers half the pixel', () => {
    const mask = new Path().moveTo(0.5, 0).lineTo(4, 0).lineTo(4, 4).lineTo(0.5, 4).fill();
    assert.equal(mask.coverage[1 * mask.width + (0 - mask.left)], 128);
  });
});

describe('indexed canvas', () => {
  test('ink over an edge of the same ink stays on that ramp', () => {
    const canvas = new IndexedCanvas(4, 1, 0xffffff, 32);
    const half = { left: 0, top: 0, width: 1, height: 1, coverage: new Uint8Array([128]) };
    canvas.drawMask(half, 0, 0, 0x000000);
    canvas.drawMask(half, 0, 0, 0x000000);
    canvas.drawMask(half, 1, 0, 0x000000);
    const [a, b] = [canvas.pixels[1], canvas.pixels[2]];
    assert.equal(canvas.colors[b], 0x808080, 'half black: level 16 of 32');
    assert.equal(canvas.colors[a], 0x404040, 'a + b − ab: three quarters black');
    assert.deepEqual(canvas.colors, [0xffffff, 0x808080, 0x404040], 'two entries besides the background');
  });
  test('a mask draws as its pixels one by one: blank row ends, holes and clipped edges, at any level count', () => {
    // Rows: blank, ink in the middle, ink at both ends with a hole, ink reaching the right edge, faint ink that
    // quantizes to level 0 at 8 levels but not at 32, blank.
    const width = 6;
    const rows = [
      [0, 0, 0, 0, 0, 0],
      [0, 0, 90, 255, 0, 0],
      [200, 0, 0, 0, 0, 60],
      [0, 0, 0, 0, 128, 255],
      [0, 7, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0],
    ];
    const mask = { left: -1, top: 2, width, height: rows.length, coverage: Uint8Array.from(rows.flat()) };
    for (const levels of [32, 8, 32]) {
      for (const [dx, dy] of [[0, 0], [-2, -3], [3, 1], [0, 5]]) {
        const whole = new IndexedCanvas(7, 9, 0xffffff, levels);
        const onePixel = new IndexedCanvas(7, 9, 0xffffff, levels);
        for (const color of [0x112233, 0x112233, 0xaa0000]) {
          whole.drawMask(mask, dx, dy, color);
          rows.forEach((row, r) =>
            row.forEach((coverage, c) => {
              const x = mask.left + dx + c;
              const y = mask.top + dy + r;
              if (x >= 0 && x < 7 && y >= 0 && y < 9) onePixel.drawMask({ left: 0, top: 0, width: 1, height: 1, coverage: new Uint8Array([coverage]) }, x, y, color);
            }),
          );
        }
        assert.deepEqual([...whole.pixels], [...onePixel.pixels], `${levels} levels, moved ${dx}, ${dy}`);
        assert.deepEqual(whole.colors, onePixel.colors);
      }
    }
  });
  test('more than 256 colours is reported, not written wrongly', () => {
    const canvas = new IndexedCanvas(256, 1, 0xffffff, 32);
    const mask = { left: 0, top: 0, width: 256, height: 1, coverage: Uint8Array.from({ length: 256 }, (_, i) => i) };
    assert.throws(() => {
      for (let ink = 0; ink < 10; ink++) canvas.drawMask(mask, 0, 0, ink * 0x111111);
    }, PaletteFull);
  });
});

describe('card PNGs', () => {
  const short = agentCard(agentData());
  const drawn = drawCard(short);

  test('PNG structure: signature, IHDR, PLTE, IDAT, IEND, valid CRCs', async () => {
    const png = await drawn;
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const all = chunks(png);
    assert.deepEqual([all[0].type, all[1].type, all.at(-1)!.type], ['IHDR', 'PLTE', 'IEND']);
    assert.ok(all.every((c) => c.crcOk), 'every CRC matches');
    const ihdr = all[0].data;
    assert.deepEqual([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9], ihdr[12]], [CARD_WIDTH, CARD_HEIGHT, 8, 3, 0]);
    const colors = all[1].data.length / 3;
    assert.ok(Number.isInteger(colors) && colors > 8 && colors <= 256, `${colors} colours`);
    const raw = inflateSync(Buffer.concat(all.filter((c) => c.type === 'IDAT').map((c) => c.data)));
    assert.equal(raw.length, (CARD_WIDTH + 1) * CARD_HEIGHT);
    for (let y = 0; y < CARD_HEIGHT; y++) for (let x = 1; x <= CARD_WIDTH; x++) assert.ok(raw[y * (CARD_WIDTH + 1) + x] < colors);
  });

  test('a card drawn after others (their pixel buffer painted over) is the card drawn first', async () => {
    const first = await drawn;
    const other = agentCard({ ...agentData(), name: 'a-very-different-agent-name', color: 'green', summary: 'Something else entirely, at length. '.repeat(6) });
    await drawCard(other);
    await drawCard(catalogCard({ siteTitle: 'Catalog', address: 'catalog.example.test', agentCount: 12, categories: ['a', 'b'] }));
    assert.ok((await drawCard(short)).equals(first));
  });

  test('pixels: paper, the accent bar, the name in its box, nothing in the padding', async () => {
    const png = pixels(await drawn);
    assert.deepEqual(png.at(1190, 620), PAPER);
    assert.deepEqual(png.at(600, 150), PAPER, 'between the header and the name');
    for (const y of [0, 315, 629]) assert.deepEqual(png.at(10, y), hexRgb(accentFor('red')));
    assert.deepEqual(png.at(20, 315), PAPER);
    const name = layoutCard(short, fonts).find((s) => s.kind === 'text' && s.size === 76)!;
    assert.ok(name.kind === 'text');
    const box = { left: CONTENT.left, top: name.baseline - 56, right: 700, bottom: name.baseline };
    const ink = inkIn(png, box);
    assert.ok(ink.length > 3000, `${ink.length} ink pixels in the name's box`);
    assert.ok(ink.some(([x, y]) => png.at(x, y).join() === INK.join()), 'solid ink inside the letters');
    assert.deepEqual(inkIn(png, { left: 20, top: 0, right: CARD_WIDTH, bottom: CONTENT.top }), [], 'top padding');
    assert.deepEqual(inkIn(png, { left: 20, top: CONTENT.bottom, right: CARD_WIDTH, bottom: CARD_HEIGHT }), [], 'bottom padding');
    assert.deepEqual(inkIn(png, { left: CONTENT.right, top: 0, right: CARD_WIDTH, bottom: CARD_HEIGHT }), [], 'right padding');
  });

  test('every accent colour fills the bar and colours the kicker', async () => {
    for (const color of ['red', 'blue', 'green', 'yellow', 'purple', 'orange', 'pink', 'cyan', undefined]) {
      const png = pixels(await drawCard(agentCard(agentData({ color }))));
      const accent = hexRgb(accentFor(color));
      assert.deepEqual(png.at(5, 300), accent, String(color));
      const kicker = inkIn(png, { left: 900, top: CONTENT.top, right: CONTENT.right, bottom: 90 });
      // The kicker is bold in the accent colour; without a colour it is the muted grey, which is the neutral accent's neighbour.
      if (color) assert.ok(kicker.some(([x, y]) => png.at(x, y).join() === accent.join()), String(color));
      else assert.ok(kicker.length > 0);
    }
  });

  const scripts: Array<[string, string, number]> = [
    ['Cyrillic', 'Ревизор кода', 2],
    ['Greek', 'Ελεγκτής κώδικα', 3],
  ];
  for (const [script, name, subset] of scripts) {
    test(`a ${script} name is drawn from its subset`, async () => {
      const card = agentCard(agentData({ name }));
      assert.equal(card.body[0].text, name);
      const shape = layoutCard(card, fonts).find((s) => s.kind === 'text' && s.size === 76)!;
      assert.ok(shape.kind === 'text');
      assert.ok(shape.glyphs.every((g) => g.id !== 0), 'no .notdef boxes');
      assert.ok(shape.glyphs.some((g) => g.font === fonts[700][subset]));
      const png = pixels(await drawCard(card));
      assert.ok(inkIn(png, { left: CONTENT.left, top: shape.baseline - 56, right: 600, bottom: shape.baseline }).length > 2000);
    });
  }

  test('a name the font cannot draw at all (CJK, emoji) falls back to the slug', () => {
    assert.equal(agentCard(agentData({ name: '日本語 🚀', slug: 'japanese-reviewer' })).body[0].text, 'japanese-reviewer');
  });

  test('a very long name, summary, model, category and site title stay inside the content box', async () => {
    const card = agentCard(agentData(LONG));
    const shapes = layoutCard(card, fonts);
    const summary = shapes.filter((s) => s.kind === 'text' && s.size === 34);
    assert.equal(summary.length, 3, 'the summary is clamped to three lines');
    const last = summary.at(-1)!;
    assert.ok(last.kind === 'text' && last.glyphs.at(-1)!.id === fonts[400][0].glyphId(0x2026), 'and ends with an ellipsis');
    const png = pixels(await drawCard(card));
    assert.deepEqual(inkIn(png, { left: CONTENT.right, top: 0, right: CARD_WIDTH, bottom: CARD_HEIGHT }), [], 'right padding');
    assert.deepEqual(inkIn(png, { left: 20, top: 0, right: CARD_WIDTH, bottom: CONTENT.top }), [], 'top padding');
    assert.deepEqual(inkIn(png, { left: 20, top: CONTENT.bottom, right: CARD_WIDTH, bottom: CARD_HEIGHT }), [], 'bottom padding');
  });

  test('the catalog card: two rows of category chips, the rest counted', async () => {
    const categories = Array.from({ length: 30 }, (_, i) => `category-${i}`);
    const card: Card = catalogCard({ siteTitle: 'Acme agents', address: 'agents.example.test', agentCount: 1234, categories });
    const more = card.footer.chips.at(-1)!.texts[0].text;
    assert.match(more, /^\+\d+ more$/);
    assert.equal(card.footer.chips.length - 1 + Number(more.slice(1, -5)), categories.length, 'shown + counted = all');
    const chipTexts = layoutCard(card, fonts).filter((s) => s.kind === 'text' && s.size === 26);
    assert.equal(chipTexts.length, card.footer.chips.length, 'every chip fits');
    assert.equal(new Set(chipTexts.map((s) => s.kind === 'text' && s.baseline)).size, 2, 'on two rows');
    const png = pixels(await drawCard(card));
    assert.deepEqual(inkIn(png, { left: CONTENT.right, top: 0, right: CARD_WIDTH, bottom: CARD_HEIGHT }), []);
  });

  test('chip texts share a baseline', () => {
    const texts = layoutCard(short, fonts).filter((s) => s.kind === 'text' && (s.size === 24 || s.size === 28) && s.baseline > 500);
    assert.equal(texts.length, 4);
    assert.equal(new Set(texts.map((s) => s.kind === 'text' && s.baseline)).size, 1);
  });

  test('deterministic: the same card gives the same bytes, whatever was drawn before', async () => {
    const first = await drawn;
    await drawCard(agentCard(agentData(LONG)));
    await drawCard(catalogCard({ siteTitle: 'X', address: 'x.test', agentCount: 2, categories: ['a', 'b'] }));
    assert.ok(first.equals(await drawCard(structuredClone(short))));
    assert.ok(!first.equals(await drawCard(agentCard(agentData({ name: 'code-reviewers' })))));
  });

  test('a card is plain data: it survives structured cloning (pool.ts posts it to workers)', () => {
    assert.deepEqual(structuredClone(short), short);
  });
});

describe('card worker', () => {
  test('cards the worker writes, batch after batch, are the bytes drawn in-process', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cards-'));
    try {
      // More than one batch (pool.ts sends 64 at a time).
      const cards = Array.from({ length: 70 }, (_, i) => agentCard({ siteTitle: 'Pool', name: `pooled-agent-${i}`, slug: `p${i}`, summary: 'Draws a card.', category: 'pool' }));
      await writeCards(cards.map((card, i) => ({ file: path.join(dir, `p${i}.png`), card })));
      for (const [i, card] of cards.entries()) assert.ok(readFileSync(path.join(dir, `p${i}.png`)).equals(await drawCard(card)), `card ${i}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('from `helpFrom` on, this thread draws too, from the end of the list; until then the worker draws them all', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cards-'));
    try {
      // Three batches of 64: the worker is sent the first two at once, so this thread takes the third.
      const cards = Array.from({ length: 130 }, (_, i) => agentCard({ siteTitle: 'Pool', name: `helped-agent-${i}`, slug: `h${i}`, summary: 'Draws a card.', category: 'pool' }));
      const files = cards.map((card, i) => ({ file: path.join(dir, `h${i}.png`), card }));
      assert.equal(await writeCards(files.slice(0, 70)), 0, 'nobody asked this thread to help');
      assert.equal(await writeCards(files, { helpFrom: Promise.resolve() }), 2, 'this thread drew the last batch (two cards)');
      for (const i of [0, 64, 127, 128, 129]) assert.ok(readFileSync(path.join(dir, `h${i}.png`)).equals(await drawCard(cards[i]!)), `card ${i}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a card that cannot be written fails with its file named', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cards-'));
    try {
      // A file where the card's folder should be.
      writeFileSync(path.join(dir, 'blocked'), '');
      const card = agentCard({ siteTitle: 'Pool', name: 'blocked', slug: 'blocked', summary: 'Cannot be written.', category: 'pool' });
      await assert.rejects(writeCards([{ file: path.join(dir, 'blocked', 'card.png'), card }]), (error: Error) => error.message.includes(path.join(dir, 'blocked', 'card.png')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
