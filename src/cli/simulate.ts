/**
 * npm run --silent simulate -- script.json   (or - for standard input)
 * Prints the script's trace as JSON. A bad script: one line naming the bad field, exit 2.
 */
import { readCapped, usage } from './io';
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
    text = read.toString('utf8').replace(/^\uFEFF/, '');
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

process.exitCode = main(process.argv.slice(2));
