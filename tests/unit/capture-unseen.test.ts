/**
 * What a capture missed, inferred (issue 24): a connection seen from its SYN+ACK, or in one
 * direction only, replays with the missing segments inferred and marked, through the states its
 * ends really went through, and nothing departs from the model for being where the capture began.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { xray } from '../../src/capture/anomalies';
import { connectionsOf, type Connection } from '../../src/capture/connections';
import { captureEnd, readCapture } from '../../src/capture/read';
import { replayOf, simulationOf } from '../../src/capture/infer';
import { FIN } from '../../src/model/segment';
import { appearsInOrder } from '../inOrder';
import { LINUX_PCAP_CASES, linuxPcapCase } from '../linuxPcap';

const zeek = (name: string) => {
  const capture = readCapture(new Uint8Array(readFileSync(new URL(`../fixtures/zeek-infer/${name}`, import.meta.url))));
  return { connections: connectionsOf(capture.segments), end: captureEnd(capture) };
};
const statesOf = (x: ReturnType<typeof xray>, e: 'client' | 'server') => x.states[e].map((s) => s.state);

/** The replay's segments: captured ones (with a packet) and inferred ones (marked). */
function wireOf(c: Connection, end: number) {
  const r = replayOf(c, { captureEnd: end });
  const sim = simulationOf(r);
  sim.runUntil(r.endMs);
  return sim.wire;
}

const ZEEK_CLIENT = ['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT'];
const ZEEK_SERVER = ['CLOSED', 'LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED'];

describe('a capture that starts at the SYN+ACK (Zeek’s tcp/missing-syn.pcap)', () => {
  it('infers the client’s SYN, marked, and both ends go through an orderly open and close; nothing departs', () => {
    const { connections, end } = zeek('missing-syn.pcap');
    expect(connections).toHaveLength(1);
    const x = xray(connections[0]!, { captureEnd: end });
    expect(statesOf(x, 'client')).toEqual(ZEEK_CLIENT);
    expect(statesOf(x, 'server')).toEqual(ZEEK_SERVER);
    expect(x.anomalies.map((a) => a.kind)).toEqual(['inferred-opening', 'time-wait-beyond']);
    const wire = wireOf(connections[0]!, end);
    // The SYN is the only segment not in the capture; marked, and sent by the model's connect().
    expect(wire.filter((w) => w.packet === undefined).map((w) => [w.from, w.assumed, w.why.kind])).toEqual([['client', 'opening', 'syn']]);
    expect(wire.filter((w) => w.packet !== undefined && w.assumed !== undefined)).toEqual([]);
    // The vantage is timed from the SYN+ACK and the ACK that answers it (0.65 ms apart), not from a SYN it never saw.
    expect(x.replay.vantage).toEqual({ toClient: expect.closeTo(0.000324, 6), toServer: 0, from: 'handshake' });
  });

  it.each(['server-only', 'client-only'])('%s: the other side’s segments are inferred from what the seen side acknowledged, with the same states', (side) => {
    const { connections, end } = zeek(`missing-syn.${side}.pcap`);
    expect(connections).toHaveLength(1);
    const x = xray(connections[0]!, { captureEnd: end });
    expect(statesOf(x, 'client')).toEqual(ZEEK_CLIENT);
    expect(statesOf(x, 'server')).toEqual(ZEEK_SERVER);
    const unseen = side === 'server-only' ? 'client' : 'server';
    expect(x.anomalies.filter((a) => a.kind !== 'time-wait-beyond' && a.kind !== 'mid-connection')).toEqual([
      expect.objectContaining({ kind: 'one-direction', endpoint: unseen }),
    ]);
    const wire = wireOf(connections[0]!, end);
    // Every inferred segment is the unseen side's and marked; every captured one the seen side's.
    expect(new Set(wire.filter((w) => w.assumed === 'unseen').map((w) => w.from))).toEqual(new Set([unseen]));
    expect(wire.every((w) => (w.packet === undefined) === (w.assumed !== undefined))).toBe(true);
    expect(wire.filter((w) => w.packet !== undefined).every((w) => w.from !== unseen)).toBe(true);
    // The unseen side's FIN is inferred from the seen side's last ACK.
    expect(wire.some((w) => w.from === unseen && w.assumed === 'unseen' && w.segment.flags & FIN)).toBe(true);
  });
});

/** ss's spellings; the listener is another socket in Linux, so LISTEN counts as CLOSED for the connection. */
const ssName = (s: string) => ({ ESTAB: 'ESTABLISHED', 'SYN-RECV': 'SYN-RECEIVED', LISTEN: 'CLOSED' })[s] ?? s;
const collapse = (xs: readonly string[]) => xs.map(ssName).filter((s, i, all) => i === 0 || s !== all[i - 1]);

describe('our Linux captures with one direction filtered out', () => {
  // Each case with the states ss saw; the inferred states hold them in order, from either side alone.
  const both = ['four-way-close', 'data', 'close-at-once', 'half-close-no-timeout', 'time-wait-fin-again', 'zero-window', 'close-wait-hang'];
  const cases = [
    ...both.flatMap((id) => [[id, 'client'] as const, [id, 'server'] as const]),
    // A reset is seen only from its sender's side; a FIN-WAIT-1 that never left is seen only from the side that stays in it.
    ['abort', 'client'],
    ['close-unread', 'server'],
    ['segment-to-closed', 'client'],
    ['simultaneous-close', 'client'],
  ] as const;
  it.each(cases)('%s, seen from the %s only: ss’s states, and nothing departs from the model', (id, side) => {
    const { run, conn } = linuxPcapCase(id);
    const seen = conn!.segments.filter((s) => s.fromClient === (side === 'client'));
    const [c] = connectionsOf(seen);
    const end = conn!.start + conn!.duration;
    const x = xray(c!, { captureEnd: end });
    expect(x.anomalies.some((a) => a.kind === 'one-direction')).toBe(true);
    for (const e of ['client', 'server'] as const) {
      const ours = collapse(statesOf(x, e));
      let ss = collapse(run.states[e]);
      if (['FIN-WAIT-2', 'TIME-WAIT', 'FIN-WAIT-1'].includes(ours.at(-1)!) && ss.at(-1) === 'CLOSED' && ss.length > 1) ss = ss.slice(0, -1);
      expect(appearsInOrder(ss, ours), `${e}: Linux showed ${ss.join(' > ')}; inferred ${ours.join(' > ')}`).toBe(true);
    }
    expect(x.anomalies.filter((a) => a.kind === 'departs')).toEqual([]);
  });
});

describe('bytes the capture missed from a side it saw (it dropped packets)', () => {
  const read = (path: string) => {
    const capture = readCapture(new Uint8Array(readFileSync(new URL(`../fixtures/${path}`, import.meta.url))));
    return { connections: connectionsOf(capture.segments), end: captureEnd(capture) };
  };

  it("Zeek's tcp-miss_end_data: the server's 2,902 bytes before its FIN were missed; inferred, the server closes first and nothing departs", () => {
    const { connections, end } = read('zeek/tcp-miss_end_data.pcap');
    const x = xray(connections[0]!, { captureEnd: end });
    // Without them the FIN at byte 2,903 departed and the client never saw it: it ended in FIN-WAIT-2.
    expect(statesOf(x, 'server')).toEqual(['CLOSED', 'LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT']);
    expect(statesOf(x, 'client')).toEqual(['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
    expect(x.anomalies.filter((a) => a.kind === 'missed')).toEqual([expect.objectContaining({ endpoint: 'server', bytes: 2902, before: 6 })]);
    expect(x.anomalies.filter((a) => a.kind === 'departs')).toEqual([]);
    const inferred = wireOf(connections[0]!, end).filter((w) => !w.packet);
    expect(inferred.map((w) => [w.from, w.segment.len])).toEqual([['server', 2902]]);
  });

  it('placed before the peer’s first ACK of them (tshark’s “ACKed unseen segment”), not at the segment after the gap', () => {
    const { connections, end } = read('resends/tcp_reassembly.pcap');
    const x = xray(connections[0]!, { captureEnd: end });
    // Packet 105, the server's ACK of 31406, came at 10.740001 s; packet 106 (from 31406) at 10.759645 s:
    // the missed bytes went a millisecond before that ACK.
    expect(x.anomalies.filter((a) => a.kind === 'missed')).toEqual([expect.objectContaining({ endpoint: 'client', bytes: 1448, before: 106, t: 10.739001 })]);
  });

  it('never in a capture that holds every packet: a segment lost on the way and sent again is a loss, not a gap', () => {
    for (const id of LINUX_PCAP_CASES) {
      const { conn, config } = linuxPcapCase(id);
      expect(
        xray(conn!, { config }).anomalies.filter((a) => a.kind === 'missed'),
        id,
      ).toEqual([]);
    }
  });
});
