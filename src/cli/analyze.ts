/**
 * npm run --silent analyze -- capture.pcap   (or - for standard input; pcap or pcapng)
 * Prints the capture's TCP connections as JSON (docs/capture-format.md). A file that is not a
 * capture: one line saying so, exit 2.
 */
import { connectionsOf, type Connection, type Verdict } from '../capture/connections';
import { inferStates } from '../capture/infer';
import { CaptureError, readCapture } from '../capture/read';
import { readCapped, usage } from './io';

/** What each of Zeek's verdicts means, for a reader who does not know the vocabulary. */
const MEANING: Record<Verdict, string> = {
  S0: 'a SYN, and no answer',
  S1: 'opened, and not closed within the capture',
  SF: 'opened and closed in order (a FIN each way)',
  REJ: 'refused: the SYN was answered with a reset',
  S2: 'opened; the client sent a FIN, the server none',
  S3: 'opened; the server sent a FIN, the client none',
  RSTO: 'opened, then reset by the client',
  RSTR: 'opened, then reset by the server',
  RSTOS0: 'a SYN, then a reset from the client, and no answer',
  RSTRH: 'a SYN+ACK with no SYN seen, then a reset from the server',
  SH: 'a SYN, then a FIN from the client, and no answer',
  SHR: 'a SYN+ACK with no SYN seen, then a FIN from the server',
  OTH: 'no SYN seen: the capture starts in the middle',
};

/** The most a capture may be here: the command line reads it whole. */
const MAX_INPUT_BYTES = 512_000_000;

function main(args: string[]): number {
  const path = args[0];
  if (!path || args.length > 1) return usage('usage: npm run --silent analyze -- <capture.pcap | capture.pcapng | ->');
  let bytes: Buffer | null;
  try {
    bytes = readCapped(path === '-' ? 0 : path, MAX_INPUT_BYTES);
  } catch (e) {
    return usage(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (bytes === null) return usage(`${path}: larger than ${MAX_INPUT_BYTES / 1_000_000} MB`);
  try {
    const capture = readCapture(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const connections = connectionsOf(capture.segments).map(summary);
    process.stdout.write(`${JSON.stringify({ format: capture.format, packets: capture.packets, skipped: capture.skipped, connections }, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof CaptureError) return usage(`${path}: ${e.message}`);
    return usage(`internal error: ${(e as Error).message}`, 1);
  }
}

function summary(c: Connection) {
  return {
    client: c.client,
    server: c.server,
    ...(c.clientGuessed ? { clientGuessed: true } : {}),
    verdict: c.verdict,
    meaning: MEANING[c.verdict],
    start: round(c.start),
    duration: round(c.duration),
    segments: c.segments.length,
    bytes: c.bytes,
    // Linux's timers, the capture taken where segments arrive at once (a loopback, or one end).
    states: inferStates(c).states,
  };
}

const round = (s: number) => Math.round(s * 1e6) / 1e6;

process.exitCode = main(process.argv.slice(2));
