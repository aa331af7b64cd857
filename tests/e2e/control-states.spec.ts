/**
 * Every control of the site, driven through each of its states in both themes, with axe-core run in each state and
 * the keyboard focus ring measured. A page checked at first load shows each control idle only: after a click the
 * pointer is still on the button, and hover colours once turned "Copied" into white on pale green (1.04:1), which axe
 * found only in that state. The table below is the site's controls; each row lists the states the control has.
 *
 * States that end by themselves ("Copied" goes back to "Copy" after two seconds) are held while they are checked:
 * the page's timers of a second or more wait until the test lets them run.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright/test';
import { expect, gotoWithTheme, SEED, test, type Theme } from './fixtures.ts';

const require = createRequire(import.meta.url);
/** axe-core as @axe-core/playwright uses it, injected once per page and run on one control at a time. */
const AXE_SOURCE = readFileSync(createRequire(require.resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type State = 'idle' | 'hover' | 'focus' | 'active' | 'pressed' | 'copied' | 'failed' | 'disabled';

interface Control {
  name: string;
  path: string;
  /** The control: a button, link, select, input, or the label a checkbox or radio sits in. */
  find: (page: Page) => Locator;
  states: State[];
  /** What the page needs before the control is there (a search typed, a selection stored). */
  prepare?: (page: Page) => Promise<void>;
  /** Where the state shows when it is not on the control itself (a checkbox's pill, a copy button's wrapper). */
  stateOn?: (control: Locator) => Locator;
  viewport?: { width: number; height: number };
}

const main = (page: Page) => page.getByRole('main');
const agentPage = `agents/${SEED.slug}/`;

async function openSearch(page: Page, query: string): Promise<void> {
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog');
  await dialog.locator('[data-search-input]').fill(query);
  await expect(dialog.locator('[data-search-panel]')).toHaveAttribute('data-state', query === 'zzzzqx' ? 'none' : 'results');
}

async function storeSelection(page: Page): Promise<void> {
  await page.evaluate(() => localStorage.setItem('ad-selection', JSON.stringify(['mlops-engineer', 'code-reviewer'])));
  await page.reload();
  await expect(page.getByTestId('selection-page')).toHaveAttribute('data-state', 'ready');
}

const CONTROLS: Control[] = [
  {
    name: 'primary copy button ("Copy definition")',
    path: agentPage,
    find: (page) => page.getByTestId('copy-definition').getByRole('button'),
    states: ['idle', 'hover', 'focus', 'active', 'copied', 'failed', 'disabled'],
  },
  {
    name: 'copy button of an install command',
    path: agentPage,
    find: (page) => page.getByTestId('copy-command-project-bash').getByRole('button'),
    states: ['idle', 'hover', 'focus', 'active', 'copied', 'failed', 'disabled'],
  },
  {
    name: '"Copy link" beside a heading',
    path: agentPage,
    find: (page) => page.locator('#example-1').getByTestId('copy-link').getByRole('button'),
    states: ['idle', 'hover', 'focus', 'active', 'copied', 'failed'],
  },
  {
    name: '"Add to selection"',
    path: agentPage,
    find: (page) => main(page).locator('selection-toggle').getByRole('button'),
    states: ['idle', 'hover', 'focus', 'active', 'pressed', 'disabled'],
  },
  {
    name: '"Download .md", a link drawn as a button',
    path: agentPage,
    find: (page) => page.getByTestId('download-md'),
    states: ['idle', 'hover', 'focus', 'active'],
  },
  {
    name: 'an install choice ("All my projects")',
    path: agentPage,
    find: (page) => page.getByTestId('install-scope-user'),
    stateOn: (radio) => radio.locator('xpath=..'),
    states: ['idle', 'hover', 'focus', 'pressed'],
  },
  {
    name: 'the theme select',
    path: '',
    find: (page) => page.getByTestId('theme-select'),
    states: ['idle', 'hover', 'focus', 'disabled'],
  },
  {
    name: 'the header\'s Search button',
    path: '',
    find: (page) => page.locator('[data-search-open]'),
    states: ['idle', 'hover', 'focus', 'active'],
  },
  {
    name: '"Browse all agents", a link drawn as a button',
    path: '',
    find: (page) => page.getByTestId('all-agents-link'),
    states: ['idle', 'hover', 'focus', 'active'],
  },
  {
    name: 'the search field',
    path: '',
    prepare: (page) => openSearch(page, 'review'),
    find: (page) => page.getByRole('dialog').locator('[data-search-input]'),
    stateOn: (input) => input.locator('xpath=..'),
    states: ['idle', 'focus'],
  },
  {
    name: 'a search filter select',
    path: '',
    prepare: (page) => openSearch(page, 'review'),
    find: (page) => page.getByRole('dialog').locator('select[name="model"]'),
    states: ['idle', 'hover', 'focus'],
  },
  {
    name: 'the search\'s "Copy install command" (Alt+C)',
    path: '',
    prepare: (page) => openSearch(page, 'review'),
    find: (page) => page.getByRole('dialog').locator('[data-search-copy]'),
    states: ['idle', 'hover', 'focus', 'active', 'copied', 'failed'],
  },
  {
    name: 'the search\'s "Copy install command" with no result to act on',
    path: '',
    prepare: (page) => openSearch(page, 'zzzzqx'),
    find: (page) => page.getByRole('dialog').locator('[data-search-copy]'),
    states: ['disabled'],
  },
  {
    name: 'the search\'s "Add to selection" (Alt+A)',
    path: '',
    prepare: (page) => openSearch(page, 'review'),
    find: (page) => page.getByRole('dialog').locator('[data-search-select]'),
    states: ['idle', 'hover', 'focus', 'active', 'pressed'],
  },
  {
    name: 'the search page\'s Search button',
    path: 'search/?q=review',
    find: (page) => main(page).getByRole('button', { name: 'Search', exact: true }),
    states: ['idle', 'hover', 'focus', 'active'],
  },
  {
    name: 'a filter checkbox',
    path: 'categories/quality/',
    find: (page) => page.locator('catalog-filters input[type="checkbox"]').first(),
    stateOn: (box) => box.locator('xpath=..'),
    states: ['idle', 'hover', 'focus', 'pressed'],
  },
  {
    name: 'the filter text field',
    path: 'categories/quality/',
    find: (page) => page.locator('#ad-filter-q'),
    states: ['idle', 'hover', 'focus'],
  },
  {
    name: '"Clear filters"',
    path: 'categories/quality/?model=sonnet',
    find: (page) => page.locator('form [data-filter-clear]'),
    states: ['idle', 'hover', 'focus', 'active'],
  },
  {
    name: 'the filters\' "Filters" toggle on a phone',
    path: 'categories/quality/',
    viewport: { width: 375, height: 800 },
    find: (page) => page.locator('[data-filter-toggle]'),
    states: ['idle', 'hover', 'focus', 'active', 'pressed'],
  },
  {
    name: 'the search dialog\'s Close button on a phone',
    path: '',
    viewport: { width: 375, height: 800 },
    prepare: (page) => openSearch(page, 'review'),
    find: (page) => page.getByRole('dialog').getByRole('button', { name: 'Close' }),
    states: ['idle', 'hover', 'focus', 'active'],
  },
  {
    name: 'a selection\'s "Remove"',
    path: 'selection/',
    prepare: storeSelection,
    find: (page) => page.getByTestId('selection-list').getByRole('button').first(),
    states: ['idle', 'hover', 'focus', 'active'],
  },
  {
    name: 'a selection\'s "Download all (.zip)"',
    path: 'selection/',
    prepare: storeSelection,
    find: (page) => page.getByTestId('selection-download'),
    states: ['idle', 'hover', 'focus', 'active', 'disabled'],
  },
  {
    name: 'a selection\'s install command copy button',
    path: 'selection/',
    prepare: storeSelection,
    find: (page) => page.getByTestId('copy-selection-project-bash').getByRole('button'),
    states: ['idle', 'hover', 'copied', 'failed'],
  },
];

/** Timers of a second or more wait for `release` (the states that end by themselves stay for their check). */
function holdLongTimers(): void {
  const held: Array<() => void> = [];
  const real = window.setTimeout;
  const hold = (handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    if ((ms ?? 0) < 1000 || typeof handler !== 'function') return real(handler, ms, ...args);
    held.push(() => (handler as (...a: unknown[]) => void)(...args));
    return 0;
  };
  window.setTimeout = hold as typeof window.setTimeout;
  (window as unknown as { releaseTimers: () => void }).releaseTimers = () => held.splice(0).forEach((run) => run());
}

/** The clipboard refuses, as it does without permission: the copy helper's fallback fails too. */
const refuseClipboard = (page: Page) =>
  page.evaluate(() => {
    const refuse = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    Object.defineProperty(navigator.clipboard, 'writeText', { value: refuse });
    Object.defineProperty(navigator.clipboard, 'write', { value: refuse });
    document.execCommand = () => false;
  });

const matches = (element: Locator, selector: string) => element.evaluate((node, s) => node.matches(s), selector);

/** Puts the control in `state` and checks it is there. */
async function enter(page: Page, control: Locator, state: State): Promise<void> {
  const away = async () => {
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  };
  switch (state) {
    case 'idle':
      await away();
      expect(await matches(control, ':hover, :focus'), 'idle: neither pointed at nor focused').toBe(false);
      return;
    case 'hover':
      await away();
      await control.hover();
      expect(await matches(control, ':hover'), 'hovered').toBe(true);
      return;
    case 'focus':
      await away();
      // A key pressed first: focus then counts as the keyboard's, and shows its ring (:focus-visible).
      await page.keyboard.press('Shift');
      await control.focus();
      expect(await matches(control, ':focus-visible'), 'focused from the keyboard').toBe(true);
      return;
    case 'active':
      await control.hover();
      await page.mouse.down();
      expect(await matches(control, ':active'), 'held down by the pointer').toBe(true);
      return;
    case 'pressed':
      await control.click();
      await expect.poll(() => matches(control, '[aria-pressed="true"], [aria-expanded="true"], :checked'), { message: 'pressed, ticked or open' }).toBe(true);
      return;
    case 'copied':
    case 'failed': {
      if (state === 'failed') await refuseClipboard(page);
      await control.click();
      const holder = control.locator('xpath=ancestor-or-self::*[@data-state][1]');
      await expect(holder).toHaveAttribute('data-state', state);
      expect(await matches(control, ':hover'), 'the pointer still on the button').toBe(true);
      return;
    }
    case 'disabled':
      // As the page is before its script has run (or with nothing to act on): the HTML has the button disabled.
      if (!(await control.isDisabled())) await control.evaluate((node) => ((node as HTMLButtonElement).disabled = true));
      await expect(control).toBeDisabled();
      return;
  }
}

/** Lets go of the pointer (its click swallowed: holding the button down was the state, not using it) and lets held timers run. */
async function leave(page: Page, state: State): Promise<void> {
  if (state === 'active') {
    await page.evaluate(() => {
      const swallow = (event: Event) => {
        event.preventDefault();
        event.stopImmediatePropagation();
      };
      addEventListener('click', swallow, { capture: true, once: true });
    });
    await page.mouse.up();
    await page.mouse.move(0, 0);
  }
  await page.evaluate(() => (window as unknown as { releaseTimers?: () => void }).releaseTimers?.());
}

/** axe-core's WCAG A/AA rules on the control as it is now (and on whatever its state is drawn on). */
async function axeViolations(page: Page, stateOn: Locator): Promise<string[]> {
  await stateOn.evaluate((node) => node.setAttribute('data-under-test', ''));
  const violations = await page.evaluate(
    async ([source, tags]) => {
      const w = window as unknown as { axe?: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; nodes: Array<{ failureSummary?: string }> }> }> } };
      if (!w.axe) new Function(source as string)();
      const { violations } = await w.axe!.run({ include: [['[data-under-test]']] }, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.failureSummary?.replace(/\s+/g, ' ')).join(' | ')}`);
    },
    [AXE_SOURCE, WCAG_TAGS] as const,
  );
  await stateOn.evaluate((node) => node.removeAttribute('data-under-test'));
  return violations;
}

/** The focus ring: its colour and width, and the colour behind it (what it is drawn on), as computed. */
async function focusRing(stateOn: Locator): Promise<{ width: number; color: string; behind: string } | undefined> {
  return stateOn.evaluate((start) => {
    const background = (node: Element | null): string => {
      for (let n = node; n; n = n.parentElement) {
        const color = getComputedStyle(n).backgroundColor;
        if (!/rgba\(.*,\s*0\)$|transparent/.test(color)) return color;
      }
      return getComputedStyle(document.documentElement).backgroundColor;
    };
    // The ring is on the control, or on a wrapper that draws it for the control (a filter pill, the search field).
    for (let node: Element | null = start; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) {
        return { width: parseFloat(style.outlineWidth), color: style.outlineColor, behind: background(node.parentElement) };
      }
    }
    return undefined;
  });
}

function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
};

test.beforeEach(({ page: _page }, info) => {
  // The same site as the default target's, under another base path: checked once is enough.
  test.skip(info.project.name !== 'default', 'the default target checks the controls');
});

for (const theme of ['light', 'dark'] as Theme[]) {
  for (const control of CONTROLS) {
    test(`${control.name}: ${control.states.join(', ')} in the ${theme} theme`, async ({ page, context, baseURL }) => {
      test.setTimeout(30_000 + control.states.length * 5_000);
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
      if (control.viewport) await page.setViewportSize(control.viewport);
      await page.addInitScript(holdLongTimers);
      await gotoWithTheme(page, control.path, theme);
      await control.prepare?.(page);
      const element = control.find(page);
      await expect(element).toBeVisible();
      const stateOn = control.stateOn?.(element) ?? element;
      if (!control.states.includes('disabled') || control.states.length > 1) await expect(element).toBeEnabled();

      const problems: string[] = [];
      for (const state of control.states) {
        await enter(page, element, state);
        for (const violation of await axeViolations(page, stateOn)) problems.push(`${state}: ${violation}`);
        if (state === 'focus') {
          const ring = await focusRing(stateOn);
          if (!ring || ring.width < 2) problems.push(`focus: no focus ring of 2 px or more (${JSON.stringify(ring)})`);
          else if (contrast(ring.color, ring.behind) < 3) {
            problems.push(`focus: the ring (${ring.color}) has ${contrast(ring.color, ring.behind).toFixed(2)}:1 against ${ring.behind}, under 3:1`);
          }
        }
        await leave(page, state);
      }
      expect(problems, `${control.name} in the ${theme} theme`).toEqual([]);
    });
  }
}
