/**
 * A capture of any form read a chunk at a time, as the page's worker and `analyze` read a file:
 * a pcap or pcapng file goes through a CaptureReader as it comes (only its segments are kept);
 * tcpdump text, which is small, is gathered and read whole. Gzip is undone before the chunks come
 * here (by node:zlib or the browser's DecompressionStream): `isGzip` tells it from the first bytes.
 */
import { isCaptureFile, openCapture } from './open';
import { CaptureError, CaptureReader, type Capture } from './read';
import { MAX_TEXT } from './tcpdumpText';

/** Whether the bytes begin as a gzip stream does (RFC 1952: 1f 8b, then deflate's method 8). */
export const isGzip = (head: Uint8Array): boolean => head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 8;

/** The one line a damaged or cut-off gzip stream gets (the decompressor's own words are not a reader's). */
export const gzipError = (): CaptureError => new CaptureError('a damaged gzip file: it cannot be decompressed to the end', 'gzip');

export class CaptureInput {
  /** The first bytes, until there are enough to tell the form. */
  private head: Uint8Array[] = [];
  private headLength = 0;
  private reader: CaptureReader | null = null;
  /** Text: gathered up to one byte more than the most text read. */
  private text: Uint8Array[] | null = null;
  private textLength = 0;

  /** Packets read so far (for a progress line). */
  get packets(): number {
    return this.reader?.packets ?? 0;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.reader) return this.reader.push(chunk);
    if (this.text) return this.addText(chunk);
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength >= 4) this.decide();
  }

  finish(): Capture {
    if (!this.reader && !this.text) this.decide();
    if (this.reader) return this.reader.finish();
    return openCapture(join(this.text!, this.textLength));
  }

  private decide(): void {
    const head = join(this.head, this.headLength);
    this.head = [];
    if (isCaptureFile(head)) {
      this.reader = new CaptureReader();
      this.reader.push(head);
    } else {
      this.text = [];
      this.addText(head);
    }
  }

  private addText(chunk: Uint8Array): void {
    const room = MAX_TEXT + 1 - this.textLength;
    if (room <= 0) return;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.text!.push(part.slice());
    this.textLength += part.length;
    // More than any text: what the whole would get (a refusal) is known now, so nothing more need be read.
    if (this.textLength > MAX_TEXT) openCapture(join(this.text!, this.textLength));
  }
}

function join(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
