/**
 * axe-core's WCAG 2.1 A/AA rules on the pages most readers see, in both themes.
 */
import { expectAccessible, gotoWithTheme, SEED, test, type Theme } from './fixtures.ts';

const pages = [
  { name: 'home', path: '' },
  { name: 'agent page', path: `agents/${SEED.slug}/` },
  { name: 'search page', path: 'search/' },
];

for (const theme of ['light', 'dark'] as Theme[]) {
  for (const { name, path } of pages) {
    test(`${name} has no WCAG A/AA violations in the ${theme} theme`, async ({ page }) => {
      await gotoWithTheme(page, path, theme);
      await expectAccessible(page);
    });
  }
}
