/**
 * The theme a reader picks is the theme they get back, on reload and on the next page.
 */
import { expect, SEED, test, themeControl } from './fixtures.ts';
import type { Page } from 'playwright/test';

/** The page's background colour, painted on the root element. */
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

test('the chosen theme survives a reload and carries to the next page', async ({ page }) => {
  // Reduced motion: no colour transition to catch half-way.
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto('');
  await expect(themeControl(page)).toBeEnabled();
  const light = await background(page);

  await themeControl(page).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Polled: Chromium now and then reports the old colour for a moment after the attribute changes.
  await expect.poll(() => background(page), { message: 'the dark theme changes the page background' }).not.toBe(light);
  const dark = await background(page);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(themeControl(page)).toHaveValue('dark');
  await expect.poll(() => background(page)).toBe(dark);

  await page.goto(`agents/${SEED.slug}/`);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(() => background(page)).toBe(dark);
});
