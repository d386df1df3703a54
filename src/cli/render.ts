/**
 * npm run --silent render -- INPUT --to text|script|svg|animated-svg|png|mermaid|pcap [--at MS] [--lang en|ko] [-o FILE]
 * A run drawn or written elsewhere, from its text (docs/text-format.md) or its script (JSON), a
 * file or - for standard input (told apart by their first character: a script is a JSON object):
 *   text          the run as text, as the app's text pane and a ```tcp block write it
 *   script        the script as the engine reads it (checked, its defaults left out)
 *   svg           the sequence diagram at a moment (the run's end unless --at), a standalone SVG
 *                 laid out as the page lays it out (src/ui/momentSvg.ts)
 *   animated-svg  the whole run playing by itself, in a loop, with CSS only (an <img> in a README)
 *   png           the svg as a picture, drawn by resvg (to a FILE only)
 *   mermaid       Mermaid's sequenceDiagram text: states as notes, a lost segment as -x
 *   pcap          every segment as a capture Wireshark and tcpdump read (to a FILE only)
 * A text's expected states are checked against the run. A bad input or option: one line saying
 * which (a text's with its line and column), exit 2.
 */
import { writeFileSync } from 'node:fs';
import { parseJsonInput, readTextInput, usage } from './io';
import { parseScript, ScriptError } from '../model/script';
import { printRunText, readRunText, RunTextError, type RunText } from '../player/runText';
import { buildPcap } from '../model/pcap';
import { NO_POLICY } from '../player/policy';
import { Run } from '../player/run';
import { core as enCore } from '../i18n/en/core';
import { core as koCore } from '../i18n/ko/core';
import { animatedSvg, momentSvg } from '../ui/momentSvg';
import { toMermaid } from '../ui/exportDiagram';

const TARGETS = ['text', 'script', 'svg', 'animated-svg', 'png', 'mermaid', 'pcap'] as const;
const USAGE = `usage: npm run --silent render -- <run.tcp | script.json | -> --to ${TARGETS.join('|')} [--at MS] [--lang en|ko] [-o FILE]`;
/** The most events a run is worked out to (a script's own limits keep it far below). */
const MAX_EVENTS = 1_000_000;

/** A run from a file or standard input: a text (its expectations checked), or a script's JSON. */
function readRun(path: string): RunText | { error: string } {
  const input = readTextInput(path);
  if ('error' in input) return input;
  if (input.text.trimStart().startsWith('{')) {
    const parsed = parseJsonInput(path, input.text);
    if ('error' in parsed) return parsed;
    try {
      return { title: null, script: parseScript(parsed.json), policy: NO_POLICY, expects: [] };
    } catch (e) {
      if (e instanceof ScriptError) return { error: e.message };
      throw e;
    }
  }
  try {
    return readRunText(input.text, Run);
  } catch (e) {
    if (e instanceof RunTextError) return { error: `${path}: ${e.message}` };
    throw e;
  }
}

/** The SVG drawn as a PNG at twice its size (a sharp picture on a dense screen), by resvg: no browser. */
async function png(svg: string): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}

async function main(args: string[]): Promise<number> {
  const [path, ...rest] = args;
  if (!path || path.startsWith('--')) return usage(USAGE);
  const given = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) {
    const name = rest[i]!;
    const value = rest[i + 1];
    if (!['--to', '--at', '--lang', '-o'].includes(name)) return usage(`unknown option ${name}; ${USAGE}`);
    if (value === undefined || (value.startsWith('-') && value !== '-')) return usage(`${name} needs a value; ${USAGE}`);
    if (given.has(name)) return usage(`${name} given twice`);
    given.set(name, value);
  }
  const to = given.get('--to');
  if (to === undefined) return usage(`--to is needed: one of ${TARGETS.join(', ')}`);
  if (!(TARGETS as readonly string[]).includes(to)) return usage(`--to ${to}: one of ${TARGETS.join(', ')}`);
  const lang = given.get('--lang') ?? 'en';
  if (lang !== 'en' && lang !== 'ko') return usage(`--lang ${lang}: en or ko`);
  const atText = given.get('--at');
  const still = to === 'svg' || to === 'png';
  if (atText !== undefined && (!still || !/^\d{1,9}$/.test(atText)))
    return usage(!still ? '--at is for --to svg and --to png' : `--at ${atText}: a whole number of milliseconds`);
  const out = given.get('-o');
  if (to === 'pcap' && out === undefined) return usage('--to pcap writes a capture: name it with -o FILE.pcap');
  if (to === 'png' && out === undefined) return usage('--to png writes a picture: name it with -o FILE.png');

  const input = readRun(path);
  if ('error' in input) return usage(input.error);
  const { script, policy, title } = input;
  const run = new Run(script.config ?? {}, script.steps);
  run.extendToEnd(MAX_EVENTS);
  const whole = run.frameAt(Infinity, policy);
  const t = lang === 'ko' ? koCore : enCore;
  let body: string | Uint8Array;
  if (to === 'text') body = printRunText({ title, script, policy, expects: input.expects });
  else if (to === 'script') body = `${JSON.stringify(script, null, 2)}\n`;
  else if (to === 'animated-svg') body = animatedSvg(script, policy, t, { title }).svg;
  else if (to === 'mermaid') body = `${toMermaid(whole.history, { client: t.client, server: t.server }, true)}\n`;
  else if (to === 'pcap') body = buildPcap(whole);
  else {
    const svg = momentSvg(script, policy, atText === undefined ? Infinity : Number(atText), t, { title }).svg;
    body = to === 'svg' ? svg : await png(svg);
  }
  try {
    if (out === undefined) process.stdout.write(body);
    else writeFileSync(out, body);
  } catch (e) {
    return usage(`${out}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
