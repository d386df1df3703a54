/** What the command-line tools share: reading input with a cap, and one printable line per error. */
import { closeSync, openSync, readSync } from 'node:fs';

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
