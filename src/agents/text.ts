import { SLUG_LENGTH } from './limits.ts';

/**
 * Characters that change what a reader sees without being seen themselves: C0/C1 controls, the bidirectional marks,
 * overrides and isolates ("invoice\u202Egpj.exe" displays as "invoiceexe.jpg"), and the zero-width and invisible
 * format characters ("pay\u200Bpal" looks like "paypal"). Wherever a name or a path is shown as a label, they are
 * shown as escapes instead.
 */
// eslint-disable-next-line no-control-regex
export const HIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

export function hasHiddenCharacters(text: string): boolean {
  HIDDEN_CHARACTERS.lastIndex = 0;
  return HIDDEN_CHARACTERS.test(text);
}

/** `text` with every hidden character written as `\u{…}`, so what is shown is what is there. */
export function visible(text: string): string {
  return text.replace(HIDDEN_CHARACTERS, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}

/**
 * A URL- and file-name-safe form of any text: lower-case ASCII letters, digits and hyphens, at most `max` characters
 * (a page's folder name must fit in 255 bytes with room to spare); `''` when nothing is left.
 */
export function slugText(text: string, max = SLUG_LENGTH): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** Whether `slugText` had to cut the text to fit: its page's address then shows only the start of the name. */
export const slugIsCut = (text: string, max = SLUG_LENGTH) => slugText(text, Infinity).length > max;
