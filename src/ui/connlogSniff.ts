/** Whether a file dropped on the capture X-ray is a Zeek conn.log (gzipped or not), from its first bytes. */
import { looksLikeConnLog } from '../capture/connlog';
import { isGzip } from '../capture/stream';

const HEAD = 64 * 1024;

/** The first bytes of a gzipped blob, decompressed (as far as they go); null if they are not gzip. */
async function gunzipHead(blob: Blob): Promise<Uint8Array | null> {
  if (typeof DecompressionStream === 'undefined') return null;
  const reader = blob.slice(0, HEAD).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < HEAD) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      size += value.length;
    }
  } catch {
    // The slice ends mid-stream: what came out before is enough.
  }
  void reader.cancel().catch(() => undefined);
  if (size === 0) return null;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
}

export async function sniffConnLog(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, HEAD).arrayBuffer());
  const bytes = isGzip(head) ? await gunzipHead(file) : head;
  if (!bytes) return false;
  return looksLikeConnLog(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
}
