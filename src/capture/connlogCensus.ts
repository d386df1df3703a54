/**
 * A census of a conn.log, taken as its rows stream past (none is kept): how many rows ended with
 * each end in each state (replayed from their `history`, ./connlogHistory.ts), by Zeek's verdict,
 * and by server (the responder's address and port), so that a fleet's pile-up of CLOSE-WAIT shows
 * where it is. Its memory is bounded whatever the log's size: the distinct histories replayed are
 * remembered up to a cap (a log has few), and the servers counted up to a cap, the least-seen
 * dropped beyond it (and the result says by how much a count may then fall short).
 */
import { TCP_STATES, type EndpointId, type TcpState } from '../model/types';
import { endpointName, type ConnRow } from './connlog';
import { HISTORY_NOTES, replayHistory, type HistoryEnds, type HistoryNote } from './connlogHistory';

/** Replays remembered, by history string. Beyond it a history is replayed each time it comes (a log with that many is damaged or hostile). */
const MAX_HISTORIES = 20_000;

/** Each history replayed once. */
export class HistoryCache {
  private readonly known = new Map<string, HistoryEnds>();
  replays = 0;
  ends(history: string | null): HistoryEnds {
    const key = history ?? '';
    const had = this.known.get(key);
    if (had) return had;
    this.replays += 1;
    const made = replayHistory(history);
    if (this.known.size < MAX_HISTORIES) this.known.set(key, made);
    return made;
  }
  get size(): number {
    return this.known.size;
  }
}

const STATE_INDEX = new Map<TcpState, number>(TCP_STATES.map((s, i) => [s, i]));
const N = TCP_STATES.length;

interface ServerCount {
  rows: number;
  /** Rows by each end's state: client states at 0..N-1, server states at N..2N-1. */
  readonly states: Uint32Array;
}

export interface CensusServer {
  readonly server: string;
  readonly rows: number;
  readonly states: Readonly<Record<EndpointId, Partial<Record<TcpState, number>>>>;
}

export interface CensusHistory extends HistoryEnds {
  readonly history: string | null;
  readonly verdict: string | null;
  readonly rows: number;
}

export interface CensusResult {
  readonly rows: number;
  /** TCP rows, replayed; rows of other protocols are counted by protocol only. */
  readonly tcp: number;
  readonly otherProtocols: Readonly<Record<string, number>>;
  /** TCP rows by Zeek's conn_state ("-" when unset). */
  readonly verdicts: Readonly<Record<string, number>>;
  /** TCP rows by each end's likely state at the row's end. */
  readonly states: Readonly<Record<EndpointId, Partial<Record<TcpState, number>>>>;
  /** TCP rows by both ends' states together, most first. */
  readonly pairs: readonly { readonly client: TcpState; readonly server: TcpState; readonly rows: number }[];
  /** TCP rows whose replay had to assume or leave out something, by what. */
  readonly notes: Partial<Record<HistoryNote, number>>;
  /** The servers with the most TCP rows, each with its rows by each end's state. */
  readonly servers: readonly CensusServer[];
  /** For each end and each state other than CLOSED, the servers with the most rows that left that end in it: where it piles up. */
  readonly piles: Readonly<Record<EndpointId, Partial<Record<TcpState, readonly { readonly server: string; readonly rows: number }[]>>>>;
  /** Distinct servers (null once the cap dropped some), and how many rows a server's count may miss when it did (0: exact). */
  readonly distinctServers: number | null;
  readonly serverCountsMayMiss: number;
  /** The commonest histories (with their verdict), each with its ends as replayed. */
  readonly histories: readonly CensusHistory[];
  /** Distinct history and verdict pairs (null beyond the cap). */
  readonly distinctHistories: number | null;
}

export class ConnLogCensus {
  rows = 0;
  tcp = 0;
  private readonly other = new Map<string, number>();
  private readonly verdicts = new Map<string, number>();
  private readonly pairCounts = new Uint32Array(N * N);
  private readonly noteCounts = new Uint32Array(HISTORY_NOTES.length);
  private servers = new Map<string, ServerCount>();
  private dropped = 0;
  /** Rows by verdict and history ("verdict\thistory"), up to MAX_HISTORIES of them. */
  private readonly kinds = new Map<string, number>();
  private kindsFull = false;
  readonly cache = new HistoryCache();

  constructor(
    /** Servers counted at once; beyond twice this, the least-seen half is dropped. */
    private readonly maxServers = 50_000,
  ) {}

  /** Count a row; a TCP row's ends (replayed from its history) are returned, null for other protocols. */
  add(row: ConnRow): HistoryEnds | null {
    this.rows += 1;
    if (row.proto !== 'tcp') {
      const p = row.proto || '-';
      this.other.set(p, (this.other.get(p) ?? 0) + 1);
      return null;
    }
    this.tcp += 1;
    const v = row.connState ?? '-';
    this.verdicts.set(v, (this.verdicts.get(v) ?? 0) + 1);
    const ends = this.cache.ends(row.history);
    const kind = `${row.connState ?? ''}\t${row.history ?? ''}`;
    const had = this.kinds.get(kind);
    if (had !== undefined) this.kinds.set(kind, had + 1);
    else if (this.kinds.size < MAX_HISTORIES) this.kinds.set(kind, 1);
    else this.kindsFull = true;
    const c = STATE_INDEX.get(ends.client)!;
    const s = STATE_INDEX.get(ends.server)!;
    this.pairCounts[c * N + s]! += 1;
    for (const note of ends.notes) this.noteCounts[HISTORY_NOTES.indexOf(note)]! += 1;
    const key = endpointName(row.respH, row.respP);
    let entry = this.servers.get(key);
    if (!entry) {
      entry = { rows: 0, states: new Uint32Array(2 * N) };
      this.servers.set(key, entry);
      if (this.servers.size > 2 * this.maxServers) this.prune();
    }
    entry.rows += 1;
    entry.states[c]! += 1;
    entry.states[N + s]! += 1;
    return ends;
  }

  /** Keep the most-seen servers: the rest are dropped, and a count may miss up to the largest dropped. */
  private prune(): void {
    const counts = [...this.servers.values()].map((e) => e.rows).sort((a, b) => b - a);
    const keepAbove = counts[this.maxServers] ?? 0;
    const kept = new Map<string, ServerCount>();
    for (const [k, e] of this.servers) {
      if (e.rows > keepAbove) kept.set(k, e);
      else this.dropped = Math.max(this.dropped, e.rows);
    }
    this.servers = kept;
  }

  result(top = 20, topHistories = 100): CensusResult {
    const states: Record<EndpointId, Partial<Record<TcpState, number>>> = { client: {}, server: {} };
    const pairs: { client: TcpState; server: TcpState; rows: number }[] = [];
    for (let c = 0; c < N; c++)
      for (let s = 0; s < N; s++) {
        const rows = this.pairCounts[c * N + s]!;
        if (rows === 0) continue;
        pairs.push({ client: TCP_STATES[c]!, server: TCP_STATES[s]!, rows });
        states.client[TCP_STATES[c]!] = (states.client[TCP_STATES[c]!] ?? 0) + rows;
        states.server[TCP_STATES[s]!] = (states.server[TCP_STATES[s]!] ?? 0) + rows;
      }
    pairs.sort((a, b) => b.rows - a.rows);
    const notes: Partial<Record<HistoryNote, number>> = {};
    HISTORY_NOTES.forEach((note, i) => {
      if (this.noteCounts[i]! > 0) notes[note] = this.noteCounts[i]!;
    });
    const entries = [...this.servers.entries()];
    const serverOf = ([server, e]: [string, ServerCount]): CensusServer => ({ server, rows: e.rows, states: statesOf(e.states) });
    const servers = entries
      .sort((a, b) => b[1].rows - a[1].rows || (a[0] < b[0] ? -1 : 1))
      .slice(0, top)
      .map(serverOf);
    const piles: Record<EndpointId, Partial<Record<TcpState, { server: string; rows: number }[]>>> = { client: {}, server: {} };
    for (const [end, base] of [
      ['client', 0],
      ['server', N],
    ] as const)
      TCP_STATES.forEach((state, i) => {
        if (state === 'CLOSED') return;
        const withIt = entries
          .map(([server, e]) => ({ server, rows: e.states[base + i]! }))
          .filter((x) => x.rows > 0)
          .sort((a, b) => b.rows - a.rows || (a.server < b.server ? -1 : 1))
          .slice(0, top);
        if (withIt.length > 0) piles[end][state] = withIt;
      });
    return {
      rows: this.rows,
      tcp: this.tcp,
      otherProtocols: Object.fromEntries([...this.other.entries()].sort((a, b) => b[1] - a[1])),
      verdicts: Object.fromEntries([...this.verdicts.entries()].sort((a, b) => b[1] - a[1])),
      states,
      pairs,
      notes,
      servers,
      piles,
      distinctServers: this.dropped > 0 ? null : this.servers.size,
      serverCountsMayMiss: this.dropped,
      histories: [...this.kinds.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, topHistories)
        .map(([kind, rows]) => {
          const [verdict, history] = kind.split('\t') as [string, string];
          return { history: history || null, verdict: verdict || null, rows, ...this.cache.ends(history || null) };
        }),
      distinctHistories: this.kindsFull ? null : this.kinds.size,
    };
  }
}

function statesOf(counts: Uint32Array): Record<EndpointId, Partial<Record<TcpState, number>>> {
  const out: Record<EndpointId, Partial<Record<TcpState, number>>> = { client: {}, server: {} };
  TCP_STATES.forEach((state, i) => {
    if (counts[i]! > 0) out.client[state] = counts[i]!;
    if (counts[N + i]! > 0) out.server[state] = counts[N + i]!;
  });
  return out;
}
