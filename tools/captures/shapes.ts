/**
 * Captures shaped to cost the X-ray the most per segment (issue 24), generated at bench time and
 * never kept in the repository:
 * - `telnet`: one interactive connection of many small segments each way, where each side sends
 *   long runs before the other acknowledges any of it (a remote shell echoing a paste);
 * - `one-sided`: one connection seen in one direction only (a tap on one path of asymmetric
 *   routing): the server's data, its SYN+ACK and FIN, and nothing of the client's;
 * - `many`: a busy capture of many connections interleaved, each a request and a reply of small
 *   segments, about 164 packets a connection.
 *
 *   npx tsx tools/captures/shapes.ts telnet 14000 > /tmp/telnet.pcap
 *   npx tsx tools/captures/shapes.ts one-sided 12000 > /tmp/one-sided.pcap
 *   npx tsx tools/captures/shapes.ts many 500 > /tmp/many.pcap
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { WireSegment } from '../../src/model/history';
import { buildPcap } from '../../src/model/pcap';
import { ACK, FIN, PSH, SYN, segment, type Segment } from '../../src/model/segment';
import type { EndpointId } from '../../src/model/types';
import { joinRecords, recordsOf, type PcapRecord } from './pcapRecords';

/** A run being written: segments with their send times (ms). */
class Writer {
  readonly wire: WireSegment[] = [];
  t = 0;
  put(from: EndpointId, seg: Segment, gapMs = 1): void {
    this.t += gapMs;
    this.wire.push({
      id: this.wire.length + 1,
      from,
      to: from === 'client' ? 'server' : 'client',
      segment: seg,
      sentAt: this.t,
      arrivesAt: this.t,
      lost: null,
      retransmission: false,
      why: { kind: 'data' },
      delivered: true,
      held: false,
    });
  }
}

/** A small deterministic random source (the same file every run). */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/**
 * One interactive connection of about `segments` segments: each side in turn sends a run of 50 to
 * 400 segments of 1 to 40 bytes, acknowledging nothing new of the peer's until its run is over.
 */
export function telnetRun(segments: number, seed = 7): WireSegment[] {
  const w = new Writer();
  const rnd = random(seed);
  const c0 = 100_000;
  const s0 = 900_000;
  let c = c0 + 1;
  let s = s0 + 1;
  w.put('client', segment(SYN, c0, null));
  w.put('server', segment(SYN | ACK, s0, c));
  w.put('client', segment(ACK, c, s));
  let turn: EndpointId = 'client';
  while (w.wire.length < segments - 4) {
    const run = Math.min(50 + Math.floor(rnd() * 350), segments - 4 - w.wire.length);
    for (let i = 0; i < run; i++) {
      const len = 1 + Math.floor(rnd() * 40);
      if (turn === 'client') {
        w.put('client', segment(PSH | ACK, c, s, len), 0.2);
        c += len;
      } else {
        w.put('server', segment(PSH | ACK, s, c, len), 0.2);
        s += len;
      }
    }
    turn = turn === 'client' ? 'server' : 'client';
  }
  w.put('client', segment(FIN | ACK, c, s));
  w.put('server', segment(FIN | ACK, s, c + 1));
  w.put('client', segment(ACK, c + 1, s + 1));
  return w.wire;
}

/** One connection of `segments` segments seen from the server's side of the path only: its SYN+ACK, its data, its FIN. */
export function oneSidedRun(segments: number, seed = 11): WireSegment[] {
  const w = new Writer();
  const rnd = random(seed);
  const c = 300_001;
  const s0 = 7_000_000;
  let s = s0 + 1;
  w.put('server', segment(SYN | ACK, s0, c));
  for (let i = 0; i < segments - 2; i++) {
    const len = rnd() < 0.8 ? 1448 : 1 + Math.floor(rnd() * 1448);
    w.put('server', segment(PSH | ACK, s, c, len), 0.1);
    s += len;
  }
  w.put('server', segment(FIN | ACK, s, c));
  return w.wire;
}

/**
 * One connection in which every one of the server's data segments is sent twice before the client
 * acknowledges it (the first copy late, not lost): about `segments` packets, a third of them resends,
 * each a thing that stands out.
 */
export function resendingRun(segments: number): WireSegment[] {
  const w = new Writer();
  const c0 = 400_000;
  const s0 = 9_000_000;
  let s = s0 + 1;
  w.put('client', segment(SYN, c0, null));
  w.put('server', segment(SYN | ACK, s0, c0 + 1));
  w.put('client', segment(ACK, c0 + 1, s));
  while (w.wire.length < segments - 3) {
    w.put('server', segment(PSH | ACK, s, c0 + 1, 100), 0.2);
    w.put('server', segment(PSH | ACK, s, c0 + 1, 100), 0.3);
    s += 100;
    w.put('client', segment(ACK, c0 + 1, s), 0.01);
  }
  w.put('server', segment(FIN | ACK, s, c0 + 1));
  w.put('client', segment(FIN | ACK, c0 + 1, s + 1), 0.01);
  w.put('server', segment(ACK, s + 1, c0 + 2), 0.01);
  return w.wire;
}

/** One connection of a busy capture: a handshake, runs of small segments each way acknowledged now and then, and a close: about `packets` packets. */
function smallConnection(w: Writer, packets: number, rnd: () => number): void {
  const c0 = Math.floor(rnd() * 2 ** 31);
  const s0 = Math.floor(rnd() * 2 ** 31);
  let c = c0 + 1;
  let s = s0 + 1;
  w.put('client', segment(SYN, c0, null));
  w.put('server', segment(SYN | ACK, s0, c));
  w.put('client', segment(ACK, c, s));
  let turn: EndpointId = 'client';
  while (w.wire.length < packets - 4) {
    const run = 1 + Math.floor(rnd() * 12);
    for (let i = 0; i < run && w.wire.length < packets - 4; i++) {
      const len = 1 + Math.floor(rnd() * 64);
      if (turn === 'client') {
        w.put('client', segment(PSH | ACK, c, s, len), 0.5);
        c += len;
      } else {
        w.put('server', segment(PSH | ACK, s, c, len), 0.5);
        s += len;
      }
    }
    // The other side acknowledges the run, then speaks.
    turn = turn === 'client' ? 'server' : 'client';
    w.put(turn, turn === 'client' ? segment(ACK, c, s) : segment(ACK, s, c), 0.3);
  }
  w.put('client', segment(FIN | ACK, c, s));
  w.put('server', segment(FIN | ACK, s, c + 1));
  w.put('client', segment(ACK, c + 1, s + 1));
}

/** A pcap of one run. */
export const pcapOf = (wire: readonly WireSegment[]): Uint8Array => buildPcap({ wire, now: Infinity });

/** `connections` connections of about 164 packets each, started 20 ms apart and interleaved, in one pcap in time order. */
export function manyConnections(connections: number, seed = 3): Uint8Array {
  const rnd = random(seed);
  const records: PcapRecord[] = [];
  for (let i = 0; i < connections; i++) {
    const w = new Writer();
    smallConnection(w, 164, rnd);
    records.push(...recordsOf(buildPcap({ wire: w.wire, now: Infinity }, { clientPort: 20000 + i, offsetMs: i * 20 })));
  }
  return joinRecords(records);
}

/**
 * A file of `connections` such connections (164 packets each: 2,000 connections make about 27 MB),
 * written a batch at a time so that a file of any size is made without holding it.
 */
export function writeManyConnections(path: string, connections: number, batch = 500): number {
  const fd = openSync(path, 'w');
  let bytes = writeSync(fd, buildPcap({ wire: [], now: 0 }));
  const rnd = random(5);
  for (let from = 0; from < connections; from += batch) {
    const records: PcapRecord[] = [];
    for (let i = from; i < Math.min(connections, from + batch); i++) {
      const w = new Writer();
      smallConnection(w, 164, rnd);
      // Each its own client address and port (50,000 ports an address).
      // Stamped in seconds since 1970, as a capture is (from 2026-01-01).
      for (const r of recordsOf(buildPcap({ wire: w.wire, now: Infinity }, { clientPort: 10_000 + (i % 50_000), offsetMs: 1_767_225_600_000 + i * 20 }))) {
        // The client's address: 192.0.2.(10 + i / 50,000), in both directions (source or destination).
        const client = 10 + Math.floor(i / 50_000);
        if (r.bytes[16 + 12] === 192) r.bytes[16 + 15] = client;
        else r.bytes[16 + 19] = client;
        records.push(r);
      }
    }
    records.sort((a, b) => a.at - b.at);
    for (const r of records) bytes += writeSync(fd, r.bytes);
  }
  closeSync(fd);
  return bytes;
}

/** `n` connections of one SYN each (S0), from client ports and addresses of their own (50,000 ports an address), 1 ms apart. */
export function synFlood(n: number): Uint8Array {
  const one = pcapOf([
    {
      id: 1,
      from: 'client',
      to: 'server',
      segment: segment(SYN, 1000, null),
      sentAt: 0,
      arrivesAt: 0,
      lost: null,
      retransmission: false,
      why: { kind: 'data' },
      delivered: true,
      held: false,
    },
  ]);
  const record = one.subarray(24);
  const out = new Uint8Array(24 + n * record.length);
  out.set(one.subarray(0, 24), 0);
  const v = new DataView(out.buffer);
  for (let i = 0; i < n; i++) {
    const at = 24 + i * record.length;
    out.set(record, at);
    const micros = i * 1000;
    v.setUint32(at, Math.floor(micros / 1e6), true);
    v.setUint32(at + 4, micros % 1e6, true);
    out[at + 16 + 15] = 10 + Math.floor(i / 50_000);
    v.setUint16(at + 16 + 20, 10_000 + (i % 50_000));
  }
  return out;
}

/** The three shapes by name, at the sizes issue 24 names. */
export const SHAPES = {
  telnet: (n = 14_000) => pcapOf(telnetRun(n)),
  'one-sided': (n = 12_000) => pcapOf(oneSidedRun(n)),
  many: (n = 500) => manyConnections(n),
} as const;

if (import.meta.url === `file://${process.argv[1]}`) {
  const name = process.argv[2] as keyof typeof SHAPES;
  const make = SHAPES[name];
  if (!make) throw new Error(`usage: shapes.ts ${Object.keys(SHAPES).join(' | ')} [size]`);
  process.stdout.write(make(process.argv[3] ? Number(process.argv[3]) : undefined));
}
