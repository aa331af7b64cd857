/**
 * Filled outlines → coverage masks, by exact area (the font-rs algorithm): every line segment adds the signed area it
 * sweeps to an accumulation buffer, curves are first flattened into lines, and a running sum along each row gives a
 * pixel's coverage, min(1, |sum|). Glyph masks are kept per font, glyph, size and quarter-pixel x phase, so a worker
 * drawing many cards rasterises each glyph once; rounded rectangles are kept by size.
 */
import type { Font } from './font.ts';

/** Coverage 0–255 of a `width` × `height` pixel box whose top-left pixel is (`left`, `top`). */
export interface Mask {
  left: number;
  top: number;
  width: number;
  height: number;
  coverage: Uint8Array;
}

/** Flattening tolerance: the furthest a line strays from its curve, in pixels. */
const TOLERANCE = 0.05;

/** A path in pixel coordinates (y down), kept as line segments: x0, y0, x1, y1, … */
export class Path {
  private lines: number[] = [];
  private x = 0;
  private y = 0;
  private startX = 0;
  private startY = 0;

  moveTo(x: number, y: number): this {
    this.close();
    this.x = this.startX = x;
    this.y = this.startY = y;
    return this;
  }

  lineTo(x: number, y: number): this {
    if (y !== this.y) this.lines.push(this.x, this.y, x, y); // horizontal lines sweep no area
    this.x = x;
    this.y = y;
    return this;
  }

  quadTo(cx: number, cy: number, x: number, y: number): this {
    const [x0, y0] = [this.x, this.y];
    // A quadratic's second difference bounds how far its chords stray: d / (4 n²) for n chords.
    const n = Math.ceil(Math.sqrt(Math.hypot(x0 - 2 * cx + x, y0 - 2 * cy + y) / (4 * TOLERANCE)));
    for (let i = 1; i < n; i++) {
      const t = i / n;
      const u = 1 - t;
      this.lineTo(u * u * x0 + 2 * u * t * cx + t * t * x, u * u * y0 + 2 * u * t * cy + t * t * y);
    }
    return this.lineTo(x, y);
  }

  cubicTo(c1x: number, c1y: number, c2x: number, c2y: number, x: number, y: number): this {
    const [x0, y0] = [this.x, this.y];
    const d = Math.max(Math.hypot(x0 - 2 * c1x + c2x, y0 - 2 * c1y + c2y), Math.hypot(c1x - 2 * c2x + x, c1y - 2 * c2y + y));
    const n = Math.ceil(Math.sqrt((0.75 * d) / TOLERANCE));
    for (let i = 1; i < n; i++) {
      const t = i / n;
      const u = 1 - t;
      const [a, b, c, e] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
      this.lineTo(a * x0 + b * c1x + c * c2x + e * x, a * y0 + b * c1y + c * c2y + e * y);
    }
    return this.lineTo(x, y);
  }

  close(): this {
    if (this.x !== this.startX || this.y !== this.startY) this.lineTo(this.startX, this.startY);
    return this;
  }

  /** The coverage of the path's inside (non-zero winding, overlaps counted once). */
  fill(): Mask {
    this.close();
    const lines = this.lines;
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < lines.length; i += 2) {
      minX = Math.min(minX, lines[i]);
      maxX = Math.max(maxX, lines[i]);
      minY = Math.min(minY, lines[i + 1]);
      maxY = Math.max(maxY, lines[i + 1]);
    }
    if (!lines.length) return { left: 0, top: 0, width: 0, height: 0, coverage: new Uint8Array(0) };
    const left = Math.floor(minX);
    const top = Math.floor(minY);
    // One spare column: a segment ending on a pixel edge hands area to the pixel after it.
    const width = Math.ceil(maxX) - left + 2;
    const height = Math.ceil(maxY) - top;
    const area = new Float32Array(width * height + 2);
    for (let i = 0; i < lines.length; i += 4) accumulate(area, width, lines[i] - left, lines[i + 1] - top, lines[i + 2] - left, lines[i + 3] - top);
    const coverage = new Uint8Array(width * height);
    // Each row's areas sum to zero for a closed path, so one running sum serves every row.
    let sum = 0;
    for (let i = 0; i < coverage.length; i++) {
      sum += area[i];
      const a = Math.abs(sum);
      coverage[i] = a >= 1 ? 255 : Math.round(a * 255);
    }
    return { left, top, width, height, coverage };
  }
}

/** Adds the signed area a line sweeps in each pixel it crosses (font-rs's `draw_line`), coordinates inside the box. */
function accumulate(area: Float32Array, width: number, ax: number, ay: number, bx: number, by: number): void {
  const dir = ay < by ? 1 : -1;
  const [x0, y0, x1, y1] = ay < by ? [ax, ay, bx, by] : [bx, by, ax, ay];
  const dxdy = (x1 - x0) / (y1 - y0);
  let x = x0;
  for (let y = Math.floor(y0), end = Math.ceil(y1); y < end; y++) {
    const row = y * width;
    const dy = Math.min(y + 1, y1) - Math.max(y, y0);
    const xNext = x + dxdy * dy;
    const d = dy * dir;
    const [lo, hi] = x < xNext ? [x, xNext] : [xNext, x];
    const loFloor = Math.floor(lo);
    const loI = row + loFloor;
    const hiCeil = Math.ceil(hi);
    if (hiCeil <= loFloor + 1) {
      // Within one pixel column: the area splits between it and the next by the segment's mean x.
      const xmf = 0.5 * (x + xNext) - loFloor;
      area[loI] += d - d * xmf;
      area[loI + 1] += d * xmf;
    } else {
      const s = 1 / (hi - lo);
      const loFrac = lo - loFloor;
      const a0 = 0.5 * s * (1 - loFrac) * (1 - loFrac);
      const hiFrac = hi - hiCeil + 1;
      const am = 0.5 * s * hiFrac * hiFrac;
      const hiI = row + hiCeil;
      area[loI] += d * a0;
      if (hiCeil === loFloor + 2) area[loI + 1] += d * (1 - a0 - am);
      else {
        const a1 = s * (1.5 - loFrac);
        area[loI + 1] += d * (a1 - a0);
        for (let i = loI + 2; i < hiI - 1; i++) area[i] += d * s;
        const a2 = a1 + (hiCeil - loFloor - 3) * s;
        area[hiI - 1] += d * (1 - a2 - am);
      }
      area[hiI] += d * am;
    }
    x = xNext;
  }
}

/** Sub-pixel x positions a glyph is drawn at: quarter pixels. Baselines sit on whole pixels. */
export const PHASES = 4;

/** Font → size → glyph × PHASES + phase → mask. */
const glyphMasks = new WeakMap<Font, Map<number, Map<number, Mask>>>();

/** Glyph `glyph` of `font` at `size` px, its origin `phase / PHASES` px right of pixel (0, 0), baseline at y = 0. */
export function glyphMask(font: Font, glyph: number, size: number, phase: number): Mask {
  let sizes = glyphMasks.get(font);
  if (!sizes) glyphMasks.set(font, (sizes = new Map()));
  let masks = sizes.get(size);
  if (!masks) sizes.set(size, (masks = new Map()));
  const key = glyph * PHASES + phase;
  let mask = masks.get(key);
  if (!mask) {
    mask = outlinePath(font, glyph, size / font.unitsPerEm, phase / PHASES).fill();
    masks.set(key, mask);
  }
  return mask;
}

/**
 * TrueType contours → a path: points alternate freely between on-curve and off-curve, and two off-curve points in a
 * row imply an on-curve point halfway between them.
 */
function outlinePath(font: Font, glyph: number, scale: number, originX: number): Path {
  const path = new Path();
  for (const { x: xs, y: ys, on } of font.outline(glyph)) {
    const n = xs.length;
    if (!n) continue;
    const px = (i: number) => originX + xs[i % n] * scale;
    const py = (i: number) => -ys[i % n] * scale;
    // Start on an on-curve point, or halfway between the last and first points when every point is off-curve.
    const first = on.indexOf(true);
    const start = first < 0 ? 0 : first;
    const [sx, sy] = first < 0 ? [(px(n - 1) + px(0)) / 2, (py(n - 1) + py(0)) / 2] : [px(first), py(first)];
    path.moveTo(sx, sy);
    let control: [number, number] | undefined;
    for (let k = first < 0 ? 0 : 1; k < n; k++) {
      const i = start + k;
      const [x, y] = [px(i), py(i)];
      if (on[i % n]) {
        if (control) path.quadTo(control[0], control[1], x, y);
        else path.lineTo(x, y);
        control = undefined;
      } else {
        if (control) path.quadTo(control[0], control[1], (control[0] + x) / 2, (control[1] + y) / 2);
        control = [x, y];
      }
    }
    if (control) path.quadTo(control[0], control[1], sx, sy);
    path.close();
  }
  return path;
}

const shapeMasks = new Map<string, Mask>();

/**
 * A rectangle with rounded corners (`radius` clamped to half the shorter side, so 999 draws a pill), its box moved to
 * start at pixel (0, 0). Chips repeat their sizes from card to card, so masks are kept, a bounded number of them.
 */
export function roundedRectMask(x: number, y: number, width: number, height: number, radius: number): Mask {
  const [fx, fy] = [x - Math.floor(x), y - Math.floor(y)];
  const key = `${fx},${fy},${width},${height},${radius}`;
  let mask = shapeMasks.get(key);
  if (!mask) {
    if (shapeMasks.size >= 512) shapeMasks.clear();
    mask = roundedRect(fx, fy, width, height, radius);
    shapeMasks.set(key, mask);
  }
  return mask;
}

function roundedRect(x: number, y: number, width: number, height: number, radius: number): Mask {
  const r = Math.min(radius, width / 2, height / 2);
  // Cubic control points at this fraction of the radius trace a quarter circle to within 0.03 %.
  const k = r * (1 - 0.5522847498);
  const [right, bottom] = [x + width, y + height];
  return new Path()
    .moveTo(x + r, y)
    .lineTo(right - r, y)
    .cubicTo(right - k, y, right, y + k, right, y + r)
    .lineTo(right, bottom - r)
    .cubicTo(right, bottom - k, right - k, bottom, right - r, bottom)
    .lineTo(x + r, bottom)
    .cubicTo(x + k, bottom, x, bottom - k, x, bottom - r)
    .lineTo(x, y + r)
    .cubicTo(x, y + k, x + k, y, x + r, y)
    .fill();
}
