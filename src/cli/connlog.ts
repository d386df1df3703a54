/**
 * `analyze` on a Zeek conn.log (TSV or JSON lines, gzipped or not; a file or standard input): the
 * log is streamed through the same reading as a capture (./io.ts; a fleet's log may hold millions
 * of rows; none is kept) into a census of where each row left its ends,
 * printed as JSON (docs/capture-format.md, "Zeek conn.log"). Bad input: one line naming the line
 * number, exit 2.
 */
import { ConnLogError, ConnLogReader } from '../capture/connlog';
import { ConnLogCensus } from '../capture/connlogCensus';
import { explainEnds } from '../i18n/connlogStrings';
import { connlog as words } from '../i18n/en/connlog';
import { capture as captureWords } from '../i18n/en/capture';
import { VERDICTS, type Verdict } from '../capture/connections';
import { InputError, sourceOf, streamInput, usage } from './io';

/** How much of the input's start is looked at to tell a conn.log. */
export const CONNLOG_HEAD = 64 * 1024;

/** A conn.log's text, a chunk at a time, into a census; throws ConnLogError for a bad line, InputError (with `afterLine`, for a damaged gzip stream) for bad input. */
export async function censusOf(chunks: AsyncIterable<Uint8Array>): Promise<{ reader: ConnLogReader; census: ConnLogCensus }> {
  const census = new ConnLogCensus();
  const reader = new ConnLogReader((row) => census.add(row));
  const decoder = new TextDecoder('utf-8', { fatal: false });
  try {
    for await (const chunk of chunks) reader.push(decoder.decode(chunk, { stream: true }));
  } catch (e) {
    // Where a damaged gzip stream stopped: after the lines read.
    if (e instanceof InputError && e.gzip) Object.assign(e, { afterLine: reader.lines });
    throw e;
  }
  reader.push(decoder.decode());
  reader.end();
  return { reader, census };
}

/** A conn.log file's census (gunzipped on the way if it is gzipped), read as `analyze` reads it. */
export async function censusOfFile(path: string): Promise<{ reader: ConnLogReader; census: ConnLogCensus }> {
  const source = sourceOf(path, 1 << 20);
  try {
    return await censusOf((await streamInput(source)).chunks);
  } finally {
    source.destroy();
  }
}

/** Read the log (its text a chunk at a time, already gunzipped if `gzip`), print its census; the exit code. */
export async function analyzeConnLog(path: string, gzip: boolean, chunks: AsyncIterable<Uint8Array>): Promise<number> {
  let read: Awaited<ReturnType<typeof censusOf>>;
  try {
    read = await censusOf(chunks);
  } catch (e) {
    if (e instanceof ConnLogError) return usage(`${path}: ${e.message}`);
    if (e instanceof InputError && e.gzip)
      return usage(`${path}: the gzip stream is damaged after line ${(e as { afterLine?: number }).afterLine ?? 0} (${e.code})`);
    if (e instanceof InputError) return usage(`${path}: cannot read the file (${e.code})`);
    return usage(`internal error: ${(e as Error).message}`, 1);
  }
  const { reader, census } = read;
  const result = census.result();
  const out = {
    format: reader.format,
    gzip,
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
