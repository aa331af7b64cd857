/**
 * <install-choice>: the scope (project / user) and shell (bash / PowerShell) radio groups of an install
 * snippet. The choice lives on <html data-install-scope data-install-shell> (set before paint by the inline
 * script from localStorage), so CSS shows the matching command with no flash and every snippet on the page
 * agrees. Without scripts those attributes are absent and every command is shown.
 */
export {}; // A module, not a global script: its top-level names stay its own.
const KEYS = { scope: 'ad-install-scope', shell: 'ad-install-shell' } as const;
type Kind = keyof typeof KEYS;

function sync() {
  const root = document.documentElement;
  for (const input of document.querySelectorAll<HTMLInputElement>('install-choice input[type="radio"]')) {
    const kind = input.dataset.choice as Kind;
    const chosen = root.getAttribute(`data-install-${kind}`);
    // The plugin choice, remembered from a plugin's agent, on an agent without one: the project command stands in.
    const offered = input.form ?? input.closest('install-choice');
    const has = offered?.querySelector(`input[data-choice="${kind}"][value="${chosen}"]`);
    input.checked = has ? chosen === input.value : input.value === 'project';
  }
}

function choose(kind: Kind, value: string) {
  document.documentElement.setAttribute(`data-install-${kind}`, value);
  try {
    localStorage.setItem(KEYS[kind], value);
  } catch {
    // Storage blocked: the choice lasts for this page.
  }
  sync();
}

class InstallChoice extends HTMLElement {
  connectedCallback() {
    for (const input of this.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
      input.disabled = false;
      input.addEventListener('change', () => input.checked && choose(input.dataset.choice as Kind, input.value));
    }
    sync();
  }
}

if (!customElements.get('install-choice')) {
  customElements.define('install-choice', InstallChoice);
  // Another tab changed the choice: follow it.
  addEventListener('storage', (event) => {
    const kind = (Object.keys(KEYS) as Kind[]).find((k) => KEYS[k] === event.key);
    if (kind && event.newValue) {
      document.documentElement.setAttribute(`data-install-${kind}`, event.newValue);
      sync();
    }
  });
}
