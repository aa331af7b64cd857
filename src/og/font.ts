/**
 * Just enough of a WOFF 1.0 / TrueType reader to draw the card font: metrics, the character map and glyph outlines
 * (simple and composite); GPOS pair kerning comes from kerning.ts. The files are Inter's per-script subsets
 * (fonts.ts), so everything is read once, up front, into plain maps.
 */
import { inflateSync } from 'node:zlib';
import { readKerning } from './kerning.ts';

/** A glyph outline in font units, y up: closed contours of on- and off-curve (quadratic control) points. */
export interface Contour {
  x: number[];
  y: number[];
  on: boolean[];
}

export interface Font {
  unitsPerEm: number;
  /** hhea metrics, font units (descender is negative). */
  ascender: number;
  descender: number;
  lineGap: number;
  /** 0 (.notdef) when the font has no glyph for the character. */
  glyphId(codePoint: number): number;
  advance(glyph: number): number;
  /** The GPOS 'kern' adjustment between two glyphs, font units (usually negative). */
  kerning(left: number, right: number): number;
  outline(glyph: number): Contour[];
}

/** The uncompressed sfnt tables of a WOFF file, by tag. */
export function woffTables(file: Uint8Array): Map<string, DataView> {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const signature = String.fromCharCode(...file.subarray(0, 4));
  if (signature !== 'wOFF') throw new Error(`not a WOFF 1.0 file (signature ${JSON.stringify(signature)})`);
  const tables = new Map<string, DataView>();
  for (let i = 0, count = view.getUint16(12); i < count; i++) {
    const entry = 44 + i * 20;
    const tag = String.fromCharCode(...file.subarray(entry, entry + 4));
    const offset = view.getUint32(entry + 4);
    const compLength = view.getUint32(entry + 8);
    const origLength = view.getUint32(entry + 12);
    const stored = file.subarray(offset, offset + compLength);
    // WOFF stores a table as is when zlib would not have made it smaller.
    const data = compLength < origLength ? inflateSync(stored) : stored;
    if (data.length !== origLength) throw new Error(`WOFF table ${tag}: ${data.length} bytes, expected ${origLength}`);
    tables.set(tag, new DataView(data.buffer, data.byteOffset, data.byteLength));
  }
  return tables;
}

export function parseWoff(file: Uint8Array): Font {
  const tables = woffTables(file);
  const table = (tag: string) => {
    const found = tables.get(tag);
    if (!found) throw new Error(`the font has no ${tag} table`);
    return found;
  };
  const head = table('head');
  const hhea = table('hhea');
  const hmtx = table('hmtx');
  const numGlyphs = table('maxp').getUint16(4);
  const metricCount = hhea.getUint16(34);
  const longLoca = head.getInt16(50) === 1;
  const loca = table('loca');
  const glyf = table('glyf');
  const cmap = readCmap(table('cmap'));
  const kerning = tables.has('GPOS') ? readKerning(table('GPOS')) : () => 0;
  const outlines = new Map<number, Contour[]>();

  const glyphRange = (glyph: number): [number, number] =>
    longLoca ? [loca.getUint32(glyph * 4), loca.getUint32(glyph * 4 + 4)] : [loca.getUint16(glyph * 2) * 2, loca.getUint16(glyph * 2 + 2) * 2];

  function outline(glyph: number, depth = 0): Contour[] {
    const cached = outlines.get(glyph);
    if (cached) return cached;
    if (glyph >= numGlyphs || depth > 8) return [];
    const [start, end] = glyphRange(glyph);
    const contours = end > start ? (glyf.getInt16(start) >= 0 ? simpleGlyph(glyf, start) : compositeGlyph(glyf, start, (g) => outline(g, depth + 1))) : [];
    outlines.set(glyph, contours);
    return contours;
  }

  return {
    unitsPerEm: head.getUint16(18),
    ascender: hhea.getInt16(4),
    descender: hhea.getInt16(6),
    lineGap: hhea.getInt16(8),
    glyphId: (codePoint) => cmap.get(codePoint) ?? 0,
    advance: (glyph) => hmtx.getUint16(Math.min(glyph, metricCount - 1) * 4),
    kerning,
    outline,
  };
}

/** Character → glyph, from the Windows Unicode subtables (format 12 covers format 4's range, so read it last). */
function readCmap(cmap: DataView): Map<number, number> {
  const map = new Map<number, number>();
  const offsets: number[] = [];
  for (let i = 0, count = cmap.getUint16(2); i < count; i++) {
    const platform = cmap.getUint16(4 + i * 8);
    const encoding = cmap.getUint16(6 + i * 8);
    if ((platform === 3 && (encoding === 1 || encoding === 10)) || platform === 0) offsets.push(cmap.getUint32(8 + i * 8));
  }
  for (const offset of offsets) {
    const format = cmap.getUint16(offset);
    if (format === 4) {
      const segments = cmap.getUint16(offset + 6) / 2;
      const ends = offset + 14;
      const starts = ends + segments * 2 + 2;
      const deltas = starts + segments * 2;
      const rangeOffsets = deltas + segments * 2;
      for (let s = 0; s < segments; s++) {
        const first = cmap.getUint16(starts + s * 2);
        const last = cmap.getUint16(ends + s * 2);
        const delta = cmap.getInt16(deltas + s * 2);
        const rangeOffset = cmap.getUint16(rangeOffsets + s * 2);
        for (let c = first; c <= last && c !== 0xffff; c++) {
          let glyph: number;
          if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
          else {
            // idRangeOffset counts bytes from its own slot to the glyph id.
            const id = cmap.getUint16(rangeOffsets + s * 2 + rangeOffset + (c - first) * 2);
            glyph = id === 0 ? 0 : (id + delta) & 0xffff;
          }
          if (glyph) map.set(c, glyph);
        }
      }
    } else if (format === 12) {
      for (let g = 0, groups = cmap.getUint32(offset + 12); g < groups; g++) {
        const group = offset + 16 + g * 12;
        const first = cmap.getUint32(group);
        const last = cmap.getUint32(group + 4);
        const glyph = cmap.getUint32(group + 8);
        for (let c = first; c <= last; c++) map.set(c, glyph + c - first);
      }
    }
  }
  return map;
}

const ON_CURVE = 0x01;
const X_SHORT = 0x02;
const Y_SHORT = 0x04;
const REPEAT = 0x08;
const X_SAME_OR_POSITIVE = 0x10;
const Y_SAME_OR_POSITIVE = 0x20;

function simpleGlyph(glyf: DataView, start: number): Contour[] {
  const contourCount = glyf.getInt16(start);
  const ends: number[] = [];
  for (let i = 0; i < contourCount; i++) ends.push(glyf.getUint16(start + 10 + i * 2));
  const pointCount = contourCount ? ends[contourCount - 1] + 1 : 0;
  let p = start + 10 + contourCount * 2;
  p += 2 + glyf.getUint16(p); // skip the hinting instructions
  const flags: number[] = [];
  while (flags.length < pointCount) {
    const flag = glyf.getUint8(p++);
    flags.push(flag);
    if (flag & REPEAT) for (let r = glyf.getUint8(p++); r > 0; r--) flags.push(flag);
  }
  const coordinates = (short: number, sameOrPositive: number) => {
    const values: number[] = [];
    let value = 0;
    for (const flag of flags) {
      if (flag & short) {
        const delta = glyf.getUint8(p++);
        value += flag & sameOrPositive ? delta : -delta;
      } else if (!(flag & sameOrPositive)) {
        value += glyf.getInt16(p);
        p += 2;
      }
      values.push(value);
    }
    return values;
  };
  const xs = coordinates(X_SHORT, X_SAME_OR_POSITIVE);
  const ys = coordinates(Y_SHORT, Y_SAME_OR_POSITIVE);
  const contours: Contour[] = [];
  let first = 0;
  for (const end of ends) {
    contours.push({ x: xs.slice(first, end + 1), y: ys.slice(first, end + 1), on: flags.slice(first, end + 1).map((f) => (f & ON_CURVE) !== 0) });
    first = end + 1;
  }
  return contours;
}

const ARGS_ARE_WORDS = 0x0001;
const ARGS_ARE_XY = 0x0002;
const HAS_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const HAS_XY_SCALE = 0x0040;
const HAS_2X2 = 0x0080;

/** A glyph built from others (Inter's accented letters: a base letter and a mark), each moved and maybe scaled. */
function compositeGlyph(glyf: DataView, start: number, component: (glyph: number) => Contour[]): Contour[] {
  const contours: Contour[] = [];
  let p = start + 10;
  let flags: number;
  do {
    flags = glyf.getUint16(p);
    const glyph = glyf.getUint16(p + 2);
    p += 4;
    let dx: number;
    let dy: number;
    if (flags & ARGS_ARE_WORDS) {
      [dx, dy] = flags & ARGS_ARE_XY ? [glyf.getInt16(p), glyf.getInt16(p + 2)] : [glyf.getUint16(p), glyf.getUint16(p + 2)];
      p += 4;
    } else {
      [dx, dy] = flags & ARGS_ARE_XY ? [glyf.getInt8(p), glyf.getInt8(p + 1)] : [glyf.getUint8(p), glyf.getUint8(p + 1)];
      p += 2;
    }
    // Point-matched placement (args are point numbers) does not occur in Inter; such a part is drawn unmoved.
    if (!(flags & ARGS_ARE_XY)) dx = dy = 0;
    const f2dot14 = (at: number) => glyf.getInt16(at) / 16384;
    let [a, b, c, d] = [1, 0, 0, 1];
    if (flags & HAS_SCALE) {
      a = d = f2dot14(p);
      p += 2;
    } else if (flags & HAS_XY_SCALE) {
      [a, d] = [f2dot14(p), f2dot14(p + 2)];
      p += 4;
    } else if (flags & HAS_2X2) {
      [a, b, c, d] = [f2dot14(p), f2dot14(p + 2), f2dot14(p + 4), f2dot14(p + 6)];
      p += 8;
    }
    for (const part of component(glyph)) {
      contours.push({
        x: part.x.map((x, i) => a * x + c * part.y[i] + dx),
        y: part.y.map((y, i) => b * part.x[i] + d * y + dy),
        on: part.on,
      });
    }
  } while (flags & MORE_COMPONENTS);
  return contours;
}
