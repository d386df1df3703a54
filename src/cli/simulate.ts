/**
 * npm run --silent simulate -- script.json   (or - for standard input)
 * Prints the script's trace as JSON. A bad script: one line naming the bad field, exit 2.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parseScript, ScriptError } from '../model/script';
import { Simulation } from '../model/simulation';

function main(args: string[]): number {
  const path = args[0];
  if (!path || args.length > 1) return usage('usage: npm run --silent simulate -- <script.json | ->');
  let text: string;
  try {
    const read = readCapped(path === '-' ? 0 : path, MAX_INPUT_BYTES);
    if (read === null) return usage(`${path}: larger than ${MAX_INPUT_BYTES / 1_000_000} MB, more than any script needs`);
    // A byte-order mark some editors write is not part of the JSON.
    text = read.replace(/^\uFEFF/, '');
  } catch (e) {
    return usage(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return usage(`${path}: not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  try {
    const trace = Simulation.run(parseScript(json));
    process.stdout.write(`${JSON.stringify(trace, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ScriptError) return usage(e.message);
    return usage(`internal error: ${(e as Error).message}`, 1);
  }
}

/** The most a script may be: 10,000 steps of about 80 bytes each, with room to spare. */
const MAX_INPUT_BYTES = 4_000_000;

/** The file or standard input as text, or null if it is longer than `cap` bytes (read no further: /dev/zero ends here too). */
function readCapped(from: string | number, cap: number): string | null {
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
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    if (typeof from !== 'number') closeSync(fd);
  }
}

/** Every message is one printable line of bounded length, whatever the input put in it. */
function printable(line: string): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  const escaped = line.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > 300 ? `${escaped.slice(0, 297)}...` : escaped;
}

function usage(line: string, code = 2): number {
  process.stderr.write(`${printable(line)}\n`);
  return code;
}

process.exitCode = main(process.argv.slice(2));
