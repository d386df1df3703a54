/** The pile-ups: thousands of sockets, from one engine-run timeline each and a host's limits. */
import { describe, expect, it } from 'vitest';
import { EPHEMERAL_PORTS, SOCKET_BYTES, census, closeWaitFleet, timeWaitFleet, type SocketFleet } from '../../src/model/fleet';
import {
  MACHINE_GIB,
  SOCK_MIN_SNDBUF,
  linuxDefaults,
  orphanRun,
  orphanTimeoutMs,
  orphanTimerFires,
  pagesOf,
  queuedBytes,
  type OrphanOptions,
} from '../../src/model/orphans';

const linux = { preset: 'linux', latencyMs: 1 } as const;
const END = 120_000;

/** Every attempt started by t, each counted once: in its state, or by how it ended. */
function accountedFor(fleet: SocketFleet, t: number): { started: number; total: number } {
  const c = census(fleet, t);
  const total = [...c.counts.values(), ...c.ended.values()].reduce((a, b) => a + b, 0);
  return { started: c.started, total };
}

describe('TIME-WAIT pile-up (a busy client)', () => {
  const run = (rate: number, extra: Partial<Parameters<typeof timeWaitFleet>[0]> = {}) =>
    timeWaitFleet({ config: linux, rate, count: 40_000, twReuse: false, maxTwBuckets: 262_144, ports: EPHEMERAL_PORTS, ...extra });

  it('holds every port for 60 s: 400 connections a second fit, 500 run out of ports', () => {
    const slow = run(400);
    const fast = run(500);
    const failures = (f: ReturnType<typeof run>) => Array.from({ length: f.count }, (_, i) => f.failedAt(i)).filter(Number.isFinite).length;
    expect(failures(slow)).toBe(0);
    expect(failures(fast)).toBeGreaterThan(1000);
    // The first failure comes when 28,232 ports are all held: about 56 s in at 500/s.
    const first = Array.from({ length: fast.count }, (_, i) => fast.failedAt(i)).find(Number.isFinite)!;
    expect(first / 1000).toBeCloseTo(EPHEMERAL_PORTS / 500, 0);
  });

  it('counts the sockets and what they hold', () => {
    const fleet = run(400);
    const { counts, bytes } = census(fleet, 60_000);
    const tw = counts.get('TIME-WAIT')!;
    expect(tw).toBeGreaterThan(23_000);
    expect(bytes).toBeGreaterThanOrEqual(tw * SOCKET_BYTES.timeWait);
  });

  it('tcp_tw_reuse frees ports after 1 s; tcp_max_tw_buckets caps TIME-WAIT', () => {
    const reusing = run(500, { twReuse: true });
    expect(Array.from({ length: reusing.count }, (_, i) => reusing.failedAt(i)).filter(Number.isFinite)).toHaveLength(0);
    const capped = run(400, { maxTwBuckets: 5000 });
    expect(census(capped, 60_000).counts.get('TIME-WAIT')).toBe(5000);
  });

  it('the census agrees with the sockets one by one', () => {
    const fleet = run(500);
    for (const t of [5_000, 59_999, 61_000]) {
      const byOne = new Map<string, number>();
      for (let i = 0; i < fleet.count; i++) {
        const key = fleet.endingAt(i, t) ?? fleet.stateAt(i, t);
        if (fleet.startOf(i) <= t) byOne.set(key, (byOne.get(key) ?? 0) + 1);
      }
      const c = census(fleet, t);
      expect(new Map([...c.counts, ...c.ended])).toEqual(byOne);
    }
  });
});

describe('CLOSE-WAIT pile-up (a server that never calls close())', () => {
  const fleet = closeWaitFleet({ config: { preset: 'classroom' }, rate: 200, count: 10_000, fdLimit: 1024, backlog: 128 });

  it('every served connection stays in CLOSE-WAIT', () => {
    const { counts } = census(fleet, 60_000);
    expect(counts.get('CLOSE-WAIT')).toBe(1024 + 128);
  });

  it('then new clients hang in SYN-SENT and give up: the server no longer answers', () => {
    const later = census(fleet, 20_000);
    expect(later.counts.get('SYN-SENT')).toBeGreaterThan(1000);
    expect(census(fleet, 60_000).failed).toBeGreaterThan(5000);
  });

  it("the issue's case: 5,000 a second with ulimit -n 100,000 makes 600,000 attempts in 120 s, every one counted", () => {
    const big = closeWaitFleet({ config: { preset: 'linux' }, rate: 5000, count: 5000 * 120, fdLimit: 100_000, backlog: 128 });
    const c = census(big, END);
    expect(c.started).toBe(600_000);
    expect(c.counts.get('CLOSE-WAIT')).toBe(100_128);
    // Linux's client gives up its SYN after 131 s (its SYN retries as the engine times them): none has yet.
    expect(big.hangMs).toBe(131_000);
    expect(c.counts.get('SYN-SENT')).toBe(600_000 - 100_128);
    expect(c.failed).toBe(0);
    expect(accountedFor(big, END)).toEqual({ started: 600_000, total: 600_000 });
  });
});

describe('every attempt accounted for: states + endings = rate x time, exactly', () => {
  const times = [0, 1, 999, 1_000, 33_333, 60_000, 90_500, END];
  it.each([
    [1, 16],
    [7, 64],
    [200, 1024],
    [480, 5_000],
    [5000, 100_000],
  ])('CLOSE-WAIT at %i a second, ulimit -n %i', (rate, fdLimit) => {
    const fleet = closeWaitFleet({ config: { preset: 'linux' }, rate, count: rate * 120, fdLimit, backlog: 128 });
    for (const t of times)
      expect(accountedFor(fleet, t), `at ${t} ms`).toEqual({ started: Math.floor((rate * t) / 1000), total: Math.floor((rate * t) / 1000) });
  });

  it.each([
    [1, 262_144, false],
    [470, 262_144, false],
    [500, 262_144, false],
    [500, 262_144, true],
    [2000, 10_000, false],
    [5000, 0, false],
  ])('TIME-WAIT at %i a second, tcp_max_tw_buckets %i, tcp_tw_reuse %s', (rate, maxTwBuckets, twReuse) => {
    const fleet = timeWaitFleet({ config: { preset: 'linux' }, rate, count: rate * 120, twReuse, maxTwBuckets, ports: EPHEMERAL_PORTS });
    for (const t of times)
      expect(accountedFor(fleet, t), `at ${t} ms`).toEqual({ started: Math.floor((rate * t) / 1000), total: Math.floor((rate * t) / 1000) });
  });

  it.each([
    [1, 4, 65_536, 0],
    [200, 4, 65_536, 25],
    [1000, 1, 4096, 50],
    [5000, 16, 1024, 100],
    [3333, 64, 262_144, 10],
  ])('orphans at %i closes a second on %i GiB, %i bytes unacknowledged, %i%% FIN-WAIT-2', (rate, gib, unackedBytes, finWait2Percent) => {
    const d = linuxDefaults(gib);
    const run = orphanRun({ rate, durationMs: END, unackedBytes, finWait2Percent, orphanRetries: 0, finTimeoutS: 60, ...d });
    for (const t of times) expect(accountedFor(run, t), `at ${t} ms`).toEqual({ started: Math.floor((rate * t) / 1000), total: Math.floor((rate * t) / 1000) });
  });
});

describe("orphans until memory runs out: Linux's defaults and what it does then", () => {
  it('derives tcp_mem and tcp_max_orphans from the machine as tcp_init does', () => {
    // One hash bucket per 128 KiB, a power of two; tcp_max_orphans and tcp_max_tw_buckets half of it.
    expect(MACHINE_GIB.map((g) => linuxDefaults(g).maxOrphans)).toEqual([4096, 16_384, 65_536, 262_144]);
    expect(linuxDefaults(4).maxTwBuckets).toBe(16_384);
    // 4 GiB: 1,048,576 pages, 95% free at boot: 996,147; / 16 = 62,259 (pressure); min 15,564 x 3; max twice min.
    expect(linuxDefaults(4).tcpMem).toEqual([46_692, 62_259, 93_384]);
    for (const g of MACHINE_GIB) {
      const [min, pressure, max] = linuxDefaults(g).tcpMem;
      expect(min).toBe(Math.floor(pressure / 4) * 3);
      expect(max).toBe(min * 2);
      // About 6.25% of the machine's pages at the pressure mark, 9.4% at the max.
      expect(pressure / linuxDefaults(g).pages).toBeCloseTo(0.95 / 16, 3);
    }
  });

  it('an orphan with nobody answering retransmits 8 times (tcp_orphan_retries 0) and gives up after 102.2 s', () => {
    expect(orphanTimeoutMs(8)).toBe(102_200);
    expect(orphanTimerFires(8)).toEqual([200, 600, 1400, 3000, 6200, 12_600, 25_400, 51_000, 102_200]);
    expect(orphanTimerFires(1)).toEqual([200, 600]);
  });

  const base: OrphanOptions = { rate: 200, durationMs: END, unackedBytes: 65_536, finWait2Percent: 25, orphanRetries: 0, finTimeoutS: 60, ...linuxDefaults(4) };

  it('4 GiB, 150 orphans a second holding 64 KiB each: pressure at 24.4 s, "out of memory" at 36.6 s, then resets', () => {
    const run = orphanRun(base);
    // 64 KiB + 1 KiB of sk_buff: 17 pages each.
    expect(run.pagesPerOrphan).toBe(17);
    expect(pagesOf(queuedBytes(65_536))).toBe(17);
    // The 3,663rd orphan (the 3,663rd of every 3 in 4 closes) takes the pages past 62,259.
    expect(Math.ceil(62_259 / 17)).toBe(3663);
    expect(run.firstPressure! / 1000).toBeCloseTo((3663 * 4) / 3 / 200, 1);
    // The 5,494th would hold 93,398 pages, past 93,384: the kernel resets it instead.
    expect(Math.ceil(93_384 / 17)).toBe(5494);
    expect(run.firstOutOfMemory! / 1000).toBeCloseTo((5494 * 4) / 3 / 200, 1);
    expect(run.messages[0]).toEqual({ t: run.firstOutOfMemory, text: 'out of memory -- consider tuning tcp_mem' });
    expect(run.firstTooMany).toBeNull();
    // From then on the pages stay at the max, and every orphan past it is reset and freed.
    const at = run.at(90_000);
    expect(at.pages).toBeLessThanOrEqual(93_384);
    expect(at.pages).toBeGreaterThan(93_384 - 17 * 5);
    const c = census(run, END);
    expect(c.ended.get('reset-memory')).toBeGreaterThan(9000);
    // The first orphans, closed before memory ran out, gave up at 102.2 s.
    expect(c.ended.get('timed-out')).toBe(Math.floor(((END - 102_200) / 1000) * 150));
    // FIN-WAIT-2 sockets (50 a second) last tcp_fin_timeout = 60 s.
    expect(c.counts.get('FIN-WAIT-2')).toBe(3000);
  });

  it('4 GiB, small responses: tcp_max_orphans (16,384) is reached first, and "too many orphaned sockets"', () => {
    const run = orphanRun({ ...base, rate: 1000, unackedBytes: 4096, finWait2Percent: 0 });
    expect(run.pagesPerOrphan).toBe(2);
    // 1,000 orphans a second: the count taken every 100 ms first says more than 16,384 at 16.4 s (16,399).
    expect(run.firstTooMany).toBe(16_400);
    expect(run.firstOutOfMemory).toBeNull();
    expect(run.messages[0]).toEqual({ t: 16_400, text: 'too many orphaned sockets' });
    const c = census(run, 60_000);
    expect(c.counts.get('FIN-WAIT-1')).toBeLessThanOrEqual(16_384 + 100);
    expect(c.ended.get('reset-orphans')).toBeGreaterThan(40_000);
  });

  it('a socket holding no more than SOCK_MIN_SNDBUF is never reset for memory', () => {
    expect(queuedBytes(1000)).toBeLessThanOrEqual(SOCK_MIN_SNDBUF);
    const run = orphanRun({ ...base, rate: 5000, unackedBytes: 1000, finWait2Percent: 0, tcpMem: [10, 20, 30] });
    expect(run.firstOutOfMemory).toBeNull();
  });

  it('the kernel log is rate-limited: at most 10 lines in 5 s, then a count of those suppressed', () => {
    const run = orphanRun(base);
    const first = run.firstOutOfMemory!;
    expect(run.messages.filter((m) => m.t < first + 5000)).toHaveLength(10);
    expect(run.messages.find((m) => m.text === 'suppressed')?.n).toBeGreaterThan(0);
  });
});
