/**
 * The bench's comparison with the Starlight peer, its pure parts: reading /usr/bin/time's and /proc's figures, medians,
 * each pair's ratios and their median, the ratio budgets' rows, and the command line.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BUDGETS, withinBudget } from '../../scripts/budgets.ts';
import { parseFlags } from '../../scripts/bench/flags.ts';
import { buildCost, compareFigure, firstInPair, median, pairRatio, type BuildCost, type Pair } from '../../scripts/bench/ratio.ts';
import { peerRows } from '../../scripts/bench/report.ts';
import { parseProcStat, parseTime } from '../../scripts/bench/run.ts';

describe('reading the timings', () => {
  test('/usr/bin/time: elapsed, user, sys, max RSS (KB) → CPU ms and bytes; its last line; extra TIMEFMT fields ignored', () => {
    const rows: Array<[string, ReturnType<typeof parseTime>]> = [
      ['12.50 9.25 1.75 654321\n', { cpuMs: 11_000, maxRss: 654321 * 1024 }],
      ['Command exited with non-zero status 1\n3.00 2.00 0.50 1000', { cpuMs: 2500, maxRss: 1024_000 }],
      ['12.50 9.25 1.75 654321 123 45\n', { cpuMs: 11_000, maxRss: 654321 * 1024 }],
      ['', undefined],
      ['Command terminated by signal 9', undefined],
      ['1.0 2.0 x 4', undefined],
    ];
    for (const [text, expected] of rows) assert.deepEqual(parseTime(text), expected, JSON.stringify(text));
  });

  test('/proc/<pid>/stat: the parent and utime + stime at 100 ticks a second, whatever the process is called', () => {
    const rest = (ppid: number, utime: number, stime: number) => `S ${ppid} 100 100 0 -1 4194304 500 0 0 0 ${utime} ${stime} 0 0 20 0 11 0 1234 1000000 5000`;
    const rows: Array<[string, { ppid: number; cpuMs: number }]> = [
      [`4242 (node) ${rest(4200, 250, 50)}`, { ppid: 4200, cpuMs: 3000 }],
      // The name is the executable's, in parentheses: it may hold spaces and parentheses itself.
      [`77 (pagefind (ext) x) ${rest(4242, 1, 2)}`, { ppid: 4242, cpuMs: 30 }],
      [`9 (sh) ${rest(1, 0, 0)}`, { ppid: 1, cpuMs: 0 }],
    ];
    for (const [text, expected] of rows) assert.deepEqual(parseProcStat(text), expected, text);
  });
});

describe('medians and ratios', () => {
  test('median: the middle value, the mean of the two middle ones for an even count, undefined for none', () => {
    const rows: Array<[number[], number | undefined]> = [
      [[], undefined],
      [[5], 5],
      [[3, 1, 2], 2],
      [[4, 1, 3, 2], 2.5],
      [[10, 10, 1000], 10],
    ];
    for (const [values, expected] of rows) assert.equal(median(values), expected, JSON.stringify(values));
  });

  test("a build's cost: the process tree's CPU time when sampled (it counts Pagefind's process), else /usr/bin/time's", () => {
    assert.deepEqual(buildCost({ code: 0, wallMs: 40_000, cpuMs: 30_000, treeCpuMs: 41_000, treePeak: 800, maxRss: 700 }), { ok: true, wallMs: 40_000, cpuMs: 41_000, peakBytes: 800 });
    assert.deepEqual(buildCost({ code: 0, wallMs: 40_000, cpuMs: 30_000, maxRss: 700 }), { ok: true, wallMs: 40_000, cpuMs: 30_000, peakBytes: 700 });
    assert.equal(buildCost({ code: 1, wallMs: 5 }).ok, false);
  });

  const cost = (wallMs: number, cpuMs?: number, peakBytes?: number, ok = true): BuildCost => ({ ok, wallMs, cpuMs, peakBytes });
  const pair = (i: number, ours: BuildCost, peer: BuildCost): Pair => ({ first: firstInPair(i), ours, peer, load: '1.00 1.00 1.00' });

  test('the order alternates: this project first, then the peer, then this project', () => {
    assert.deepEqual([0, 1, 2, 3].map(firstInPair), ['ours', 'peer', 'ours', 'peer']);
  });

  test("a pair's ratio is this project's figure over the peer's; none when either build failed or the figure is missing", () => {
    const rows: Array<[Pair, 'wallMs' | 'cpuMs' | 'peakBytes', number | undefined]> = [
      [pair(0, cost(20_000), cost(50_000)), 'wallMs', 0.4],
      [pair(0, cost(20_000, 30_000), cost(50_000, 60_000)), 'cpuMs', 0.5],
      [pair(0, cost(20_000), cost(50_000)), 'cpuMs', undefined],
      [pair(0, cost(20_000, 1, 1, false), cost(50_000)), 'wallMs', undefined],
      [pair(0, cost(20_000), cost(50_000, 1, 1, false)), 'wallMs', undefined],
      [pair(0, cost(20_000, 1, 300), cost(50_000, 1, 0)), 'peakBytes', undefined],
    ];
    for (const [p, figure, expected] of rows) assert.equal(pairRatio(p, figure), expected);
  });

  test('the comparison: medians of each side, and the median of the pairs’ ratios (not the ratio of the medians) with their range', () => {
    // Pair 2 ran while the machine was busy: both its builds are slow, its ratio is like the others'.
    const pairs = [pair(0, cost(20_000), cost(50_000)), pair(1, cost(60_000), cost(100_000)), pair(2, cost(21_000), cost(70_000))];
    assert.deepEqual(compareFigure(pairs, 'wallMs'), { ours: 21_000, peer: 70_000, ratio: 0.4, low: 0.3, high: 0.6, pairs: 3 });
    // A failed build: its pair has no ratio, and the failed side's figure is no median's.
    const failed = [pair(0, cost(20_000), cost(50_000)), pair(1, cost(1, 1, 1, false), cost(100_000))];
    assert.deepEqual(compareFigure(failed, 'wallMs'), { ours: 20_000, peer: 75_000, ratio: 0.4, low: 0.4, high: 0.4, pairs: 1 });
    assert.deepEqual(compareFigure([], 'wallMs'), { ours: undefined, peer: undefined, ratio: undefined, pairs: 0 });
  });
});

describe('the ratio budgets', () => {
  const pairs = (ours: number, peer: number, oursPeak: number, peerPeak: number): Pair[] =>
    [0, 1, 2].map((i) => ({ first: firstInPair(i), ours: { ok: true, wallMs: ours, cpuMs: ours, peakBytes: oursPeak }, peer: { ok: true, wallMs: peer, cpuMs: peer * 2, peakBytes: peerPeak }, load: '' }));
  const judged = (rows: ReturnType<typeof peerRows>) =>
    rows.map((row) => [row.budget ?? null, row.value === undefined ? row.note : Number(row.value.toFixed(3)), row.budget && !row.notCounted ? row.value !== undefined && withinBudget(BUDGETS[row.budget], row.value) : null]);

  test('wall ≤ 0.4× and peak memory ≤ 0.5× of Starlight’s at 1,000 agents; CPU time shown beside them, not judged', () => {
    assert.deepEqual(judged(peerRows({ agents: 1000, peer: 'Starlight', pairs: pairs(40, 100, 50, 100) })), [
      ['buildWallRatio', 0.4, true],
      [null, 0.2, null],
      ['buildMemoryRatio', 0.5, true],
    ]);
    assert.deepEqual(judged(peerRows({ agents: 1000, peer: 'Starlight', pairs: pairs(41, 100, 51, 100) })), [
      ['buildWallRatio', 0.41, false],
      [null, 0.205, null],
      ['buildMemoryRatio', 0.51, false],
    ]);
  });

  test('no ratio: a miss, unless the peer was skipped on purpose; at another size, shown and not judged', () => {
    assert.deepEqual(judged(peerRows({ agents: 1000, skipped: 'peer missing', why: 'npm install exited 1' })), [
      ['buildWallRatio', 'peer missing', false],
      [null, 'peer missing', null],
      ['buildMemoryRatio', 'peer missing', false],
    ]);
    const skipped = peerRows({ agents: 1000, skipped: 'skipped', why: 'run with --no-peer', onPurpose: true });
    assert.deepEqual(judged(skipped).map((row) => row[2]), [null, null, null]);
    assert.deepEqual(skipped.map((row) => row.notCounted), [true, true, true]);
    const small = peerRows({ agents: 200, peer: 'Starlight', pairs: pairs(90, 100, 90, 100) });
    assert.deepEqual(small.map((row) => row.budget), [undefined, undefined, undefined]);
    assert.match(small[0]!.figure, /^build at 200 agents vs Starlight, wall \(median of 3 pairs\)$/);
  });
});

describe('the command line', () => {
  test('--pairs N (3 unless given), --no-peer, --agents N or --agents=N', () => {
    assert.deepEqual(
      [parseFlags([]), parseFlags(['--agents', '1000', '--pairs', '5', '--no-peer']), parseFlags(['--agents=200', '--pairs=1'])].map((f) => [f.agents, f.pairs, f.peer]),
      [
        [5000, 3, true],
        [1000, 5, false],
        [200, 1, true],
      ],
    );
  });
  test('a count that is not a whole number above 0, or an unknown argument, is refused with the usage', () => {
    for (const argv of [['--pairs', '0'], ['--pairs'], ['--pairs=two'], ['--agents', '-3'], ['--peer']]) {
      assert.throws(() => parseFlags(argv), /usage: npm run bench/, argv.join(' '));
    }
  });
});
