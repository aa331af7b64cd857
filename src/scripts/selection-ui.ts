/**
 * The selection on every page, once in use (loaded by selection.ts): each "Add to selection" button says whether its
 * agent is selected (aria-pressed, and in words), the header's link says how many are, and a click adds or removes
 * the agent and says so. Follows changes made in other tabs and on the selection page.
 */
import { announce } from './copy.ts';
import { onSelectionChange, readSelection, writeSelection } from './selection-store.ts';

const plural = (n: number) => `${n} agent${n === 1 ? '' : 's'}`;

/** Brings every toggle and count on the page in line with the stored selection. */
export function paint(): void {
  const slugs = readSelection();
  for (const toggle of document.querySelectorAll<HTMLElement>('selection-toggle')) {
    toggle.querySelector('button')?.setAttribute('aria-pressed', String(slugs.includes(toggle.dataset.slug ?? '')));
  }
  for (const count of document.querySelectorAll<HTMLElement>('[data-selection-count]')) count.textContent = String(slugs.length);
  // No count while nothing is selected: "Selection 0" reads as a broken counter.
  for (const box of document.querySelectorAll<HTMLElement>('[data-selection-count-box]')) box.hidden = slugs.length === 0;
}

export function isSelected(slug: string): boolean {
  return readSelection().includes(slug);
}

/**
 * Adds the agent, or removes it when it is in the selection; announces which in the page's live region (`say`: off
 * where the caller has its own, as the search dialog). Returns whether it is now selected.
 */
export function toggle(slug: string, say = true): boolean {
  const slugs = readSelection();
  const adding = !slugs.includes(slug);
  const next = adding ? [...slugs, slug] : slugs.filter((s) => s !== slug);
  writeSelection(next);
  if (say) announce(`${adding ? 'Added' : 'Removed'} ${slug} ${adding ? 'to' : 'from'} your selection: ${plural(next.length)}.`);
  return adding;
}

onSelectionChange(paint);
paint();
if (document.querySelector('selection-page')) void import('./selection-page.ts');
