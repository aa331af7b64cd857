/**
 * A reader lands on the home page, goes to the seed agent's category and opens the agent.
 */
import { expect, SEED, test } from './fixtures.ts';

test('the home page leads to the seed agent through its category', async ({ page, basePath }) => {
  await page.goto('');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Summaries come from descriptions written as one YAML line with `\n` escapes: never show them raw.
  expect(await page.locator('body').innerText()).not.toContain('\\n');

  await page.getByTestId('categories-grid').getByRole('link', { name: 'Infrastructure' }).click();
  await expect(page).toHaveURL((url) => url.pathname === `${basePath}categories/infrastructure/`);
  expect(await page.locator('body').innerText()).not.toContain('\\n');
  await page.getByRole('main').getByRole('link', { name: SEED.slug, exact: true }).click();

  await expect(page).toHaveURL((url) => url.pathname === `${basePath}agents/${SEED.slug}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(SEED.slug));
});
