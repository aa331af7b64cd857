/**
 * <theme-toggle>: light / dark / auto. The inline script in Base.astro applies the stored choice before
 * paint; this element only changes it. "auto" removes data-theme so the CSS follows the system.
 */
export const THEME_KEY = 'ad-theme';
type Theme = 'light' | 'dark' | 'auto';

function apply(theme: Theme) {
  const root = document.documentElement;
  if (theme === 'auto') delete root.dataset.theme;
  else root.dataset.theme = theme;
  try {
    if (theme === 'auto') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Storage may be blocked; the choice then lasts for this page only.
  }
}

class ThemeToggle extends HTMLElement {
  connectedCallback() {
    const select = this.querySelector('select');
    if (!select) return;
    const current = document.documentElement.dataset.theme;
    select.value = current === 'light' || current === 'dark' ? current : 'auto';
    select.disabled = false;
    select.addEventListener('change', () => apply(select.value as Theme));
  }
}

if (!customElements.get('theme-toggle')) customElements.define('theme-toggle', ThemeToggle);
