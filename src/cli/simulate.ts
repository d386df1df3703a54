/**
 * npm run --silent simulate -- script.json   (or - for standard input)
 * Prints the script's trace as JSON. A bad script: one line naming the bad field, exit 2.
 */
import { readJsonInput, usage } from './io';
import { parseScript, ScriptError } from '../model/script';
import { Simulation } from '../model/simulation';

function main(args: string[]): number {
  const path = args[0];
  if (!path || args.length > 1) return usage('usage: npm run --silent simulate -- <script.json | ->');
  const input = readJsonInput(path);
  if ('error' in input) return usage(input.error);
  const json = input.json;
  try {
    const trace = Simulation.run(parseScript(json));
    process.stdout.write(`${JSON.stringify(trace, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ScriptError) return usage(e.message);
    return usage(`internal error: ${(e as Error).message}`, 1);
  }
}

process.exitCode = main(process.argv.slice(2));
