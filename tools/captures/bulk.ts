/**
 * A capture of one long bulk transfer, `megabytes` of payload in full-sized segments (a handshake,
 * the data with an ACK for every second segment, and a close): what a real capture of a download
 * weighs, for measuring how the X-ray reads a large file.
 *
 *   npx tsx tools/captures/bulk.ts 500 > /tmp/bulk.pcap
 */
import { writeSync } from 'node:fs';
import type { WireSegment } from '../../src/model/history';
import { buildPcap } from '../../src/model/pcap';
import { ACK, FIN, PSH, SYN, segment, type Segment } from '../../src/model/segment';

const MSS = 1460;

/** The transfer's segments, a slice at a time (so that a file of any size is written without holding it). */
export function* bulkSlices(megabytes: number, perSlice = 20_000): Generator<Uint8Array> {
  const total = Math.floor((megabytes * 1e6) / MSS);
  const c0 = 1_000_000;
  const s0 = 5_000_000;
  let wire: WireSegment[] = [];
  let id = 0;
  let t = 0;
  const put = (from: 'client' | 'server', seg: Segment) =>
    wire.push({ id: ++id, from, to: from === 'client' ? 'server' : 'client', segment: seg, sentAt: (t += 0.01), arrivesAt: t, lost: null, retransmission: false, why: { kind: 'data' }, delivered: true, held: false });
  put('client', segment(SYN, c0, null));
  put('server', segment(SYN | ACK, s0, c0 + 1));
  put('client', segment(ACK, c0 + 1, s0 + 1));
  for (let i = 0; i < total; i++) {
    put('server', segment(PSH | ACK, s0 + 1 + i * MSS, c0 + 1, MSS));
    if (i % 2 === 1) put('client', segment(ACK, c0 + 1, s0 + 1 + (i + 1) * MSS));
    if (wire.length >= perSlice) {
      yield records(wire);
      wire = [];
    }
  }
  const end = s0 + 1 + total * MSS;
  put('server', segment(FIN | ACK, end, c0 + 1));
  put('client', segment(FIN | ACK, c0 + 1, end + 1));
  put('server', segment(ACK, end + 1, c0 + 2));
  yield records(wire);
}

/** A pcap's records only (its 24-byte header left off), and the header once. */
const records = (wire: WireSegment[]) => buildPcap({ wire, now: Infinity }).subarray(24);
export const pcapHeader = () => buildPcap({ wire: [], now: 0 });

if (import.meta.url === `file://${process.argv[1]}`) {
  writeSync(1, pcapHeader());
  for (const slice of bulkSlices(Number(process.argv[2] ?? 10))) writeSync(1, slice);
}
