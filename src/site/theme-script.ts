/**
 * The no-flash theme script every page carries inline in its head (layouts/Base.astro): it sets the theme and the
 * install choices from localStorage before the first paint. Kept as a string so its CSP hash is computed from the
 * exact text the page carries (src/site/csp.ts), once per build rather than once per page.
 */
import { sha256 } from './csp.ts';

export const THEME_SCRIPT = `(() => {
  const r = document.documentElement;
  r.dataset.js = '';
  let s = {};
  try { s = localStorage; } catch {}
  const get = (k) => { try { return s.getItem(k); } catch { return null; } };
  const theme = get('ad-theme');
  if (theme === 'light' || theme === 'dark') r.dataset.theme = theme;
  const scope = get('ad-install-scope');
  r.dataset.installScope = r.dataset.installPrefer === 'plugin' ? 'plugin' : scope === 'user' || scope === 'plugin' ? scope : 'project';
  const shell = get('ad-install-shell');
  r.dataset.installShell = shell === 'bash' || shell === 'powershell' ? shell : /Win/.test(navigator.platform) ? 'powershell' : 'bash';
})();`;

export const THEME_SCRIPT_HASH = sha256(THEME_SCRIPT);
