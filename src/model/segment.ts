import { seqAdd, toSeq, type Seq } from './seq';

/**
 * TCP's control bits, as the header carries them (RFC 9293 section 3.1): one vocabulary for the
 * engine, a capture's packets and a written pcap. Tested as a bit set, formatted in the trace's fixed order.
 */
export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;

const FLAG_ORDER: ReadonlyArray<readonly [number, string]> = [
  [SYN, 'SYN'],
  [FIN, 'FIN'],
  [RST, 'RST'],
  [PSH, 'PSH'],
  [ACK, 'ACK'],
];

/** The control bits the engine models, from a header's flag byte (URG, ECE and CWR are left out). */
export const modelledFlags = (header: number): number => header & (FIN | SYN | RST | PSH | ACK);

/** A TCP segment as an endpoint sees it. It may come from the peer, a script or a capture. */
export interface Segment {
  readonly flags: number;
  readonly seq: Seq;
  /** Meaningful only when the ACK flag is set: read it through `ackOf`. */
  readonly ack: Seq;
  /** Payload bytes (SYN and FIN are not counted here; see `seqLength`). */
  readonly len: number;
  /** The window the sender offers: how many bytes from `ack` on it can take (unscaled, RFC 9293 section 3.8.6). */
  readonly win: number;
}

/** The window a segment from outside offers when it does not say: the largest one without window scaling. */
export const DEFAULT_WINDOW = 65_535;

export const hasSyn = (s: { readonly flags: number }): boolean => (s.flags & SYN) !== 0;
export const hasFin = (s: { readonly flags: number }): boolean => (s.flags & FIN) !== 0;
export const hasRst = (s: { readonly flags: number }): boolean => (s.flags & RST) !== 0;
export const hasAck = (s: { readonly flags: number }): boolean => (s.flags & ACK) !== 0;

/** The acknowledgment number, or null when the segment carries none (smoltcp's `Option<u32>`). */
export const ackOf = (s: Segment): Seq | null => (hasAck(s) ? s.ack : null);

/** A segment from numbers (a script, a capture, a test): sequence numbers reduced modulo 2^32. */
export const segment = (flags: number, seq: number, ack: number | null, len = 0, win = DEFAULT_WINDOW): Segment => ({
  flags,
  seq: toSeq(seq),
  ack: toSeq(ack ?? 0),
  len,
  win,
});

/** The sequence space a segment occupies (smoltcp's `segment_len`): its bytes, plus one each for SYN and FIN. The one place this rule is written. */
export const seqLength = (len: number, flags: number): number => len + (flags & SYN ? 1 : 0) + (flags & FIN ? 1 : 0);

export function formatFlags(flags: number): string {
  const names: string[] = [];
  for (const [bit, name] of FLAG_ORDER) if (flags & bit) names.push(name);
  return names.join('+');
}

export function parseFlags(text: string): number {
  let flags = 0;
  for (const name of text.split('+')) {
    const entry = FLAG_ORDER.find(([, n]) => n === name);
    if (!entry) throw new Error(`unknown flag "${name}"`);
    flags |= entry[0];
  }
  return flags;
}

/**
 * The reset that answers a segment arriving where no connection can take it (RFC 9293 section
 * 3.5.2, case 1; Linux's tcp_v4_send_reset does the same): if the segment carried an ACK, the RST
 * takes its sequence number from that ACK and carries no ACK; otherwise it is sequence 0 and
 * acknowledges everything the segment occupied. A RST is never answered.
 */
export function resetFor(incoming: Segment): Segment | null {
  if (hasRst(incoming)) return null;
  if (hasAck(incoming)) return { flags: RST, seq: incoming.ack, ack: toSeq(0), len: 0, win: 0 };
  return { flags: RST | ACK, seq: toSeq(0), ack: seqAdd(incoming.seq, seqLength(incoming.len, incoming.flags)), len: 0, win: 0 };
}
