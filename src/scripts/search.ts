/**
 * `<search-dialog>`: the header's Search button and its modal. This is the only search code loaded with every page,
 * so it does just the cheap parts — shortcuts, open, close, focus, and an empty search worker once the page is idle —
 * and imports the search UI (and with it Pagefind) the first time someone shows intent: pointing at the button, or
 * opening the dialog.
 */
import { isApple, isTypingTarget } from './search-keys.ts';
import { prestartSearchWorker, startSearchWorker, type StartedWorker } from './search-worker-start.ts';

type Controller = import('./search-controller.ts').SearchController;

class SearchDialog extends HTMLElement {
  #dialog!: HTMLDialogElement;
  #panel!: HTMLElement;
  #input!: HTMLInputElement;
  #returnTo: HTMLElement | null = null;
  #ui?: Promise<Controller>;
  #worker?: { started: StartedWorker | undefined };

  connectedCallback(): void {
    this.#dialog = this.querySelector('dialog')!;
    this.#panel = this.querySelector('[data-search-panel]')!;
    this.#input = this.querySelector('[data-search-input]')!;
    const button = this.#upgradeTrigger();
    button.addEventListener('click', () => this.open());
    button.addEventListener('pointerenter', () => this.#load(), { once: true });
    this.querySelector('[data-search-close]')?.addEventListener('click', () => this.close());
    this.#dialog.addEventListener('click', this.#onDialogClick);
    this.#dialog.addEventListener('keydown', this.#onDialogKey);
    this.#dialog.addEventListener('close', this.#onClose);
    document.addEventListener('keydown', this.#onShortcut);
    prestartSearchWorker();
  }

  disconnectedCallback(): void {
    document.removeEventListener('keydown', this.#onShortcut);
  }

  open(): void {
    if (!this.#dialog.open) {
      this.#returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      this.#dialog.showModal();
    }
    this.#input.focus();
    this.#input.select();
    this.#load();
  }

  close(): void {
    this.#dialog.close();
  }

  /** Without JavaScript the trigger is a link to /search/; with it, a button that opens the dialog. */
  #upgradeTrigger(): HTMLButtonElement {
    const link = this.querySelector<HTMLAnchorElement>('[data-search-trigger]')!;
    const apple = isApple();
    const button = document.createElement('button');
    button.type = 'button';
    button.className = link.className;
    button.dataset.searchOpen = '';
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-keyshortcuts', apple ? 'Meta+K /' : 'Control+K /');
    button.append(...link.childNodes);
    const kbd = button.querySelector<HTMLElement>('[data-search-kbd]');
    if (kbd) {
      kbd.textContent = apple ? '⌘K' : 'Ctrl K';
      kbd.hidden = false;
    }
    link.replaceWith(button);
    return button;
  }

  #load(): void {
    if (this.#ui) return;
    // The worker first: it loads Pagefind while the search UI's code loads. Once, even if the UI must load again.
    const worker = (this.#worker ??= { started: startSearchWorker() }).started;
    this.#ui = import('./search-controller.ts').then(({ SearchController }) => {
      const controller = new SearchController(this.#panel, { mode: 'dialog', pageSize: 8, worker });
      controller.start();
      return controller;
    });
    this.#ui.catch((error: unknown) => {
      console.error('[agent-docs:search] the search UI did not load', error);
      this.#ui = undefined; // try again on the next open
    });
  }

  #onShortcut = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.isComposing) return;
    const chord = (event.metaKey || event.ctrlKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';
    const slash = event.key === '/' && !event.metaKey && !event.ctrlKey && !event.altKey && !isTypingTarget(event.target);
    if (!chord && !slash) return;
    event.preventDefault();
    // On the search page `/` goes to the page's own field rather than stacking a dialog over it.
    const inline = slash && document.querySelector<HTMLInputElement>('[data-search-inline] [data-search-input]');
    if (inline) inline.focus();
    else this.open();
  };

  #onDialogKey = (event: KeyboardEvent): void => {
    if (event.isComposing) return;
    // Handled here rather than by the dialog's `cancel`: in a type=search field Esc would only clear the text.
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    } else if (event.key === 'Tab' && !event.altKey && !event.ctrlKey && !event.metaKey) {
      this.#wrapFocus(event);
    }
  };

  /**
   * A modal <dialog> makes the page inert but lets Tab leave the last control for the browser's toolbar; the
   * WAI-ARIA dialog pattern (and a reader who keeps pressing Tab) expects it to come round to the first.
   */
  #wrapFocus(event: KeyboardEvent): void {
    const stops = [...this.#dialog.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')].filter(
      (node) => node.tabIndex >= 0 && !node.matches(':disabled') && node.checkVisibility(),
    );
    const [first, last] = [stops[0], stops.at(-1)];
    if (!first || !last) return;
    const [from, to] = event.shiftKey ? [first, last] : [last, first];
    if (document.activeElement !== from) return;
    event.preventDefault();
    to.focus();
  }

  #onDialogClick = (event: MouseEvent): void => {
    const target = event.target as Element;
    // The dialog box itself has no padding, so a click landing on it is a click on the backdrop.
    if (target === this.#dialog) return this.close();
    // Following a result closes the dialog, so an in-page section link shows its section.
    const plain = event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
    if (plain && target.closest('[role="option"]')) this.close();
  };

  #onClose = (): void => {
    if (this.#returnTo?.isConnected) this.#returnTo.focus();
    this.#returnTo = null;
  };
}

customElements.define('search-dialog', SearchDialog);
