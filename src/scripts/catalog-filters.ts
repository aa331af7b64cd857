/**
 * <catalog-filters>: narrows the home page's catalog by text and by category, model, colour, tool access and what
 * the agent can do.
 *
 * The form is the state: its fields serialise to the URL query (`?q=…&category=a&category=b&model=…`), so a
 * filtered catalog can be shared and comes back on reload and with back/forward. Typing replaces the history
 * entry; a facet change pushes one. Within a facet any checked value matches; across facets all must.
 *
 * Cards are matched on the data-* attributes AgentCard already carries, read once, so nothing is shipped per
 * agent for this. Option counts follow the other filters (what you would get by ticking that option).
 */
export {}; // A module, not a global script: its top-level names stay its own.
const FACETS = ['category', 'model', 'color', 'tools', 'can'];
const KEYS = ['q', ...FACETS];

interface Group {
  section: HTMLElement;
  count: HTMLElement | null;
  /** The server-rendered count ("5 agents"), shown again when nothing is filtered. */
  label: string;
  shown: number;
}

interface Card {
  item: HTMLElement;
  group?: Group;
  /** Per facet, the card's values (tool access is one value plus "mcp" when it lists MCP tools; `can`, its flags). */
  values: string[][];
  text: string;
}

const agents = (n: number) => `${n.toLocaleString('en')} agent${n === 1 ? '' : 's'}`;

class CatalogFilters extends HTMLElement {
  #form!: HTMLFormElement;
  #cards: Card[] = [];
  #groups: Group[] = [];
  /** Option count elements by facet index + value. */
  #counts = new Map<string, HTMLElement>();

  connectedCallback() {
    const form = this.querySelector('form');
    const catalog = document.getElementById(this.dataset.catalog ?? '');
    if (!form || !catalog || this.#cards.length) return;
    this.#form = form;

    const groups = new Map<Element, Group>();
    for (const section of catalog.querySelectorAll<HTMLElement>('section')) {
      const count = section.querySelector<HTMLElement>('[data-category-count]');
      groups.set(section, { section, count, label: count?.textContent ?? '', shown: 0 });
    }
    this.#groups = [...groups.values()];
    for (const card of catalog.querySelectorAll<HTMLElement>('[data-tool-access]')) {
      const d = card.dataset;
      const text = ['.card-title', '.card-summary'].map((s) => card.querySelector(s)?.textContent).join(' ');
      this.#cards.push({
        item: card.parentElement ?? card,
        group: groups.get(card.closest('section')!),
        values: [[d.category!], [d.model!], [d.color!], d.tools?.includes('"mcp__') ? [d.toolAccess!, 'mcp'] : [d.toolAccess!], JSON.parse(d.can ?? '[]') as string[]],
        text: text.toLowerCase(),
      });
    }
    for (const input of form.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
      const count = input.parentElement?.querySelector<HTMLElement>('[data-count]');
      if (count) this.#counts.set(FACETS.indexOf(input.name) + input.value, count);
    }

    form.addEventListener('submit', (event) => event.preventDefault());
    form.addEventListener('input', (event) => this.#update((event.target as HTMLInputElement).type === 'checkbox'));
    for (const button of this.querySelectorAll('[data-filter-clear]')) {
      button.addEventListener('click', () => {
        form.reset();
        this.#update(true);
        (form.elements.namedItem('q') as HTMLInputElement).focus();
      });
    }
    addEventListener('popstate', () => this.#restore());
    const toggle = this.querySelector('[data-filter-toggle]')!;
    toggle.addEventListener('click', () => toggle.setAttribute('aria-expanded', String(toggle.ariaExpanded !== 'true')));

    this.querySelector<HTMLFieldSetElement>('[data-filter-fields]')!.disabled = false;
    this.#restore();
    // Values the form has no option for are dropped, so the URL always says what the page shows.
    history.replaceState(history.state, '', this.#url());
  }

  /** Sets the fields from the URL, then filters. */
  #restore() {
    const params = new URLSearchParams(location.search);
    for (const input of this.#form.querySelectorAll('input')) {
      if (input.type === 'checkbox') input.checked = params.getAll(input.name).includes(input.value);
      else input.value = params.get(input.name) ?? '';
    }
    // A ticked option folded behind "Show all" is shown, so the form never hides what it filters by.
    for (const more of this.#form.querySelectorAll<HTMLDetailsElement>('details[data-filter-more]')) {
      if (more.querySelector('input:checked')) more.open = true;
    }
    this.#filter();
  }

  #update(push: boolean) {
    this.#filter();
    const url = this.#url();
    if (url !== location.pathname + location.search + location.hash) history[push ? 'pushState' : 'replaceState'](null, '', url);
  }

  /** The current URL with the filter keys replaced by the form's non-empty fields; other parameters are kept. */
  #url(): string {
    const params = new URLSearchParams(location.search);
    for (const key of KEYS) params.delete(key);
    for (const [key, value] of new FormData(this.#form)) if (String(value).trim()) params.append(key, String(value));
    const query = params.toString();
    return location.pathname + (query && `?${query}`) + location.hash;
  }

  #filter() {
    const data = new FormData(this.#form);
    const words = String(data.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const chosen = FACETS.map((facet) => new Set(data.getAll(facet) as string[]));
    const active = words.length > 0 || chosen.some((set) => set.size > 0);
    const counts = new Map<string, number>();
    const tally = (i: number, card: Card) => {
      for (const value of card.values[i]) counts.set(i + value, (counts.get(i + value) ?? 0) + 1);
    };
    let shown = 0;
    for (const group of this.#groups) group.shown = 0;

    for (const card of this.#cards) {
      // How many filters the card fails (the text counts double: it has no options to count for). A card failing
      // one facet still counts towards that facet's options: ticking one of them would show it.
      let misses = words.every((word) => card.text.includes(word)) ? 0 : 2;
      let missed = -1;
      for (let i = 0; i < FACETS.length && misses < 2; i++) {
        if (chosen[i].size && !card.values[i].some((value) => chosen[i].has(value))) {
          missed = i;
          misses++;
        }
      }
      if (card.item.hidden !== misses > 0) card.item.hidden = misses > 0;
      if (misses === 0) {
        shown++;
        if (card.group) card.group.shown++;
        for (let i = 0; i < FACETS.length; i++) tally(i, card);
      } else if (misses === 1) tally(missed, card);
    }

    for (const [key, element] of this.#counts) {
      const n = counts.get(key) ?? 0;
      element.textContent = n.toLocaleString('en');
      element.closest('label')!.toggleAttribute('data-none', n === 0);
    }
    for (const group of this.#groups) {
      group.section.hidden = group.shown === 0;
      if (group.count) group.count.textContent = active ? `${group.shown.toLocaleString('en')} of ${group.label}` : group.label;
    }
    const total = this.#cards.length;
    const status = this.querySelector('[data-filter-count]')!;
    const text = active ? `Showing ${shown.toLocaleString('en')} of ${agents(total)}` : `Showing all ${agents(total)}`;
    if (status.textContent !== text) status.textContent = text;
    this.querySelector<HTMLElement>('form [data-filter-clear]')!.hidden = !active;
    const ticked = chosen.reduce((sum, set) => sum + set.size, 0);
    this.querySelector<HTMLElement>('[data-filter-selected]')!.hidden = !ticked;
    this.querySelector('[data-n]')!.textContent = String(ticked);
    this.querySelector<HTMLElement>('[data-filter-empty]')!.hidden = shown > 0;
  }
}

if (!customElements.get('catalog-filters')) customElements.define('catalog-filters', CatalogFilters);
