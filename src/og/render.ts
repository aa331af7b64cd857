/**
 * Card → PNG, offline and in-process: layout.ts places the card with the Inter files shipped in src/og/fonts (SIL OFL,
 * see OFL.txt, read by font.ts), raster.ts turns glyphs and pills into coverage masks, canvas.ts blends them into a
 * palette-indexed image and png.ts encodes it. Fonts are read once per process (per worker thread), glyph masks are
 * kept, and a warm card costs ~1.5 ms of CPU. Finished PNGs are not cached on disk: a thousand cards redrawn cost
 * less than a thousand files written, read back and deleted on every build.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { IndexedCanvas, PaletteFull, rgb } from './canvas.ts';
import { CARD_HEIGHT, CARD_WIDTH, type Card } from './card.ts';
import { parseWoff, type Font } from './font.ts';
import { SUBSETS, WEIGHTS, fontFile } from './fonts.ts';
import { layoutCard, type Fonts, type Shape } from './layout.ts';
import { indexedPng } from './png.ts';
import { PHASES, glyphMask, roundedRectMask } from './raster.ts';

/** Resolved from the project root, which is where `astro build` runs (settings.ts resolves AGENTS_DIR the same way). */
export const FONT_DIR = path.resolve(process.cwd(), 'src/og/fonts');

interface Renderer {
  fonts: Fonts;
}

const renderers = new Map<string, Promise<Renderer>>();

function load(dir: string): Promise<Renderer> {
  let renderer = renderers.get(dir);
  if (renderer) return renderer;
  renderer = (async () => {
    // One font per script subset, in SUBSETS order: each character is drawn from the first that has it.
    const stack = (weight: (typeof WEIGHTS)[number]): Promise<Font[]> =>
      Promise.all(
        SUBSETS.map(async (subset) => {
          const data = await readFile(path.join(dir, fontFile(subset, weight)));
          return parseWoff(data);
        }),
      );
    // Named weight by weight, so the compiler checks that every weight a card uses (`Fonts`) has its fonts.
    const fonts: Fonts = { 400: await stack(400), 700: await stack(700) };
    return { fonts };
  })().catch((error: unknown) => {
    renderers.delete(dir);
    throw new Error(`The link-preview card renderer could not read its fonts from ${dir}.`, { cause: error });
  });
  renderers.set(dir, renderer);
  return renderer;
}

/**
 * Anti-aliasing steps per colour pair, finest first. 32 steps keep every blend within 1/64 of the two colours'
 * difference of the exact one (under 4 of 255 for ink on paper), which no eye tells apart; a card whose colour pairs
 * need more than 256 palette entries at that is drawn again with fewer.
 */
const LEVELS = [32, 16, 8, 1];

/**
 * The last card's pixels, painted over by the next: a card is painted and encoded in one synchronous stretch, so one
 * buffer serves every card of a thread. A new 750 KB buffer per card was memory outside V8's heap, which V8 answers
 * with a full collection every few cards (the card worker ran ~45 of them per 1,000 cards).
 */
let pixels: Uint8Array | undefined;

function paint(shapes: Shape[], background: string, levels: number): IndexedCanvas {
  const canvas = new IndexedCanvas(CARD_WIDTH, CARD_HEIGHT, rgb(background), levels, pixels);
  pixels = canvas.pixels;
  for (const shape of shapes) {
    if (shape.kind === 'rect') canvas.fillRect(shape.x, shape.y, shape.width, shape.height, rgb(shape.color));
    else if (shape.kind === 'pill') {
      const mask = roundedRectMask(shape.x, shape.y, shape.width, shape.height, shape.height / 2);
      canvas.drawMask(mask, Math.floor(shape.x), Math.floor(shape.y), rgb(shape.color));
    }
    else {
      const color = rgb(shape.color);
      for (const glyph of shape.glyphs) {
        const position = Math.round((shape.x + glyph.x) * PHASES);
        const x = Math.floor(position / PHASES);
        canvas.drawMask(glyphMask(glyph.font, glyph.id, shape.size, position - x * PHASES), x, shape.baseline, color);
      }
    }
  }
  return canvas;
}

/** The card as a PNG, drawn now. */
export async function drawCard(card: Card, fontDir = FONT_DIR): Promise<Buffer> {
  const { fonts } = await load(fontDir);
  const shapes = layoutCard(card, fonts);
  for (const levels of LEVELS) {
    try {
      const canvas = paint(shapes, card.background, levels);
      return indexedPng(canvas.width, canvas.height, canvas.colors, canvas.pixels);
    } catch (error) {
      if (!(error instanceof PaletteFull)) throw error;
    }
  }
  throw new Error('unreachable: one coverage level draws solid colours only');
}

/** The card as a PNG (what the routes and the worker pool call). */
export const cardPng = (card: Card, { fontDir = FONT_DIR }: { fontDir?: string } = {}): Promise<Buffer> => drawCard(card, fontDir);
