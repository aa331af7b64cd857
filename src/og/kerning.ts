/**
 * Pair kerning from a TrueType font's GPOS table (font.ts reads the rest of the file): the lookups, their PairPos
 * subtables and the Coverage and ClassDef tables those point at.
 */
type PairLookup = Array<(left: number, right: number) => number | undefined>;

/**
 * Pair kerning from the GPOS 'kern' feature: its PairPos lookups (type 2, or type 9 extensions wrapping them),
 * formats 1 (glyph pairs) and 2 (class pairs), summed over lookups as a shaper applies them. Within a lookup the first
 * subtable that decides a pair wins: a format 1 subtable decides the pairs it lists, a format 2 one every pair whose
 * left glyph it covers. Tables are read when the font loads; pairs are looked up when asked and remembered.
 */
export function readKerning(gpos: DataView): (left: number, right: number) => number {
  const u16 = (at: number) => gpos.getUint16(at);
  const tag = (at: number) => String.fromCharCode(gpos.getUint8(at), gpos.getUint8(at + 1), gpos.getUint8(at + 2), gpos.getUint8(at + 3));
  const features = u16(6);
  const lookupList = u16(8);
  // Every script's 'kern' feature, as one set: Inter's latn, cyrl, grek and DFLT features list the same lookups.
  const indices = new Set<number>();
  for (let i = 0, count = u16(features); i < count; i++) {
    const record = features + 2 + i * 6;
    if (tag(record) !== 'kern') continue;
    const feature = features + u16(record + 4);
    for (let j = 0, n = u16(feature + 2); j < n; j++) indices.add(u16(feature + 4 + j * 2));
  }
  const lookups: PairLookup[] = [];
  for (const index of [...indices].sort((x, y) => x - y)) {
    const lookup = lookupList + u16(lookupList + 2 + index * 2);
    const kind = u16(lookup);
    const subtables: PairLookup = [];
    for (let s = 0, count = u16(lookup + 4); s < count; s++) {
      let subtable = lookup + u16(lookup + 6 + s * 2);
      if (kind === 9 && u16(subtable + 2) === 2) subtable += gpos.getUint32(subtable + 4);
      else if (kind !== 2) continue;
      const pairs = pairSubtable(gpos, subtable);
      if (pairs) subtables.push(pairs);
    }
    lookups.push(subtables);
  }
  const memo = new Map<number, number>();
  return (left, right) => {
    const key = left * 65536 + right;
    let total = memo.get(key);
    if (total === undefined) {
      total = 0;
      for (const subtables of lookups) {
        for (const subtable of subtables) {
          const value = subtable(left, right);
          if (value !== undefined) {
            total += value;
            break;
          }
        }
      }
      memo.set(key, total);
    }
    return total;
  };
}

/** One PairPos subtable: the x advance it gives a pair, `undefined` when it leaves the pair to the next subtable. */
function pairSubtable(gpos: DataView, at: number): ((left: number, right: number) => number | undefined) | undefined {
  const u16 = (offset: number) => gpos.getUint16(offset);
  const format = u16(at);
  const lefts = coverage(gpos, at + u16(at + 2));
  const format1 = u16(at + 4);
  const recordSize = (bitCount(format1) + bitCount(u16(at + 6))) * 2;
  // XAdvance is the third field of a ValueRecord; the ones before it are present only when their bit is set.
  const xAdvance = (record: number) => (format1 & 4 ? gpos.getInt16(record + bitCount(format1 & 3) * 2) : 0);
  if (format === 1) {
    return (left, right) => {
      const index = lefts.get(left);
      if (index === undefined) return undefined;
      // A PairSet lists its second glyphs in ascending order.
      const set = at + u16(at + 10 + index * 2);
      let [low, high] = [0, u16(set) - 1];
      while (low <= high) {
        const middle = (low + high) >> 1;
        const record = set + 2 + middle * (2 + recordSize);
        const glyph = u16(record);
        if (glyph === right) return xAdvance(record + 2);
        if (glyph < right) low = middle + 1;
        else high = middle - 1;
      }
      return undefined;
    };
  }
  if (format === 2) {
    const classes1 = classDef(gpos, at + u16(at + 8));
    const classes2 = classDef(gpos, at + u16(at + 10));
    const class2Count = u16(at + 14);
    return (left, right) => {
      if (!lefts.has(left)) return undefined;
      const class1 = classes1.get(left) ?? 0;
      const class2 = classes2.get(right) ?? 0;
      return xAdvance(at + 16 + (class1 * class2Count + class2) * recordSize);
    };
  }
  return undefined;
}

/** A Coverage table as glyph → coverage index. */
function coverage(view: DataView, at: number): Map<number, number> {
  const out = new Map<number, number>();
  const count = view.getUint16(at + 2);
  if (view.getUint16(at) === 1) for (let i = 0; i < count; i++) out.set(view.getUint16(at + 4 + i * 2), i);
  else {
    for (let i = 0; i < count; i++) {
      const range = at + 4 + i * 6;
      for (let g = view.getUint16(range), index = view.getUint16(range + 4); g <= view.getUint16(range + 2); g++) out.set(g, index++);
    }
  }
  return out;
}

/** A ClassDef table as glyph → class (glyphs absent are class 0). */
function classDef(view: DataView, at: number): Map<number, number> {
  const out = new Map<number, number>();
  if (view.getUint16(at) === 1) {
    const first = view.getUint16(at + 2);
    for (let i = 0, count = view.getUint16(at + 4); i < count; i++) out.set(first + i, view.getUint16(at + 6 + i * 2));
  } else {
    for (let i = 0, count = view.getUint16(at + 2); i < count; i++) {
      const range = at + 4 + i * 6;
      for (let g = view.getUint16(range); g <= view.getUint16(range + 2); g++) out.set(g, view.getUint16(range + 4));
    }
  }
  return out;
}

const bitCount = (n: number) => {
  let count = 0;
  for (let v = n; v; v &= v - 1) count++;
  return count;
};
