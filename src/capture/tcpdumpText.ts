/**
 * What `tcpdump -n` (or `-nn`) printed, read back into segments: forum questions and blog posts
 * hold captures as text, not files. One line per packet:
 *
 *   01:06:51.087490 IP 127.0.0.1.40000 > 127.0.0.1.5000: Flags [P.], seq 1:1001, ack 1, win 64, options [...], length 1000
 *
 * with any of tcpdump's time stamps (`-t` none, `-tt` epoch, `-ttt`/`-ttttt` deltas, `-tttt` with
 * a date), `-i any`'s interface and direction, IPv4 or IPv6. Lines that are not a TCP packet
 * (other protocols, `-v`'s continuation lines, a summary) are counted as skipped.
 *
 * tcpdump prints sequence numbers relative to where each conversation started (unless `-S`), the
 * way its print-tcp.c does: of the segments with the ACK bit, a conversation's first, and every
 * SYN+ACK, is printed whole and sets the bases; the others are printed less them. Segments without
 * the ACK bit (a SYN, a bare reset) are printed whole and set nothing. That is undone here; a conversation printed
 * with `-S` is recognised by numbers already near its bases.
 */
import { FIN, SYN, RST, PSH, ACK, seqLength } from '../model/segment';
import { SegmentColumns } from './columns';
import { CaptureError, captureOf, type Capture, type CapturedSegment, type TcpOptions } from './read';

const FLAG_LETTERS: Record<string, number> = { F: FIN, S: SYN, R: RST, P: PSH, '.': ACK, U: 0x20, E: 0x40, W: 0x80 };

/** The most text read: a pasted capture is small; a file of text would be a capture. */
export const MAX_TEXT = 64 << 20;

// time? (iface dir)? IP|IP6 src.port > dst.port: Flags [..], rest
const LINE =
  /^\s*(?:(\d{4}-\d\d-\d\d )?(\d+:\d\d:\d\d\.\d+|\d+\.\d+)\s+)?(?:\S+\s+(?:In|Out|P|M|B)\s+)?(IP6?)\s+(\S+)\.(\d+)\s+>\s+(\S+)\.(\d+):\s+Flags\s+\[([^\]]*)\](.*)$/;

/** Whether text looks like tcpdump's output (so a paste can be told from a file of bytes). */
export const looksLikeTcpdump = (text: string): boolean => text.split('\n', 50).some((l) => LINE.test(l));

export function readTcpdumpText(text: string): Capture {
  if (text.length > MAX_TEXT) throw new CaptureError(`the text is longer than ${MAX_TEXT >> 20} MB`, 'too-large');
  const lines = text.split(/\r?\n/);
  const segments: CapturedSegment[] = [];
  let packets = 0;
  let skipped = 0;
  let first: number | null = null;
  let clock = 0;
  // Per conversation: the two directions' bases, and whether its numbers are printed whole (-S).
  const bases = new Map<string, { a: string; seqA: number; seqB: number; whole: boolean | null }>();
  // Each side's next sequence number (whole), for its bare ACKs.
  const next = new Map<string, number>();
  for (const raw of lines) {
    if (!raw.trim()) continue;
    packets++;
    const m = LINE.exec(raw);
    if (!m) {
      skipped++;
      continue;
    }
    const [, date, time, , src, sport, dst, dport, letters, rest] = m as unknown as string[];
    const flags = [...(letters === 'none' ? '' : letters!)].reduce((n, c) => n | (FLAG_LETTERS[c] ?? 0), 0);
    const num = (name: string) => {
      const x = new RegExp(`(?:^|,)\\s*${name} (\\d+)(?::(\\d+))?`).exec(rest!);
      return x ? { from: Number(x[1]), to: x[2] !== undefined ? Number(x[2]) : null } : null;
    };
    const seqField = num('seq');
    const ackField = num('ack');
    const length = num('length')?.from ?? (seqField?.to != null ? seqField.to - seqField.from : 0);
    const win = num('win')?.from ?? 0;
    const t = stamp(date, time);
    if (t !== null) {
      first ??= t;
      // -ttt and -ttttt print the time since the last packet (or the first): small numbers that add up.
      clock = time && !time.includes(':') && t < 1e6 && date === undefined ? clock + (segments.length ? t : 0) : t - first;
    }
    const a = `${src}.${sport}`;
    const b = `${dst}.${dport}`;
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    let conv = bases.get(key);
    const whole = (n: number) => n >>> 0;
    let seq = seqField?.from ?? 0;
    let ack = ackField?.from ?? 0;
    // Only segments with the ACK bit take part: the others are printed whole and set nothing.
    if (!(flags & ACK)) {
      // (printed whole)
    } else if (!conv || flags & SYN) {
      // Printed whole: the bases are this packet's numbers (its ACK one past the peer's base). A
      // bare ACK's own number is not printed: it is its side's next byte (after its SYN, say).
      if (!seqField) seq = next.get(a) ?? 0;
      conv = { a, seqA: seq, seqB: whole(ack - 1), whole: conv?.whole ?? null };
      bases.set(key, conv);
    } else {
      const fromA = conv.a === a;
      const mine = fromA ? conv.seqA : conv.seqB;
      const theirs = fromA ? conv.seqB : conv.seqA;
      // -S: numbers already whole are near the bases (relative ones are small, bases random).
      conv.whole ??= seqField ? Math.abs(seq - mine) < 1 << 20 && seq > 1 << 20 : ackField ? Math.abs(ack - theirs) < 1 << 20 && ack > 1 << 20 : null;
      if (!conv.whole) {
        if (seqField) seq = whole(seq + mine);
        if (ackField) ack = whole(ack + theirs);
      }
    }
    // A bare ACK is printed without its sequence number: it is where the side's next byte is.
    if (!seqField) seq = next.get(a) ?? (conv ? whole((conv.a === a ? conv.seqA : conv.seqB) + 1) : 0);
    const options: TcpOptions = optionsOf(rest!);
    segments.push({
      frame: packets,
      t: Math.max(0, Math.round(clock * 1e6) / 1e6),
      src: src!,
      dst: dst!,
      sport: Number(sport),
      dport: Number(dport),
      flags,
      seq,
      ack: ackField || flags & ACK ? ack : 0,
      len: length,
      win,
      options,
      truncated: false,
    });
    // The side's next byte only moves on: a resend of earlier bytes (after its FIN, say) does not move it back.
    const end = whole(seq + seqLength(length, flags));
    const before = next.get(a);
    if (flags & SYN || before === undefined || (end - before) >>> 0 < 2 ** 31) next.set(a, end);
  }
  if (segments.length === 0) throw new CaptureError('no line of it is a TCP packet as tcpdump -n prints one', 'no-tcp');
  return captureOf(SegmentColumns.of(segments), { format: 'tcpdump-text', packets, skipped, cutShort: false });

  function stamp(date: string | undefined, time: string | undefined): number | null {
    if (!time) return null;
    if (!time.includes(':')) return Number(time);
    const [h, mi, s] = time.split(':').map(Number) as [number, number, number];
    const day = date ? Date.parse(`${date.trim()}T00:00:00Z`) / 1000 : 0;
    return day + h * 3600 + mi * 60 + s;
  }
}

function optionsOf(rest: string): TcpOptions {
  const o = /options \[([^\]]*)\]/.exec(rest);
  if (!o) return {};
  const out: { -readonly [K in keyof TcpOptions]: TcpOptions[K] } = {};
  for (const part of o[1]!.split(',')) {
    const p = part.trim();
    const mss = /^mss (\d+)$/.exec(p);
    if (mss) out.mss = Number(mss[1]);
    const ws = /^wscale (\d+)$/.exec(p);
    if (ws) out.windowScale = Number(ws[1]);
    if (p === 'sackOK') out.sackPermitted = true;
    const ts = /^TS val (\d+) ecr (\d+)$/.exec(p);
    if (ts) out.timestamp = { value: Number(ts[1]), echo: Number(ts[2]) };
  }
  return out;
}
