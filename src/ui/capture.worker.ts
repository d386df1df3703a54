/**
 * The capture worker: reads a capture off the page's thread, so a large file never holds the
 * page. It lists the connections first, then works out where each one's ends were when the
 * capture stopped (a slice at a time, so a request to open one is answered between slices).
 */
import { xray, type Xray } from '../capture/anomalies';
import { groupConnections, type ConnectionSummary, type Grouped } from '../capture/connections';
import { openCapture } from '../capture/open';
import { CaptureError, captureEnd, skippedReasons, type Capture } from '../capture/read';
import { CaptureInput, gzipError, isGzip } from '../capture/stream';
import { TCP_STATES, type TcpState } from '../model/types';
import type { CaptureReply, CaptureRequest, Ends, Row } from './captureProtocol';

/** How much of a file is read at a time: the file itself is never held whole. */
const CHUNK = 4 << 20;

/**
 * A file, read a slice at a time (a capture of hundreds of megabytes keeps only its segments), with
 * its progress said after each slice; a gzipped one is decompressed as it is read (the browser's
 * DecompressionStream). Text (tcpdump's) is gathered whole, as it is small.
 */
async function readFile(file: Blob, id: number): Promise<Capture | null> {
  const input = new CaptureInput();
  const progress = (done: number) => post({ kind: 'progress', id, packets: input.packets, fraction: Math.min(1, done / file.size) });
  if (isGzip(new Uint8Array(await file.slice(0, 3).arrayBuffer()))) {
    let done = 0;
    const counted = new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
      transform(chunk, out) {
        done += chunk.length;
        out.enqueue(chunk);
      },
    });
    const reader = file.stream().pipeThrough(counted).pipeThrough(new DecompressionStream('gzip')).getReader();
    for (let last = 0; ;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch {
        throw gzipError();
      }
      if (next.done) break;
      input.push(next.value);
      if (latest !== id) {
        void reader.cancel();
        return null;
      }
      // Said every slice's worth of the file, as below.
      if (done - last >= CHUNK) {
        last = done;
        progress(done);
      }
    }
    return input.finish();
  }
  for (let off = 0; off < file.size; off += CHUNK) {
    input.push(new Uint8Array(await file.slice(off, off + CHUNK).arrayBuffer()));
    // A newer file was opened meanwhile: this one is dropped.
    if (latest !== id) return null;
    progress(off + CHUNK);
  }
  return input.finish();
}

/** Connections replayed between two turns of the worker's loop. */
const SLICE = 50;
/** Rows of the list sent in one message: the page copies each message in in one task. */
const ROWS_AT_ONCE = 5000;
/** How often the ends worked out so far are sent to the page (ms). */
const REPORT_MS = 250;

/** The file shown: its connections (their segments kept in columns, made as objects only for the one replayed or opened). */
let current: { id: number; grouped: Grouped | null; end: number } = { id: -1, grouped: null, end: 0 };

/**
 * The census replays every connection, as Open would; a long one's replay is kept, so that opening
 * it after the census has passed it puts it on the stage at once (a 3,000-segment replay is about
 * 150 ms of the worker's time). Only connections of at least KEEP_FROM segments, KEEP_SEGMENTS of
 * them in all, the oldest given up first: a short replay is quick to make again.
 */
const KEEP_FROM = 500;
const KEEP_SEGMENTS = 30_000;
const kept = new Map<number, { x: Xray; segments: number }>();
let keptSegments = 0;
const keep = (index: number, x: Xray, segments: number) => {
  if (segments < KEEP_FROM || segments > KEEP_SEGMENTS || kept.has(index)) return;
  kept.set(index, { x, segments });
  keptSegments += segments;
  for (const [i, k] of kept) {
    if (keptSegments <= KEEP_SEGMENTS) break;
    kept.delete(i);
    keptSegments -= k.segments;
  }
};
const forget = () => {
  kept.clear();
  keptSegments = 0;
};
/** Connection `index` of the file shown, replayed to the capture's end (the census's replay when it is kept). */
const xrayOf = (grouped: Grouped, index: number, end: number): Xray => {
  const k = kept.get(index);
  if (k) return k.x;
  const c = grouped.open(index);
  const x = xray(c, { captureEnd: end });
  keep(index, x, c.segments.length);
  return x;
};
/** The newest file or text asked for. */
let latest = -1;

const post = (reply: CaptureReply) => postMessage(reply);
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

onmessage = async (e: MessageEvent<CaptureRequest>) => {
  const req = e.data;
  if (req.kind === 'open') {
    const grouped = current.id === req.id ? current.grouped : null;
    if (!grouped || !grouped.list[req.index]) return;
    try {
      const x = xrayOf(grouped, req.index, current.end);
      post({ kind: 'opened', id: req.id, index: req.index, replay: x.replay, anomalies: x.anomalies });
    } catch (err) {
      post({ kind: 'failed', id: req.id, reason: null, message: (err as Error).message });
    }
    return;
  }
  latest = req.id;
  let capture: Capture | null;
  try {
    capture = req.kind === 'read' ? await readFile(req.file, req.id) : openCapture(new TextEncoder().encode(req.text));
    if (!capture || latest !== req.id) return;
  } catch (err) {
    post({ kind: 'failed', id: req.id, reason: err instanceof CaptureError ? err.kind : null, message: (err as Error).message });
    return;
  }
  // Each connection is replayed to the capture's end: an end left waiting waits on while the capture sees others.
  const end = captureEnd(capture);
  const grouped = groupConnections(capture.columns);
  const connections = grouped.list;
  current = { id: req.id, grouped, end };
  forget();
  // Which connections a later one on the same addresses and ports follows (Zeek's connections split a four-tuple).
  const followed = new Uint8Array(connections.length);
  {
    const lastOf = new Map<string, number>();
    const pair = (c: ConnectionSummary) => [c.client, c.server].sort().join(' ');
    connections.forEach((c, index) => {
      const before = lastOf.get(pair(c));
      if (before !== undefined) followed[before] = 1;
      lastOf.set(pair(c), index);
    });
  }
  // The list's rows, made a batch at a time as they are sent (not kept: the summaries are).
  const rowsFrom = (from: number): Row[] =>
    connections.slice(from, from + ROWS_AT_ONCE).map((c, k) => ({
      index: from + k,
      client: c.client,
      server: c.server,
      clientGuessed: c.clientGuessed,
      start: c.start,
      duration: c.duration,
      segments: c.count,
      bytes: c.bytes,
      verdict: c.verdict,
      history: c.history,
      originator: c.originator,
      followed: followed[from + k] === 1,
    }));
  post({
    kind: 'listed',
    id: req.id,
    format: capture.format,
    packets: capture.packets,
    skipped: capture.skipped,
    skippedBy: skippedReasons(capture),
    cutShort: capture.cutShort,
    epoch: capture.epoch ?? null,
    total: connections.length,
    rows: rowsFrom(0),
  });
  for (let from = ROWS_AT_ONCE; from < connections.length; from += ROWS_AT_ONCE) {
    await turn();
    if (current.id !== req.id) return;
    post({ kind: 'rows', id: req.id, from, rows: rowsFrom(from) });
  }
  // The census, kept as the ends come: the page is sent it whole, never a pass over every connection.
  const counts = new Map<TcpState, number>();
  let pending: Ends[] = [];
  let pendingFrom = 0;
  let sentAt = performance.now();
  const flush = (known: number) => {
    const census = TCP_STATES.filter((s) => counts.has(s)).map((s) => [s, counts.get(s)!] as const);
    post({ kind: 'ends', id: req.id, from: pendingFrom, ends: pending, known, census });
    pendingFrom = known;
    pending = [];
    sentAt = performance.now();
  };
  for (let from = 0; from < connections.length; from += SLICE) {
    await turn();
    // A newer file was opened meanwhile: this one's work stops.
    if (current.id !== req.id) return;
    for (let k = 0; k < SLICE && from + k < connections.length; k++) {
      let e: Ends;
      try {
        // Its segments are made for its replay only, and dropped after.
        const { states } = xrayOf(grouped, from + k, end);
        e = { client: states.client.at(-1)!.state, server: states.server.at(-1)!.state };
      } catch {
        e = { client: 'CLOSED', server: 'CLOSED' };
      }
      // As ss counts sockets: a CLOSED end holds none; nor does a connection whose addresses and ports
      // were used again later (reopened, or one Zeek had forgotten): the later one holds them.
      if (!followed[from + k]) for (const s of [e.client, e.server]) if (s !== 'CLOSED') counts.set(s, (counts.get(s) ?? 0) + 1);
      pending.push(e);
    }
    // A few messages a second, not one per slice: each one makes the page draw again.
    const known = Math.min(connections.length, from + SLICE);
    if (known === connections.length || performance.now() - sentAt >= REPORT_MS) flush(known);
  }
  if (connections.length === 0) flush(0);
};
