/**
 * Answers to unacceptable segments are rate-limited as Linux limits them (tcp_invalid_ratelimit,
 * 500 ms, per connection; a segment with data or a FIN is always answered), so no input makes two
 * endpoints answer each other for ever (issue 13's repro: one injected out-of-window ACK).
 */
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/model/script';
import { Simulation } from '../../src/model/simulation';

const REPRO = {
  steps: [
    { at: 0, endpoint: 'server', call: 'listen' },
    { at: 0, endpoint: 'client', call: 'connect' },
    { at: 100, endpoint: 'client', segment: { flags: 'ACK', seq: 314344337, ack: 2527132012, len: 1 } },
  ],
};

const run = (config: Record<string, unknown>, until: number) => {
  const script = parseScript({ ...REPRO, config } as never);
  const sim = new Simulation(script);
  sim.runUntil(until);
  return sim;
};

describe('answers to unacceptable segments', () => {
  it('one injected out-of-window ACK after a handshake no longer starts an endless exchange', () => {
    const sim = run({}, 600_000);
    expect(sim.trace().segments.length).toBeLessThan(20);
    expect(sim.history.ignored.some((x) => x.why === 'rate-limited')).toBe(true);
    expect(sim.trace().final).toMatchObject({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
  });

  it('without the limit (invalidRatelimitMs: 0) the same input loops: the limit is what ends it', () => {
    expect(run({ invalidRatelimitMs: 0 }, 30_000).trace().segments.length).toBeGreaterThan(1000);
  });

  it('is a setting of the script, Linux 500 ms by default, checked like every time field', () => {
    expect(() => parseScript({ ...REPRO, config: { invalidRatelimitMs: -1 } } as never)).toThrow(/invalidRatelimitMs/);
    expect(run({ invalidRatelimitMs: 2000 }, 600_000).trace().segments.length).toBeLessThan(20);
  });
});
