/** What a category is called on the site (src/site/category-label.ts) and how CATEGORY_LABELS is read. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deriveCategoryLabel } from '../../src/site/category-label.ts';
import { readSettings } from '../../src/settings.ts';

describe('a category label from its name', () => {
  const rows: Array<[string, string]> = [
    ['infrastructure', 'Infrastructure'],
    ['ai-agents', 'AI agents'],
    ['data-ai', 'Data AI'],
    ['quality-security', 'Quality security'],
    ['api_design', 'API design'],
    ['ci-cd', 'CI/CD'],
    ['ci-cd-pipelines', 'CI/CD pipelines'],
    ['mlops', 'MLOps'],
    ['github-actions', 'GitHub actions'],
    ['ios', 'iOS'],
    ['core-development', 'Core development'],
    ['web--frontend', 'Web frontend'],
    // Written as a label already (a frontmatter `category:`, a marketplace entry): shown as written.
    ['Data & AI', 'Data & AI'],
    ['AI Agents', 'AI Agents'],
    ['security audits', 'security audits'],
    ['uncategorized', 'Uncategorized'],
    ['données', 'Données'],
  ];
  for (const [name, label] of rows) test(`${name} → ${label}`, () => assert.equal(deriveCategoryLabel(name), label));
});

describe('CATEGORY_LABELS names categories outright', () => {
  test('a JSON object of category → label', () => {
    const settings = readSettings({ CATEGORY_LABELS: '{"data-ai": "Data & AI", "qa": " Quality "}' });
    assert.deepEqual(settings.categoryLabels, { 'data-ai': 'Data & AI', qa: 'Quality' });
  });
  test('unset or empty: none', () => assert.deepEqual(readSettings({ CATEGORY_LABELS: ' ' }).categoryLabels, {}));
  const bad: Array<[string, RegExp]> = [
    ['{data-ai: "Data & AI"}', /CATEGORY_LABELS must be a JSON object .* does not parse/],
    ['["Data & AI"]', /CATEGORY_LABELS must be a JSON object of category → label, such as/],
    ['{"data-ai": 3}', /CATEGORY_LABELS gives "data-ai" 3: each label must be a non-empty string/],
    ['{"data-ai": ""}', /CATEGORY_LABELS gives "data-ai" "": each label must be a non-empty string/],
  ];
  for (const [value, error] of bad) test(`refuses ${value} with a fix`, () => assert.throws(() => readSettings({ CATEGORY_LABELS: value }), error));
});

describe('SITE_URL', () => {
  test('set: used, and known to be set', () => {
    const settings = readSettings({ SITE_URL: 'https://agents.example.com/' });
    assert.equal(settings.siteUrl, 'https://agents.example.com');
    assert.equal(settings.siteUrlSet, true);
  });
  test('unset: localhost, and known to be unset (the build warns)', () => {
    const settings = readSettings({});
    assert.equal(settings.siteUrl, 'http://localhost:4321');
    assert.equal(settings.siteUrlSet, false);
  });
});
