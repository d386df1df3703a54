/** The pile-ups: thousands of sockets, from one engine-run timeline each and a host's limits. */
import { describe, expect, it } from 'vitest';
import { EPHEMERAL_PORTS, SOCKET_BYTES, census, closeWaitFleet, timeWaitFleet } from '../../src/model/fleet';

const linux = { preset: 'linux', latencyMs: 1 } as const;

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
});
