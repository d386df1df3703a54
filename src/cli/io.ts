/**
 * What the command-line tools share: reading input (whole with a cap, or streamed a chunk at a
 * time and gunzipped on the way), and one printable line per error.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { isGzip } from '../capture/stream';

/** The file or standard input, or null if it is longer than `cap` bytes (read no further: /dev/zero ends here too). */
export function readCapped(from: string | number, cap: number): Buffer | null {
  const fd = typeof from === 'number' ? from : openSync(from, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const buffer = Buffer.alloc(65_536);
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      total += n;
      if (total > cap) return null;
      chunks.push(Buffer.from(buffer.subarray(0, n)));
    }
    return Buffer.concat(chunks);
  } finally {
    if (typeof from !== 'number') closeSync(fd);
  }
}

/** Every message is one printable line of bounded length, whatever the input put in it. */
export function printable(line: string): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  const escaped = line.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > 300 ? `${escaped.slice(0, 297)}...` : escaped;
}

/** Say one line on standard error; the exit code (2: bad input). */
export function usage(line: string, code = 2): number {
  process.stderr.write(`${printable(line)}\n`);
  return code;
}

/** Why a streamed input stopped: the source could not be read (`code` e.g. ENOENT, EISDIR), or its gzip stream is damaged (`gzip`; zlib's `code`). */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly code: string,
    readonly gzip: boolean,
  ) {
    super(code);
  }
}

/** A streamed input: whether it was gzipped, and its (decompressed) bytes a chunk at a time. */
export interface Input {
  readonly gzip: boolean;
  readonly chunks: AsyncIterable<Uint8Array>;
}

/** A file, or standard input for `-`, read `chunk` bytes at a time (the caller destroys it when done). */
export const sourceOf = (path: string, chunk: number): Readable => (path === '-' ? process.stdin : createReadStream(path, { highWaterMark: chunk }));

/**
 * The source's bytes as they come, through gunzip when its first bytes are gzip's (told by them,
 * not by a name): what `analyze` reads a capture and a conn.log through, a file or standard input
 * alike. Errors are InputErrors.
 */
export async function streamInput(source: Readable): Promise<Input> {
  const it = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const next = async () => {
    try {
      return await it.next();
    } catch (e) {
      throw new InputError((e as NodeJS.ErrnoException).code ?? 'error', false);
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
  async function* raw(): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    for (let n = ended ? null : await next(); n && !n.done; n = await next()) yield n.value;
  }
  if (!isGzip(head)) return { gzip: false, chunks: raw() };
  async function* gunzipped(): AsyncGenerator<Uint8Array> {
    const from = Readable.from(raw());
    const gunzip = createGunzip();
    from.on('error', (e) => gunzip.destroy(e));
    from.pipe(gunzip);
    try {
      for await (const chunk of gunzip as AsyncIterable<Buffer>) yield chunk;
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError((e as NodeJS.ErrnoException).code ?? 'Z_DATA_ERROR', true);
    } finally {
      from.destroy();
      gunzip.destroy();
    }
  }
  return { gzip: true, chunks: gunzipped() };
}

/**
 * The first `n` bytes of a stream (fewer if it ends first, or its gzip stream breaks first: then
 * `rest` throws that error after giving them), to tell what it holds; `rest` gives every byte again
 * from the start.
 */
export async function peek(chunks: AsyncIterable<Uint8Array>, n: number): Promise<{ head: Uint8Array; rest: AsyncIterable<Uint8Array> }> {
  const it = chunks[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let length = 0;
  let done = false;
  let broken: InputError | null = null;
  try {
    while (length < n && !done) {
      const r = await it.next();
      if (r.done) done = true;
      else {
        parts.push(r.value);
        length += r.value.length;
      }
    }
  } catch (e) {
    if (!(e instanceof InputError && e.gzip)) throw e;
    broken = e;
    done = true;
  }
  async function* rest(): AsyncGenerator<Uint8Array> {
    try {
      yield* parts;
      if (broken) throw broken;
      if (!done) for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    } finally {
      // Stopped early (the reader refused the input): the stream below is closed too.
      if (!done) await it.return?.();
    }
  }
  return { head: Buffer.concat(parts), rest: rest() };
}

/** The most a script may be: 10,000 steps of about 80 bytes each, with room to spare. */
export const MAX_SCRIPT_BYTES = 4_000_000;

/**
 * A file's (or standard input's, `-`) text, for a script or a run's text: the text, or the one line
 * that says why not (too large, unreadable). A byte-order mark some editors write is not part of it.
 */
export function readTextInput(path: string, cap = MAX_SCRIPT_BYTES): { text: string } | { error: string } {
  try {
    const read = readCapped(path === '-' ? 0 : path, cap);
    if (read === null) return { error: `${path}: larger than ${cap / 1_000_000} MB, more than any script needs` };
    return { text: read.toString('utf8').replace(/^\uFEFF/, '') };
  } catch (e) {
    return { error: `${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}

/** A text read as JSON, or the one line that says why it is not JSON. */
export function parseJsonInput(path: string, text: string): { json: unknown } | { error: string } {
  try {
    return { json: JSON.parse(text) };
  } catch (e) {
    return { error: `${path}: not valid JSON (${(e as Error).message.split('\n')[0]})` };
  }
}

/** A file's (or standard input's) JSON, for a script: the value, or the one line that says why not. */
export function readJsonInput(path: string, cap = MAX_SCRIPT_BYTES): { json: unknown } | { error: string } {
  const input = readTextInput(path, cap);
  return 'error' in input ? input : parseJsonInput(path, input.text);
}
