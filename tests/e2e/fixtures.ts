/**
 * What every browser test shares: the target's settings as options, a guard that fails a test on any console
 * error or uncaught exception in the pages it opened, and the accessibility check.
 */
import { test as base, expect, type Page } from 'playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';

export interface TargetOptions {
  /** SITE_URL the build used: install commands must name it. */
  siteUrl: string;
  /** BASE_PATH the build used, with leading and trailing `/`. */
  basePath: string;
}

interface Guards {
  /** Console errors and page errors seen so far; the test fails at its end if any were seen. */
  consoleErrors: string[];
}

export const test = base.extend<TargetOptions & Guards>({
  siteUrl: ['http://localhost:4321', { option: true }],
  basePath: ['/', { option: true }],
  consoleErrors: [
    async ({ context, page }, use) => {
      const errors: string[] = [];
      const watch = (watched: Page) => {
        watched.on('console', (message) => {
          if (message.type() !== 'error') return;
          const { url, lineNumber } = message.location();
          errors.push(`console error on ${watched.url()}: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
        });
        watched.on('pageerror', (error) => errors.push(`uncaught ${error.name} on ${watched.url()}: ${error.message}`));
      };
      watch(page);
      context.on('page', watch); // tabs the page opens
      await use(errors);
      expect(errors, 'console errors or uncaught exceptions on the pages visited').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The seed agent the issue is about. */
export const SEED = {
  slug: 'mlops-engineer',
  file: 'agents/infrastructure/mlops-engineer.md',
  examples: 5,
  principles: 8,
} as const;

export function readSeed(): Promise<string> {
  return readFile(SEED.file, 'utf8');
}

export type Theme = 'light' | 'dark';

/** The header's theme control (a select: Auto, Light, Dark). */
export const themeControl = (page: Page) => page.getByRole('combobox', { name: /theme/i });

/**
 * Opens `path` and picks `theme` with the header control, the system preference agreeing, so the page is in that
 * theme whether the CSS reads the choice or the preference.
 */
export async function gotoWithTheme(page: Page, path: string, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(path);
  await themeControl(page).selectOption(theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core on the page as it is now and fails with one line per violation and offending node.
 *
 * Legacy mode runs `axe.run` in the page itself; the default runs `axe.runPartial` in every frame and then
 * `axe.finishRun` in a fresh blank page, which injects axe twice and costs ~2.3x the time (2.3 s against 0.95 s
 * on the home page, measured in Chromium's headless shell) for what it adds: cross-origin frames, which no page
 * here has. `resultTypes` keeps every violation with all its nodes and stops axe collecting the nodes that passed.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze();
  const described = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n` +
      violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.split('\n').join(' ')}`).join('\n'),
  );
  expect(described, `axe-core violations on ${page.url()}`).toEqual([]);
}
