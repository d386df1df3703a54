/**
 * The TCP connections in a capture, each with a one-word verdict in Zeek's `conn_state`
 * vocabulary (docs.zeek.org, base/protocols/conn/main.zeek), so that a capture with thousands of
 * connections can be read at a glance and counted by how they ended.
 *
 * A connection is the segments of one address-and-port pair, in time order. Its client (Zeek's
 * originator) is the side that sent the first SYN without ACK; in a capture that starts
 * mid-connection it is the sender of the first segment, and `clientGuessed` says so.
 */
import { WIRE_FLAGS } from '../model/segment';
import type { CapturedSegment } from './read';

const { FIN, SYN, RST, ACK } = WIRE_FLAGS;

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
  readonly verdict: Verdict;
}

const endpoint = (addr: string, port: number): string => (addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`);

/**
 * Group a capture's segments into connections, in the order each was first seen. The same
 * addresses and ports used again (a new SYN, with a new initial sequence number, after the last
 * connection ended in FINs or a reset) start a new connection.
 */
export function connectionsOf(segments: readonly CapturedSegment[]): Connection[] {
  const groups: CapturedSegment[][] = [];
  const open = new Map<string, CapturedSegment[]>();
  for (const s of segments) {
    const a = endpoint(s.src, s.sport);
    const b = endpoint(s.dst, s.dport);
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    let g = open.get(key);
    if (!g || (s.flags & SYN && !(s.flags & ACK) && ended(g) && !g.some((x) => x.flags & SYN && x.seq === s.seq))) {
      g = [];
      groups.push(g);
      open.set(key, g);
    }
    g.push(s);
  }
  return groups.map(connectionOf);
}

/** A connection that has ended: a reset, or a FIN each way. */
function ended(g: readonly CapturedSegment[]): boolean {
  if (g.some((s) => s.flags & RST)) return true;
  const fins = new Set(g.filter((s) => s.flags & FIN).map((s) => endpoint(s.src, s.sport)));
  return fins.size === 2;
}

function connectionOf(segs: readonly CapturedSegment[]): Connection {
  const opener = segs.find((s) => s.flags & SYN && !(s.flags & ACK));
  const answer = segs.find((s) => s.flags & SYN && s.flags & ACK);
  // The client: who sent the SYN; else the one a SYN+ACK answers; else whoever spoke first.
  const first = opener ?? (answer ? { ...answer, src: answer.dst, sport: answer.dport } : segs[0]!);
  const client = endpoint(first.src, first.sport);
  const marked = segs.map((s) => ({ ...s, fromClient: endpoint(s.src, s.sport) === client }));
  const server = marked[0]!.fromClient ? endpoint(marked[0]!.dst, marked[0]!.dport) : endpoint(marked[0]!.src, marked[0]!.sport);
  const bytes = { client: 0, server: 0 };
  for (const s of marked) bytes[s.fromClient ? 'client' : 'server'] += s.len;
  return {
    client,
    server,
    clientGuessed: !opener,
    start: marked[0]!.t,
    duration: marked[marked.length - 1]!.t - marked[0]!.t,
    segments: marked,
    bytes,
    verdict: verdictOf(marked),
  };
}

/** Zeek's conn_state for a connection's segments. */
export function verdictOf(segs: readonly (CapturedSegment & { readonly fromClient: boolean })[]): Verdict {
  const seen = (fromClient: boolean, flag: number, without = 0) => segs.some((s) => s.fromClient === fromClient && s.flags & flag && !(s.flags & without));
  const syn = seen(true, SYN, ACK);
  const synAck = segs.some((s) => !s.fromClient && s.flags & SYN && s.flags & ACK);
  const clientFin = seen(true, FIN);
  const serverFin = seen(false, FIN);
  const clientRst = seen(true, RST);
  const serverRst = seen(false, RST);
  if (syn && !synAck) {
    if (serverRst) return 'REJ';
    if (clientRst) return 'RSTOS0';
    if (clientFin) return 'SH';
    return 'S0';
  }
  if (!syn && synAck) {
    if (serverRst) return 'RSTRH';
    if (serverFin) return 'SHR';
    return 'OTH';
  }
  if (!syn && !synAck) return 'OTH';
  if (clientRst) return 'RSTO';
  if (serverRst) return 'RSTR';
  if (clientFin && serverFin) return 'SF';
  if (clientFin) return 'S2';
  if (serverFin) return 'S3';
  return 'S1';
}
