/**
 * Flow control's rules one by one (RFC 9293 section 3.8.6, with Linux's choices), and the
 * issue-13 repro that made two endpoints talk for ever before the engine had a window.
 */
import { describe, expect, it } from 'vitest';
import { parseScript, type Script } from '../../src/model/script';
import { Simulation } from '../../src/model/simulation';

const open = [
  { at: 0, endpoint: 'server', call: 'listen' },
  { at: 0, endpoint: 'client', call: 'connect' },
] as const;

describe('flow control', () => {
  it('140,000 bytes each way after a loss each way: the run settles and every byte is read (it ran for ever before)', () => {
    const script: Script = {
      steps: [
        ...open,
        { at: 1000, network: 'drop-next', direction: 'client->server' },
        { at: 1000, network: 'drop-next', direction: 'server->client' },
        { at: 1000, endpoint: 'client', call: 'send', bytes: 140_000 },
        { at: 1000, endpoint: 'server', call: 'send', bytes: 140_000 },
      ],
      until: 30_000,
    };
    const sim = new Simulation(script);
    sim.runToEnd();
    expect(sim.wire.length).toBeLessThan(1000);
    expect(sim.tcb('server').bytesRead).toBe(140_000);
    expect(sim.tcb('client').bytesRead).toBe(140_000);
    // Nothing is ever sent past the window the peer offered (64 KB under the linux preset).
    expect(Math.max(...sim.wire.map((w) => w.segment.win))).toBe(65_535);
  });

  it('a receiver that does not read closes its window; the sender probes, and a read() opens it again', () => {
    const trace = Simulation.run({
      config: { preset: 'classroom', rcvBufBytes: 3000, serverReads: 'when-called' },
      steps: [...open, { at: 3000, endpoint: 'client', call: 'send', bytes: 5000 }, { at: 12_000, endpoint: 'server', call: 'read' }],
      until: 20_000,
    });
    const fromServer = trace.segments.filter((s) => s.from === 'server' && s.sentAt >= 3000);
    const fromClient = trace.segments.filter((s) => s.from === 'client' && s.sentAt >= 3000);
    // Three 1000-byte segments fill the 3000-byte buffer. The first is ACKed at once (one quick ACK:
    // half the buffer holds one segment); the other two by one ACK, for every second full segment,
    // which offers 0.
    expect(fromClient.slice(0, 3).map((s) => s.len)).toEqual([1000, 1000, 1000]);
    expect(fromServer.slice(0, 2).map((s) => [s.win, (s.ack! - fromServer[0]!.ack!) >>> 0])).toEqual([
      [2000, 0],
      [0, 2000],
    ]);
    // Then only probes (an ACK one below SND.UNA, no data) until the read.
    const probes = fromClient.filter((s) => s.sentAt < 12_000).slice(3);
    expect(probes.length).toBeGreaterThanOrEqual(2);
    for (const p of probes) expect([p.flags, p.len, p.seq]).toEqual(['ACK', 0, (fromServer[1]!.ack! - 1) >>> 0]);
    expect(probes[1]!.sentAt - probes[0]!.sentAt).toBe(2 * (probes[0]!.sentAt - fromServer[1]!.arrivedAt!));
    // read(): a window update of the whole buffer, and the last 2000 bytes follow at once.
    const update = fromServer.find((s) => s.sentAt === 12_000)!;
    expect([update.flags, update.len, update.win]).toEqual(['ACK', 0, 3000]);
    expect(fromClient.filter((s) => s.sentAt >= 12_000 + 600 && s.len > 0).map((s) => s.len)).toEqual([1000, 1000]);
    expect(trace.reads.filter((r) => r.endpoint === 'server').reduce((n, r) => n + r.bytes, 0)).toBe(3000);
  });

  it('close() with bytes still unread resets the connection, as Linux does', () => {
    const trace = Simulation.run({
      config: { preset: 'classroom', serverReads: 'when-called' },
      steps: [...open, { at: 3000, endpoint: 'client', call: 'send', bytes: 100 }, { at: 6000, endpoint: 'server', call: 'close' }],
      until: 20_000,
    });
    const last = trace.segments.filter((s) => s.from === 'server').at(-1)!;
    expect(last.flags).toBe('RST+ACK');
    expect(trace.transitions.filter((t) => t.endpoint === 'server').at(-1)!.to).toBe('CLOSED');
  });

  it('a read of some bytes takes only those; a read before the connection exists is refused', () => {
    const trace = Simulation.run({
      config: { preset: 'classroom', serverReads: 'when-called' },
      steps: [
        { at: 0, endpoint: 'server', call: 'read' },
        ...open.map((s) => ({ ...s, at: 1 })),
        { at: 3000, endpoint: 'client', call: 'send', bytes: 2500 },
        { at: 6000, endpoint: 'server', call: 'read', bytes: 700 },
        { at: 6100, endpoint: 'server', call: 'read' },
      ],
      until: 10_000,
    });
    expect(trace.calls[0]!.refused).toBe('connection does not exist');
    expect(trace.reads.map((r) => r.bytes)).toEqual([700, 1800]);
  });
});

describe('work is bounded before a run starts', () => {
  const send = (bytes: number, at: number) => ({ at, endpoint: 'client', call: 'send', bytes });
  it('refuses sends that make more segments than a run may, naming the step', () => {
    expect(() => parseScript({ config: { mss: 100 }, steps: [...open, ...Array.from({ length: 11 }, (_, i) => send(1_000_000, 100 + i))] })).toThrow(
      /^steps\[12\]\.bytes: the sends so far make about 110000 segments/,
    );
    expect(() => parseScript({ config: { mss: 100 }, steps: [...open, ...Array.from({ length: 10 }, (_, i) => send(1_000_000, 100 + i))] })).not.toThrow();
  });

  it('asks for `until` when an application reads only on read(), and bounds the probes it allows', () => {
    expect(() => parseScript({ config: { serverReads: 'when-called' }, steps: [...open] })).toThrow(
      /^until: is needed when config\.serverReads is "when-called"/,
    );
    expect(() => parseScript({ config: { serverReads: 'when-called', maxRtoMs: 1, rtoMs: 1 }, steps: [...open], until: 1e9 })).toThrow(
      /^until: .*more than 100000 probes/,
    );
    expect(() => parseScript({ config: { clientReads: 'sometimes' }, steps: [...open] })).toThrow(
      /^config\.clientReads: must be one of "at-once", "when-called"/,
    );
  });
});
