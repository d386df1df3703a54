/**
 * npm run --silent analyze -- capture.pcap   (or - for standard input; pcap, pcapng, or tcpdump -n text; gzipped or not; or a Zeek conn.log[.gz])
 * Prints the capture's TCP connections as JSON (docs/capture-format.md). A file that is not a
 * capture: one line saying so, exit 2. The input (a file or standard input, gzipped or not) is read
 * a chunk at a time (never whole): only its segments are kept, in columns (src/capture/columns.ts);
 * a conn.log, told by its first lines, goes to ./connlog.ts.
 */
import { setFlagsFromString } from 'node:v8';
import { xray } from '../capture/anomalies';
import { groupConnections, type Connection } from '../capture/connections';
import { anomalySentence } from '../i18n/captureStrings';
import { capture as words } from '../i18n/en/capture';
import { CaptureError, captureEnd, skippedReasons, type Capture } from '../capture/read';
import { CaptureInput, gzipError } from '../capture/stream';
import { isCaptureFile } from '../capture/open';
import { looksLikeConnLog } from '../capture/connlog';
import { InputError, peek, sourceOf, streamInput, usage } from './io';
import { analyzeConnLog, CONNLOG_HEAD } from './connlog';

/** How much of the input is read at a time (as the page's worker reads a file). */
const CHUNK = 4 << 20;

// Each connection's replay leaves its garbage in the old generation, which V8 by default lets grow to
// several times what is live before collecting it: 470 MB resident for a 6.8 MB capture of 500
// connections. Growing it by half at most keeps that under 300 MB, for about 15% more CPU time.
setFlagsFromString('--heap-growing-percent=50');

async function main(args: string[]): Promise<number> {
  const path = args[0];
  if (!path || args.length > 1) return usage('usage: npm run --silent analyze -- <capture.pcap | capture.pcapng | tcpdump.txt | conn.log | ->  (gzipped too)');
  const source = sourceOf(path, CHUNK);
  try {
    const input = await streamInput(source);
    // A Zeek conn.log (TSV or JSON, gzipped or not) is streamed into a census instead (./connlog.ts).
    const { head, rest } = await peek(input.chunks, CONNLOG_HEAD);
    if (!isCaptureFile(head) && looksLikeConnLog(new TextDecoder('utf-8', { fatal: false }).decode(head))) return await analyzeConnLog(path, input.gzip, rest);
    const capture = await read(rest);
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
    if (e instanceof InputError && !e.gzip) return usage(`${path}: cannot read the file (${e.message})`);
    if (e instanceof InputError) return usage(`${path}: ${gzipError().message}`);
    if (e instanceof CaptureError) return usage(`${path}: ${e.message}`);
    return usage(`internal error: ${(e as Error).message}`, 1);
  } finally {
    source.destroy();
  }
}

/** A capture, a chunk at a time (only its segments are kept). */
async function read(chunks: AsyncIterable<Uint8Array>): Promise<Capture> {
  const input = new CaptureInput();
  for await (const chunk of chunks) input.push(chunk);
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

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
