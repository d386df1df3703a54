/**
 * IP fragment reassembly, as tshark and Zeek reassemble: the fragments of one datagram (IPv4 by
 * source, destination, protocol and identification; IPv6 by source, destination and the fragment
 * header's identification) are gathered until every byte from 0 to the end the last fragment
 * names is there; the packet that completes the datagram then carries it, read as any other.
 *
 * Memory is bounded: a datagram is dropped, and its packets counted as `unreassembled`, when it
 * is not complete within Zeek's `frag_timeout` (5 minutes of the capture's time) of its first
 * fragment, when a fragment would take it past 65,535 bytes, when more than MAX_PENDING datagrams
 * (or MAX_HELD bytes) wait at once (the oldest goes), or when the capture ends before it is whole.
 *
 * Pure and framework-free: bytes and times in, datagrams out.
 */

/** Zeek's frag_timeout (scripts/base/init-bare.zeek): how long a datagram's fragments wait, in seconds. */
export const FRAGMENT_TIMEOUT = 300;
/** The most a datagram's payload can be: IPv4's and IPv6's 16-bit length (no jumbograms). */
export const MAX_DATAGRAM = 65_535;
/** Datagrams waiting at once, at most. */
export const MAX_PENDING = 1024;
/** Bytes held for waiting datagrams, at most. */
export const MAX_HELD = 16 << 20;

interface Part {
  readonly at: number;
  /** Its length by its IP header. */
  readonly length: number;
  /** Its bytes as captured (fewer than `length` when the snap length cut it). */
  readonly bytes: Uint8Array;
}

interface Pending {
  readonly first: number;
  readonly parts: Part[];
  /** Where the datagram ends (known from the fragment without "more fragments"), or -1. */
  end: number;
  held: number;
}

/** A datagram made whole: its payload (as much as was captured of it from its start) and its real length. */
export interface Datagram {
  readonly bytes: Uint8Array;
  readonly length: number;
}

export class Fragments {
  private readonly pending = new Map<string, Pending>();
  private held = 0;

  /** `dropped` hears how many packets a dropped datagram had. */
  constructor(private readonly dropped: (packets: number) => void) {}

  /**
   * One fragment: `at` its offset in bytes, `length` its payload's length by its header, `bytes`
   * its payload as captured, `more` its "more fragments" flag, `t` when it was seen. Returns the
   * whole datagram when this fragment completes it, else null (held, or dropped).
   */
  add(key: string, at: number, length: number, bytes: Uint8Array, more: boolean, t: number): Datagram | null {
    this.expire(t);
    let d = this.pending.get(key);
    if (!d) {
      d = { first: t, parts: [], end: -1, held: 0 };
      this.pending.set(key, d);
    }
    d.parts.push({ at, length, bytes: bytes.slice(0, length) });
    d.held += Math.min(length, bytes.length);
    this.held += Math.min(length, bytes.length);
    if (!more) d.end = at + length;
    if (at + length > MAX_DATAGRAM || (d.end >= 0 && d.parts.some((p) => p.at + p.length > d.end))) {
      // Past what any datagram can hold, or a fragment beyond the end: it will never be whole.
      this.drop(key, d);
      return null;
    }
    const whole = d.end >= 0 ? assemble(d.parts, d.end) : null;
    if (whole) {
      this.pending.delete(key);
      this.held -= d.held;
      return whole;
    }
    while (this.pending.size > MAX_PENDING || this.held > MAX_HELD) {
      const [oldest, o] = this.pending.entries().next().value as [string, Pending];
      this.drop(oldest, o);
    }
    return null;
  }

  /** The capture ended: every datagram still waiting is dropped. */
  flush(): void {
    for (const [key, d] of [...this.pending]) this.drop(key, d);
  }

  /** Drop the datagrams whose first fragment came more than FRAGMENT_TIMEOUT before `t` (the oldest are first). */
  private expire(t: number): void {
    for (const [key, d] of this.pending) {
      if (t - d.first <= FRAGMENT_TIMEOUT) break;
      this.drop(key, d);
    }
  }

  private drop(key: string, d: Pending): void {
    this.pending.delete(key);
    this.held -= d.held;
    this.dropped(d.parts.length);
  }
}

/** The datagram, if its parts cover 0 to `end`; the earliest part's bytes win where parts overlap. */
function assemble(parts: readonly Part[], end: number): Datagram | null {
  const sorted = [...parts].sort((a, b) => a.at - b.at);
  let covered = 0;
  for (const p of sorted) {
    if (p.at > covered) return null;
    covered = Math.max(covered, p.at + p.length);
  }
  if (covered < end) return null;
  const out = new Uint8Array(end);
  // Where each byte was captured: the datagram is read up to its first byte the capture lacks.
  const have = new Uint8Array(end);
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i]!;
    out.set(p.bytes, p.at);
    have.fill(1, p.at, p.at + p.bytes.length);
  }
  const captured = have.indexOf(0);
  return { bytes: captured < 0 ? out : out.subarray(0, captured), length: end };
}
