/**
 * The seed agent's page, read top to bottom: what it is for, its example conversations and principles, and the
 * two ways to take it home (copy the definition, or run the install command).
 */
import { expect, readSeed, SEED, test } from './fixtures.ts';

const pagePath = `agents/${SEED.slug}/`;

test('shows the agent with its example conversations and principles', async ({ page }) => {
  await page.goto(pagePath);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(SEED.slug));

  const examples = page.getByRole('region', { name: /example conversations/i }).getByRole('article');
  await expect(examples).toHaveCount(SEED.examples);
  await expect(examples.first()).toContainText('finished training my first model');
  // Each turn says who is speaking in words: the seed's examples are each one user turn, then the assistant's.
  for (let i = 0; i < SEED.examples; i++) {
    const turns = examples.nth(i).getByRole('list').first().getByRole('listitem');
    await expect(turns).toHaveCount(2);
    await expect(turns.nth(0)).toContainText(/^User/);
    await expect(turns.nth(1)).toContainText(/^Assistant/);
  }

  const principles = page.getByRole('region', { name: /^principles/i });
  await expect(principles.getByRole('listitem')).toHaveCount(SEED.principles);
  await expect(principles.getByRole('listitem').first()).toContainText('Automation First');
});

test('an example whose user has a name shows her turn as the user\'s, not inside the context', async ({ page }) => {
  // agents/release/release-manager.md's third example: `Daisy: "…"` then `Assistant: "…"`.
  await page.goto('agents/release-manager/');
  const example = page.getByRole('region', { name: /example conversations/i }).getByRole('article').nth(2);
  await expect(example.getByTestId('example-context')).toHaveText(/^Context\s+Daisy maintains the project/);
  await expect(example.getByTestId('example-context')).not.toContainText('3.0.0-rc.1');
  const turns = example.getByTestId('turn');
  await expect(turns).toHaveCount(2);
  await expect(turns.nth(0)).toHaveAttribute('data-role', 'user');
  await expect(turns.nth(0).getByTestId('turn-speaker')).toHaveText('Daisy');
  await expect(turns.nth(0).getByTestId('turn-text')).toHaveText("Can you prepare 3.0.0-rc.1 from main? Don't push anything yet.");
  await expect(turns.nth(1)).toHaveAttribute('data-role', 'assistant');
  // The user's words are what "Copy prompt" copies.
  await expect(example.getByTestId('copy-prompt')).toHaveCount(1);
});

test('shows no escaped newlines as text', async ({ page }) => {
  await page.goto(pagePath);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The seed's description is one YAML line with `\n` escapes; a reader must see line breaks, never `\n`.
  const text = await page.locator('body').innerText();
  expect(text).not.toContain('\\n');
  expect(text).toContain('Building end-to-end ML pipelines');
});

test('"Copy definition" puts the exact file on the clipboard', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
  await page.goto(pagePath);
  const button = page.getByRole('button', { name: /copy definition/i });
  await expect(button).toBeEnabled(); // disabled until its script is ready
  await button.click();
  await expect(page.getByRole('button', { name: /^copied/i })).toBeVisible();

  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const file = await readSeed();
  expect(copied.length, 'characters on the clipboard').toBe(file.length);
  expect(copied).toBe(file);
});

test('the install command names the agents folder and the raw file URL where the page was loaded from', async ({ page, baseURL, siteUrl, basePath }) => {
  await page.goto(pagePath);
  // SITE_URL is where the build was told the site lives (localhost:4321 when unset); the page is served here, and
  // the command names the file here: the one address certain to serve it.
  const url = `${new URL(baseURL!).origin}${basePath}agents/${SEED.slug}.md`;
  expect(new URL(baseURL!).origin, 'this test serves the build elsewhere than SITE_URL').not.toBe(siteUrl);
  await expect(page.getByRole('main')).not.toContainText(siteUrl);
  const main = page.getByRole('main');
  const project = main.getByText(`mkdir -p .claude/agents && curl -fsSL ${url} -o .claude/agents/${SEED.slug}.md`);
  const user = main.getByText(`mkdir -p ~/.claude/agents && curl -fsSL ${url} -o ~/.claude/agents/${SEED.slug}.md`);

  await expect(main.getByRole('radio', { name: /this project/i })).toBeChecked();
  await expect(project).toBeVisible();
  await expect(user).toBeHidden();

  await main.getByRole('radio', { name: /all my projects/i }).check();
  await expect(user).toBeVisible();
  await expect(project).toBeHidden();
  await expect(main.getByText('~/.claude/agents/', { exact: true })).toBeVisible();
});

test('the raw definition is served byte for byte', async ({ request }) => {
  const response = await request.get(`agents/${SEED.slug}.md`);
  expect(response.status()).toBe(200);
  const served = await response.body();
  const file = Buffer.from(await readSeed(), 'utf8');
  expect(served.equals(file), `served ${served.length} bytes, file has ${file.length}`).toBe(true);
});

test('the plugin choice, remembered from a plugin\'s agent, falls back to this project on an agent without a plugin', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('ad-install-scope', 'plugin'));
  await page.goto(pagePath);
  const main = page.getByRole('main');
  await expect(main.getByRole('radio', { name: /this project/i })).toBeChecked();
  await expect(main.getByRole('radio', { name: /whole plugin/i })).toHaveCount(0);
  await expect(page.getByTestId('install-command-project-bash')).toBeVisible();
  await expect(page.getByTestId('install-command-user-bash')).toBeHidden();
});
