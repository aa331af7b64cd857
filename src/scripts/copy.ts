/**
 * <copy-button>: the one copy helper. Wraps a <button disabled> and enables it once upgraded.
 * What to copy, first match wins:
 *   data-copy-text="…"   that text as written at build time, its site URL made the page's own (e.g. the absolute
 *                        URL of a section, CopyLinkButton)
 *   data-copy-from="id"  the text of that element (exactly its textContent)
 *   data-copy-url="url"  the body of a same-origin file, fetched on click (e.g. the raw agent .md)
 * Shows "Copied" on the button for a moment and announces the result in the page's live region.
 */
import { showPageOrigin, withPageOrigin } from './site-url.ts';

const RESET_MS = 2000;

export function announce(message: string) {
  let region = document.getElementById('ad-announcer');
  if (!region) {
    region = Object.assign(document.createElement('div'), { id: 'ad-announcer', className: 'sr-only' });
    region.setAttribute('aria-live', 'polite');
    document.body.append(region);
  }
  // Clear first so the same message twice is announced twice.
  region.textContent = '';
  setTimeout(() => (region.textContent = message), 50);
}

/** Last resort for browsers without the async Clipboard API or without permission. */
function execCommandCopy(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.cssText = 'position:fixed;inset-block-start:0;opacity:0;pointer-events:none';
  const focused = document.activeElement as HTMLElement | null;
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  focused?.focus();
  return ok;
}

/** Copies text, or the text a promise resolves to, keeping the user gesture alive for Safari. */
export async function copyText(source: string | Promise<string>): Promise<boolean> {
  const clipboard = navigator.clipboard;
  if (clipboard && typeof source !== 'string' && typeof ClipboardItem !== 'undefined') {
    try {
      const blob = source.then((t) => new Blob([t], { type: 'text/plain' }));
      await clipboard.write([new ClipboardItem({ 'text/plain': blob })]);
      return true;
    } catch {
      // Fall through: older engines reject promise-valued ClipboardItems.
    }
  }
  const text = await source;
  try {
    if (clipboard) {
      await clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission denied or insecure context: try the old way.
  }
  return execCommandCopy(text);
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

class CopyButton extends HTMLElement {
  #timer?: ReturnType<typeof setTimeout>;

  connectedCallback() {
    const button = this.querySelector('button');
    if (!button || button.dataset.ready) return;
    button.dataset.ready = 'true';
    button.disabled = false;
    button.addEventListener('click', () => this.#copy(button));
  }

  #source(): string | Promise<string> {
    const { copyText: text, copyFrom, copyUrl } = this.dataset;
    if (text) return withPageOrigin(text);
    if (copyFrom) return document.getElementById(copyFrom)?.textContent ?? '';
    if (copyUrl) return fetchText(copyUrl);
    return '';
  }

  async #copy(button: HTMLButtonElement) {
    const label = button.querySelector('.copy-label') ?? button;
    const idle = this.dataset.label ?? label.textContent ?? 'Copy';
    this.dataset.label = idle;
    let ok = false;
    try {
      ok = await copyText(this.#source());
    } catch {
      ok = false;
    }
    this.dataset.state = ok ? 'copied' : 'failed';
    label.textContent = ok ? 'Copied' : 'Copy failed';
    announce(ok ? (this.dataset.announce ?? 'Copied to the clipboard') : 'Copy failed: select the text and copy it by hand');
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      label.textContent = idle;
      delete this.dataset.state;
    }, RESET_MS);
  }
}

// Commands that name this site's files show the page's own origin before any button can copy them (site-url.ts).
showPageOrigin();
if (!customElements.get('copy-button')) customElements.define('copy-button', CopyButton);
