/**
 * Our resends beside tshark's, over every capture in the folders given (not a test: a survey).
 * For each pcap or pcapng file with TCP segments, the frames our anomalies call `retransmission`
 * against the frames `tshark -Y tcp.analysis.retransmission` flags.
 *
 *   npx tsx tools/captures/resends-vs-tshark.ts [--list] [--max-segments N] <folder>...
 *
 * Prints one line per file where the two differ (with --list, per file that either flags), then
 * the agreement: frames both flag / frames tshark flags, and frames only we flag. Files with more
 * than N TCP segments (default 200,000) are left out, and counted.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { xray } from '../../src/capture/anomalies';
import { connectionsOf } from '../../src/capture/connections';
import { openCapture } from '../../src/capture/open';
import { captureEnd } from '../../src/capture/read';

const args = process.argv.slice(2);
const list = args.includes('--list');
const maxAt = args.indexOf('--max-segments');
const maxSegments = maxAt >= 0 ? Number(args[maxAt + 1]) : 200_000;
const folders = args.filter((a, i) => !a.startsWith('--') && !(maxAt >= 0 && i === maxAt + 1));

let files = 0;
let tooBig = 0;
let agreeFiles = 0;
let theirsTotal = 0;
let both = 0;
let oursOnly = 0;
const started = Date.now();

const show = (xs: readonly number[]) => (xs.length > 12 ? `${xs.slice(0, 12).join(' ')} …(${xs.length})` : xs.join(' '));

for (const folder of folders)
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (!statSync(path).isFile()) continue;
    let bytes: Uint8Array = readFileSync(path);
    let capture;
    try {
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      capture = openCapture(bytes);
    } catch {
      continue;
    }
    if (capture.format === 'tcpdump-text' || capture.segments.length === 0) continue;
    if (capture.segments.length > maxSegments) {
      tooBig++;
      continue;
    }
    let theirs: number[];
    try {
      theirs = execFileSync('tshark', ['-r', path, '-Y', 'tcp.analysis.retransmission', '-T', 'fields', '-e', 'frame.number'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 1 << 28,
      })
        .split('\n')
        .filter(Boolean)
        .map(Number);
    } catch {
      continue;
    }
    files++;
    const end = captureEnd(capture);
    const ours: number[] = [];
    for (const c of connectionsOf(capture.segments))
      for (const a of xray(c, { captureEnd: end }).anomalies) if (a.kind === 'retransmission' && a.frame !== null) ours.push(a.frame);
    ours.sort((a, b) => a - b);
    const mine = new Set(ours);
    const tset = new Set(theirs);
    const common = theirs.filter((f) => mine.has(f)).length;
    const onlyOurs = ours.filter((f) => !tset.has(f));
    const onlyTheirs = theirs.filter((f) => !mine.has(f));
    theirsTotal += theirs.length;
    both += common;
    oursOnly += onlyOurs.length;
    if (onlyOurs.length === 0 && onlyTheirs.length === 0) agreeFiles++;
    if (onlyOurs.length || onlyTheirs.length || (list && theirs.length))
      console.log(`${folder.split('/').at(-1)}/${name}\ttshark ${theirs.length}\tboth ${common}\tonly tshark: ${show(onlyTheirs)}\tonly ours: ${show(onlyOurs)}`);
  }

const pct = (a: number, b: number) => (b === 0 ? '100' : ((100 * a) / b).toFixed(1));
console.log(
  `\n${files} captures with TCP (${tooBig} over ${maxSegments} segments left out), ${agreeFiles} agree frame for frame; ` +
    `frames tshark flags: ${theirsTotal}, we flag too: ${both} (${pct(both, theirsTotal)}%), only we flag: ${oursOnly}; ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
