/**
 * A palette-indexed canvas. A card is a handful of solid colours and anti-aliased edges of one colour over another,
 * so each pixel holds a palette index and each palette entry remembers what it is: `ink` over `base` at `level` of
 * `levels` steps of coverage. Drawing ink over an edge of the same ink stays on that pair's ramp, which keeps the
 * palette to `levels` − 1 entries per colour pair, so a card fits the 256 colours of an indexed PNG.
 *
 * Rows start with a zero byte, PNG's filter type None, so `pixels` is the PNG's image data as it is.
 */
import type { Mask } from './raster.ts';

/** 0xRRGGBB from '#rrggbb'. */
export const rgb = (hex: string) => Number.parseInt(hex.slice(1), 16);

/** Thrown when a card needs more than 256 colours at this many coverage levels; render.ts then uses fewer. */
export class PaletteFull extends Error {}

interface Entry {
  base: number;
  ink: number;
  level: number;
}

/** A mask's coverage as levels of one level count, and each row's columns `first` to `end` (exclusive) past level 0. */
interface MaskLevels {
  level: Uint8Array;
  first: Uint16Array;
  end: Uint16Array;
}

/**
 * Masks are cached (raster.ts) and drawn on card after card: their levels and where each row's ink starts and ends
 * are worked out once per level count, so drawing reads one array and steps over a row's blank ends.
 */
const levelsByMask = new WeakMap<Mask, Map<number, MaskLevels>>();

/** Per level count, coverage 0–255 → level 0–`levels`. */
const quantizers = new Map<number, Uint8Array>();
function quantizer(levels: number): Uint8Array {
  let quantize = quantizers.get(levels);
  if (!quantize) quantizers.set(levels, (quantize = Uint8Array.from({ length: 256 }, (_, c) => Math.round((c * levels) / 255))));
  return quantize;
}

function maskLevels(mask: Mask, levels: number): MaskLevels {
  let byCount = levelsByMask.get(mask);
  if (!byCount) levelsByMask.set(mask, (byCount = new Map()));
  let found = byCount.get(levels);
  if (found) return found;
  const { coverage, width, height } = mask;
  const quantize = quantizer(levels);
  const level = coverage.map((c) => quantize[c]!);
  const first = new Uint16Array(height);
  const end = new Uint16Array(height);
  for (let r = 0; r < height; r++) {
    const row = level.subarray(r * width, (r + 1) * width);
    const start = row.findIndex((l) => l !== 0);
    if (start < 0) continue; // first = end = 0: nothing to draw
    first[r] = start;
    end[r] = row.findLastIndex((l) => l !== 0) + 1;
  }
  byCount.set(levels, (found = { level, first, end }));
  return found;
}

export class IndexedCanvas {
  readonly width: number;
  readonly height: number;
  readonly stride: number;
  readonly pixels: Uint8Array;
  /** The palette, 0xRRGGBB per entry. */
  readonly colors: number[] = [];
  private readonly entries: Entry[] = [];
  private readonly byKey = new Map<string, number>();
  /** Per ink colour: (current index × (levels + 1) + level) → resulting index, -1 until first needed. */
  private readonly blends = new Map<number, Int16Array>();
  private readonly levels: number;

  /** `reuse`: a buffer of an earlier canvas of the same size, done with, painted over from scratch. */
  constructor(width: number, height: number, background: number, levels: number, reuse?: Uint8Array) {
    this.width = width;
    this.height = height;
    this.stride = width + 1;
    this.levels = levels;
    // Index 0 is the background, so a zeroed buffer is already painted (filter bytes included).
    this.entry(background, background, levels);
    this.pixels = reuse?.length === this.stride * height ? reuse.fill(0) : new Uint8Array(this.stride * height);
  }

  /** A solid rectangle on whole pixels. */
  fillRect(x: number, y: number, width: number, height: number, color: number): void {
    const index = this.entry(color, color, this.levels);
    const [x0, x1] = [Math.max(0, x), Math.min(this.width, x + width)];
    for (let row = Math.max(0, y), end = Math.min(this.height, y + height); row < end; row++) {
      const start = row * this.stride + 1;
      this.pixels.fill(index, start + x0, start + x1);
    }
  }

  /** `color` through a coverage mask whose box is moved `dx`, `dy` pixels. */
  drawMask(mask: Mask, dx: number, dy: number, color: number): void {
    const levels1 = this.levels + 1;
    let table = this.blends.get(color);
    if (!table) this.blends.set(color, (table = new Int16Array(256 * levels1).fill(-1)));
    const { pixels, stride } = this;
    const { level: levelAt, first, end } = maskLevels(mask, this.levels);
    const { width } = mask;
    const left = mask.left + dx;
    const top = mask.top + dy;
    const [c0, c1] = [Math.max(0, -left), Math.min(width, this.width - left)];
    for (let r = Math.max(0, -top), rEnd = Math.min(mask.height, this.height - top); r < rEnd; r++) {
      const from = r * width;
      const to = (top + r) * stride + 1 + left;
      for (let c = Math.max(c0, first[r]!), cEnd = Math.min(c1, end[r]!); c < cEnd; c++) {
        const level = levelAt[from + c]!;
        if (level === 0) continue;
        const current = pixels[to + c]!;
        let next = table[current * levels1 + level]!;
        if (next < 0) next = table[current * levels1 + level] = this.blend(current, level, color);
        pixels[to + c] = next;
      }
    }
  }

  /** The entry for `ink` at `level` over what entry `current` shows. */
  private blend(current: number, level: number, ink: number): number {
    const under = this.entries[current];
    // Same ink again (two glyph edges in one pixel): coverages combine as a + b − ab on the same ramp.
    if (under.ink === ink) return this.entry(under.base, ink, Math.round(under.level + (level * (this.levels - under.level)) / this.levels));
    return this.entry(this.colors[current], ink, level);
  }

  private entry(base: number, ink: number, level: number): number {
    if (level === 0 || base === ink) [ink, level] = [base, this.levels];
    if (level === this.levels) base = ink;
    const key = `${base}:${ink}:${level}`;
    let index = this.byKey.get(key);
    if (index === undefined) {
      index = this.entries.length;
      if (index === 256) throw new PaletteFull(`more than 256 colours at ${this.levels} coverage levels`);
      const t = level / this.levels;
      const mix = (shift: number) => Math.round(((base >> shift) & 255) * (1 - t) + ((ink >> shift) & 255) * t) << shift;
      this.entries.push({ base, ink, level });
      this.colors.push(mix(16) | mix(8) | mix(0));
      this.byKey.set(key, index);
    }
    return index;
  }
}
