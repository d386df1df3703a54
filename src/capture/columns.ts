/**
 * A capture's segments kept in columns, not as objects: a packet costs about 20 bytes here, where
 * an object costs some 200. A large capture of small packets is listed with the tab light (issue 24).
 *
 * Each field is a typed array, grown a chunk at a time (never copied whole): time (see TimeColumn),
 * sequence and acknowledgment numbers (Uint32), payload length and window (Uint16), TCP's flag
 * byte, and a byte of bits (direction, cut short, which options). Addresses and ports are interned:
 * each pair of endpoints keeps its packets as a chain (each packet where the next on its pair is,
 * see Links), and a packet which way it went. Frame numbers are kept as runs (a
 * run ends only where a packet was skipped). TCP options are rare but for timestamps: a packet
 * with only a timestamp keeps it in two more columns (made only when one is seen); any other
 * options object is kept as it was, by packet. A segment whose fields do not fit the columns (a
 * length past 65,535, a number that is not a whole 32-bit one, fields of its own) is kept whole.
 *
 * `get` makes a packet's CapturedSegment again, equal to the one pushed.
 */
import type { CapturedSegment, Decoded, TcpOptions } from './decap';
import { PairTable } from './pairs';

const SHIFT = 16;
/** Entries in a chunk (after the first, which grows to it from small, so a small capture stays small). */
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;
const FIRST = 256;

type Typed = Float64Array<ArrayBuffer> | Uint32Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | Uint8Array<ArrayBuffer>;

/** One column: typed-array chunks, made as they are first written. */
export class Column<A extends Typed> {
  private readonly chunks: (A | undefined)[] = [];
  constructor(private readonly Make: new (n: number) => A) {}

  get(i: number): number {
    const c = this.chunks[i >>> SHIFT];
    return c === undefined ? 0 : c[i & MASK]!;
  }

  set(i: number, v: number): void {
    const k = i >>> SHIFT;
    let c = this.chunks[k];
    if (c === undefined || (i & MASK) >= c.length) c = this.grow(k, i & MASK);
    c[i & MASK] = v;
  }

  /** Set bits of entry i (written already). */
  or(i: number, bits: number): void {
    this.chunks[i >>> SHIFT]![i & MASK]! |= bits;
  }

  /** Bytes held. */
  get bytes(): number {
    return heldBytes(this.chunks);
  }

  private grow(k: number, at: number): A {
    return (this.chunks[k] = grownTo(this.chunks[k], this.Make, k, at));
  }
}

/**
 * Times, in 4 bytes a packet where that loses nothing. A capture's times are seconds since its first
 * packet, each the difference of two float64s of seconds since 1970 (from 2004 to 2038, between 2^30
 * and 2^31), so each is a whole number of 2^-22 s, the grain there: told that grain (`grainOf`), a
 * chunk keeps its first time and, for each packet, how many grains from it the packet came, as
 * long as the chunk's 65,536 packets span under 512 s either way (more than 128 packets a second).
 * A time that is not such a number (a capture stamped from 0, as this app's downloads are; text; a
 * chunk that spans more) turns its chunk into float64s: every time comes back the same to the bit.
 */
export class TimeColumn {
  /** The grain (0: none known, every chunk float64s). */
  grain = 0;
  private readonly packed: (Int32Array<ArrayBuffer> | undefined)[] = [];
  private readonly floats: (Float64Array<ArrayBuffer> | undefined)[] = [];
  private readonly base: number[] = [];

  /** The grain of times measured from `first` (seconds since 1970): 0 when it is not such a time. */
  static grainOf(first: number): number {
    return first >= 2 ** 28 && first < 2 ** 40 ? 2 ** (Math.floor(Math.log2(first)) - 52) : 0;
  }

  get(i: number): number {
    const k = i >>> SHIFT;
    const c = this.packed[k];
    return c !== undefined ? this.base[k]! + c[i & MASK]! * this.grain : (this.floats[k]?.[i & MASK] ?? 0);
  }

  set(i: number, v: number): void {
    const k = i >>> SHIFT;
    const at = i & MASK;
    if (this.packed[k] === undefined && this.floats[k] === undefined) {
      this.base[k] = v;
      if (this.grain) this.packed[k] = new Int32Array(k === 0 ? FIRST : CHUNK);
      else this.floats[k] = new Float64Array(k === 0 ? FIRST : CHUNK);
    }
    const c = this.packed[k];
    if (c !== undefined) {
      const base = this.base[k]!;
      const n = (v - base) / this.grain;
      if (n === (n | 0) && Object.is(base + n * this.grain, v)) {
        (at < c.length ? c : this.grow(k, at))[at] = n;
        return;
      }
      // Not a whole number of grains from the chunk's first, or too far: the chunk keeps float64s from now on.
      const f = new Float64Array(c.length);
      for (let j = 0; j < c.length; j++) f[j] = base + c[j]! * this.grain;
      this.packed[k] = undefined;
      this.floats[k] = f;
    }
    let f = this.floats[k]!;
    if (at >= f.length) f = this.grow(k, at);
    f[at] = v;
  }

  /** Bytes held. */
  get bytes(): number {
    return heldBytes(this.packed) + heldBytes(this.floats);
  }

  private grow<A extends Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(k: number, at: number): A {
    const old = (this.packed[k] ?? this.floats[k]) as A;
    const c = grownTo(old, old.constructor as new (n: number) => A, k, at);
    if (this.packed[k]) this.packed[k] = c as Int32Array<ArrayBuffer>;
    else this.floats[k] = c as Float64Array<ArrayBuffer>;
    return c;
  }
}

/**
 * Each packet's next on its pair of endpoints, kept as how many packets later it comes: in 2 bytes
 * where every such step of a chunk is under 65,536 (a chunk with a longer one keeps 4 bytes each).
 * A pair's packets are a chain from its first to its last, and a connection's are a stretch of it.
 */
export class Links {
  private readonly narrow: (Uint16Array<ArrayBuffer> | undefined)[] = [];
  private readonly wide: (Uint32Array<ArrayBuffer> | undefined)[] = [];

  get(i: number): number {
    const k = i >>> SHIFT;
    return i + (this.narrow[k]?.[i & MASK] ?? this.wide[k]?.[i & MASK] ?? 0);
  }

  /** Packet i's next is packet `next` (after it). */
  set(i: number, next: number): void {
    const k = i >>> SHIFT;
    const at = i & MASK;
    const step = next - i;
    let wide = this.wide[k];
    if (!wide) {
      let narrow = this.narrow[k];
      if (!narrow || at >= narrow.length) narrow = this.narrow[k] = grownTo(narrow, Uint16Array, k, at);
      if (step < 65536) {
        narrow[at] = step;
        return;
      }
      wide = this.wide[k] = Uint32Array.from(narrow);
      this.narrow[k] = undefined;
    }
    if (at >= wide.length) wide = this.wide[k] = grownTo(wide, Uint32Array, k, at);
    wide[at] = step;
  }

  /** Bytes held. */
  get bytes(): number {
    return heldBytes(this.narrow) + heldBytes(this.wide);
  }
}

/** Chunk k (`old`, if made) grown to hold entry `at`: only the first chunk grows (by doubling); every other is whole from the start. */
function grownTo<A extends Typed | Int32Array<ArrayBuffer>>(old: A | undefined, Make: new (n: number) => A, k: number, at: number): A {
  let size = k === 0 ? Math.max(FIRST, old?.length ?? 0) : CHUNK;
  while (size <= at) size *= 2;
  const c = new Make(Math.min(size, CHUNK));
  if (old) c.set(old as never);
  return c;
}

/** Bytes held by a column's chunks. */
const heldBytes = (chunks: readonly ({ byteLength: number } | undefined)[]): number => chunks.reduce((n, c) => n + (c?.byteLength ?? 0), 0);

/** One end of a connection: its address, port, and "address:port" (IPv6 in brackets). */
export interface Endpoint {
  readonly addr: string;
  readonly port: number;
  readonly key: string;
}

export const endpointKey = (addr: string, port: number): string => (addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`);

/** Bits of a packet's bits byte. */
const BIT = { REVERSE: 1, TRUNCATED: 2, TIMESTAMP: 4, OPTIONS: 8, WHOLE: 16 } as const;

const OPTION_KEYS: ReadonlySet<string> = new Set(['mss', 'windowScale', 'sackPermitted', 'timestamp']);
/** A segment's own fields (in any order: a reader of text writes them in another). */
const SEGMENT_KEYS: ReadonlySet<string> = new Set(['frame', 't', 'src', 'dst', 'sport', 'dport', 'seq', 'ack', 'flags', 'win', 'len', 'options', 'truncated']);

const isU32 = (x: number) => Number.isInteger(x) && x >= 0 && x < 2 ** 32;
const isU16 = (x: number) => Number.isInteger(x) && x >= 0 && x < 65536;

/** The segments of a capture, in the order they were read. */
export class SegmentColumns {
  length = 0;
  /** The latest time of any segment (from 0), as captureEnd takes it. */
  maxT = 0;
  private readonly t = new TimeColumn();
  private readonly seqs = new Column(Uint32Array);
  private readonly acks = new Column(Uint32Array);
  private readonly lens = new Column(Uint16Array);
  private readonly wins = new Column(Uint16Array);
  private readonly flagBytes = new Column(Uint8Array);
  private readonly bits = new Column(Uint8Array);
  private readonly tsValue = new Column(Uint32Array);
  private readonly tsEcho = new Column(Uint32Array);
  /** Each pair's packets, a chain: each packet's next on its pair, and each pair's first and last packet. */
  readonly links = new Links();
  readonly pairFirst: number[] = [];
  readonly pairLast: number[] = [];
  /** Each packet's pair, worked out from the chains when a segment is asked for without its pair (`toArray`). */
  private pairsByPacket: Uint32Array | null = null;
  /** Options other than a timestamp alone, and segments that do not fit, by packet. */
  private readonly options = new Map<number, TcpOptions>();
  private readonly whole = new Map<number, CapturedSegment>();
  /** Frame numbers: from each run's first packet on, frame = index + delta. */
  private runStart = new Float64Array(16);
  private runDelta = new Float64Array(16);
  private runs = 0;
  readonly endpoints: Endpoint[] = [];
  /** Each pair's two endpoints: `a` the first seen sending. */
  readonly pairA: number[] = [];
  readonly pairB: number[] = [];
  /**
   * Each pair found by its packets' names: "src sport dst dport" to pair * 2 + (1 when it goes b
   * to a) for segments given as objects, or by their bytes for decoded ones (a capture's are all one
   * or all the other).
   */
  private flows: Map<string, number> | null = new Map();
  private pairs: PairTable | null = new PairTable();
  private readonly endpointIds = new Map<string, number>();

  static of(segments: readonly CapturedSegment[]): SegmentColumns {
    const c = new SegmentColumns();
    for (const s of segments) c.push(s, false);
    c.seal();
    return c;
  }

  /** Add a segment; `trusted` when it is one decap.ts made (its fields are its own: no more). */
  push(s: CapturedSegment, trusted = true): void {
    const i = this.place(this.flow(s), s.t);
    const o = s.options;
    const ts = o.timestamp;
    let optionBits: number;
    if (o.mss === undefined && o.windowScale === undefined && o.sackPermitted === undefined)
      optionBits = ts === undefined ? 0 : isU32(ts.value) && isU32(ts.echo) && (trusted || sameKeys(ts, ['value', 'echo'])) ? BIT.TIMESTAMP : BIT.OPTIONS;
    else optionBits = BIT.OPTIONS;
    // Options of other names (not decap.ts's), kept whole with their segment.
    if (!trusted && !Object.keys(o).every((k) => OPTION_KEYS.has(k))) optionBits = BIT.WHOLE;
    const fits =
      optionBits !== BIT.WHOLE &&
      isU32(s.seq) &&
      isU32(s.ack) &&
      isU16(s.len) &&
      isU16(s.win) &&
      Number.isInteger(s.flags) &&
      s.flags >= 0 &&
      s.flags < 256 &&
      typeof s.truncated === 'boolean' &&
      Number.isFinite(s.frame) &&
      (trusted || ownKeys(s, SEGMENT_KEYS));
    if (!fits) {
      this.whole.set(i, s);
      this.bits.or(i, BIT.WHOLE);
      return;
    }
    this.store(i, s.seq, s.ack, s.len, s.win, s.flags, optionBits | (s.truncated ? BIT.TRUNCATED : 0), s.frame);
    if (optionBits === BIT.TIMESTAMP) {
      this.tsValue.set(i, ts!.value);
      this.tsEcho.set(i, ts!.echo);
    } else if (optionBits === BIT.OPTIONS) this.options.set(i, o);
  }

  /** Add a segment as decap.ts decodes it (no object made for it), from packet `frame` at `t`. */
  pushDecoded(s: Decoded, frame: number, t: number): void {
    const i = this.place(this.flowOfBytes(s), t);
    if (s.len > 65535) {
      this.whole.set(i, s.segment(frame, t));
      this.bits.or(i, BIT.WHOLE);
      return;
    }
    const optionBits = s.options !== null ? BIT.OPTIONS : s.hasTimestamp ? BIT.TIMESTAMP : 0;
    this.store(i, s.seq, s.ack, s.len, s.win, s.flags, optionBits | (s.truncated ? BIT.TRUNCATED : 0), frame);
    if (s.options !== null) this.options.set(i, s.options);
    else if (s.hasTimestamp) {
      this.tsValue.set(i, s.tsValue);
      this.tsEcho.set(i, s.tsEcho);
    }
  }

  /** The next packet's place, on its pair's chain (`flow`: its pair times 2, plus 1 when it goes b to a), at time `t`. */
  private place(flow: number, t: number): number {
    const i = this.length;
    this.length += 1;
    this.maxT = Math.max(this.maxT, t);
    const pair = flow >>> 1;
    if (pair < this.pairLast.length) this.links.set(this.pairLast[pair]!, i);
    else this.pairFirst.push(i);
    this.pairLast[pair] = i;
    this.pairsByPacket = null;
    this.bits.set(i, flow & 1 ? BIT.REVERSE : 0);
    this.t.set(i, t);
    return i;
  }

  /** Packet i's fields that fit the columns; its frame number kept in runs. */
  private store(i: number, seq: number, ack: number, len: number, win: number, flags: number, bits: number, frame: number): void {
    this.bits.or(i, bits);
    this.seqs.set(i, seq);
    this.acks.set(i, ack);
    this.lens.set(i, len);
    this.wins.set(i, win);
    this.flagBytes.set(i, flags);
    const delta = frame - i;
    if (this.runs === 0 || this.runDelta[this.runs - 1] !== delta) {
      if (this.runs === this.runStart.length) {
        this.runStart = grown(this.runStart);
        this.runDelta = grown(this.runDelta);
      }
      this.runStart[this.runs] = i;
      this.runDelta[this.runs] = delta;
      this.runs += 1;
    }
  }

  /** The segments' times are seconds since `first`, a time in seconds since 1970: they are kept in 4 bytes where they can be (see TimeColumn). */
  timesSince(first: number): void {
    if (this.length === 0) this.t.grain = TimeColumn.grainOf(first);
  }

  /** No more segments come: the tables that named the pairs as they came are let go. */
  seal(): void {
    this.flows = null;
    this.pairs = null;
    this.endpointIds.clear();
  }

  /** Segment i as read (its pair from the pair column, or as given). */
  get(i: number, pair?: number): CapturedSegment {
    const bits = this.bits.get(i);
    if (bits & BIT.WHOLE) return this.whole.get(i)!;
    pair ??= this.pairOf(i);
    const reverse = bits & BIT.REVERSE;
    const from = this.endpoints[reverse ? this.pairB[pair]! : this.pairA[pair]!]!;
    const to = this.endpoints[reverse ? this.pairA[pair]! : this.pairB[pair]!]!;
    return {
      frame: this.frame(i),
      t: this.t.get(i),
      src: from.addr,
      dst: to.addr,
      sport: from.port,
      dport: to.port,
      seq: this.seqs.get(i),
      ack: this.acks.get(i),
      flags: this.flagBytes.get(i),
      win: this.wins.get(i),
      len: this.lens.get(i),
      options: this.optionsOf(i, bits),
      truncated: (bits & BIT.TRUNCATED) !== 0,
    };
  }

  /** Segment i of a connection of pair `pair`, marked with whether `client` ("address:port") sent it. */
  marked(i: number, pair: number, client: string): CapturedSegment & { readonly fromClient: boolean } {
    const seg = this.get(i, pair);
    return { ...seg, fromClient: endpointKey(seg.src, seg.sport) === client };
  }

  /** Every segment, in order (a list as large as the capture: for small ones and tests). */
  toArray(): CapturedSegment[] {
    const out: CapturedSegment[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.get(i));
    return out;
  }

  /** Which way segment i went: from its pair's `b` to its `a`. */
  reverse(i: number): boolean {
    return (this.bits.get(i) & BIT.REVERSE) !== 0;
  }

  /** The fields the grouping reads, without making the segment (a whole one is read as given). */
  time(i: number): number {
    return this.t.get(i);
  }
  wholeAt(i: number): CapturedSegment | undefined {
    return this.bits.get(i) & BIT.WHOLE ? this.whole.get(i) : undefined;
  }
  seq(i: number): number {
    return this.seqs.get(i);
  }
  ack(i: number): number {
    return this.acks.get(i);
  }
  len(i: number): number {
    return this.lens.get(i);
  }
  win(i: number): number {
    return this.wins.get(i);
  }
  flags(i: number): number {
    return this.flagBytes.get(i);
  }
  truncated(i: number): boolean {
    return (this.bits.get(i) & BIT.TRUNCATED) !== 0;
  }

  /** Bytes held by the columns (not the few tables beside them). */
  get bytes(): number {
    const cols = [this.t, this.seqs, this.acks, this.lens, this.wins, this.flagBytes, this.bits, this.tsValue, this.tsEcho, this.links];
    return cols.reduce((n, c) => n + c.bytes, 0) + this.runStart.byteLength * 2;
  }

  private pairOf(i: number): number {
    if (!this.pairsByPacket) {
      // Each pair's chain walked once (a table as large as the capture: for small ones and tests).
      const by = (this.pairsByPacket = new Uint32Array(this.length));
      this.pairFirst.forEach((first, pair) => {
        for (let j = first; ; j = this.links.get(j)) {
          by[j] = pair;
          if (j === this.pairLast[pair]) break;
        }
      });
    }
    return this.pairsByPacket[i]!;
  }

  private frame(i: number): number {
    let lo = 0;
    let hi = this.runs - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.runStart[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return i + this.runDelta[lo]!;
  }

  private optionsOf(i: number, bits: number): TcpOptions {
    if (bits & BIT.TIMESTAMP) return { timestamp: { value: this.tsValue.get(i), echo: this.tsEcho.get(i) } };
    if (bits & BIT.OPTIONS) return this.options.get(i)!;
    return {};
  }

  private flow(s: CapturedSegment): number {
    const key = `${s.src} ${s.sport} ${s.dst} ${s.dport}`;
    const flows = this.flows;
    if (!flows) throw new Error('no segment can be added after the capture was read');
    if (this.pairs?.size) throw new Error("a capture's segments are all decoded or all given as objects");
    const known = flows.get(key);
    if (known !== undefined) return known;
    const pair = this.newPair(s.src, s.sport, s.dst, s.dport);
    flows.set(key, pair * 2);
    flows.set(`${s.dst} ${s.dport} ${s.src} ${s.sport}`, pair * 2 + 1);
    return pair * 2;
  }

  private flowOfBytes(s: Decoded): number {
    const pairs = this.pairs;
    if (!pairs) throw new Error('no segment can be added after the capture was read');
    if (this.flows!.size) throw new Error("a capture's segments are all decoded or all given as objects");
    const known = pairs.size;
    const flow = pairs.find(s);
    if (pairs.size > known) this.newPair(s.address(false), s.sport, s.address(true), s.dport);
    return flow;
  }

  /** A pair not seen before, from `src` (its `a`) to `dst`: its number. */
  private newPair(src: string, sport: number, dst: string, dport: number): number {
    this.pairA.push(this.endpoint(src, sport));
    this.pairB.push(this.endpoint(dst, dport));
    return this.pairA.length - 1;
  }

  private endpoint(addr: string, port: number): number {
    const name = `${addr} ${port}`;
    let id = this.endpointIds.get(name);
    if (id === undefined) {
      id = this.endpoints.length;
      this.endpoints.push({ addr, port, key: endpointKey(addr, port) });
      this.endpointIds.set(name, id);
    }
    return id;
  }
}

function ownKeys(o: object, keys: ReadonlySet<string>): boolean {
  const own = Object.keys(o);
  return own.length === keys.size && own.every((k) => keys.has(k));
}

function sameKeys(o: object, keys: readonly string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && own.every((k, i) => k === keys[i]);
}

function grown(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
