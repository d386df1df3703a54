/**
 * Reading a packet capture: the TCP segments in a pcap or pcapng file, as they were on the wire.
 * Framework-free and pure (bytes in, segments out), so the page (in a worker), the command line
 * and tests share it. No well-kept browser reader of pcapng exists on npm; this one reads what
 * Debian's tcpdump, dumpcap and editcap write (tests/fixtures/captures, checked against tshark).
 *
 * Formats: pcap (either byte order, microsecond or nanosecond timestamps) and pcapng (section
 * header, interface description and enhanced/simple packet blocks, either byte order; other blocks
 * are skipped). Link types: Ethernet (with 802.1Q/802.1ad VLAN tags), Linux cooked capture v1 and
 * v2 (`tcpdump -i any`), raw IP, and BSD loopback (null). IPv4 and IPv6 (extension headers are
 * walked). A packet cut short by the snap length keeps its real TCP length, read from the IP header.
 *
 * Input is untrusted: every length is checked before it is read, and a file that is not a capture
 * (or ends mid-header) is a CaptureError with one line that says so; a packet that is not TCP, or
 * too short to read, is counted and skipped.
 */

/** What kind of input was refused, for a page to say in its reader's language (the message is English). */
export type CaptureErrorKind = 'not-capture' | 'cut-short' | 'damaged' | 'too-large' | 'no-tcp';

export class CaptureError extends Error {
  override name = 'CaptureError';
  constructor(
    message: string,
    readonly kind: CaptureErrorKind,
  ) {
    super(message);
  }
}

/** TCP options as a capture shows them (absent when not present, or cut off by the snap length). */
export interface TcpOptions {
  readonly mss?: number;
  readonly windowScale?: number;
  readonly sackPermitted?: boolean;
  readonly timestamp?: { readonly value: number; readonly echo: number };
}

/** One TCP segment seen in the capture. */
export interface CapturedSegment {
  /** Its packet's number in the file, from 1 (as Wireshark numbers frames). */
  readonly frame: number;
  /** Seconds since the capture's first packet (of any kind). */
  readonly t: number;
  readonly src: string;
  readonly dst: string;
  readonly sport: number;
  readonly dport: number;
  /** TCP's flag byte: FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE 0x40, CWR 0x80. */
  readonly flags: number;
  readonly seq: number;
  readonly ack: number;
  /** Payload length, from the IP header (the real length, even when the capture cut the packet short). */
  readonly len: number;
  /** The window field as sent (not scaled). */
  readonly win: number;
  readonly options: TcpOptions;
  /** The capture cut this packet short of its real length. */
  readonly truncated: boolean;
}

export interface Capture {
  readonly format: 'pcap' | 'pcapng' | 'tcpdump-text';
  readonly segments: readonly CapturedSegment[];
  /** Packets read in all, and those skipped (not TCP, an unknown link type, too short to read). */
  readonly packets: number;
  readonly skipped: number;
  /** The file ends in the middle of a packet (or block): what came before it was read. */
  readonly cutShort: boolean;
}

/** Link-layer header types (www.tcpdump.org/linktypes.html). */
const LINKTYPE = { NULL: 0, ETHERNET: 1, RAW: 101, LOOP: 108, LINUX_SLL: 113, IPV4: 228, IPV6: 229, LINUX_SLL2: 276 } as const;

/** Read a capture file's bytes. */
export function readCapture(bytes: Uint8Array): Capture {
  if (bytes.length < 4) throw new CaptureError('not a packet capture: the file is too short to have a header', 'not-capture');
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = v.getUint32(0, false);
  if (magic === 0x0a0d0d0a) return readPcapng(bytes, v);
  if ([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1].includes(magic)) return readPcap(bytes, v);
  throw new CaptureError('not a packet capture: it starts with neither a pcap nor a pcapng header', 'not-capture');
}

/** Gathers segments as packets are read. */
class Collector {
  readonly segments: CapturedSegment[] = [];
  packets = 0;
  skipped = 0;
  private first: number | null = null;

  /** A packet that cannot be read (an unknown interface, a length past its block). */
  skip(): void {
    this.packets += 1;
    this.skipped += 1;
  }

  add(link: number, data: Uint8Array, originalLength: number, seconds: number): void {
    this.packets += 1;
    this.first ??= seconds;
    const seg = decodeLink(link, data, originalLength, this.packets, seconds - this.first);
    if (seg) this.segments.push(seg);
    else this.skipped += 1;
  }
}

function readPcap(bytes: Uint8Array, v: DataView): Capture {
  if (bytes.length < 24) throw new CaptureError('a truncated pcap file: its 24-byte header is cut short', 'cut-short');
  const raw = v.getUint32(0, false);
  const little = raw === 0xd4c3b2a1 || raw === 0x4d3cb2a1;
  const nano = raw === 0xa1b23c4d || raw === 0x4d3cb2a1;
  // The link type's low 16 bits (the upper ones may carry FCS flags).
  const link = v.getUint32(20, little) & 0xffff;
  const c = new Collector();
  let off = 24;
  let cutShort = false;
  while (off + 16 <= bytes.length) {
    const sec = v.getUint32(off, little);
    const frac = v.getUint32(off + 4, little);
    const caplen = v.getUint32(off + 8, little);
    const origlen = v.getUint32(off + 12, little);
    off += 16;
    // The file ends mid-packet: keep what was read, and say so.
    if (caplen > bytes.length - off) {
      cutShort = true;
      break;
    }
    c.add(link, bytes.subarray(off, off + caplen), origlen, sec + frac / (nano ? 1e9 : 1e6));
    off += caplen;
  }
  return {
    format: 'pcap',
    segments: c.segments,
    packets: c.packets,
    skipped: c.skipped,
    cutShort: cutShort || (off < bytes.length && off + 16 > bytes.length),
  };
}

function readPcapng(bytes: Uint8Array, v: DataView): Capture {
  const c = new Collector();
  let off = 0;
  let little = true;
  let interfaces: { link: number; unitsPerSecond: number }[] = [];
  let cutShort = false;
  while (off + 12 <= bytes.length) {
    const type = v.getUint32(off, little);
    if (type === 0x0a0d0d0a) {
      // A section header: its byte-order magic says how to read this section.
      if (off + 28 > bytes.length) {
        cutShort = true;
        break;
      }
      const bom = v.getUint32(off + 8, true);
      if (bom === 0x1a2b3c4d) little = true;
      else if (bom === 0x4d3c2b1a) little = false;
      else throw new CaptureError('a damaged pcapng file: a section header has no valid byte-order magic', 'damaged');
      interfaces = [];
    }
    const length = v.getUint32(off + 4, little);
    if (length < 12 || length % 4 !== 0 || length > bytes.length - off) {
      if (off === 0) throw new CaptureError('a damaged pcapng file: its first block has an impossible length', 'damaged');
      // A file cut short: keep what was read, and say so.
      cutShort = true;
      break;
    }
    const body = off + 8;
    const end = off + length - 4;
    if (type === 1 && body + 8 <= end) {
      // Interface description: link type, and the timestamp resolution option (if_tsresol, code 9).
      const link = v.getUint16(body, little);
      let unitsPerSecond = 1e6;
      for (let o = body + 8; o + 4 <= end;) {
        const code = v.getUint16(o, little);
        const len = v.getUint16(o + 2, little);
        if (code === 0) break;
        if (code === 9 && len >= 1 && o + 5 <= end) {
          const r = bytes[o + 4]!;
          unitsPerSecond = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** (r & 0x7f);
        }
        o += 4 + Math.ceil(len / 4) * 4;
      }
      interfaces.push({ link, unitsPerSecond });
    } else if (type === 6 && body + 20 <= end) {
      // Enhanced packet: interface, 64-bit timestamp in the interface's units, lengths, data.
      const iface = interfaces[v.getUint32(body, little)];
      const units = v.getUint32(body + 4, little) * 2 ** 32 + v.getUint32(body + 8, little);
      const caplen = v.getUint32(body + 12, little);
      const origlen = v.getUint32(body + 16, little);
      const data = body + 20;
      if (iface && caplen <= end - data) c.add(iface.link, bytes.subarray(data, data + caplen), origlen, units / iface.unitsPerSecond);
      else c.skip();
    } else if (type === 3 && body + 4 <= end) {
      // Simple packet: no timestamp (it takes the previous one's place at 0), interface 0.
      const iface = interfaces[0];
      const origlen = v.getUint32(body, little);
      const caplen = Math.min(origlen, end - body - 4);
      if (iface) c.add(iface.link, bytes.subarray(body + 4, body + 4 + caplen), origlen, 0);
    }
    off += length;
  }
  return {
    format: 'pcapng',
    segments: c.segments,
    packets: c.packets,
    skipped: c.skipped,
    cutShort: cutShort || (off < bytes.length && off + 12 > bytes.length),
  };
}

/** The IP packet inside a link-layer frame, or null. */
function decodeLink(link: number, d: Uint8Array, originalLength: number, frame: number, t: number): CapturedSegment | null {
  const v = new DataView(d.buffer, d.byteOffset, d.byteLength);
  let off: number;
  let ethertype: number | null = null;
  switch (link) {
    case LINKTYPE.ETHERNET:
      if (d.length < 14) return null;
      ethertype = v.getUint16(12);
      off = 14;
      // 802.1Q and 802.1ad (QinQ) tags: four bytes each before the real type.
      while ((ethertype === 0x8100 || ethertype === 0x88a8) && off + 4 <= d.length) {
        ethertype = v.getUint16(off + 2);
        off += 4;
      }
      break;
    case LINKTYPE.LINUX_SLL:
      if (d.length < 16) return null;
      ethertype = v.getUint16(14);
      off = 16;
      break;
    case LINKTYPE.LINUX_SLL2:
      if (d.length < 20) return null;
      ethertype = v.getUint16(0);
      off = 20;
      break;
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP: {
      if (d.length < 4) return null;
      // The address family, in the writer's byte order (NULL) or network order (LOOP): 2 is IPv4; 24, 28 or 30 are IPv6.
      const family = link === LINKTYPE.LOOP ? v.getUint32(0) : Math.min(v.getUint32(0, true), v.getUint32(0, false));
      ethertype = family === 2 ? 0x0800 : [24, 28, 30].includes(family) ? 0x86dd : null;
      off = 4;
      break;
    }
    case LINKTYPE.RAW:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
      off = 0;
      break;
    default:
      return null;
  }
  if (ethertype !== null && ethertype !== 0x0800 && ethertype !== 0x86dd) return null;
  const lost = Math.max(0, originalLength - d.length);
  return decodeIp(d.subarray(off), frame, t, lost);
}

function decodeIp(d: Uint8Array, frame: number, t: number, lost: number): CapturedSegment | null {
  if (d.length < 1) return null;
  const v = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const version = d[0]! >> 4;
  let src: string;
  let dst: string;
  let tcpOff: number;
  let tcpLength: number;
  if (version === 4) {
    if (d.length < 20) return null;
    const ihl = (d[0]! & 15) * 4;
    if (ihl < 20 || d[9] !== 6) return null;
    // A fragment other than the first carries no TCP header.
    if ((v.getUint16(6) & 0x1fff) !== 0) return null;
    tcpLength = v.getUint16(2) - ihl;
    src = Array.from(d.subarray(12, 16)).join('.');
    dst = Array.from(d.subarray(16, 20)).join('.');
    tcpOff = ihl;
  } else if (version === 6) {
    if (d.length < 40) return null;
    let next = d[6]!;
    let payload = v.getUint16(4);
    src = ipv6(d.subarray(8, 24));
    dst = ipv6(d.subarray(24, 40));
    tcpOff = 40;
    // Hop-by-hop, routing, destination options: skip to TCP (a fragment header ends the walk).
    while ((next === 0 || next === 43 || next === 60) && tcpOff + 8 <= d.length) {
      const size = (d[tcpOff + 1]! + 1) * 8;
      next = d[tcpOff]!;
      tcpOff += size;
      payload -= size;
    }
    if (next !== 6) return null;
    tcpLength = payload;
  } else return null;
  if (tcpOff + 20 > d.length) return null;
  const tv = new DataView(d.buffer, d.byteOffset + tcpOff, d.byteLength - tcpOff);
  const dataOffset = (tv.getUint8(12) >> 4) * 4;
  if (dataOffset < 20) return null;
  const options = readOptions(d.subarray(tcpOff + 20, Math.min(d.length, tcpOff + dataOffset)));
  return {
    frame,
    t,
    src,
    dst,
    sport: tv.getUint16(0),
    dport: tv.getUint16(2),
    seq: tv.getUint32(4),
    ack: tv.getUint32(8),
    flags: tv.getUint8(13),
    win: tv.getUint16(14),
    len: Math.max(0, tcpLength - dataOffset),
    options,
    truncated: lost > 0,
  };
}

function readOptions(o: Uint8Array): TcpOptions {
  const out: { -readonly [K in keyof TcpOptions]: TcpOptions[K] } = {};
  for (let i = 0; i < o.length;) {
    const kind = o[i]!;
    if (kind === 0) break;
    if (kind === 1) {
      i += 1;
      continue;
    }
    const len = o[i + 1];
    if (len === undefined || len < 2 || i + len > o.length) break; // cut short by the snap length
    if (kind === 2 && len === 4) out.mss = (o[i + 2]! << 8) | o[i + 3]!;
    else if (kind === 3 && len === 3) out.windowScale = o[i + 2]!;
    else if (kind === 4 && len === 2) out.sackPermitted = true;
    else if (kind === 8 && len === 10) {
      const v = new DataView(o.buffer, o.byteOffset + i + 2, 8);
      out.timestamp = { value: v.getUint32(0), echo: v.getUint32(4) };
    }
    i += len;
  }
  return out;
}

/** An IPv6 address as RFC 5952 writes it: lower case, the longest run of zero groups as "::". */
function ipv6(b: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((b[i]! << 8) | b[i + 1]!);
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}
