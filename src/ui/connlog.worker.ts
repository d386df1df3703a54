/**
 * The conn.log worker: streams a Zeek conn.log (gzipped through DecompressionStream) off the page's
 * thread into its census (src/capture/connlogCensus.ts), keeping each TCP row in compact columns so
 * that the page can ask for any window of rows: a million rows are a few tens of megabytes here and
 * only the rows on screen are ever objects.
 */
import { ConnLogError, ConnLogReader, type ConnRow } from '../capture/connlog';
import { ConnLogCensus } from '../capture/connlogCensus';
import type { HistoryEnds } from '../capture/connlogHistory';
import type { ConnLogReply, ConnLogRequest, LogRow, RowFilter } from './connlogProtocol';
import { isGzip } from '../capture/stream';

/** Strings met again and again (addresses, histories, verdicts), each kept once. */
class Interned {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

/** Growable typed columns. */
class Column<T extends Float64Array | Uint32Array | Uint16Array> {
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  set(i: number, v: number): void {
    if (i >= this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[i] = v;
  }
}

/** The TCP rows of one log, column by column. */
class RowStore {
  n = 0;
  private readonly f64 = (n: number) => new Float64Array(n);
  private readonly u32 = (n: number) => new Uint32Array(n);
  private readonly u16 = (n: number) => new Uint16Array(n);
  readonly line = new Column(this.u32(1024), this.u32);
  readonly ts = new Column(this.f64(1024), this.f64);
  readonly duration = new Column(this.f64(1024), this.f64);
  readonly origH = new Column(this.u32(1024), this.u32);
  readonly respH = new Column(this.u32(1024), this.u32);
  readonly origP = new Column(this.u16(1024), this.u16);
  readonly respP = new Column(this.u16(1024), this.u16);
  readonly kind = new Column(this.u32(1024), this.u32);
  /** uids, as bytes one after another (they are ASCII), and where each starts. */
  private uidBytes = new Uint8Array(1 << 16);
  private uidUsed = 0;
  readonly uidAt = new Column(this.u32(1024), this.u32);
  readonly hosts = new Interned();
  /** A row's history and verdict together ("verdict\thistory"): its ends are the same for all rows of one kind. */
  readonly kinds = new Interned();
  readonly kindEnds: HistoryEnds[] = [];

  add(row: ConnRow, ends: HistoryEnds): void {
    const i = this.n++;
    this.line.set(i, row.line);
    this.ts.set(i, row.ts ?? NaN);
    this.duration.set(i, row.duration ?? NaN);
    this.origH.set(i, this.hosts.of(row.origH));
    this.respH.set(i, this.hosts.of(row.respH));
    this.origP.set(i, row.origP);
    this.respP.set(i, row.respP);
    const k = this.kinds.of(`${row.connState ?? ''}\t${row.history ?? '\u0000'}`);
    this.kindEnds[k] ??= ends;
    this.kind.set(i, k);
    const uid = row.uid.slice(0, 64);
    if (this.uidUsed + uid.length > this.uidBytes.length) {
      const bigger = new Uint8Array(Math.max(this.uidBytes.length * 2, this.uidUsed + uid.length));
      bigger.set(this.uidBytes);
      this.uidBytes = bigger;
    }
    this.uidAt.set(i, this.uidUsed);
    for (let k2 = 0; k2 < uid.length; k2++) this.uidBytes[this.uidUsed++] = uid.charCodeAt(k2) & 0xff;
    this.uidAt.set(i + 1, this.uidUsed);
  }

  row(i: number, index: number): LogRow {
    const [verdict, history] = this.kinds.list[this.kind.data[i]!]!.split('\t') as [string, string];
    const ends = this.kindEnds[this.kind.data[i]!]!;
    const ts = this.ts.data[i]!;
    const duration = this.duration.data[i]!;
    let uid = '';
    for (let k = this.uidAt.data[i]!; k < this.uidAt.data[i + 1]!; k++) uid += String.fromCharCode(this.uidBytes[k]!);
    return {
      index,
      line: this.line.data[i]!,
      ts: Number.isNaN(ts) ? null : ts,
      uid,
      origH: this.hosts.list[this.origH.data[i]!]!,
      origP: this.origP.data[i]!,
      respH: this.hosts.list[this.respH.data[i]!]!,
      respP: this.respP.data[i]!,
      duration: Number.isNaN(duration) ? null : duration,
      history: history === '\u0000' ? null : history,
      verdict: verdict === '' ? null : verdict,
      client: ends.client,
      server: ends.server,
      notes: ends.notes,
    };
  }

  /** The rows a filter keeps, in order. */
  matching(filter: RowFilter): Uint32Array {
    const keep = this.kindEnds.map((e) => e[filter.end] === filter.state);
    const out = new Uint32Array(this.n);
    let m = 0;
    for (let i = 0; i < this.n; i++) if (keep[this.kind.data[i]!]) out[m++] = i;
    return out.slice(0, m);
  }
}

let current = { id: -1, store: new RowStore(), filter: null as { key: string; rows: Uint32Array } | null };

const post = (reply: ConnLogReply) => postMessage(reply);
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));
/** Rows read between the worker's turns (so a request for rows is answered while a big log is read), and between census updates. */
const ROWS_PER_TURN = 20_000;
const CENSUS_EVERY_MS = 500;
/** The most TCP rows kept for the list (about 60 bytes each); the census counts every row beyond them. */
const MAX_LISTED = 2_000_000;

async function read(file: Blob, id: number): Promise<void> {
  const store = new RowStore();
  current = { id, store, filter: null };
  const census = new ConnLogCensus();
  const reader = new ConnLogReader((row) => {
    const ends = census.add(row);
    if (ends && store.n < MAX_LISTED) store.add(row, ends);
  });
  const gzip = isGzip(new Uint8Array(await file.slice(0, 3).arrayBuffer()));
  const raw = file.stream();
  const bytes = gzip ? raw.pipeThrough(new DecompressionStream('gzip')) : raw;
  const text = bytes.pipeThrough(new TextDecoderStream());
  const chunks = text.getReader();
  let sinceTurn = 0;
  let lastCensus = performance.now();
  let readBytes = 0;
  const sendCensus = (done: boolean) => post({ kind: 'census', id, done, format: reader.format, gzip, census: census.result(), stored: store.n });
  try {
    for (;;) {
      const { done, value } = await chunks.read();
      if (done) break;
      readBytes += value.length;
      reader.push(value);
      if (reader.rows - sinceTurn >= ROWS_PER_TURN) {
        sinceTurn = reader.rows;
        post({ kind: 'progress', id, rows: reader.rows, fraction: gzip ? null : Math.min(1, readBytes / Math.max(1, file.size)) });
        if (performance.now() - lastCensus > CENSUS_EVERY_MS) {
          sendCensus(false);
          lastCensus = performance.now();
        }
        await turn();
        if (current.id !== id) {
          void chunks.cancel();
          return;
        }
      }
    }
    reader.end();
  } catch (err) {
    if (current.id !== id) return;
    const message =
      err instanceof ConnLogError
        ? err.message
        : gzip && err instanceof TypeError
          ? `the gzip stream is damaged after line ${reader.lines}`
          : (err as Error).message;
    post({ kind: 'failed', id, message });
    return;
  }
  sendCensus(true);
}

onmessage = async (e: MessageEvent<ConnLogRequest>) => {
  const req = e.data;
  if (req.kind === 'read') {
    await read(req.file, req.id);
    return;
  }
  if (req.id !== current.id) return;
  const { store } = current;
  let order: Uint32Array | null = null;
  if (req.filter) {
    const key = `${req.filter.end} ${req.filter.state} ${store.n}`;
    if (current.filter?.key !== key) current.filter = { key, rows: store.matching(req.filter) };
    order = current.filter.rows;
  }
  const total = order ? order.length : store.n;
  const rows: LogRow[] = [];
  for (let k = req.from; k < Math.min(total, req.from + req.count); k++) rows.push(store.row(order ? order[k]! : k, k));
  post({ kind: 'rows', id: req.id, from: req.from, total, filter: req.filter, rows });
};
