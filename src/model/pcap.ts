/**
 * A run as a .pcap file that tcpdump and Wireshark open: every segment that was sent, as a real
 * IPv4/TCP packet with correct checksums, stamped with its simulated send time. Link type RAW
 * (IPv4 with no Ethernet header). Addresses and ports are documentation ones (RFC 5737).
 */
import type { WireSegment } from './history';
import { HOSTS } from './hosts';
import { ackOf, type Segment } from './segment';
import { peerOf, type EndpointId } from './types';

const LINKTYPE_RAW = 101;

/** The Internet checksum (RFC 1071): ones' complement of the ones' complement sum of 16-bit words. */
export function internetChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function packet(from: EndpointId, segment: Segment, id: number, clientPort: number): Uint8Array {
  const { flags, seq, len } = segment;
  const port = (e: EndpointId) => (e === 'client' ? clientPort : HOSTS[e].port);
  const src = { ...HOSTS[from], port: port(from) };
  const dst = { ...HOSTS[peerOf(from)], port: port(peerOf(from)) };
  const tcpLength = 20 + len;
  const total = 20 + tcpLength;
  const p = new Uint8Array(total);
  const v = new DataView(p.buffer);
  // IPv4 header
  v.setUint8(0, 0x45);
  v.setUint16(2, total);
  v.setUint16(4, id & 0xffff);
  v.setUint16(6, 0x4000); // don't fragment
  v.setUint8(8, 64); // TTL
  v.setUint8(9, 6); // TCP
  p.set(src.ip, 12);
  p.set(dst.ip, 16);
  v.setUint16(10, internetChecksum(p.subarray(0, 20)));
  // TCP header (the payload stays zero bytes: the engine models lengths, not contents)
  v.setUint16(20, src.port);
  v.setUint16(22, dst.port);
  v.setUint32(24, seq);
  v.setUint32(28, ackOf(segment) ?? 0);
  v.setUint16(32, (5 << 12) | flags);
  v.setUint16(34, Math.min(segment.win, 65535)); // window (no scaling option is written, so at most 65535)
  const pseudo = new Uint8Array(12 + tcpLength);
  pseudo.set(src.ip, 0);
  pseudo.set(dst.ip, 4);
  pseudo[9] = 6;
  new DataView(pseudo.buffer).setUint16(10, tcpLength);
  pseudo.set(p.subarray(20), 12);
  v.setUint16(36, internetChecksum(pseudo));
  return p;
}

/**
 * A capture of every segment sent by `now` (a simulation, or a player's frame). A tool making a
 * capture of many runs gives each its own client port and start (`offsetMs`).
 */
export function buildPcap(
  sim: { readonly wire: readonly WireSegment[]; readonly now: number },
  options: { readonly clientPort?: number; readonly offsetMs?: number } = {},
): Uint8Array {
  const sent = sim.wire.filter((w) => w.sentAt <= sim.now);
  const packets = sent.map((w) => ({
    at: w.sentAt + (options.offsetMs ?? 0),
    bytes: packet(w.from, w.segment, w.id, options.clientPort ?? HOSTS.client.port),
  }));
  const size = 24 + packets.reduce((n, p) => n + 16 + p.bytes.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0xa1b2c3d4, true); // magic, microsecond timestamps, little-endian
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, 65535, true); // snaplen
  v.setUint32(20, LINKTYPE_RAW, true);
  let at = 24;
  for (const p of packets) {
    const micros = Math.round(p.at * 1000);
    v.setUint32(at, Math.floor(micros / 1_000_000), true);
    v.setUint32(at + 4, micros % 1_000_000, true);
    v.setUint32(at + 8, p.bytes.length, true);
    v.setUint32(at + 12, p.bytes.length, true);
    out.set(p.bytes, at + 16);
    at += 16 + p.bytes.length;
  }
  return out;
}
