/**
 * The policy check on a built page (src/site/csp.ts `securePage`): the completed `<meta>` lands straight after
 * `<meta charset>` (or the `<head>` tag when there is none), wherever Astro put the policy, and the rest of the page is
 * left exactly as it was.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { securePage, sha256 } from '../../src/site/csp.ts';

const POLICY = `<meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self'">`;
const DONE = `<meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self'; style-src-attr 'none';">`;

describe('securePage', () => {
  const rows: Array<[string, string, string]> = [
    [
      'the policy after <meta charset>, where Astro writes it: completed in place',
      `<html><head><meta charset="utf-8">${POLICY}<title>t</title></head><body><p>é “x”</p></body></html>`,
      `<html><head><meta charset="utf-8">${DONE}<title>t</title></head><body><p>é “x”</p></body></html>`,
    ],
    [
      'the policy later in <head>: moved up to follow <meta charset>',
      `<html><head><meta charset="utf-8"><meta name="viewport" content="x"><link rel="stylesheet" href="/a.css">${POLICY}<title>t</title></head><body></body></html>`,
      `<html><head><meta charset="utf-8">${DONE}<meta name="viewport" content="x"><link rel="stylesheet" href="/a.css"><title>t</title></head><body></body></html>`,
    ],
    [
      'the policy before <meta charset>: moved down to follow it',
      `<html><head>${POLICY}<title>t</title><meta charset="utf-8"><p>rest</p>`,
      `<html><head><title>t</title><meta charset="utf-8">${DONE}<p>rest</p>`,
    ],
    [
      'no <meta charset>: straight after <head>',
      `<html><head lang="en"><title>t</title>${POLICY}</head><body>b</body></html>`,
      `<html><head lang="en">${DONE}<title>t</title></head><body>b</body></html>`,
    ],
  ];
  for (const [label, page, expected] of rows) {
    test(label, () => assert.deepEqual(securePage('p.html', page), { html: expected, problems: [] }));
  }

  test('style attributes in the grammar are hashed into the policy; the page is otherwise unchanged', () => {
    const page = `<head><meta charset="utf-8">${POLICY}</head><body><i style="--ad-accent: #336699">x</i></body>`;
    const { html, problems } = securePage('p.html', page);
    assert.deepEqual(problems, []);
    assert.equal(html, page.replace(POLICY, DONE.replace("style-src-attr 'none';", `style-src-attr 'unsafe-hashes' '${sha256('--ad-accent: #336699')}';`)));
  });

  test('the check reads only the tags it needs, and still finds every style attribute and inline script', () => {
    // A quoted value may hold `>` and text that looks like an attribute; an upper-case STYLE is a style attribute.
    const page = `<head><meta charset="utf-8">${POLICY}</head><body><a title='a > b style="color: red"' href="/">x</a><p data-x="<i>" STYLE="background: url(/x)">y</p><div><script>alert(1)</script></div></body>`;
    assert.deepEqual(
      securePage('p.html', page).problems.map((p) => p.message),
      ['has an inline <script> not covered by a hash: "alert(1)"', 'has a style attribute outside the allowed grammar on <p>: "background: url(/x)"'],
    );
  });

  test("a page read as its bytes (page-steps.ts): hashes over the bytes a browser hashes, the same page back, problems quoted as text", () => {
    const script = 'document.title = "Café — ✓"';
    const allowed = POLICY.replace("script-src 'self'", `script-src 'self' '${sha256(script)}'`);
    const page = `<html><head><meta charset="utf-8">${allowed}</head><body><p>é “x”</p><script>${script}</script><i style="--ad-x: #fff">—</i></body></html>`;
    const asText = securePage('p.html', page);
    const asBytes = securePage('p.html', Buffer.from(page).toString('latin1'), 'latin1');
    assert.deepEqual(asText.problems, []);
    assert.deepEqual({ ...asBytes, html: Buffer.from(asBytes.html, 'latin1').toString('utf8') }, asText);
    // Read as bytes but hashed as text, the script's hash would not be the one the policy allows.
    assert.equal(securePage('p.html', Buffer.from(page).toString('latin1')).problems.length, 1);
    const blocked = page.replace(allowed, POLICY);
    assert.deepEqual(
      securePage('p.html', Buffer.from(blocked).toString('latin1'), 'latin1').problems.map((p) => p.message),
      [`has an inline <script> not covered by a hash: ${JSON.stringify(script)}`],
    );
  });

  test('no <head> to put the policy in, or no single policy: problems, and the page handed back unchanged', () => {
    const headless = `${POLICY}<p>x</p>`;
    assert.deepEqual(securePage('p.html', headless).problems, [{ file: 'p.html', message: 'has no <head> to put the Content-Security-Policy in' }]);
    const twice = `<head><meta charset="utf-8">${POLICY}${POLICY}</head>`;
    assert.deepEqual(securePage('p.html', twice), { html: twice, problems: [{ file: 'p.html', message: 'has 2 Content-Security-Policy <meta> elements, expected exactly one' }] });
  });
});
