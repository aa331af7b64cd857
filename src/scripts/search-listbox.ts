/**
 * The active-option half of the combobox pattern: focus stays in the input, `aria-activedescendant` points at the
 * active option, `aria-selected` marks it for screen readers and CSS.
 */
export class Listbox {
  #index = -1;

  constructor(
    private readonly input: HTMLInputElement,
    private readonly list: HTMLElement,
  ) {}

  get options(): HTMLAnchorElement[] {
    return [...this.list.querySelectorAll<HTMLAnchorElement>('[role="option"]')];
  }

  get active(): HTMLAnchorElement | undefined {
    return this.options[this.#index];
  }

  /** Makes option `index` active; -1 clears. `scroll` is off for pointer moves, which must not jump the list. */
  select(index: number, scroll = true): void {
    const options = this.options;
    this.active?.setAttribute('aria-selected', 'false');
    this.#index = index >= 0 && index < options.length ? index : -1;
    const active = options[this.#index];
    if (!active) {
      this.input.removeAttribute('aria-activedescendant');
      return;
    }
    active.setAttribute('aria-selected', 'true');
    this.input.setAttribute('aria-activedescendant', active.id);
    if (scroll) active.scrollIntoView({ block: 'nearest' });
  }

  /** ↑/↓ wrap around, as in the WAI-ARIA combobox examples. */
  move(delta: number): void {
    const count = this.options.length;
    if (!count) return;
    const from = this.#index < 0 ? (delta > 0 ? -1 : count) : this.#index;
    this.select((from + delta + count) % count);
  }

  selectOption(option: HTMLAnchorElement, scroll = true): void {
    this.select(this.options.indexOf(option), scroll);
  }

  clear(): void {
    this.list.replaceChildren();
    this.select(-1);
  }
}
