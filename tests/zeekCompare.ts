/**
 * Comparing our connections with what Zeek logged for the same trace (its conn.log): shared by the
 * unit test (tests/unit/capture-zeek.test.ts, on the traces in tests/fixtures/zeek/) and the
 * measurement over every Zeek test trace (tools/zeek-agreement.ts).
 *
 * Only Zeek's TCP rows count (its UDP and ICMP rows are not ours). A row is matched to one of our
 * connections by its addresses and ports (either way round) and its start: Zeek writes absolute
 * times and we write seconds since the capture's first packet, so the offset between the two is
 * the one most pairs agree on.
 */
import type { Connection } from '../src/capture/connections';

export interface ZeekRow {
  readonly ts: number | null;
  readonly origH: string;
  readonly origP: number;
  readonly respH: string;
  readonly respP: number;
  readonly state: string;
  /** Null when the log leaves the column out. */
  readonly history: string | null;
  /** Packets each way, when logged (btest baselines mask the times, so these tell a tuple's rows apart). */
  readonly pkts: number | null;
}

/** Zeek's conn.log (TSV with its `#fields` header, or JSON lines): its TCP rows. */
export function parseConnLog(text: string): ZeekRow[] {
  const rows: ZeekRow[] = [];
  let fields: string[] | null = null;
  let sep = '\t';
  for (const line of text.split('\n')) {
    if (line.startsWith('#separator')) {
      const m = /^#separator (.*)$/.exec(line);
      if (m) sep = m[1]!.replace(/\\x([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      continue;
    }
    if (line.startsWith('#fields')) {
      fields = line.split(sep).slice(1);
      continue;
    }
    if (line.startsWith('#') || line.trim() === '') continue;
    let get: (name: string) => string | undefined;
    if (line.startsWith('{')) {
      let o: Record<string, unknown>;
      try {
        o = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue;
      }
      get = (name) => (o[name] === undefined ? undefined : String(o[name]));
    } else {
      if (!fields) continue;
      const cols = line.split(sep);
      const f = fields;
      get = (name) => {
        const i = f.indexOf(name);
        return i < 0 ? undefined : cols[i];
      };
    }
    const proto = get('proto');
    if (proto !== 'tcp') continue;
    const origH = get('id.orig_h');
    const respH = get('id.resp_h');
    const state = get('conn_state');
    if (origH === undefined || respH === undefined || state === undefined) continue;
    const ts = Number(get('ts'));
    const history = get('history');
    const pkts = Number(get('orig_pkts')) + Number(get('resp_pkts'));
    rows.push({
      ts: Number.isFinite(ts) ? ts : null,
      origH,
      origP: Number(get('id.orig_p')),
      respH,
      respP: Number(get('id.resp_p')),
      state,
      history: history === undefined ? null : history === '-' || history === '(empty)' ? '' : history,
      pkts: Number.isFinite(pkts) ? pkts : null,
    });
  }
  return rows;
}

/** "address:port" as a Connection writes an endpoint. */
const endpoint = (addr: string, port: number): string => (addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`);
const pairKey = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);

export interface RowResult {
  readonly row: ZeekRow;
  /** Ours, or null when no connection of ours matches the row. */
  readonly ours: { readonly state: string; readonly history: string; readonly start: number } | null;
  readonly stateAgrees: boolean;
  /** Null when Zeek's log has no history column. */
  readonly historyAgrees: boolean | null;
}

export interface Agreement {
  readonly rows: RowResult[];
  readonly state: number;
  readonly history: number;
  /** Rows with a history to compare. */
  readonly withHistory: number;
  readonly unmatched: number;
  /** Our connections no row matched. */
  readonly extra: number;
}

/** Match Zeek's rows to our connections, and count the agreements. */
export function compare(rows: readonly ZeekRow[], connections: readonly Connection[]): Agreement {
  const byPair = new Map<string, Connection[]>();
  for (const c of connections) {
    const k = pairKey(c.client, c.server);
    let list = byPair.get(k);
    if (!list) byPair.set(k, (list = []));
    list.push(c);
  }
  const pairOf = (r: ZeekRow) => pairKey(endpoint(r.origH, r.origP), endpoint(r.respH, r.respP));
  // The offset from our seconds to Zeek's: the one most row-connection pairs share (to the millisecond).
  const votes = new Map<number, number>();
  for (const r of rows) {
    if (r.ts === null) continue;
    for (const c of byPair.get(pairOf(r)) ?? []) {
      const d = Math.round((r.ts - c.start) * 1000);
      votes.set(d, (votes.get(d) ?? 0) + 1);
    }
  }
  let offset = 0;
  let best = -1;
  for (const [d, n] of votes) if (n > best || (n === best && d < offset)) [offset, best] = [d, n];
  const used = new Set<Connection>();
  const results: RowResult[] = [];
  for (const r of rows) {
    const candidates = (byPair.get(pairOf(r)) ?? []).filter((c) => !used.has(c));
    let match: Connection | undefined;
    if (r.ts === null) {
      // No time to go by: the connection with as many packets, else the first (they are in time order).
      match = candidates.find((c) => r.pkts !== null && c.segments.length === r.pkts) ?? candidates[0];
    } else {
      let gap = Infinity;
      for (const c of candidates) {
        const g = Math.abs(r.ts - offset / 1000 - c.start);
        if (g < gap) [gap, match] = [g, c];
      }
      // Zeek's ts is its first packet's time: ours must be within a few milliseconds of it.
      if (gap > 0.005) match = undefined;
    }
    if (match) used.add(match);
    const ours = match ? { state: match.verdict, history: match.history, start: match.start } : null;
    results.push({ row: r, ours, stateAgrees: ours?.state === r.state, historyAgrees: r.history === null ? null : ours?.history === r.history });
  }
  return {
    rows: results,
    state: results.filter((x) => x.stateAgrees).length,
    history: results.filter((x) => x.historyAgrees === true).length,
    withHistory: results.filter((x) => x.historyAgrees !== null).length,
    unmatched: results.filter((x) => x.ours === null).length,
    extra: connections.length - used.size,
  };
}
