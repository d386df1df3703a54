/**
 * A Zeek conn.log row's `history` replayed through the engine: the letters (Zeek's
 * base/protocols/conn/main.zeek) stand for segments each side sent, upper case from the
 * originator (our client), lower case from the responder (our server). They are turned into the
 * segments they imply and handed to the two endpoint machines as a captured connection's are
 * (src/model/replay.ts): the machines make the application calls the segments imply (connect,
 * send, close, abort) and take each other's segments, so both ends' states at the row's end come
 * from the engine's rules, not from a table.
 *
 * A history is not a packet list. Zeek writes `a`, `d`, `i` and `q` once per direction, so every
 * pure ACK after a side's first is hidden; where a side's last ACK matters (the one that
 * acknowledges the peer's FIN) and its ACK letter was already written, that ACK is assumed, and
 * the result says so. Other letters the engine has no segment for (a bad checksum, a gap, a zero
 * window, odd flags) are named as notes, never guessed at.
 *
 * The letters' vocabulary is src/capture/zeekHistory.ts's, the same that makes a capture's history.
 */
import type { Observed } from '../model/replay';
import { REPLAYER } from '../model/replayStep';
import type { ScriptStep } from '../model/script';
import { ACK, FIN, RST, SYN, segment, seqLength } from '../model/segment';
import { Simulation } from '../model/simulation';
import type { EndpointId, TcpState } from '../model/types';
import { HISTORY_KINDS, type HistoryKind } from './zeekHistory';

/** What a replay could not take from the letters, or had to assume. */
export const HISTORY_NOTES = [
  /** `^`: Zeek swapped the ends (it saw the responder first); the row's originator is Zeek's final choice. */
  'flipped',
  /** A side's last ACK (of the peer's FIN) is assumed: Zeek writes a pure ACK once per direction, so it would not show. */
  'hidden-ack',
  /** The originator's SYN got no answer in the log: it is taken as lost (it may have reached the responder, its answer unseen). */
  'syn-unanswered',
  /** No SYN from the originator (the log starts mid-connection or at the SYN+ACK): the opening is assumed. */
  'opening-assumed',
  /** Every letter is the same side's (asymmetric routing, a one-sided tap): the other side's segments are inferred from what this one acknowledges. */
  'one-sided',
  /** `g`: a content gap; the bytes missed are taken as delivered. */
  'gap',
  /** `c`: a packet with a bad checksum, which its receiver dropped. */
  'bad-checksum',
  /** `w`: a zero window; windows are not modelled here. */
  'zero-window',
  /** `i` or `q`: a packet with flags that do not go together; left out. */
  'odd-flags',
  /** `x`: Zeek stopped analysing the connection (a limit was reached): later packets are not in the history. */
  'partial',
  /** Letters that are none of Zeek's. */
  'unknown-letter',
  /** The engine's ends would not have sent some of the segments the letters imply (a host that is not Linux, or packets Zeek missed). */
  'departs',
  /** The row has no history (`-`): nothing to replay. */
  'no-history',
] as const;
export type HistoryNote = (typeof HISTORY_NOTES)[number];

export interface HistoryEnds {
  readonly client: TcpState;
  readonly server: TcpState;
  /** In the order first met; each at most once. */
  readonly notes: readonly HistoryNote[];
}

/** One step of a history: a letter, the side that sent it, and what it stands for. */
export interface HistoryStep {
  readonly from: EndpointId;
  readonly letter: string;
  readonly kind: HistoryKind | 'unknown';
}

/** A history string, letter by letter. */
export function historySteps(history: string): HistoryStep[] {
  const out: HistoryStep[] = [];
  for (const ch of history) {
    if (ch === '^') {
      out.push({ from: 'client', letter: ch, kind: 'flipped' });
      continue;
    }
    const lower = ch.toLowerCase();
    const kind = (HISTORY_KINDS as Record<string, HistoryKind>)[lower] ?? 'unknown';
    out.push({ from: ch !== lower ? 'client' : 'server', letter: ch, kind });
  }
  return out;
}

/** Bytes one `d` stands for (the log's byte counts are the whole connection's, not a packet's). */
const DATA = 100;
/** Time between letters, and each segment's way to its peer (ms): far from any timer. */
const STEP_MS = 10;
const WAY_MS = 1;
const ISN = { client: 1_000, server: 5_000 } as const;
const WHOLE = 1 << 30;
/** The longest history replayed; Zeek's are short (its repeated letters grow logarithmically). */
export const MAX_HISTORY = 200;

interface Side {
  /** The next sequence number it sends. */
  nxt: number;
  /** The next sequence number it expects from the peer (0: it has nothing from the peer yet). */
  rcv: number;
  /** The highest acknowledgment it has sent. */
  acked: number;
  synSent: boolean;
  /** It wrote its pure-ACK letter: its later pure ACKs are hidden from the history. */
  ackLetter: boolean;
  lastData: { seq: number; len: number; copies: number } | null;
  finSent: boolean;
  reset: boolean;
}

/** Both ends' likely states at the end of a row with this history (replayed through the engine). */
export function replayHistory(history: string | null): HistoryEnds {
  if (history === null || history === '') return { client: 'CLOSED', server: 'CLOSED', notes: ['no-history'] };
  const notes: HistoryNote[] = [];
  const note = (n: HistoryNote) => (notes.includes(n) ? undefined : notes.push(n));
  const all = historySteps(history.slice(0, MAX_HISTORY));
  if (history.length > MAX_HISTORY) note('partial');
  const steps: ScriptStep[] = [];
  const sides: Record<EndpointId, Side> = {
    client: { nxt: ISN.client, rcv: 0, acked: 0, synSent: false, ackLetter: false, lastData: null, finSent: false, reset: false },
    server: { nxt: ISN.server, rcv: 0, acked: 0, synSent: false, ackLetter: false, lastData: null, finSent: false, reset: false },
  };
  const peer = (e: EndpointId): EndpointId => (e === 'client' ? 'server' : 'client');
  let at = STEP_MS;
  const observed: { from: EndpointId; flags: number; seq: number; len: number; assumed: boolean; resend: number; lost: boolean }[] = [];
  const send = (from: EndpointId, flags: number, seq: number, len: number, opts: { assumed?: boolean; resend?: number } = {}) => {
    const me = sides[from];
    const other = sides[peer(from)];
    observed.push({ from, flags, seq, len, assumed: opts.assumed ?? false, resend: opts.resend ?? 0, lost: false });
    if (flags & ACK) me.acked = me.rcv;
    // The peer takes it (in order: the letters are in the order Zeek saw them first).
    const space = seqLength(len, flags);
    if (flags & SYN) other.rcv = seq + 1;
    else if (!(flags & RST) && other.rcv !== 0 && seq + space > other.rcv) other.rcv = seq + space;
  };
  const open = (from: EndpointId) => sides[from].synSent && sides[from].rcv !== 0;

  // The opening the letters take for granted: a history with no SYN from the originator starts
  // after it (a SYN+ACK first: only the SYN is missing; anything else: the whole handshake).
  const letters = all.filter((s) => s.kind !== 'flipped');
  const firstSyn = letters.find((s) => s.kind === 'syn' || s.kind === 'syn-ack');
  const clientOpens = letters.some((s) => s.from === 'client' && s.kind === 'syn');
  if (!clientOpens && letters.length > 0) {
    note('opening-assumed');
    send('client', SYN, ISN.client, 0, { assumed: true });
    sides.client.synSent = true;
    sides.client.nxt = ISN.client + 1;
    if (firstSyn?.kind !== 'syn-ack' || firstSyn.from !== 'server') {
      send('server', SYN | ACK, ISN.server, 0, { assumed: true });
      sides.server.synSent = true;
      sides.server.nxt = ISN.server + 1;
      send('client', ACK, sides.client.nxt, 0, { assumed: true });
    }
  }
  if (letters.length > 1 && letters.every((s) => s.from === letters[0]!.from)) note('one-sided');
  // Whether the originator has sent anything but its SYN (an assumed opening's ACK counts).
  let clientSpoke = observed.some((o) => o.from === 'client' && !(o.flags & SYN));
  for (const step of all) {
    const me = sides[step.from];
    // The originator acknowledges a SYN+ACK the history does not show (Zeek saw one direction only): it came.
    if (step.from === 'client' && sides.client.synSent && !sides.server.synSent && ['ack', 'data', 'gap', 'fin'].includes(step.kind)) {
      note('opening-assumed');
      send('server', SYN | ACK, ISN.server, 0, { assumed: true });
      sides.server.synSent = true;
      sides.server.nxt = ISN.server + 1;
    }
    // The responder goes on past its SYN+ACK though the history shows nothing more from the originator: the handshake's ACK came.
    if (step.from === 'server' && sides.server.synSent && sides.client.synSent && !clientSpoke && ['ack', 'data', 'gap', 'fin'].includes(step.kind)) {
      note('opening-assumed');
      send('client', ACK, sides.client.nxt, 0, { assumed: true });
      clientSpoke = true;
    }
    if (step.from === 'client' && step.kind !== 'syn' && step.kind !== 'flipped') clientSpoke = true;
    switch (step.kind) {
      case 'flipped':
        note('flipped');
        break;
      case 'syn':
        send(step.from, SYN, ISN[step.from], 0, { resend: me.synSent ? 1 : 0 });
        me.synSent = true;
        me.nxt = ISN[step.from] + 1;
        break;
      case 'syn-ack':
        send(step.from, SYN | ACK, ISN[step.from], 0, { resend: me.synSent ? 1 : 0 });
        me.synSent = true;
        me.nxt = ISN[step.from] + 1;
        break;
      case 'ack':
        me.ackLetter = true;
        send(step.from, ACK, me.nxt, 0);
        break;
      case 'gap':
      case 'data':
        // A gap: bytes Zeek missed, which reached the peer all the same.
        if (step.kind === 'gap') note('gap');
        if (!open(step.from)) {
          note('departs');
          break;
        }
        me.lastData = { seq: me.nxt, len: DATA, copies: 0 };
        send(step.from, ACK, me.nxt, DATA);
        me.nxt += DATA;
        break;
      case 'retransmission':
        if (me.lastData) {
          me.lastData.copies += 1;
          send(step.from, ACK, me.lastData.seq, me.lastData.len, { resend: me.lastData.copies });
        }
        break;
      case 'fin':
        if (me.finSent) {
          send(step.from, FIN | ACK, me.nxt - 1, 0, { resend: 1 });
          break;
        }
        send(step.from, me.rcv === 0 ? FIN : FIN | ACK, me.nxt, 0);
        me.nxt += 1;
        me.finSent = true;
        break;
      case 'rst':
        // A reset before the responder has answered anything: the port refused the SYN (Linux: RST+ACK, seq 0).
        if (step.from === 'server' && !me.synSent && me.rcv !== 0 && !me.reset) send('server', RST | ACK, 0, 0);
        else send(step.from, me.rcv === 0 ? RST : RST | ACK, me.nxt, 0);
        me.reset = true;
        break;
      case 'bad-checksum':
        note('bad-checksum');
        break;
      case 'zero-window':
        note('zero-window');
        break;
      case 'fin-rst':
      case 'multi-flag':
        note('odd-flags');
        break;
      case 'partial':
        note('partial');
        break;
      case 'unknown':
        note('unknown-letter');
        break;
    }
  }
  // The last ACKs a history cannot show: a side that wrote its ACK letter and has the peer's FIN unacknowledged.
  for (;;) {
    const quiet = (['client', 'server'] as const).find(
      (e) => sides[e].ackLetter && !sides[e].reset && !sides[peer(e)].reset && sides[peer(e)].finSent && sides[e].acked < sides[e].rcv,
    );
    if (!quiet) break;
    note('hidden-ack');
    send(quiet, ACK, sides[quiet].nxt, 0, { assumed: true });
  }
  // An originator's SYN nothing answered is taken as lost: the responder's machine never saw it.
  if (!observed.some((o) => o.from === 'server')) {
    for (const o of observed) if (o.from === 'client' && o.flags === SYN && !o.assumed) o.lost = true;
    if (observed.some((o) => o.lost)) note('syn-unanswered');
  }

  // The responder listens, unless its first word is a refusal or a SYN of its own.
  const firstServer = observed.find((o) => o.from === 'server');
  const listens = !(firstServer && ((firstServer.flags & RST && !(firstServer.flags & SYN)) || firstServer.flags === SYN));
  if (listens) steps.push({ at: 0, endpoint: 'server', call: 'listen' });
  for (const o of observed) {
    const obs: Observed = {
      from: o.from,
      segment: segment(o.flags, o.seq, o.flags & ACK ? ackFor(observed, o) : null, o.len, WHOLE),
      arrivesAt: o.lost ? null : at + WAY_MS,
      resend: o.resend,
      closeAs: o.flags & FIN ? closeAsOf(observed, o) : 'close',
      ...(o.assumed ? { assumed: true } : {}),
    };
    steps.push({ at, observed: obs });
    at += STEP_MS;
  }
  const sim = new Simulation({ config: { clientIsn: ISN.client, serverIsn: ISN.server, latencyMs: WAY_MS, rcvBufBytes: WHOLE }, steps }, REPLAYER);
  sim.runUntil(at);
  if (sim.history.wire.some((w) => w.why.kind === 'captured' && w.why.departs !== null)) note('departs');
  return { client: sim.state('client'), server: sim.state('server'), notes };
}

/**
 * The acknowledgment number a segment carries: everything its sender had from the peer when it
 * left (the segments before it, in order; a reset or a lost one taught it nothing).
 */
function ackFor(observed: readonly { from: EndpointId; flags: number; seq: number; len: number; lost: boolean }[], o: (typeof observed)[number]): number {
  let rcv = 0;
  for (const x of observed) {
    if (x === o) break;
    if (x.from === o.from || x.lost || x.flags & RST) continue;
    if (x.flags & SYN) rcv = Math.max(rcv, x.seq + 1);
    else if (rcv !== 0) rcv = Math.max(rcv, x.seq + seqLength(x.len, x.flags));
  }
  return rcv;
}

/**
 * A FIN's call: shutdown() when its sender still held the socket afterwards (the peer's bytes came
 * after it, or it reset the connection itself later: only an application that still holds a
 * socket can abort it), close() otherwise.
 */
function closeAsOf(observed: readonly { from: EndpointId; flags: number; len: number }[], o: (typeof observed)[number]): 'close' | 'shutdown' {
  const after = observed.slice(observed.indexOf(o) + 1);
  return after.some((x) => (x.from !== o.from && x.len > 0) || (x.from === o.from && x.flags & RST)) ? 'shutdown' : 'close';
}
