/**
 * The card font: Inter (SIL Open Font License 1.1, fonts/OFL.txt), as the per-script WOFF files of @fontsource/inter
 * 5.3.0, copied here so the build needs neither the network nor that package. font.ts reads WOFF 1.0 (zlib), not
 * WOFF2 (Brotli and transformed glyph tables). Each character is drawn from the first subset, in this order, that has it.
 */
export const SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'greek'] as const;
export const WEIGHTS = [400, 700] as const;

export const fontFile = (subset: (typeof SUBSETS)[number], weight: (typeof WEIGHTS)[number]) => `inter-${subset}-${weight}-normal.woff`;

/**
 * Characters the shipped files draw: the union of the subsets' `unicode-range`s (from @fontsource/inter's CSS).
 * Anything else (CJK, emoji…) would be drawn as Inter's "NO GLYPH" box, so cards drop it instead.
 */
const UNDRAWABLE = new RegExp(
  '[^' +
    // latin
    '\\u0000-\\u00ff\\u0131\\u0152\\u0153\\u02bb\\u02bc\\u02c6\\u02da\\u02dc\\u0304\\u0308\\u0329\\u2000-\\u206f\\u20ac\\u2122\\u2191\\u2193\\u2212\\u2215\\ufeff\\ufffd' +
    // latin-ext
    '\\u0100-\\u02ba\\u02bd-\\u02c5\\u02c7-\\u02cc\\u02ce-\\u02d7\\u02dd-\\u02ff\\u1d00-\\u1dbf\\u1e00-\\u1e9f\\u1ef2-\\u1eff\\u2020\\u20a0-\\u20ab\\u20ad-\\u20c0\\u2113\\u2c60-\\u2c7f\\ua720-\\ua7ff' +
    // cyrillic
    '\\u0301\\u0400-\\u045f\\u0490\\u0491\\u04b0\\u04b1\\u2116' +
    // greek
    '\\u0370-\\u0377\\u037a-\\u037f\\u0384-\\u038a\\u038c\\u038e-\\u03a1\\u03a3-\\u03ff' +
    ']',
  'gu',
);

/** The text without the characters the card font cannot draw. */
export const drawable = (text: string) => text.replace(UNDRAWABLE, '');
