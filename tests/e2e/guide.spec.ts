/**
 * The authoring guide, read as an author would: its sections and contents, and the live parts computed at build
 * time from the guide's sample files (the verdicts, the broken file's diagnostic, the example conversation, the
 * install snippet, the `npm run check` output). Accessible in both themes, and no wider than a phone.
 */
import type { Locator } from 'playwright/test';
import { COLORS } from '../../src/agents/claude-code.ts';
import { BROKEN } from '../../src/components/guide/samples.ts';
import { expect, expectAccessible, gotoWithTheme, test, type Theme } from './fixtures.ts';

const guidePath = 'guide/';

const SECTIONS = [
  'Where agent files live',
  'The file format',
  'Descriptions and examples',
  'When the YAML is wrong',
  'Checking agent files in CI',
  'Building the catalog from your own folder',
];

/** The wrapper of the `##` heading that says `name` (the heading and its "#" link). */
function headingOf(article: Locator, name: string): Locator {
  return article.locator('.heading-wrap', { has: article.page().getByRole('heading', { level: 2, name }) });
}

test('has its sections, each in the contents and reachable by anchor', async ({ page }) => {
  await page.goto(guidePath);
  const article = page.getByTestId('guide');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Writing agent files');
  await expect(article.getByRole('heading', { level: 2 })).toHaveText(SECTIONS);
  // The guide, not the page chrome, is what search indexes.
  await expect(article).toHaveAttribute('data-pagefind-body', '');

  const contents = page.getByRole('navigation', { name: 'On this page' });
  for (const name of SECTIONS) {
    const link = contents.getByRole('link', { name, exact: true });
    const target = (await link.getAttribute('href'))!;
    expect(target).toMatch(/^#[a-z0-9-]+$/);
    await expect(page.locator(target)).toHaveText(name);
    // Each heading carries its own "#" link, so a section can be linked to.
    await expect(headingOf(article, name).getByRole('link', { name: `Link to “${name}”` })).toHaveAttribute('href', target);
  }
});

test('shows the real diagnostic for the broken sample: error, line, fix', async ({ page }) => {
  await page.goto(guidePath);
  const box = page.getByTestId('live-diagnostics').getByTestId('compatibility');
  await expect(box).toHaveAttribute('data-loads', 'false');
  await expect(box).toContainText('Does not load in Claude Code');

  const error = box.locator('[data-testid="diagnostic"][data-severity="error"]').first();
  await expect(error).toContainText(/not valid YAML/);
  await expect(error).toContainText(/Fix: \S/);
  const location = await error.getByTestId('diagnostic-location').innerText();
  const [, line] = location.match(new RegExp(`^${BROKEN.file.replace('.', '\\.')}:(\\d+)(?::\\d+)?$`)) ?? [];
  expect(line, `location "${location}" names the file and a line`).toBeDefined();
  // The line is inside the sample's frontmatter (between its two `---` lines), as the numbered listing shows it.
  const closing = BROKEN.text.split('\n').indexOf('---', 1) + 1;
  expect(Number(line)).toBeGreaterThan(1);
  expect(Number(line)).toBeLessThan(closing);
  await expect(page.getByTestId('sample-broken').locator('.line').nth(Number(line) - 1)).toHaveText(BROKEN.text.split('\n')[Number(line) - 1]);
});

test('shows the live verdicts of the sample files', async ({ page }) => {
  await page.goto(guidePath);
  for (const sample of ['sample-minimal', 'sample-full', 'sample-described']) {
    await expect(page.getByTestId(sample).getByTestId('compatibility'), sample).toHaveText(/^\s*Loads in Claude Code\s*$/);
  }
  // Rescued by Claude Code's retry: it loads, with a warning about the line that became a key.
  const rescued = page.getByTestId('sample-rescued').getByTestId('compatibility');
  await expect(rescued).toHaveAttribute('data-loads', 'true');
  await expect(rescued.locator('[data-severity="warning"]')).toContainText('user:');
});

test('renders the sample description as an example conversation', async ({ page }) => {
  await page.goto(guidePath);
  const example = page.getByTestId('live-example').getByTestId('example').first();
  await expect(example.getByTestId('example-context')).toContainText('The user has just tagged a release.');
  const turns = example.getByTestId('turn');
  await expect(turns).toHaveCount(2);
  await expect(turns.nth(0)).toHaveAttribute('data-role', 'user');
  await expect(turns.nth(0).getByTestId('turn-speaker')).toHaveText('User');
  await expect(turns.nth(0).getByTestId('turn-text')).toHaveText('I tagged v2.3.0, can you write the release notes?');
  await expect(turns.nth(1)).toHaveAttribute('data-role', 'assistant');
  await expect(turns.nth(1).getByTestId('turn-speaker')).toHaveText('Assistant');
  await expect(example.getByTestId('example-commentary')).toContainText('A new tag is exactly when this agent applies');
});

test('shows an install snippet for an agent this site publishes', async ({ page, baseURL, basePath }) => {
  await page.goto(guidePath);
  const install = page.getByTestId('guide-install');
  const agentLink = install.getByRole('link').first();
  const slug = (await agentLink.getAttribute('href'))!.match(/agents\/([^/]+)\/$/)![1];
  const url = `${new URL(baseURL!).origin}${basePath}agents/${slug}.md`;
  await expect(install.getByTestId('install-command-project-bash')).toHaveText(`mkdir -p .claude/agents && curl -fsSL ${url} -o .claude/agents/${slug}.md`);
  await expect(install.getByTestId('install-command-project-bash')).toBeVisible();
  // The file the command downloads exists.
  const response = await page.request.get(`agents/${slug}.md`);
  expect(response.status()).toBe(200);
});

test('documents every colour Claude Code accepts, from its source of truth', async ({ page }) => {
  await page.goto(guidePath);
  const row = page.getByTestId('field-table').locator('tr[data-field="color"]');
  await expect(row.locator('.values code')).toHaveText([...COLORS]);
  await expect(page.getByTestId('field-table').locator('tr[data-field="name"]')).toContainText('required');
});

test('shows what `npm run check` prints, as text, as JSON and as GitHub annotations', async ({ page }) => {
  await page.goto(guidePath);
  const text = page.getByTestId('check-output-text');
  await expect(text).toContainText('$ npm run check -- .claude/agents');
  await expect(text).toContainText(/release-notes-writer\.md:\d+(:\d+)?: error: /);
  await expect(text).toContainText('1 error in 1 file');

  const json = await page.getByTestId('check-output-json').locator('code').innerText();
  const entries = JSON.parse(json.slice(json.indexOf('\n') + 1)) as Array<{ file: string; loads: boolean; errors: { line: number; fix: string }[] }>;
  expect(entries.map((e) => [e.file, e.loads])).toEqual([
    ['commit-message-writer.md', true],
    ['release-notes-writer.md', false],
  ]);
  expect(entries[1].errors[0].line).toBeGreaterThan(0);
  expect(entries[1].errors[0].fix).not.toBe('');

  // What the GitHub Action prints: an annotation on the broken file's line, paths from the repository root.
  const github = page.getByTestId('check-output-github');
  await expect(github).toContainText('$ npm run check -- --format github .claude/agents');
  await expect(github).toContainText(new RegExp(`::error file=\\.claude/agents/release-notes-writer\\.md,line=${entries[1].errors[0].line}[,:]`));
  await expect(github).toContainText('agent-docs: 2 files checked, 1 agent loads in Claude Code, 1 error in 1 file');
});

test('fits a phone screen without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(guidePath);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
});

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`has no WCAG A/AA violations in the ${theme} theme`, async ({ page }) => {
    await gotoWithTheme(page, guidePath, theme);
    await expectAccessible(page);
  });
}
