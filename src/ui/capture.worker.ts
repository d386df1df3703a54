/**
 * The capture worker: reads a capture off the page's thread, so a large file never holds the
 * page. It lists the connections first, then works out where each one's ends were when the
 * capture stopped (a slice at a time, so a request to open one is answered between slices).
 */
import { xray } from '../capture/anomalies';
import { connectionsOf, type Connection } from '../capture/connections';
import { isCaptureFile, openCapture } from '../capture/open';
import { CaptureError, CaptureReader, captureEnd, type Capture } from '../capture/read';
import { MAX_TEXT } from '../capture/tcpdumpText';
import type { CaptureReply, CaptureRequest, Ends, Row } from './captureProtocol';

/** How much of a file is read at a time: the file itself is never held whole. */
const CHUNK = 4 << 20;

/**
 * A file, read a slice at a time (a capture of hundreds of megabytes keeps only its segments), with
 * its progress said after each slice; text (tcpdump's) is read whole, as it is small.
 */
async function readFile(file: Blob, id: number): Promise<Capture | null> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  if (!isCaptureFile(head)) return openCapture(new Uint8Array(await file.slice(0, MAX_TEXT + 1).arrayBuffer()));
  const reader = new CaptureReader();
  for (let off = 0; off < file.size; off += CHUNK) {
    reader.push(new Uint8Array(await file.slice(off, off + CHUNK).arrayBuffer()));
    // A newer file was opened meanwhile: this one is dropped.
    if (latest !== id) return null;
    post({ kind: 'progress', id, packets: reader.packets, fraction: Math.min(1, (off + CHUNK) / file.size) });
  }
  return reader.finish();
}

/** Connections replayed between two turns of the worker's loop. */
const SLICE = 50;

let current = { id: -1, connections: [] as Connection[], end: 0 };
/** The newest file or text asked for. */
let latest = -1;

const post = (reply: CaptureReply) => postMessage(reply);
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

onmessage = async (e: MessageEvent<CaptureRequest>) => {
  const req = e.data;
  if (req.kind === 'open') {
    const c = current.id === req.id ? current.connections[req.index] : undefined;
    if (!c) return;
    try {
      const x = xray(c, { captureEnd: current.end });
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
  const connections = connectionsOf(capture.segments);
  // Each connection is replayed to the capture's end: an end left waiting waits on while the capture sees others.
  const end = captureEnd(capture);
  current = { id: req.id, connections, end };
  // Which connections a later one on the same addresses and ports follows (Zeek's connections split a four-tuple).
  const lastOf = new Map<string, number>();
  const pair = (c: Connection) => [c.client, c.server].sort().join(' ');
  connections.forEach((c, index) => lastOf.set(pair(c), index));
  const rows: Row[] = connections.map((c, index) => ({
    index,
    client: c.client,
    server: c.server,
    clientGuessed: c.clientGuessed,
    start: c.start,
    duration: c.duration,
    segments: c.segments.length,
    bytes: c.bytes,
    verdict: c.verdict,
    history: c.history,
    originator: c.originator,
    followed: lastOf.get(pair(c)) !== index,
  }));
  post({ kind: 'listed', id: req.id, format: capture.format, packets: capture.packets, skipped: capture.skipped, cutShort: capture.cutShort, rows });
  for (let from = 0; from < connections.length; from += SLICE) {
    await turn();
    // A newer file was opened meanwhile: this one's work stops.
    if (current.id !== req.id) return;
    const ends: Ends[] = connections.slice(from, from + SLICE).map((c) => {
      try {
        const { states } = xray(c, { captureEnd: end });
        return { client: states.client.at(-1)!.state, server: states.server.at(-1)!.state };
      } catch {
        return { client: 'CLOSED', server: 'CLOSED' };
      }
    });
    post({ kind: 'ends', id: req.id, from, ends });
  }
};
