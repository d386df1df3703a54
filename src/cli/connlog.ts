/**
 * `analyze` on a Zeek conn.log (TSV or JSON lines, gzipped or not): the log is streamed (a fleet's
 * log may hold millions of rows; none is kept) into a census of where each row left its ends,
 * printed as JSON (docs/capture-format.md, "Zeek conn.log"). Bad input: one line naming the line
 * number, exit 2.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { constants, createGunzip, gunzipSync } from 'node:zlib';
import { ConnLogError, ConnLogReader, looksLikeConnLog } from '../capture/connlog';
import { ConnLogCensus } from '../capture/connlogCensus';
import { explainEnds } from '../i18n/connlogStrings';
import { connlog as words } from '../i18n/en/connlog';
import { capture as captureWords } from '../i18n/en/capture';
import { VERDICTS, type Verdict } from '../capture/connections';
import { isGzip } from '../capture/stream';
import { usage } from './io';

/** How much of the file is looked at to tell a conn.log. */
const HEAD = 64 * 1024;

/** Whether the file is a Zeek conn.log, and gzipped; null if it is not one (or cannot be read: the capture reader says why). */
export function connLogKind(path: string): { gzip: boolean } | null {
  let head: Buffer;
  try {
    const fd = openSync(path, 'r');
    try {
      head = Buffer.alloc(HEAD);
      head = head.subarray(0, readSync(fd, head, 0, HEAD, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  const gzip = isGzip(head);
  let text: Buffer = head;
  if (gzip) {
    try {
      // The start of the stream only: a partial inflate flushes what it has.
      text = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return null;
    }
  }
  return looksLikeConnLog(new TextDecoder('utf-8', { fatal: false }).decode(text.subarray(0, HEAD))) ? { gzip } : null;
}

/** Stream a conn.log (gunzipped on the way if `gzip`) into a census; throws ConnLogError for a bad line, a Node error for a bad file or gzip stream. */
export async function censusOfFile(path: string, gzip: boolean): Promise<{ reader: ConnLogReader; census: ConnLogCensus }> {
  const census = new ConnLogCensus();
  const reader = new ConnLogReader((row) => census.add(row));
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = gzip ? file.pipe(createGunzip()) : file;
  file.on('error', (e) => stream.destroy(e));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) reader.push(decoder.decode(chunk, { stream: true }));
  } catch (e) {
    // Where a damaged gzip stream stopped: after the lines read.
    if ((e as NodeJS.ErrnoException).code?.startsWith('Z_')) Object.assign(e as object, { afterLine: reader.lines });
    throw e;
  }
  reader.push(decoder.decode());
  reader.end();
  return { reader, census };
}

/** Read the log, print its census; the exit code. */
export async function analyzeConnLog(path: string, kind: { gzip: boolean }): Promise<number> {
  let read: Awaited<ReturnType<typeof censusOfFile>>;
  try {
    read = await censusOfFile(path, kind.gzip);
  } catch (e) {
    if (e instanceof ConnLogError) return usage(`${path}: ${e.message}`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code?.startsWith('Z_')) return usage(`${path}: the gzip stream is damaged after line ${(e as { afterLine?: number }).afterLine ?? 0} (${code})`);
    if (code) return usage(`${path}: cannot read the file (${code})`);
    return usage(`internal error: ${(e as Error).message}`, 1);
  }
  const { reader, census } = read;
  const result = census.result();
  const out = {
    format: reader.format,
    gzip: kind.gzip,
    ...result,
    histories: result.histories.map((h) => ({
      ...h,
      ...(isVerdict(h.verdict) ? { meaning: captureWords.verdictMeaning[h.verdict] } : {}),
      explanation: explainEnds(words, h.verdict, h).join(' '),
    })),
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}

const isVerdict = (v: string | null): v is Verdict => v !== null && (VERDICTS as readonly string[]).includes(v);
