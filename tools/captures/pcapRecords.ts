/**
 * A pcap (as src/model/pcap.ts builds one) cut into its records, each with its time in µs, and
 * records joined back into one pcap in time order: how the capture generators interleave many
 * runs into one busy capture.
 */
import { buildPcap } from '../../src/model/pcap';

export interface PcapRecord {
  /** Microseconds since 1970, from the record's header. */
  readonly at: number;
  /** The record: its 16-byte header and the packet. */
  readonly bytes: Uint8Array;
}

/** The records of a little-endian microsecond pcap (after its 24-byte file header). */
export function recordsOf(pcap: Uint8Array): PcapRecord[] {
  const v = new DataView(pcap.buffer, pcap.byteOffset, pcap.byteLength);
  const out: PcapRecord[] = [];
  for (let at = 24; at < pcap.length; ) {
    const len = v.getUint32(at + 8, true);
    out.push({ at: v.getUint32(at, true) * 1e6 + v.getUint32(at + 4, true), bytes: pcap.subarray(at, at + 16 + len) });
    at += 16 + len;
  }
  return out;
}

/** The records sorted by time, joined behind one file header. */
export function joinRecords(records: PcapRecord[]): Uint8Array {
  records.sort((a, b) => a.at - b.at);
  const out = new Uint8Array(24 + records.reduce((n, r) => n + r.bytes.length, 0));
  out.set(buildPcap({ wire: [], now: 0 }).subarray(0, 24), 0);
  let at = 24;
  for (const r of records) {
    out.set(r.bytes, at);
    at += r.bytes.length;
  }
  return out;
}
