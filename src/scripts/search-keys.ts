/** Keyboard helpers shared by the always-loaded dialog script and the lazily loaded search UI. Keep it tiny. */

/** Apple keyboards label the shortcuts ⌘ and ⌥; everyone else gets Ctrl and Alt. */
export function isApple(): boolean {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  return /mac|iphone|ipad|ipod/i.test(nav.userAgentData?.platform || nav.platform || nav.userAgent);
}

/** True while the user is typing somewhere, so a bare `/` belongs to the field, not to us. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/** Alt+A (⌥A): adds the active result to the selection, or removes it. Free in Chrome, Firefox and Safari, like Alt+C. */
export function isSelectShortcut(event: KeyboardEvent): boolean {
  return event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyA';
}

/** Alt+C (⌥C): free in Chrome, Firefox and Safari, unlike Ctrl/⌘+Shift+C (devtools). `code`, because ⌥C types “ç”. */
export function isCopyShortcut(event: KeyboardEvent): boolean {
  return event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyC';
}
