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

/** When the capture's last segment was seen, in seconds since its first packet: where its connections are replayed to. */
export const captureEnd = (capture: Pick<Capture, 'segments'>): number => capture.segments.reduce((t, s) => Math.max(t, s.t), 0);

/** Link-layer header types (www.tcpdump.org/linktypes.html). */
const LINKTYPE = { NULL: 0, ETHERNET: 1, RAW: 101, LOOP: 108, LINUX_SLL: 113, IPV4: 228, IPV6: 229, LINUX_SLL2: 276 } as const;

/** Read a capture file's bytes (all at once: the same as one chunk to a CaptureReader). */
export function readCapture(bytes: Uint8Array): Capture {
  const reader = new CaptureReader();
  reader.push(bytes);
  return reader.finish();
}

/** The largest record or block a capture may hold (a snap length is at most 256 KB; pcapng blocks carry one packet each). */
const MAX_RECORD = 16 << 20;

/**
 * A capture read a chunk at a time (a file sliced by a worker): only the segments and the part of a
 * record that a chunk cut are kept, never the file. `push` the chunks in order, then `finish`.
 */
export class CaptureReader {
  private carry = new Uint8Array(0);
  private format: 'pcap' | 'pcapng' | null = null;
  /** pcap: the file header's byte order, time unit and link type. */
  private pcap = { little: true, nano: false, link: 0 };
  /** pcapng: the current section's byte order and interfaces. */
  private ng = { little: true, interfaces: [] as { link: number; unitsPerSecond: number }[], blocks: 0 };
  private readonly c = new Collector();
  /** A record or block claimed more bytes than any can have: what follows is not read. */
  private stopped = false;

  /** Packets read so far (for a progress line). */
  get packets(): number {
    return this.c.packets;
  }

  push(chunk: Uint8Array): void {
    if (this.stopped || chunk.length === 0) return;
    const buf = this.carry.length === 0 ? chunk : concat(this.carry, chunk);
    const used = this.parse(buf);
    // What is left is less than one record (a copy: the chunk itself is not kept).
    this.carry = buf.slice(used);
  }

  finish(): Capture {
    if (this.format === null) {
      if (this.carry.length < 4) throw new CaptureError('not a packet capture: the file is too short to have a header', 'not-capture');
      throw new CaptureError('a truncated pcap file: its 24-byte header is cut short', 'cut-short');
    }
    return {
      format: this.format,
      segments: this.c.segments,
      packets: this.c.packets,
      skipped: this.c.skipped,
      // Bytes left over are a record the file ends inside.
      cutShort: this.stopped || this.carry.length > 0,
    };
  }

  /** Read what whole records `buf` holds; returns how many bytes were used. */
  private parse(buf: Uint8Array): number {
    const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let off = 0;
    if (this.format === null) {
      if (buf.length < 4) return 0;
      const magic = v.getUint32(0, false);
      if (magic === 0x0a0d0d0a) this.format = 'pcapng';
      else if ([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1].includes(magic)) {
        if (buf.length < 24) return 0;
        this.format = 'pcap';
        this.pcap = {
          little: magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1,
          nano: magic === 0xa1b23c4d || magic === 0x4d3cb2a1,
          // The link type's low 16 bits (the upper ones may carry FCS flags).
          link: v.getUint32(20, magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) & 0xffff,
        };
        off = 24;
      } else throw new CaptureError('not a packet capture: it starts with neither a pcap nor a pcapng header', 'not-capture');
    }
    return this.format === 'pcap' ? this.parsePcap(buf, v, off) : this.parsePcapng(buf, v, off);
  }

  private parsePcap(buf: Uint8Array, v: DataView, off: number): number {
    const { little, nano, link } = this.pcap;
    while (off + 16 <= buf.length) {
      const caplen = v.getUint32(off + 8, little);
      if (caplen > MAX_RECORD) {
        this.stopped = true;
        return buf.length;
      }
      // The record is not all here yet: wait for the next chunk (or the end: the file ends mid-packet).
      if (off + 16 + caplen > buf.length) break;
      const sec = v.getUint32(off, little);
      const frac = v.getUint32(off + 4, little);
      const origlen = v.getUint32(off + 12, little);
      this.c.add(link, buf.subarray(off + 16, off + 16 + caplen), origlen, sec + frac / (nano ? 1e9 : 1e6));
      off += 16 + caplen;
    }
    return off;
  }

  private parsePcapng(buf: Uint8Array, v: DataView, off: number): number {
    const ng = this.ng;
    while (off + 12 <= buf.length) {
      const type = v.getUint32(off, ng.little);
      if (type === 0x0a0d0d0a) {
        // A section header: its byte-order magic says how to read this section.
        if (off + 28 > buf.length) break;
        const bom = v.getUint32(off + 8, true);
        if (bom === 0x1a2b3c4d) ng.little = true;
        else if (bom === 0x4d3c2b1a) ng.little = false;
        else throw new CaptureError('a damaged pcapng file: a section header has no valid byte-order magic', 'damaged');
        ng.interfaces = [];
      }
      const length = v.getUint32(off + 4, ng.little);
      if (length < 12 || length % 4 !== 0 || length > MAX_RECORD) {
        if (ng.blocks === 0) throw new CaptureError('a damaged pcapng file: its first block has an impossible length', 'damaged');
        // A damaged block: keep what was read.
        this.stopped = true;
        return buf.length;
      }
      if (off + length > buf.length) break;
      this.block(buf, v, type, off + 8, off + length - 4);
      ng.blocks += 1;
      off += length;
    }
    return off;
  }

  /** One whole pcapng block, its body from `body` to `end`. */
  private block(bytes: Uint8Array, v: DataView, type: number, body: number, end: number): void {
    const { little } = this.ng;
    const c = this.c;
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
      this.ng.interfaces.push({ link, unitsPerSecond });
    } else if (type === 6 && body + 20 <= end) {
      // Enhanced packet: interface, 64-bit timestamp in the interface's units, lengths, data.
      const iface = this.ng.interfaces[v.getUint32(body, little)];
      const units = v.getUint32(body + 4, little) * 2 ** 32 + v.getUint32(body + 8, little);
      const caplen = v.getUint32(body + 12, little);
      const origlen = v.getUint32(body + 16, little);
      const data = body + 20;
      if (iface && caplen <= end - data) c.add(iface.link, bytes.subarray(data, data + caplen), origlen, units / iface.unitsPerSecond);
      else c.skip();
    } else if (type === 3 && body + 4 <= end) {
      // Simple packet: no timestamp (it takes the previous one's place at 0), interface 0.
      const iface = this.ng.interfaces[0];
      const origlen = v.getUint32(body, little);
      const caplen = Math.min(origlen, end - body - 4);
      if (iface) c.add(iface.link, bytes.subarray(body + 4, body + 4 + caplen), origlen, 0);
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
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
