/**
 * axe-core's WCAG 2.1 A/AA rules on the pages most readers see, in both themes.
 */
import type { Page } from 'playwright/test';
import { expect, expectAccessible, gotoWithTheme, SEED, test, type Theme } from './fixtures.ts';

const pages: { name: string; path: string; ready?: (page: Page) => Promise<void> }[] = [
  { name: 'home', path: '' },
  { name: 'agent page', path: `agents/${SEED.slug}/` },
  { name: 'category page', path: 'categories/infrastructure/' },
  {
    name: 'all-agents view, filtered',
    path: 'all/?model=sonnet',
    ready: (page) => expect(page.locator('catalog-filters')).not.toHaveAttribute('aria-busy'),
  },
  {
    // With results showing, so the listbox, excerpts and highlights are checked too.
    name: 'search page',
    path: 'search/?q=mlops',
    ready: (page) => expect(page.getByRole('main').getByRole('listbox').getByRole('option').first()).toBeVisible(),
  },
];

for (const theme of ['light', 'dark'] as Theme[]) {
  for (const { name, path, ready } of pages) {
    test(`${name} has no WCAG A/AA violations in the ${theme} theme`, async ({ page }) => {
      await gotoWithTheme(page, path, theme);
      await ready?.(page);
      await expectAccessible(page);
    });
  }
}
