/**
 * The TCP connections in a capture as Zeek sees them, each with Zeek's verdict (`conn_state`) and
 * `history` (zeek/zeek base/protocols/conn/main.zeek; its TCP analyzer's rules, written anew here,
 * docs/capture-format.md "Zeek's verdict and history"), so that a capture with thousands of
 * connections can be read at a glance, counted by how they ended, and set beside Zeek's conn.log.
 *
 * A connection is the segments of one address-and-port pair, in time order, from its first packet
 * until Zeek would start another (a SYN after it closed, or Zeek's timers). Its client is the side
 * that sent the first SYN without ACK; with no SYN, the one a SYN+ACK answers, else Zeek's
 * originator, and `clientGuessed` says so. `originator` says which side Zeek's originator is.
 */
import { FIN, SYN, RST, ACK } from '../model/segment';
import { endpointKey, SegmentColumns } from './columns';
import type { CapturedSegment } from './read';

/** Zeek's connection states, as its conn.log writes them. */
export const VERDICTS = ['S0', 'S1', 'SF', 'REJ', 'S2', 'S3', 'RSTO', 'RSTR', 'RSTOS0', 'RSTRH', 'SH', 'SHR', 'OTH'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface Connection {
  /** "address:port" of the client (the side that opened), and of the server; IPv6 addresses in brackets. */
  readonly client: string;
  readonly server: string;
  /** No SYN opened it within the capture: the client is the first segment's sender. */
  readonly clientGuessed: boolean;
  /** Seconds since the capture's first packet, of its first segment, and how long it was seen. */
  readonly start: number;
  readonly duration: number;
  /** Its segments, in time order, each marked with its direction. */
  readonly segments: readonly (CapturedSegment & { readonly fromClient: boolean })[];
  /** Payload bytes each way. */
  readonly bytes: { readonly client: number; readonly server: number };
  /** Zeek's conn_state. */
  readonly verdict: Verdict;
  /** Zeek's history letters (src/capture/zeekHistory.ts): upper case for Zeek's originator, lower case for its responder. */
  readonly history: string;
  /** Which side Zeek takes as the originator (conn.log's id.orig_h): the server when Zeek saw only its SYN+ACK, or guessed from its port. */
  readonly originator: 'client' | 'server';
}

/**
 * The TCP ports Zeek's protocol scripts register as servers' (scripts/base/protocols/<name>/main.zeek,
 * `Analyzer::register_for_ports`), which make up its `likely_server_ports`: how it guesses, with no
 * SYN to go by, which side is the responder.
 */
export const ZEEK_SERVER_PORTS: Readonly<Record<string, readonly number[]>> = {
  'dce-rpc': [135],
  dnp3: [20000],
  dns: [53],
  finger: [79],
  ftp: [21, 2811],
  http: [80, 81, 631, 1080, 3128, 8000, 8080, 8888],
  imap: [143],
  irc: [6666, 6667, 6668, 6669],
  krb: [88],
  ldap: [389, 3268],
  modbus: [502],
  mqtt: [1883],
  mysql: [1434, 3306],
  postgresql: [5432],
  rdp: [3389],
  redis: [6379],
  smb: [139, 445],
  smtp: [25, 587],
  socks: [1080],
  ssh: [22],
  ssl: [443, 465, 563, 585, 614, 636, 989, 990, 992, 993, 995, 5223],
  syslog: [514],
  xmpp: [5222, 5269],
};

/** Zeek's likely_server_ports for TCP, as `zeek -r` (its default scripts) has them. */
export const ZEEK_LIKELY_SERVER_PORTS: ReadonlySet<number> = new Set(Object.values(ZEEK_SERVER_PORTS).flat());

export interface ConnectionOptions {
  /** The ports that make a side the likely server when no SYN says (Zeek's likely_server_ports); default ZEEK_LIKELY_SERVER_PORTS. */
  readonly likelyServerPorts?: ReadonlySet<number>;
}

/**
 * What the grouping reads of a segment: its fields, and its two ends as "address:port" (`from`
 * sent it to `to`). One object is filled again for each packet: nothing here keeps it.
 */
interface Seg {
  t: number;
  flags: number;
  seq: number;
  ack: number;
  len: number;
  win: number;
  truncated: boolean;
  sport: number;
  dport: number;
  from: string;
  to: string;
}

/** Zeek's timers (scripts/base/init-bare.zeek), in seconds. */
const TCP_SYN_TIMEOUT = 5;
const TCP_SESSION_TIMER = 6;
const TCP_CONNECTION_LINGER = 5;
const TCP_ATTEMPT_DELAY = 5;
const TCP_CLOSE_DELAY = 5;
const TCP_INACTIVITY_TIMEOUT = 300;
/** Before the handshake is through, a TCP connection times out as UDP's do (TCP.cc MakeSessionAdapter). */
const UDP_INACTIVITY_TIMEOUT = 60;
const TOO_LARGE_SEQ_DELTA = 1048576;
/** FTP, SSH, telnet and rlogin may sit silent for an hour (base/protocols/conn/inactivity.zeek). */
const INTERACTIVE_PORTS: ReadonlySet<number> = new Set([21, 22, 23, 513]);
const INTERACTIVE_INACTIVITY_TIMEOUT = 3600;

/** One end's state as Zeek's TCP analyzer tracks it (TCP_Endpoint.h). */
type EndState = 'INACTIVE' | 'SYN_SENT' | 'SYN_ACK_SENT' | 'PARTIAL' | 'ESTABLISHED' | 'CLOSED' | 'RESET';

const handshake = (x: EndState) => x === 'INACTIVE' || x === 'SYN_SENT' || x === 'SYN_ACK_SENT';

/** The bits of Zeek's per-connection "seen" mask (TCP_Endpoint.h HIST_*); the responder's are 16 higher. */
const HIST = { SYN: 0x1, FIN: 0x2, RST: 0x4, FIN_RST: 0x8, DATA: 0x10, ACK: 0x20, MULTI: 0x40 } as const;

/** What a segment did to its end's state (stateMachine's bits): closed it, and with the event Zeek raises for that. */
const CLOSES = 1;
const GEN_EVENT = 2;

/** Signed distance from b to a in 32-bit sequence space. */
const seqDelta = (a: number, b: number) => (a - b) | 0;
const u32 = (x: number) => x >>> 0;
const TWO32 = 2 ** 32;

class End {
  state: EndState = 'INACTIVE';
  prev: EndState = 'INACTIVE';
  startSeq = 0;
  lastSeq = 0;
  ackSeq = 0;
  seqWraps = 0;
  ackWraps = 0;
  finCount = 0;
  rstCount = 0;
  finSeq = 0;
  didClose = false;
  lastSyn = 0;
  lastFin = 0;
  lastRst = 0;
  /** Scaled letters: how many so far, and the next count that writes the letter again (made at the first: most connections have none). */
  scaled: Record<'t' | 'w' | 'g', [number, number]> | null = null;
  /** The reassembler (Zeek reassembles every connection's bytes): delivered up to here, relative; blocks held above a hole. */
  reassembled = 1;
  trimmed = 1;
  blocks: [number, number][] = [];
  didEof = false;
  peer!: End;
  constructor(
    public isOrig: boolean,
    readonly key: string,
  ) {}

  setState(s: EndState, conn: ZeekConnection): void {
    if (s === this.state) return;
    // The handshake is through: the connection's inactivity timeout becomes TCP's.
    if (!handshake(s) && handshake(this.state) && handshake(this.peer.state)) conn.setInactivity(TCP_INACTIVITY_TIMEOUT);
    this.prev = this.state;
    this.state = s;
  }
  full(seq: number, wraps: number): number {
    return wraps * TWO32 + seq;
  }
  /** Zeek's get_relative_seq: `base` relative to this end's start, and whether it falls before it. */
  relative(base: number, last: number, wraps: number): number {
    const d = seqDelta(base, last);
    if (d < 0 && wraps && base > last) wraps -= 1;
    else if (d > 0 && base < last) wraps += 1;
    // Negative only before the start (under it): past a wrap it is at least 2^32 less the start.
    return wraps === 0 ? seqDelta(base, this.startSeq) : this.full(base, wraps) - this.startSeq;
  }
  updateLastSeq(seq: number): void {
    if (seq < this.lastSeq) this.seqWraps += 1;
    this.lastSeq = seq;
  }
  updateAckSeq(seq: number): void {
    if (seq < this.ackSeq) this.ackWraps += 1;
    this.ackSeq = seq;
  }
  noDataAcked(): boolean {
    const ack = this.full(this.ackSeq, this.ackWraps);
    return ack === this.startSeq || ack === this.startSeq + 1;
  }
  /** Bytes sent, from the sequence numbers (TCP_Endpoint::Size). */
  size(): number {
    if (this.prev === 'SYN_SENT' && this.state === 'RESET' && this.peer.state === 'INACTIVE' && !this.noDataAcked()) return 0;
    const last = this.full(this.lastSeq, this.seqWraps);
    const ack = this.full(this.ackSeq, this.ackWraps);
    let size = (last > ack ? last : ack) - this.startSeq;
    if (size !== 0) size -= 1;
    if (this.finCount > 0 && size !== 0) size -= 1;
    return size;
  }
  /** The reassembler still holds bytes short of the last sequence number (TCP_Reassembler::DataPending, without the peer's side). */
  dataPending(): boolean {
    const delivered = this.startSeq + this.reassembled;
    const last = this.full(this.lastSeq, this.seqWraps);
    if (last < delivered) return false;
    return delivered !== last - 1 && delivered !== last;
  }
}

type TimerKind = 'expire' | 'attempt' | 'delete' | 'inactivity';

/** One connection as Zeek's TCP analyzer follows it (TCPSessionAdapter.cc): its two ends, its history and its timers. */
class ZeekConnection {
  orig: End;
  resp: End;
  history = '';
  private seen = 0;
  /** How many packets it has, and the time of the last. */
  count = 0;
  lastT: number;
  /** Who sent its first SYN (without ACK), and to whom its first SYN+ACK went ("address:port"). */
  opener: string | null = null;
  answered: string | null = null;
  /** Payload bytes sent by its first packet's sender, and by the other side. */
  readonly firstFrom: string;
  bytesFirst = 0;
  bytesOther = 0;
  readonly start: number;
  lastTime: number;
  active = true;
  partial = false;
  private firstSeen = 0;
  private closeDeferred = false;
  private deferredGenEvent = false;
  /** Pending timers, in the order they were set: when each fires, and what it checks. */
  private timerAt: number[] = [];
  private timerKind: TimerKind[] = [];
  private inactivity = UDP_INACTIVITY_TIMEOUT;

  constructor(
    first: Seg,
    flip: boolean,
    private readonly ports: ReadonlySet<number>,
  ) {
    this.orig = new End(true, first.from);
    this.resp = new End(false, first.to);
    this.firstFrom = first.from;
    this.lastT = first.t;
    this.orig.peer = this.resp;
    this.resp.peer = this.orig;
    this.start = this.lastTime = first.t;
    if (flip) this.flip();
    this.timer(first.t + TCP_SYN_TIMEOUT, 'expire');
    this.timer(first.t + UDP_INACTIVITY_TIMEOUT, 'inactivity');
  }

  setInactivity(timeout: number): void {
    if (timeout === this.inactivity) return;
    for (let i = this.timerKind.length - 1; i >= 0; i--) if (this.timerKind[i] === 'inactivity') this.untime(i);
    this.timer(this.lastTime + timeout, 'inactivity');
    this.inactivity = timeout;
  }

  /**
   * Run the timers due before segment `s`; false when one of them removed the connection (Zeek logs
   * it then, and `s` starts a new one). Where we knowingly differ: Zeek forgets an unanswered SYN after
   * tcp_attempt_delay (5 s) and takes the same SYN resent later (Linux resends at 1, 3, 7, 15... s)
   * as a new connection; here a SYN resent with the same initial sequence number stays in the
   * connection it retries, as it does in TCP.
   */
  runTimers(s: Seg): boolean {
    const resend = s.flags & SYN && !(s.flags & ACK) && s.from === this.orig.key && s.seq === u32(this.orig.startSeq);
    // Each timer reschedules itself past the packet within two turns; the bound only guards damaged times.
    for (let turns = 0; turns < 64; turns++) {
      let next = -1;
      const times = this.timerAt;
      for (let i = 0; i < times.length; i++) if (times[i]! <= s.t && (next < 0 || times[i]! < times[next]!)) next = i;
      if (next < 0) return true;
      const at = times[next]!;
      const kind = this.timerKind[next]!;
      this.untime(next);
      if (kind === 'attempt' && resend) continue;
      // Knowingly unlike Zeek: a connection seen from one side only (its peer never heard) that closed
      // with a FIN is not ended by its close's timer when that side speaks again without a SYN (its last
      // ACK, or a reset): that is the rest of the same connection, which the replay needs to see its
      // ends out. (A reset's close stays final, as Zeek has it.)
      const oneSided = this.orig.state === 'INACTIVE' || this.resp.state === 'INACTIVE';
      if (kind === 'delete' && oneSided && !(s.flags & SYN) && this.orig.state !== 'RESET' && this.resp.state !== 'RESET') continue;
      if (!this.fire(at, kind, s.t)) return false;
    }
    return true;
  }

  private timer(at: number, kind: TimerKind): void {
    this.timerAt.push(at);
    this.timerKind.push(kind);
  }

  /** Timer i taken away, the others kept in order (nothing is made: this runs for most packets). */
  private untime(i: number): void {
    const at = this.timerAt;
    const kind = this.timerKind;
    for (let j = i + 1; j < at.length; j++) {
      at[j - 1] = at[j]!;
      kind[j - 1] = kind[j]!;
    }
    at.length -= 1;
    kind.length -= 1;
  }

  /** Timer `kind`, due at `t`, runs before a packet at `now`: false when it removes the connection. */
  private fire(t: number, kind: TimerKind, now: number): boolean {
    const { orig, resp } = this;
    switch (kind) {
      case 'delete':
        return false;
      case 'attempt':
        if (!this.active) return true;
        if ((orig.state === 'SYN_SENT' || orig.state === 'SYN_ACK_SENT') && resp.state === 'INACTIVE') {
          this.active = false;
          return false;
        }
        return true;
      case 'inactivity':
        if (this.lastTime + this.inactivity <= t) return false;
        this.timer(this.lastTime + this.inactivity, 'inactivity');
        return true;
      case 'expire':
        if (!this.active) return true;
        if (this.lastTime + TCP_CONNECTION_LINGER < t) {
          if (
            (orig.didClose || resp.didClose) &&
            ((orig.didClose && resp.didClose) || orig.state === 'RESET' || resp.state === 'RESET' || orig.state === 'INACTIVE' || resp.state === 'INACTIVE')
          )
            return false;
          if (resp.state === 'INACTIVE' && orig.state === 'INACTIVE') return false;
          // Nothing changes before the next packet, so neither will this check: go to the first turn after it.
          let next = t + TCP_SESSION_TIMER * (Math.floor((now - t) / TCP_SESSION_TIMER) + 1);
          if (!(next > now)) next = now + TCP_SESSION_TIMER;
          this.timer(next, 'expire');
          return true;
        }
        this.timer(t + TCP_SESSION_TIMER, 'expire');
        return true;
    }
  }

  /** A SYN for a connection that is over, or with a new initial sequence number, starts a new one (TCPSessionAdapter::IsReuse). */
  isReuse(s: Seg): boolean {
    if (!(s.flags & SYN)) return false;
    let connOrig = this.orig;
    if (s.flags & ACK) {
      if (this.orig.state !== 'INACTIVE') return false;
      connOrig = this.resp;
    }
    if (!(this.orig.didClose || this.resp.didClose)) {
      if (s.seq === u32(connOrig.startSeq)) return false;
      // Where we knowingly differ: Zeek takes the responder's own SYN, crossing the originator's (a
      // simultaneous open, RFC 9293 3.5), for a new connection; it is the same one.
      if (!(s.flags & ACK) && s.from === this.resp.key && this.resp.state === 'INACTIVE' && this.orig.state === 'SYN_SENT') return false;
      if (!(s.flags & ACK) && connOrig.state === 'SYN_ACK_SENT' && this.resp.state === 'INACTIVE' && s.seq === u32(this.resp.startSeq)) return false;
    }
    return true;
  }

  private flip(): void {
    [this.orig, this.resp] = [this.resp, this.orig];
    this.orig.isOrig = true;
    this.resp.isOrig = false;
    this.firstSeen = (this.firstSeen & 1 ? 2 : 0) | (this.firstSeen & 2 ? 1 : 0);
    this.partial = false;
    this.history += '^';
  }

  private checkHistory(end: End, mask: number, code: string): boolean {
    if ((code === 'A' || code === 'D') && this.history === 'H') {
      // A connection seen from its SYN+ACK: now that it carries traffic it is no stealth scan, so Zeek
      // turns it round and writes the history as though the SYN had been seen.
      this.flip();
      this.history = '^h';
      this.firstSeen |= 1;
    }
    if (!end.isOrig) mask <<= 16;
    if ((this.seen & mask) === 0) {
      this.seen |= mask;
      this.history += end.isOrig ? code : code.toLowerCase();
      return false;
    }
    return true;
  }

  private addHistory(end: End, code: string): void {
    this.history += end.isOrig ? code : code.toLowerCase();
  }

  private scaled(end: End, letter: 't' | 'w' | 'g'): void {
    const c = (end.scaled ??= { t: [0, 1], w: [0, 1], g: [0, 1] })[letter];
    c[0] += 1;
    if (c[0] === c[1]) {
      this.history += end.isOrig ? letter.toUpperCase() : letter;
      c[1] *= 10;
    }
  }

  /** One segment, as TCPSessionAdapter::Process takes it (`index` its place in the columns, `next` where each packet's next in its connection is written). */
  process(s: Seg): void {
    this.count += 1;
    this.lastT = s.t;
    if (s.flags & SYN) {
      if (!(s.flags & ACK)) this.opener ??= s.from;
      else this.answered ??= s.to;
    }
    if (s.from === this.firstFrom) this.bytesFirst += s.len;
    else this.bytesOther += s.len;
    const fromOrig = s.from === this.orig.key;
    const end = fromOrig ? this.orig : this.resp;
    const peer = end.peer;
    const isOrig = fromOrig;
    const syn = (s.flags & SYN) !== 0;
    const fin = (s.flags & FIN) !== 0;
    const rst = (s.flags & RST) !== 0;
    const ack = (s.flags & ACK) !== 0;
    const len = s.len;
    // SetPartialStatus
    if (isOrig) {
      if (!(this.firstSeen & 1)) this.partial = !syn || ack;
    } else if (!(this.firstSeen & 2) && !this.partial) this.partial = !syn;

    const segLen = len + (syn ? 1 : 0) + (fin ? 1 : 0) - (rst ? len : 0);
    let onePast = u32(s.seq + segLen);
    // init_endpoint
    switch (end.state) {
      case 'INACTIVE':
        if (syn) end.ackSeq = end.startSeq = s.seq;
        else {
          end.ackSeq = u32(s.seq - 1);
          end.startSeq = u32(s.seq - 1);
          onePast = s.seq;
        }
        end.lastSeq = onePast;
        break;
      case 'SYN_SENT':
      case 'SYN_ACK_SENT':
      case 'ESTABLISHED':
      case 'PARTIAL':
        if (syn && (s.seq !== end.startSeq || end.state === 'ESTABLISHED' || end.state === 'PARTIAL')) {
          end.startSeq = end.ackSeq = s.seq;
          end.lastSeq = onePast;
        }
        break;
      case 'RESET':
        if (syn && end.prev === 'INACTIVE') {
          end.startSeq = end.ackSeq = s.seq;
          end.lastSeq = onePast;
        }
        break;
      default:
        break;
    }
    onePast = u32(s.seq + segLen);
    const relSeq = end.relative(s.seq, end.lastSeq, end.seqWraps);
    const seqUnder = relSeq < 0;

    this.updateHistory(end, s.flags, relSeq, len);
    // update_window: a zero window, unless it comes with or after a reset, or after the peer's FIN.
    if (s.win === 0 && !rst && peer.state !== 'CLOSED' && end.state !== 'RESET') this.scaled(end, 'w');

    if (!this.orig.didClose || !this.resp.didClose) this.lastTime = s.t;
    if (fin) {
      end.finCount += 1;
      end.finSeq = relSeq + segLen;
    }
    if (rst) end.rstCount += 1;

    let relAck = 0;
    if (ack) {
      if (peer.state === 'INACTIVE') {
        relAck = 1;
        peer.startSeq = peer.ackSeq = peer.lastSeq = u32(s.ack - 1);
      } else {
        const r = peer.relative(s.ack, peer.ackSeq, peer.ackWraps);
        if (r < 0) relAck = 0;
        else {
          relAck = r;
          if (!rst) {
            const d = seqDelta(s.ack, peer.ackSeq);
            if (!(s.ack === 0 && d > TOO_LARGE_SEQ_DELTA) && d > 0) peer.updateAckSeq(s.ack);
          }
        }
      }
    }

    // update_last_seq
    const deltaLast = seqDelta(onePast, end.lastSeq);
    if ((syn || rst) && (deltaLast > TOO_LARGE_SEQ_DELTA || deltaLast < -TOO_LARGE_SEQ_DELTA)) {
      // not trusted
    } else if (fin && end.full(end.lastSeq, end.seqWraps) === end.startSeq + 1) end.updateLastSeq(onePast);
    else if (end.state === 'RESET') {
      // nothing after a reset is trusted
    } else if (deltaLast > 0) end.updateLastSeq(onePast);
    else if (len > 0) this.scaled(end, 't');

    const closing = this.stateMachine(s, end, peer, isOrig);
    const doClose = (closing & CLOSES) !== 0;
    const genEvent = (closing & GEN_EVENT) !== 0;

    if (ack) this.ackReceived(peer, relAck);
    const relData = syn ? relSeq + 1 : relSeq;
    if (len > 0 && !rst && !seqUnder && !s.truncated) this.dataSent(end, relData, len);
    this.checkEof(peer);
    this.checkEof(end);
    if (doClose) this.closed(end, peer, genEvent);
  }

  private updateHistory(end: End, flags: number, relSeq: number, len: number): void {
    const syn = flags & SYN;
    const fin = flags & FIN;
    const rst = flags & RST;
    const bits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
    if (bits > 1) {
      if (fin && rst) this.checkHistory(end, HIST.FIN_RST, 'I');
      else this.checkHistory(end, HIST.MULTI, 'Q');
    } else if (bits === 1) {
      if (syn) {
        const code = flags & ACK ? 'H' : 'S';
        if (this.checkHistory(end, HIST.SYN, code) && relSeq !== end.lastSyn) this.addHistory(end, code);
        end.lastSyn = relSeq;
      }
      if (fin) {
        if (this.checkHistory(end, HIST.FIN, 'F') && relSeq + len !== end.lastFin) this.addHistory(end, 'F');
        end.lastFin = relSeq + len;
      }
      if (rst) {
        if (this.checkHistory(end, HIST.RST, 'R') && relSeq !== end.lastRst) this.addHistory(end, 'R');
        end.lastRst = relSeq;
      }
    } else if (len) this.checkHistory(end, HIST.DATA, 'D');
    else if (flags & ACK) this.checkHistory(end, HIST.ACK, 'A');
  }

  /**
   * TCPSessionAdapter::UpdateStateMachine and the Update*State it calls: the end's state moved on
   * by segment `s`, and whether that closes the end (CLOSES) and with Zeek's event (GEN_EVENT).
   */
  private stateMachine(s: Seg, end: End, peer: End, isOrig: boolean): number {
    const syn = (s.flags & SYN) !== 0;
    const fin = (s.flags & FIN) !== 0;
    const rst = (s.flags & RST) !== 0;
    const ack = (s.flags & ACK) !== 0;
    let doClose = false;
    let genEvent = false;
    switch (end.state) {
      case 'INACTIVE': {
        if (syn) {
          if (isOrig) {
            end.setState(ack ? 'SYN_ACK_SENT' : 'SYN_SENT', this);
            this.timer(s.t + TCP_ATTEMPT_DELAY, 'attempt');
          } else {
            if (!ack && peer.state === 'SYN_ACK_SENT' && s.seq === u32(end.startSeq)) {
              // The SYN and its SYN+ACK were captured the wrong way round: turn the connection round.
              this.flip();
              peer.setState('ESTABLISHED', this);
              this.firstSeen |= 1;
            }
            if (peer.state === 'SYN_SENT') peer.setState('ESTABLISHED', this);
            end.setState('ESTABLISHED', this);
            if (peer.state !== 'PARTIAL') this.established();
          }
        }
        if (fin) {
          end.setState('CLOSED', this);
          doClose = genEvent = true;
        }
        if (rst) {
          end.setState('RESET', this);
          const reject = isOrig ? peer.state === 'ESTABLISHED' : peer.state === 'SYN_SENT' || peer.state === 'SYN_ACK_SENT';
          doClose = true;
          genEvent = !reject;
        }
        if (end.state === 'INACTIVE') {
          if (!isOrig && s.len === 0 && this.orig.state === 'SYN_SENT') {
            // an ACK of a SYN before the SYN+ACK: not a partial connection
          } else if (ack && peer.state === 'ESTABLISHED') {
            end.setState('ESTABLISHED', this);
            this.partial = false;
            this.firstSeen |= isOrig ? 1 : 2;
          } else end.setState('PARTIAL', this);
        }
        break;
      }
      case 'SYN_SENT':
      case 'SYN_ACK_SENT':
        if (fin) {
          end.setState('CLOSED', this);
          doClose = genEvent = true;
        }
        if (rst) {
          end.setState('RESET', this);
          this.active = false;
          doClose = true;
        }
        break;
      case 'ESTABLISHED':
      case 'PARTIAL':
        if (syn && end.state === 'PARTIAL' && peer.state === 'INACTIVE' && !ack) end.setState('SYN_SENT', this);
        if (fin && !rst) {
          end.setState('CLOSED', this);
          // A FIN and then a reset from the peer is still a normal close.
          if (peer.state === 'RESET' && peer.prev === 'CLOSED') peer.setState('CLOSED', this);
          doClose = genEvent = true;
        }
        if (rst) {
          end.setState('RESET', this);
          doClose = true;
          if (peer.state !== 'RESET' || peer.prev !== 'ESTABLISHED') this.active = false;
        }
        break;
      case 'CLOSED':
        // After a FIN each way, a reset changes nothing: the connection had closed in order.
        if (rst && peer.state !== 'CLOSED') {
          end.setState('RESET', this);
          // (Zeek's reset timer runs only for scripts that handle connection_reset; its default scripts do not.)
          if (!end.didClose) doClose = true;
        }
        break;
      case 'RESET':
        break;
    }
    return (doClose ? CLOSES : 0) | (genEvent ? GEN_EVENT : 0);
  }

  /**
   * Zeek's connection_established: its scripts (base/protocols/conn/inactivity.zeek) give the
   * interactive services' ports an hour of silence instead of 5 minutes.
   */
  private established(): void {
    const port = (key: string) => Number(key.slice(key.lastIndexOf(':') + 1));
    let service = port(this.resp.key);
    if (this.orig.state === 'INACTIVE' && !this.ports.has(service) && this.ports.has(port(this.orig.key))) service = port(this.orig.key);
    if (INTERACTIVE_PORTS.has(service)) this.setInactivity(INTERACTIVE_INACTIVITY_TIMEOUT);
  }

  /** The peer acknowledged `seq` of `e`'s bytes: what the reassembler never saw is a content gap (TCP_Reassembler::AckReceived). */
  private ackReceived(e: End, relAck: number): void {
    let seq = relAck;
    if (e.finCount > 0 && seq >= e.finSeq) seq = e.finSeq - 1;
    if (seq <= e.trimmed) return;
    if (seq > e.reassembled && !(seq <= 2 && this.partial)) {
      const clean = (x: End) => x.state === 'ESTABLISHED' || (x.state === 'CLOSED' && x.prev === 'ESTABLISHED');
      const gap = () => {
        if (clean(e) && clean(e.peer)) this.scaled(e, 'g');
      };
      // The blocks held above the hole, in order: each hole before one, and the one after the last, is a gap.
      for (const b of e.blocks) {
        if (b[0] >= seq) break;
        if (b[0] > e.reassembled) gap();
        e.reassembled = Math.max(e.reassembled, b[1]);
      }
      if (seq > e.reassembled) gap();
      e.reassembled = Math.max(e.reassembled, seq);
    }
    e.trimmed = seq;
    this.deliver(e);
  }

  /** `e` sent bytes [seq, seq+len) (relative): the reassembler takes what is new (TCP_Reassembler::DataSent). */
  private dataSent(e: End, seq: number, len: number): void {
    const acked = e.full(e.ackSeq, e.ackWraps) - e.startSeq;
    const upper = seq + len;
    if (seq < acked) {
      if (upper <= acked) return;
      seq = acked;
    }
    if (upper <= e.trimmed) return;
    if (seq < e.trimmed) seq = e.trimmed;
    if (upper <= e.reassembled) return;
    const blocks = e.blocks;
    if (blocks.length === 0 && seq <= e.reassembled) {
      // In order, nothing held: delivered at once.
      e.reassembled = upper;
      return;
    }
    // Held blocks stay sorted and merged, so a long run of bytes above one hole is one block.
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (blocks[mid]![1] < seq) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    let start = seq;
    let stop = upper;
    while (end < blocks.length && blocks[end]![0] <= stop) {
      start = Math.min(start, blocks[end]![0]);
      stop = Math.max(stop, blocks[end]![1]);
      end++;
    }
    blocks.splice(lo, end - lo, [start, stop]);
    this.deliver(e);
  }

  /** Deliver what now follows on from what was delivered; drop what is behind it. */
  private deliver(e: End): void {
    let drop = 0;
    for (const b of e.blocks) {
      if (b[0] > e.reassembled) break;
      e.reassembled = Math.max(e.reassembled, b[1]);
      drop++;
    }
    if (drop > 0) e.blocks.splice(0, drop);
  }

  /** An end that has closed and whose bytes are all delivered: a close put off for them happens now. */
  private checkEof(e: End): void {
    if (e.didEof || !(e.finCount > 0 || e.state === 'CLOSED' || e.state === 'RESET') || e.dataPending()) return;
    e.didEof = true;
    if (this.closeDeferred) {
      this.closeDeferred = false;
      this.closed(e, e.peer, this.deferredGenEvent);
    }
  }

  /** TCPSessionAdapter::ConnectionClosed. */
  private closed(e: End, peer: End, genEvent: boolean): void {
    if (e.dataPending()) {
      this.closeDeferred = true;
      this.deferredGenEvent ||= genEvent;
      return;
    }
    this.closeDeferred = false;
    if (e.didClose) return;
    e.didClose = true;
    if (e.state === 'RESET' || peer.didClose || peer.state === 'INACTIVE') {
      if ((e.prev !== 'INACTIVE' || peer.state !== 'INACTIVE') && (genEvent || this.deferredGenEvent)) this.active = false;
      this.deferredGenEvent = false;
      this.timerAt.length = this.timerKind.length = 0;
      this.timer(this.lastTime + TCP_CLOSE_DELAY, 'delete');
    } else if (e.prev !== 'INACTIVE') this.timer(this.lastTime + TCP_SESSION_TIMER, 'expire');
  }

  /** Zeek's conn_state (base/protocols/conn/main.zeek), from the two ends' states. */
  verdict(): Verdict {
    const os = this.orig.state;
    const rs = this.resp.state;
    const oInactive = os === 'INACTIVE' || os === 'PARTIAL';
    const rInactive = rs === 'INACTIVE' || rs === 'PARTIAL';
    if (rs === 'RESET') {
      if (os === 'SYN_SENT' || os === 'SYN_ACK_SENT' || (os === 'RESET' && this.orig.size() === 0 && this.resp.size() === 0)) return 'REJ';
      return oInactive ? 'RSTRH' : 'RSTR';
    }
    if (os === 'RESET') {
      if (rInactive) return /^\^?S[^HAFGIQ]*R.*$/.test(this.history) ? 'RSTOS0' : 'OTH';
      return 'RSTO';
    }
    if (rs === 'CLOSED' && os === 'CLOSED') return 'SF';
    if (os === 'CLOSED') return rInactive ? 'SH' : 'S2';
    if (rs === 'CLOSED') return oInactive ? 'SHR' : 'S3';
    if (os === 'SYN_SENT' && rs === 'INACTIVE') return 'S0';
    if (os === 'ESTABLISHED' && rs === 'ESTABLISHED') return 'S1';
    return 'OTH';
  }
}

/** Zeek's choice of originator for a connection whose first packet is not a SYN: flip when the sender's port is a likely server's (TCP.cc WantConnection). */
function flipFirst(s: Seg, ports: ReadonlySet<number>): boolean {
  if (s.flags & SYN && !(s.flags & ACK)) return false;
  if (!ports.has(s.sport)) return false;
  if (ports.has(s.dport)) return !(s.flags & SYN) && s.sport < s.dport;
  return true;
}

/** A connection as grouped, without its segments (`count` of them): they are made when it is opened. */
export type ConnectionSummary = Omit<Connection, 'segments'> & { readonly count: number };

/**
 * A capture's connections, grouped from its columns: each one's summary, and its segments made
 * (as objects) only when it is opened, one connection at a time. The columns stay the packets'
 * only copy; each connection holds where its first packet is, and its packets are that stretch of
 * its pair's chain (SegmentColumns.links).
 */
export class Grouped {
  constructor(
    private readonly columns: SegmentColumns,
    readonly list: readonly ConnectionSummary[],
    private readonly firsts: Uint32Array,
    private readonly pairs: Uint32Array,
  ) {}

  /** Connection `k` with its segments, in time order, each marked with its direction. */
  open(k: number): Connection {
    const c = this.list[k]!;
    const pair = this.pairs[k]!;
    const segments: (CapturedSegment & { readonly fromClient: boolean })[] = new Array(c.count);
    for (let n = 0, i = this.firsts[k]!; n < c.count; n++, i = this.columns.links.get(i)) segments[n] = this.columns.marked(i, pair, c.client);
    const { count: _, ...rest } = c;
    return { ...rest, segments };
  }
}

/**
 * Group a capture's segments into connections as Zeek does, in the order each was first seen: by
 * address-and-port pair, a new connection when a SYN comes for one that is over (or with a new
 * initial sequence number), and when Zeek's timers would have ended the old one (a SYN unanswered
 * for 5 s, 5 s after a close, 5 minutes of silence; scripts/base/init-bare.zeek's tcp_* settings).
 * Each pair of endpoints is followed on its own, along its chain of packets (Zeek keeps nothing
 * between connections of different pairs), so only one connection's state is held at a time; the
 * list is then put in the order each connection was first seen.
 */
export function groupConnections(columns: SegmentColumns, options: ConnectionOptions = {}): Grouped {
  const ports = options.likelyServerPorts ?? ZEEK_LIKELY_SERVER_PORTS;
  const summaries: ConnectionSummary[] = [];
  const firsts: number[] = [];
  const pairOf: number[] = [];
  const { endpoints, pairA, pairB, pairFirst, pairLast, links } = columns;
  const s: Seg = { t: 0, flags: 0, seq: 0, ack: 0, len: 0, win: 0, truncated: false, sport: 0, dport: 0, from: '', to: '' };
  for (let pair = 0; pair < pairFirst.length; pair++) {
    let c: ZeekConnection | null = null;
    for (let i = pairFirst[pair]!; ; i = links.get(i)) {
      const whole = columns.wholeAt(i);
      if (whole) {
        s.t = whole.t;
        s.flags = whole.flags;
        s.seq = whole.seq;
        s.ack = whole.ack;
        s.len = whole.len;
        s.win = whole.win;
        s.truncated = whole.truncated;
        s.sport = whole.sport;
        s.dport = whole.dport;
        s.from = endpointKey(whole.src, whole.sport);
        s.to = endpointKey(whole.dst, whole.dport);
      } else {
        const reverse = columns.reverse(i);
        const from = endpoints[reverse ? pairB[pair]! : pairA[pair]!]!;
        const to = endpoints[reverse ? pairA[pair]! : pairB[pair]!]!;
        s.t = columns.time(i);
        s.flags = columns.flags(i);
        s.seq = columns.seq(i);
        s.ack = columns.ack(i);
        s.len = columns.len(i);
        s.win = columns.win(i);
        s.truncated = columns.truncated(i);
        s.sport = from.port;
        s.dport = to.port;
        s.from = from.key;
        s.to = to.key;
      }
      if (c && (!c.runTimers(s) || c.isReuse(s))) {
        summaries.push(summaryOf(c));
        c = null;
      }
      if (!c) {
        c = new ZeekConnection(s, flipFirst(s, ports), ports);
        firsts.push(i);
        pairOf.push(pair);
      }
      c.process(s);
      if (i === pairLast[pair]) break;
    }
    summaries.push(summaryOf(c!));
  }
  // In the order each was first seen.
  const order = Array.from(firsts.keys()).sort((a, b) => firsts[a]! - firsts[b]!);
  return new Grouped(
    columns,
    order.map((k) => summaries[k]!),
    Uint32Array.from(order, (k) => firsts[k]!),
    Uint32Array.from(order, (k) => pairOf[k]!),
  );
}

/** Group segments into connections (as `groupConnections`), each with its segments. */
export function connectionsOf(segments: readonly CapturedSegment[], options: ConnectionOptions = {}): Connection[] {
  const grouped = groupConnections(SegmentColumns.of(segments), options);
  return grouped.list.map((_, k) => grouped.open(k));
}

function summaryOf(z: ZeekConnection): ConnectionSummary {
  // The client: who sent the SYN; else the one a SYN+ACK answers; else Zeek's originator.
  const client = z.opener ?? z.answered ?? z.orig.key;
  const server = client === z.orig.key ? z.resp.key : z.orig.key;
  const firstIsClient = client === z.firstFrom;
  return {
    client,
    server,
    clientGuessed: z.opener === null,
    start: z.start,
    duration: z.lastT - z.start,
    count: z.count,
    bytes: { client: firstIsClient ? z.bytesFirst : z.bytesOther, server: firstIsClient ? z.bytesOther : z.bytesFirst },
    verdict: z.verdict(),
    history: z.history,
    originator: client === z.orig.key ? 'client' : 'server',
  };
}
