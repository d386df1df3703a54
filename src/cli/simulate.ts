/**
 * npm run --silent simulate -- script.json   (or - for standard input)
 * Prints the script's trace as JSON. A bad script: one line naming the bad field, exit 2.
 */
import { readFileSync } from 'node:fs';
import { parseScript, ScriptError } from '../model/script';
import { Simulation } from '../model/simulation';

function main(args: string[]): number {
  const path = args[0];
  if (!path || args.length > 1) return usage('usage: npm run --silent simulate -- <script.json | ->');
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
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

function usage(line: string, code = 2): number {
  process.stderr.write(`${line}\n`);
  return code;
}

process.exitCode = main(process.argv.slice(2));
