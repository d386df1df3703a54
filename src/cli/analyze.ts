/**
 * npm run --silent analyze -- capture.pcap   (or - for standard input; pcap, pcapng, or tcpdump -n text)
 * Prints the capture's TCP connections as JSON (docs/capture-format.md). A file that is not a
 * capture: one line saying so, exit 2.
 */
import { xray } from '../capture/anomalies';
import { connectionsOf, type Connection } from '../capture/connections';
import { anomalySentence } from '../i18n/captureStrings';
import { capture as words } from '../i18n/en/capture';
import { openCapture } from '../capture/open';
import { CaptureError, captureEnd } from '../capture/read';
import { readCapped, usage } from './io';

/** The most a capture may be here: the command line reads it whole. */
const MAX_INPUT_BYTES = 512_000_000;

function main(args: string[]): number {
  const path = args[0];
  if (!path || args.length > 1) return usage('usage: npm run --silent analyze -- <capture.pcap | capture.pcapng | tcpdump.txt | ->');
  let bytes: Buffer | null;
  try {
    bytes = readCapped(path === '-' ? 0 : path, MAX_INPUT_BYTES);
  } catch (e) {
    return usage(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (bytes === null) return usage(`${path}: larger than ${MAX_INPUT_BYTES / 1_000_000} MB`);
  try {
    const capture = openCapture(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const end = captureEnd(capture);
    const connections = connectionsOf(capture.segments).map((c) => summary(c, end));
    process.stdout.write(
      `${JSON.stringify({ format: capture.format, packets: capture.packets, skipped: capture.skipped, ...(capture.cutShort ? { cutShort: true } : {}), connections }, null, 2)}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof CaptureError) return usage(`${path}: ${e.message}`);
    return usage(`internal error: ${(e as Error).message}`, 1);
  }
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

process.exitCode = main(process.argv.slice(2));
