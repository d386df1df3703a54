/**
 * npm run --silent analyze -- capture.pcap   (or - for standard input; pcap, pcapng, or tcpdump -n text; gzipped or not; or a Zeek conn.log[.gz])
 * Prints the capture's TCP connections as JSON (docs/capture-format.md). A file that is not a
 * capture: one line saying so, exit 2. The input is read a chunk at a time (never whole): only its
 * segments are kept, in columns (src/capture/columns.ts).
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { setFlagsFromString } from 'node:v8';
import { xray } from '../capture/anomalies';
import { groupConnections, type Connection } from '../capture/connections';
import { anomalySentence } from '../i18n/captureStrings';
import { capture as words } from '../i18n/en/capture';
import { CaptureError, captureEnd, skippedReasons, type Capture } from '../capture/read';
import { CaptureInput, gzipError, isGzip } from '../capture/stream';
import { usage } from './io';
import { analyzeConnLog, connLogKind } from './connlog';

/** How much of the input is read at a time (as the page's worker reads a file). */
const CHUNK = 4 << 20;

// Each connection's replay leaves its garbage in the old generation, which V8 by default lets grow to
// several times what is live before collecting it: 470 MB resident for a 6.8 MB capture of 500
// connections. Growing it by half at most keeps that under 300 MB, for about 15% more CPU time.
setFlagsFromString('--heap-growing-percent=50');

/** Not the file's fault: it could not be read at all (the code says why, e.g. ENOENT). */
class Unreadable extends Error {}

async function main(args: string[]): Promise<number> {
  const path = args[0];
  if (!path || args.length > 1) return usage('usage: npm run --silent analyze -- <capture.pcap | capture.pcapng | tcpdump.txt | ->  (gzipped too)');
  try {
    const source = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: CHUNK });
    const capture = await read(source).finally(() => source.destroy());
    const end = captureEnd(capture);
    // The segments stay in columns; each connection's are made for its replay, then dropped.
    const grouped = groupConnections(capture.columns);
    const connections = grouped.list.map((_, k) => summary(grouped.open(k), end));
    const skippedBy = capture.skipped > 0 ? { skippedBy: skippedReasons(capture) } : {};
    process.stdout.write(
      `${JSON.stringify({ format: capture.format, packets: capture.packets, skipped: capture.skipped, ...skippedBy, ...(capture.cutShort ? { cutShort: true } : {}), connections }, null, 2)}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof Unreadable) return usage(`${path}: cannot read the file (${e.message})`);
    if (e instanceof CaptureError) return usage(`${path}: ${e.message}`);
    return usage(`internal error: ${(e as Error).message}`, 1);
  }
}

/** The input, a chunk at a time, through gunzip when it is gzipped. */
async function read(source: Readable): Promise<Capture> {
  const input = new CaptureInput();
  const chunks = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const next = async () => {
    try {
      return await chunks.next();
    } catch (e) {
      throw new Unreadable((e as NodeJS.ErrnoException).code ?? 'error');
    }
  };
  // Enough of the start to tell gzip from the rest.
  let head = Buffer.alloc(0);
  let ended = false;
  while (head.length < 3 && !ended) {
    const n = await next();
    if (n.done) ended = true;
    else head = Buffer.concat([head, n.value]);
  }
  async function* all() {
    yield head;
    for (let n = ended ? null : await next(); n && !n.done; n = await next()) yield n.value;
  }
  if (!isGzip(head)) {
    for await (const chunk of all()) input.push(chunk);
    return input.finish();
  }
  try {
    await pipeline(Readable.from(all()), createGunzip(), async (out: AsyncIterable<Buffer>) => {
      for await (const chunk of out) input.push(chunk);
    });
  } catch (e) {
    if (e instanceof Unreadable || e instanceof CaptureError) throw e;
    throw gzipError();
  }
  return input.finish();
}

function summary(c: Connection, captureEnd: number) {
  // Linux's timers; where the capture was taken, from the handshake's timing; up to the capture's end.
  const x = xray(c, { captureEnd });
  const { vantage } = x.replay;
  return {
    client: c.client,
    server: c.server,
    ...(c.clientGuessed ? { clientGuessed: true } : {}),
    verdict: c.verdict,
    meaning: words.verdictMeaning[c.verdict],
    history: c.history,
    ...(c.originator === 'server' ? { originator: 'server' } : {}),
    start: round(c.start),
    duration: round(c.duration),
    segments: c.segments.length,
    bytes: c.bytes,
    vantage: { toClient: round(vantage.toClient), toServer: round(vantage.toServer), from: vantage.from },
    states: x.states,
    anomalies: x.anomalies.map((a) => ({ ...a, text: anomalySentence(words, a, (e) => e) })),
  };
}

const round = (s: number) => Math.round(s * 1e6) / 1e6;

// A Zeek conn.log (TSV or JSON, gzipped or not) is streamed into a census instead (./connlog.ts).
const args = process.argv.slice(2);
const log = args.length === 1 && args[0] !== '-' ? connLogKind(args[0]!) : null;
if (log) void analyzeConnLog(args[0]!, log).then((code) => (process.exitCode = code));
else void main(args).then((code) => (process.exitCode = code));
