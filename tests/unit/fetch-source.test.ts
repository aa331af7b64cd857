/**
 * Fetching a plugin, the pure parts (src/agents/fetch/): a marketplace's source → the address git is given or the
 * reason it is refused; git's messages → sentences; git's listings → entries; a tree → what is written, within the
 * limits. tests/unit/fetch-plugin.test.ts runs the whole with real repositories.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRemote } from '../../src/agents/fetch/index.ts';
import { explain } from '../../src/agents/fetch/reasons.ts';
import { DEFAULT_POLICY, fetchTarget, isLocalHost, type Policy } from '../../src/agents/fetch/target.ts';
import { nameProblem, parseBatch, parseTree, planTree, type TreeEntry } from '../../src/agents/fetch/tree.ts';
import type { FetchTarget, RemoteSource } from '../../src/agents/fetch/types.ts';

const SHA = 'ec93d4c4b9ffdbc994ac45ce692d4ec1cdb755f0';
const TESTS: Policy = { protocols: ['https', 'http', 'file'], localHosts: true };

describe('fetchTarget: what git is given, by default policy (https to public hosts)', () => {
  const rows: Array<[string, RemoteSource, Partial<FetchTarget> | RegExp, Policy?]> = [
    ['github shorthand', { kind: 'github', repo: 'acme/tools' }, { url: 'https://github.com/acme/tools.git' }],
    ['github, name ending in .git, pinned and with a ref', { kind: 'github', repo: 'acme/tools.git', ref: 'main', sha: SHA.toUpperCase() }, { url: 'https://github.com/acme/tools.git', ref: 'main', sha: SHA }],
    ['url source', { kind: 'git', url: 'https://gitlab.com/acme/tools.git', sha: SHA }, { url: 'https://gitlab.com/acme/tools.git', sha: SHA }],
    ['git-subdir with owner/name shorthand', { kind: 'git', url: 'stripe/ai', path: 'providers/claude/plugin', ref: 'main', sha: SHA }, { url: 'https://github.com/stripe/ai.git', path: 'providers/claude/plugin' }],
    ['git-subdir path written ./a/b/', { kind: 'git', url: 'https://h.example/r.git', path: './a/b/' }, { path: 'a/b' }],
    ['git-subdir path "." is the top', { kind: 'git', url: 'https://h.example/r.git', path: '.' }, { url: 'https://h.example/r.git' }],
    ['ssh short form → https, no keys', { kind: 'git', url: 'git@github.com:acme/tools.git' }, { url: 'https://github.com/acme/tools.git' }],
    ['ssh:// → https', { kind: 'git', url: 'ssh://git@git.example.org:2222/team/tools.git' }, { url: 'https://git.example.org/team/tools.git' }],
    ['credentials kept for git, not shown', { kind: 'git', url: 'https://user:token@h.example/r.git' }, { url: 'https://user:token@h.example/r.git', shown: 'https://h.example/r.git' }],
    ['a ref that is a full commit id pins it', { kind: 'git', url: 'https://h.example/r.git', ref: SHA }, { sha: SHA }],
    ['http refused by default', { kind: 'git', url: 'http://h.example/r.git' }, /uses http:, and plugins are fetched only over https/],
    ['file:// refused: the build machine\'s own disk', { kind: 'git', url: 'file:///home/me/secret.git' }, /uses file:/],
    ['a local path is not a URL', { kind: 'git', url: '/home/me/secret.git' }, /is not a URL/],
    ['an option is not a URL', { kind: 'git', url: '--upload-pack=touch /tmp/x' }, /is not a URL/],
    ['ext:: runs a program', { kind: 'git', url: 'ext::sh -c touch% /tmp/pwned' }, /is not a URL/],
    ['git:// is neither encrypted nor authenticated', { kind: 'git', url: 'git://h.example/r.git' }, /git:\/\/, which is neither encrypted/],
    ['loopback refused', { kind: 'git', url: 'https://127.0.0.1/r.git' }, /names the build machine or its own network \(127\.0\.0\.1\)/],
    ['loopback written as a number', { kind: 'git', url: 'https://2130706433/r.git' }, /own network \(127\.0\.0\.1\)/],
    ['cloud metadata', { kind: 'git', url: 'https://169.254.169.254/latest' }, /own network/],
    ['private network', { kind: 'git', url: 'https://10.1.2.3/r.git' }, /own network/],
    ['localhost', { kind: 'git', url: 'https://localhost:8443/r.git' }, /own network/],
    ['IPv6 loopback', { kind: 'git', url: 'https://[::1]/r.git' }, /own network/],
    ['a short sha', { kind: 'git', url: 'https://h.example/r.git', sha: 'ec93d4c' }, /not a full commit id/],
    ['a ref that reads as an option', { kind: 'git', url: 'https://h.example/r.git', ref: '--upload-pack=x' }, /not a branch or tag name/],
    ['a ref with revision syntax', { kind: 'git', url: 'https://h.example/r.git', ref: 'main@{1}' }, /not a branch or tag name/],
    ['a ref with ..', { kind: 'git', url: 'https://h.example/r.git', ref: 'a..b' }, /not a branch or tag name/],
    ['a path leaving the repository', { kind: 'git', url: 'https://h.example/r.git', path: 'a/../../b' }, /must be a folder inside the repository/],
    ['an absolute path', { kind: 'git', url: 'https://h.example/r.git', path: '/etc' }, /must be a folder inside the repository/],
    ['a path into .git', { kind: 'git', url: 'https://h.example/r.git', path: '.git/hooks' }, /must be a folder inside the repository/],
    ['not owner/name', { kind: 'github', repo: 'acme' }, /not of the form owner\/name/],
    ['tests allow http to 127.0.0.1', { kind: 'git', url: 'http://127.0.0.1:9/r.git' }, { url: 'http://127.0.0.1:9/r.git' }, TESTS],
    ['tests allow file://', { kind: 'git', url: 'file:///srv/r.git' }, { url: 'file:///srv/r.git' }, TESTS],
  ];
  for (const [name, source, expected, policy] of rows) {
    test(name, () => {
      const checked = fetchTarget(source, policy ?? DEFAULT_POLICY);
      if (expected instanceof RegExp) {
        assert.equal(checked.ok, false, 'refused');
        if (!checked.ok) assert.match(checked.reason, expected);
      } else {
        assert.ok(checked.ok, checked.ok ? '' : checked.reason);
        if (checked.ok) for (const [key, value] of Object.entries(expected)) assert.equal(checked.value[key as keyof FetchTarget], value, key);
      }
    });
  }
});

describe('isLocalHost', () => {
  const rows: Array<[string, boolean]> = [
    ['127.0.0.1', true], ['127.5.5.5', true], ['0.0.0.0', true], ['10.0.0.1', true], ['172.16.0.1', true], ['172.31.255.255', true],
    ['172.32.0.1', false], ['192.168.1.1', true], ['169.254.169.254', true], ['100.64.0.1', true], ['[::1]', true], ['[fe80::1]', true],
    ['[fd00::1]', true], ['[::ffff:7f00:1]', true], ['localhost', true], ['api.localhost', true], ['metadata.google.internal', true],
    ['github.com', false], ['8.8.8.8', false], ['[2001:db8::1]', false],
  ];
  for (const [host, local] of rows) test(`${host} → ${local}`, () => assert.equal(isLocalHost(host), local));
});

describe('explain: git\'s messages → sentences', () => {
  const asked = { shown: 'https://h.example/r.git', timeoutMs: 60_000 };
  const rows: Array<[string, string, Partial<typeof asked> & { sha?: string; ref?: string }, RegExp, boolean]> = [
    ['unknown host', "fatal: unable to access 'https://h.example/r.git/': Could not resolve host: h.example", {}, /^The host "h\.example" of https:\/\/h\.example\/r\.git could not be found: there is no network/, true],
    ['nothing listens', "fatal: unable to access 'http://127.0.0.1:9/r.git/': Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to server", {}, /^Could not connect to .*there is no network, or the server is down/, true],
    ['a sha the repository lacks', `fatal: remote error: upload-pack: not our ref ${SHA}`, { sha: SHA }, new RegExp(`has no commit ${SHA}: the sha is mistyped, or the history was rewritten`), false],
    ['a ref the repository lacks', "fatal: couldn't find remote ref refs/heads/nope", { ref: 'nope' }, /has no branch or tag "nope"/, false],
    ['private', "fatal: could not read Username for 'https://h.example': terminal prompts disabled", {}, /asks for a login: the repository is private or does not exist/, false],
    ['missing', "remote: Repository not found.\nfatal: repository 'https://h.example/r.git/' not found", {}, /^There is no git repository at/, false],
    ['refused objects', "error: object 37cb18924f05a97ef43897614bca5858b5393615: hasDotgit: contains '.git'\nfatal: fsck error in packed object\nfatal: index-pack failed", {}, /sent objects git refuses \(hasDotgit: contains '\.git'\): the repository is malformed, or made to attack git/, false],
    ['a redirect to a protocol not allowed', "fatal: transport 'file' not allowed", {}, /leads to an address that is not allowed/, false],
    ['certificate', "fatal: unable to access 'https://h.example/r.git/': SSL certificate problem: self-signed certificate", {}, /certificate that cannot be verified/, false],
    ['server error', "fatal: unable to access 'https://h.example/r.git/': The requested URL returned error: 502", {}, /failed .*the next build may succeed/, true],
    ['anything else: git\'s last line, without credentials or control characters', 'warning: x\nfatal: odd \u001b[31mthing at https://user:secret@h.example/r', {}, /^git could not fetch https:\/\/h\.example\/r\.git: odd \[31mthing at https:\/\/h\.example\/r\.$/, false],
  ];
  for (const [name, stderr, extra, reason, offline] of rows) {
    test(name, () => {
      const failure = explain(stderr, { ...asked, ...extra });
      assert.match(failure.reason, reason);
      assert.equal(failure.offline, offline, 'offline');
      assert.ok(!failure.reason.includes('secret'));
    });
  }
  test('a timeout names the limit', () => assert.match(explain('', { ...asked, timeoutMs: 60_000 }, { timedOut: true }).reason, /took longer than 60 s, the limit/));
  test('git missing', () => assert.match(explain('', asked, { spawnError: 'ENOENT' }).reason, /git is not installed/));
});

describe('listings', () => {
  test('ls-tree -r -l -z: files, links, submodules', () => {
    const out = Buffer.from(
      [`100644 blob ${'a'.repeat(40)}      12\tagents/a b.md`, `120000 blob ${'b'.repeat(40)}       5\tlink`, `160000 commit ${'c'.repeat(40)}       -\tvendor/sub`, ''].join('\0'),
    );
    assert.deepEqual(parseTree(out), [
      { mode: '100644', type: 'blob', oid: 'a'.repeat(40), size: 12, path: 'agents/a b.md' },
      { mode: '120000', type: 'blob', oid: 'b'.repeat(40), size: 5, path: 'link' },
      { mode: '160000', type: 'commit', oid: 'c'.repeat(40), size: 0, path: 'vendor/sub' },
    ]);
  });
  test('cat-file --batch: contents in order, binary and newlines kept, missing ones left out', () => {
    const out = Buffer.concat([Buffer.from(`${'a'.repeat(40)} blob 3\n`), Buffer.from([0, 10, 255]), Buffer.from(`\n${'b'.repeat(40)} missing\n${'c'.repeat(40)} blob 0\n\n`)]);
    const objects = parseBatch(out);
    assert.deepEqual([...objects.keys()], ['a'.repeat(40), 'c'.repeat(40)]);
    assert.deepEqual([...objects.get('a'.repeat(40))!], [0, 10, 255]);
    assert.equal(objects.get('c'.repeat(40))!.length, 0);
  });
  const remote = [`ref: refs/heads/trunk\tHEAD`, `${'1'.repeat(40)}\tHEAD`, `${'2'.repeat(40)}\trefs/heads/dev`, `${'3'.repeat(40)}\trefs/tags/v1`, `${'4'.repeat(40)}\trefs/tags/v1^{}`, `${'5'.repeat(40)}\trefs/remotes/x/dev`].join('\n');
  const rows: Array<[string | undefined, { commit?: string; branch?: string }]> = [
    [undefined, { commit: '1'.repeat(40), branch: 'trunk' }],
    ['dev', { commit: '2'.repeat(40), branch: 'trunk' }],
    ['v1', { commit: '4'.repeat(40), branch: 'trunk' }],
    ['refs/tags/v1', { commit: '4'.repeat(40), branch: 'trunk' }],
    ['nope', { branch: 'trunk' }],
  ];
  for (const [ref, expected] of rows) test(`ls-remote, ref ${ref ?? '(default branch)'}`, () => assert.deepEqual(parseRemote(remote, ref), expected));
});

describe('planTree: the limits hold before anything is written', () => {
  const blob = (path: string, size: number, mode = '100644'): TreeEntry => ({ mode, type: 'blob', oid: 'a'.repeat(40), size, path });
  test('within the limits: files, links, submodules and unsafe names sorted out', () => {
    const planned = planTree([blob('a.md', 10), blob('l', 4, '120000'), { mode: '160000', type: 'commit', oid: 'c'.repeat(40), size: 0, path: 'sub' }, blob('x/.GIT/hooks/post-checkout', 1)], { files: 3, treeBytes: 14 }, 'R');
    assert.ok(planned.ok);
    if (!planned.ok) return;
    assert.deepEqual(planned.plan.files.map((f) => f.path), ['a.md']);
    assert.deepEqual(planned.plan.links.map((f) => f.path), ['l']);
    assert.deepEqual(planned.plan.skipped.map((s) => s.path), ['sub', 'x/.GIT/hooks/post-checkout']);
    assert.equal(planned.plan.bytes, 14);
  });
  test('one byte over', () => {
    const planned = planTree([blob('a', 1024 * 1024), blob('b', 1)], { files: 10, treeBytes: 1024 * 1024 }, 'R');
    assert.deepEqual(planned, { ok: false, reason: 'R holds 1.1 MiB of files, over the limit of 1 MiB, so nothing of it was kept.' });
  });
  test('one file over', () => {
    const planned = planTree([blob('a', 1), blob('b', 1), blob('c', 1)], { files: 2, treeBytes: 100 }, 'R');
    assert.deepEqual(planned, { ok: false, reason: 'R holds 3 files, over the limit of 2, so nothing of it was kept.' });
  });
  const names: Array<[string, boolean]> = [['a/b.md', true], ['../x', false], ['a/./b', false], ['.git/config', false], ['a/.Git/x', false], ['a\\b', false], ['a\u0001b', false], ['a//b', false], [`${'x'.repeat(256)}`, false], ['.github/x.yml', true]];
  for (const [name, safe] of names) test(`name ${JSON.stringify(name.slice(0, 20))} ${safe ? 'written' : 'refused'}`, () => assert.equal(nameProblem(name) === undefined, safe));
});
