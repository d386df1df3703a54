/**
 * Reading a packet capture: the TCP segments in a pcap or pcapng file, as they were on the wire.
 * Framework-free and pure (bytes in, segments out), so the page (in a worker), the command line
 * and tests share it. No well-kept browser reader of pcapng exists on npm; this one reads what
 * Debian's tcpdump, dumpcap and editcap write (tests/fixtures/captures, checked against tshark).
 *
 * Formats: pcap (either byte order, microsecond or nanosecond timestamps) and pcapng (section
 * header, interface description and enhanced/simple packet blocks, either byte order; other blocks
 * are skipped). Each packet is decoded by decap.ts: its link type, the encapsulations inside, and
 * the TCP segment, named by the innermost IP header. A packet cut short by the snap length keeps its
 * real TCP length, read from the IP header.
 *
 * Input is untrusted: every length is checked before it is read, and a file that is not a capture
 * (or ends mid-header) is a CaptureError with one line that says so; a packet with no TCP segment
 * we read is counted and skipped, by why (`skippedBy`).
 */

/** What kind of input was refused, for a page to say in its reader's language (the message is English). */
export type CaptureErrorKind = 'not-capture' | 'cut-short' | 'damaged' | 'too-large' | 'no-tcp' | 'gzip';

export class CaptureError extends Error {
  override name = 'CaptureError';
  constructor(
    message: string,
    readonly kind: CaptureErrorKind,
  ) {
    super(message);
  }
}

import { SegmentColumns } from './columns';
import { decodeSegments, Decoded, type CapturedSegment, type Skip } from './decap';
import { Fragments } from './fragments';

export type { CapturedSegment, TcpOptions } from './decap';

/**
 * The packets skipped, by why (only the reasons that occurred): `notTcp` UDP, ICMP and the like
 * over IP (normal); `notIp` frames that carry no IP (ARP, LLDP, PPP control...); `fragment` IP
 * fragments whose datagram was made whole in a later packet (which carries it); `unreassembled`
 * fragments of datagrams never made whole; `cutOff` a TCP header cut off by the snap length;
 * `damaged` a header that cannot be right; `unread` tunnels and link types this reader does not
 * decode, by name.
 */
export interface SkippedBy {
  readonly notTcp?: number;
  readonly notIp?: number;
  readonly fragment?: number;
  /** Fragments of IP datagrams never made whole (a fragment missing, too late, or past 65,535 bytes): dropped. */
  readonly unreassembled?: number;
  readonly cutOff?: number;
  readonly damaged?: number;
  readonly unread?: Readonly<Record<string, number>>;
}

export interface Capture {
  readonly format: 'pcap' | 'pcapng' | 'tcpdump-text';
  /** The TCP segments, kept in columns (columns.ts): a large capture is grouped from these. */
  readonly columns: SegmentColumns;
  /** The segments as objects, made anew at each read (a list as large as the capture: for small ones and tests). */
  readonly segments: readonly CapturedSegment[];
  /** Packets read in all, and those skipped (not TCP, an unknown link type, too short to read). */
  readonly packets: number;
  readonly skipped: number;
  /** The skipped packets by why (their sum is `skipped`); absent where the reader could not tell (tcpdump text). */
  readonly skippedBy?: SkippedBy;
  /** The file ends in the middle of a packet (or block): what came before it was read. */
  readonly cutShort: boolean;
  /** The first packet's time, in seconds since 1970 (pcap and pcapng; absent with no packet, and for tcpdump text). */
  readonly epoch?: number;
}

/** When the capture's last segment was seen, in seconds since its first packet: where its connections are replayed to. */
export const captureEnd = (capture: Pick<Capture, 'columns'>): number => capture.columns.maxT;

/** A capture of these columns, its `segments` made from them when asked for. */
export function captureOf(columns: SegmentColumns, rest: Omit<Capture, 'columns' | 'segments'>): Capture {
  return {
    ...rest,
    columns,
    get segments() {
      return columns.toArray();
    },
  };
}

/** Why a capture's packets were skipped: its own account, or for tcpdump text (lines that were not a TCP packet) all as not TCP. */
export const skippedReasons = (capture: Pick<Capture, 'skipped' | 'skippedBy'>): SkippedBy =>
  capture.skippedBy ?? (capture.skipped > 0 ? { notTcp: capture.skipped } : {});

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
    this.c.flush();
    this.c.segments.seal();
    return captureOf(this.c.segments, {
      format: this.format,
      packets: this.c.packets,
      skipped: this.c.skipped,
      skippedBy: this.c.skippedBy(),
      // Bytes left over are a record the file ends inside.
      cutShort: this.stopped || this.carry.length > 0,
      ...(this.c.first !== null ? { epoch: this.c.first } : {}),
    });
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

const SKIP_KEYS = { 'not-tcp': 'notTcp', 'not-ip': 'notIp', fragment: 'fragment', 'cut-off': 'cutOff', damaged: 'damaged' } as const;

/** Gathers segments as packets are read. */
class Collector {
  readonly segments = new SegmentColumns();
  packets = 0;
  skipped = 0;
  private readonly counts = { notTcp: 0, notIp: 0, fragment: 0, unreassembled: 0, cutOff: 0, damaged: 0 };
  /** IP fragments, gathered across packets; a datagram dropped moves its packets from `fragment` to `unreassembled`. */
  private readonly frags = new Fragments((n) => {
    this.counts.fragment -= n;
    this.counts.unreassembled += n;
  });
  private readonly unread = new Map<string, number>();
  /** The first packet's time (seconds since 1970). */
  first: number | null = null;

  /** A packet that cannot be read (an unknown interface, a length past its block). */
  skip(why: Skip = 'damaged'): void {
    this.packets += 1;
    this.count(why);
  }

  add(link: number, data: Uint8Array, originalLength: number, seconds: number): void {
    this.packets += 1;
    if (this.first === null) {
      this.first = seconds;
      this.segments.timesSince(seconds);
    }
    this.t = seconds - this.first;
    const r = decodeSegments(link, data, originalLength, this.t, this.decoded, this.take, this.frags);
    if (r !== 'read') this.count(r);
  }

  /** Where each segment is decoded, and the packet's time, as `take` reads them. */
  private readonly decoded = new Decoded();
  private t = 0;
  /** Each segment of a packet (an A-MSDU's subframes may hold several) into the columns. */
  private readonly take = (s: Decoded): void => this.segments.pushDecoded(s, this.packets, this.t);

  /** The capture ended: fragments still waiting are never made whole. */
  flush(): void {
    this.frags.flush();
  }

  private count(why: Skip): void {
    this.skipped += 1;
    if (typeof why === 'string') this.counts[SKIP_KEYS[why]] += 1;
    else this.unread.set(why.unread, (this.unread.get(why.unread) ?? 0) + 1);
  }

  skippedBy(): SkippedBy {
    const out: { -readonly [K in keyof SkippedBy]: SkippedBy[K] } = {};
    for (const [k, n] of Object.entries(this.counts) as [keyof typeof this.counts, number][]) if (n > 0) out[k] = n;
    // The most frequent first.
    if (this.unread.size > 0) out.unread = Object.fromEntries([...this.unread].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
    return out;
  }
}
