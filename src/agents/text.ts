/**
 * Characters that change what a reader sees without being seen themselves: C0/C1 controls and the
 * bidirectional overrides and isolates ("invoice\u202Egpj.exe" displays as "invoiceexe.jpg"). Wherever a name or a
 * path is shown as a label, they are shown as escapes instead.
 */
// eslint-disable-next-line no-control-regex
export const HIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function hasHiddenCharacters(text: string): boolean {
  HIDDEN_CHARACTERS.lastIndex = 0;
  return HIDDEN_CHARACTERS.test(text);
}

/** `text` with every hidden character written as `\u{…}`, so what is shown is what is there. */
export function visible(text: string): string {
  return text.replace(HIDDEN_CHARACTERS, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}
