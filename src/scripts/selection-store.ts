/**
 * The selection as this browser keeps it: slugs in localStorage (`ad-selection`, a JSON list, in the order added).
 * Tiny, because the always-loaded selection script reads it to decide whether to load the rest. Changes are
 * announced on `window` as `ad-selection` events (this tab) and arrive as `storage` events from other tabs.
 */
const KEY = 'ad-selection';
const EVENT = 'ad-selection';

export function readSelection(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((slug): slug is string => typeof slug === 'string' && slug !== '') : [];
  } catch {
    return []; // storage blocked, or not JSON: an empty selection
  }
}

export function writeSelection(slugs: readonly string[]): void {
  try {
    if (slugs.length) localStorage.setItem(KEY, JSON.stringify([...new Set(slugs)]));
    else localStorage.removeItem(KEY);
  } catch {
    // Storage blocked: the change lasts until the page is left.
  }
  dispatchEvent(new CustomEvent(EVENT));
}

/** Calls `then` whenever the selection changes, in this tab or another. */
export function onSelectionChange(then: () => void): void {
  addEventListener(EVENT, then);
  addEventListener('storage', (event) => (event.key === KEY || event.key === null) && then());
}
