/**
 * The selection's always-loaded part, kept tiny: `<selection-toggle>` (the "Add to selection" button of a card or an
 * agent page) is enabled here, and the rest (scripts/selection-ui.ts: button states, the header's count, toggling)
 * loads on the first sign of use: a pointer on or focus in a button, or a selection already in this browser. The
 * selection page's own script (selection-page.ts) comes the same way, so the selection adds one script to the site.
 */
import { readSelection } from './selection-store.ts';

type Ui = typeof import('./selection-ui.ts');
let ui: Promise<Ui> | undefined;
const load = (): Promise<Ui> => (ui ??= import('./selection-ui.ts'));

class SelectionToggle extends HTMLElement {
  connectedCallback(): void {
    const button = this.querySelector('button');
    if (!button || button.dataset.ready !== undefined) return;
    button.dataset.ready = '';
    for (const type of ['pointerenter', 'focus']) button.addEventListener(type, () => void load(), { once: true });
    button.addEventListener('click', () => void load().then(({ toggle }) => toggle(this.dataset.slug!)));
    button.disabled = false;
  }
}

if (!customElements.get('selection-toggle')) {
  customElements.define('selection-toggle', SelectionToggle);
  if (readSelection().length || document.querySelector('selection-page')) void load();
}
