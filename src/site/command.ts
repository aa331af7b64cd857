/**
 * A command as the page shows it: its words, and the white space between them. Each word is set in a box of its own
 * (CommandText.astro, and selection-page.ts for the commands it writes), so a line breaks only at a space, never
 * inside `claude-plugins-official` at its hyphen; a word longer than the line wraps inside its box rather than
 * running off it. The text, and so what a copy button copies, is exactly the command.
 */
export function commandParts(command: string): Array<{ word: string } | { space: string }> {
  return command
    .split(/(\s+)/)
    .filter(Boolean)
    .map((part) => (/^\s+$/.test(part) ? { space: part } : { word: part }));
}
