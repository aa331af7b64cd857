/**
 * A reader lands on the home page, finds the seed agent in the catalog and opens it.
 */
import { expect, SEED, test } from './fixtures.ts';

test('the catalog lists the seed agent and opens its page', async ({ page, basePath }) => {
  await page.goto('');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // Card summaries come from descriptions written as one YAML line with `\n` escapes: never show them raw.
  expect(await page.locator('body').innerText()).not.toContain('\\n');

  const entry = page.getByRole('main').getByRole('link', { name: new RegExp(SEED.slug) }).first();
  await expect(entry).toBeVisible();
  await entry.click();

  await expect(page).toHaveURL((url) => url.pathname === `${basePath}agents/${SEED.slug}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(SEED.slug));
});
