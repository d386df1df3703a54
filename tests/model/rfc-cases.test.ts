/** RFC 9293's rarer paths, end to end: segments that cross on the wire, and resets. */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/model/simulation';
import type { Trace } from '../../src/model/trace';

const path = (t: Trace, endpoint: 'client' | 'server') => ['CLOSED', ...t.transitions.filter((x) => x.endpoint === endpoint).map((x) => x.to)].join(' > ');

describe("RFC 9293's rarer paths", () => {
  it('simultaneous open: the SYNs cross, both go through SYN-RECEIVED to ESTABLISHED', () => {
    const t = Simulation.run({
      config: { preset: 'classroom', clientIsn: 100, serverIsn: 300 },
      steps: [
        { at: 0, endpoint: 'client', call: 'connect' },
        { at: 0, endpoint: 'server', call: 'connect' },
      ],
    });
    for (const side of ['client', 'server'] as const) expect(path(t, side)).toBe('CLOSED > SYN-SENT > SYN-RECEIVED > ESTABLISHED');
    // RFC 9293 figure 8: SYN 100 and SYN 300 cross, then SYN+ACKs <300, 101> and <100, 301> cross.
    // Both SYNs land at the same instant; the one sent first (the client's) is taken first.
    expect(t.segments.map((s) => `${s.from} ${s.flags} ${s.seq} ${s.ack} ${s.sentAt}`)).toEqual([
      'client SYN 100 null 0',
      'server SYN 300 null 0',
      'server SYN+ACK 300 101 600',
      'client SYN+ACK 100 301 600',
    ]);
  });

  it('simultaneous close: the FINs cross, both go through CLOSING to TIME-WAIT, then CLOSED', () => {
    const t = Simulation.run({
      config: { preset: 'classroom' },
      steps: [
        { at: 0, endpoint: 'server', call: 'listen' },
        { at: 0, endpoint: 'client', call: 'connect' },
        { at: 3000, endpoint: 'client', call: 'close' },
        { at: 3000, endpoint: 'server', call: 'close' },
      ],
    });
    expect(path(t, 'client')).toBe('CLOSED > SYN-SENT > ESTABLISHED > FIN-WAIT-1 > CLOSING > TIME-WAIT > CLOSED');
    expect(path(t, 'server')).toBe('CLOSED > LISTEN > SYN-RECEIVED > ESTABLISHED > FIN-WAIT-1 > CLOSING > TIME-WAIT > CLOSED');
    const fins = t.segments.filter((s) => s.flags === 'FIN+ACK');
    expect(fins.map((f) => [f.from, f.sentAt, f.arrivedAt])).toEqual([
      ['client', 3000, 3600],
      ['server', 3000, 3600],
    ]);
  });

  it('abort(): the RST resets the peer, which reports "connection reset"', () => {
    const t = Simulation.run({
      config: { preset: 'classroom' },
      steps: [
        { at: 0, endpoint: 'server', call: 'listen' },
        { at: 0, endpoint: 'client', call: 'connect' },
        { at: 3000, endpoint: 'client', call: 'abort' },
      ],
    });
    expect(t.segments.at(-1)).toMatchObject({ from: 'client', flags: 'RST+ACK', fate: 'delivered' });
    expect(t.final).toMatchObject({ client: 'CLOSED', server: 'CLOSED' });
    expect(t.errors).toEqual([{ t: 3600, endpoint: 'server', error: 'connection reset' }]);
  });

  it('a server that closes its listening socket refuses the next SYN', () => {
    const t = Simulation.run({
      config: { preset: 'classroom' },
      steps: [
        { at: 0, endpoint: 'server', call: 'listen' },
        { at: 100, endpoint: 'server', call: 'close' },
        { at: 200, endpoint: 'client', call: 'connect' },
      ],
    });
    expect(t.segments.map((s) => s.flags)).toEqual(['SYN', 'RST+ACK']);
    expect(t.errors.map((e) => e.error)).toEqual(['connection refused']);
  });
});
