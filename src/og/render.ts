/**
 * Card tree → PNG, offline: satori lays the tree out and draws text as outlines with the Inter files shipped in
 * src/og/fonts (SIL OFL, see OFL.txt), then resvg rasterises the SVG. Fonts are read once per build.
 *
 * A card costs ~20 ms of CPU, so finished PNGs are kept in node_modules/.cache/agent-docs-og, keyed by a hash of
 * the card tree, the fonts and the renderer versions: a rebuild redraws only the cards whose agent changed.
 */
import { Resvg } from '@resvg/resvg-js';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import satori from 'satori';
import { CARD_HEIGHT, CARD_WIDTH, type CardNode } from './card.ts';
import { FONT_FAMILY, SUBSETS, WEIGHTS, fontFile } from './fonts.ts';

/** Resolved from the project root, which is where `astro build` runs (settings.ts resolves AGENTS_DIR the same way). */
export const FONT_DIR = path.resolve(process.cwd(), 'src/og/fonts');
export const CACHE_DIR = path.resolve(process.cwd(), 'node_modules/.cache/agent-docs-og');

type Font = { name: string; data: Buffer; weight: (typeof WEIGHTS)[number]; style: 'normal' };
interface Renderer {
  fonts: Font[];
  /** Hash of everything besides the tree that changes the pixels. */
  version: string;
}

let renderer: Promise<Renderer> | undefined;

function load(dir: string): Promise<Renderer> {
  renderer ??= (async () => {
    const fonts = await Promise.all(
      SUBSETS.flatMap((subset) =>
        WEIGHTS.map(async (weight): Promise<Font> => ({
          // satori picks one file per family and weight, then falls back to other families glyph by glyph:
          // so each script gets a family of its own, and Latin is the family the cards ask for.
          name: subset === 'latin' ? FONT_FAMILY : `${FONT_FAMILY} ${subset}`,
          data: await readFile(path.join(dir, fontFile(subset, weight))),
          weight,
          style: 'normal',
        })),
      ),
    );
    const require = createRequire(path.join(process.cwd(), 'package.json'));
    const hash = createHash('sha256');
    for (const pkg of ['satori', '@resvg/resvg-js']) hash.update(`${pkg}@${require(`${pkg}/package.json`).version}\n`);
    for (const font of fonts) hash.update(font.data);
    return { fonts, version: hash.digest('hex') };
  })().catch((error: unknown) => {
    renderer = undefined;
    throw new Error(`The link-preview card fonts could not be read from ${dir}.`, { cause: error });
  });
  return renderer;
}

export async function cardSvg(tree: CardNode, fontDir = FONT_DIR): Promise<string> {
  const { fonts } = await load(fontDir);
  // satori's types expect React elements; a plain `{ type, props }` tree is what JSX would have produced.
  return satori(tree as unknown as Parameters<typeof satori>[0], { width: CARD_WIDTH, height: CARD_HEIGHT, fonts });
}

export interface CardOptions {
  /** Makes the cache's temporary file names unique per worker thread (pool.ts). */
  tempSuffix?: string;
  fontDir?: string;
  /** Where finished PNGs are kept; `false` draws every card afresh. */
  cacheDir?: string | false;
}

export async function cardPng(tree: CardNode, { fontDir = FONT_DIR, cacheDir = CACHE_DIR, tempSuffix = '' }: CardOptions = {}): Promise<Buffer> {
  const { version } = await load(fontDir);
  const file = cacheDir && path.join(cacheDir, `${createHash('sha256').update(version).update(JSON.stringify(tree)).digest('hex')}.png`);
  if (file) {
    const cached = await readFile(file).catch(() => undefined);
    if (cached) return cached;
  }
  const svg = await cardSvg(tree, fontDir);
  // Text is already outlines: no system fonts needed, which keeps the render fast and machine-independent.
  const png = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render().asPng();
  if (file) {
    // Write then rename, so a build running beside this one never reads half a file. A failed write only costs speed.
    const temp = `${file}.${process.pid}${tempSuffix}.tmp`;
    await mkdir(path.dirname(file), { recursive: true })
      .then(() => writeFile(temp, png))
      .then(() => rename(temp, file))
      .catch(() => undefined);
  }
  return png;
}
