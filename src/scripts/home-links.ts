/**
 * Links made before the catalog had pages per category and per plugin still work: the home page used to list
 * every agent, with filters in its query (`/?model=opus`) and a section per category (`/#category-security`). A
 * filtered link now opens the all-agents view with the same query; a section's anchor, its page.
 */
import { FACETS } from './filter-match.ts';

const FILTER_KEYS = ['q', ...FACETS];
const params = new URLSearchParams(location.search);
if (FILTER_KEYS.some((key) => params.has(key))) {
  location.replace(`${document.querySelector<HTMLAnchorElement>('[data-all-agents]')!.href}${location.search}`);
} else {
  follow();
  // Also for an anchor followed from this very page (the address bar, or history).
  addEventListener('hashchange', follow);
}

function follow() {
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && target.dataset.movedTo) location.replace(target.dataset.movedTo);
}
