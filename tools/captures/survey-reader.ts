/**
 * Every capture in the folders given, through the reader (not a test: a survey of what it lists and
 * what it skips, and why). With --tshark, each file's TCP frames as tshark reads them beside ours.
 *
 *   npx tsx tools/captures/survey-reader.ts [--tshark] <folder>...
 *
 * Prints one tab-separated line per file: name, link types, packets, TCP segments read (and tshark's
 * count), connections, skipped by reason; then a summary of the files that list nothing, and why.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { connectionsOf } from '../../src/capture/connections';
import { openCapture } from '../../src/capture/open';
import { CaptureError, skippedReasons, type SkippedBy } from '../../src/capture/read';

const args = process.argv.slice(2);
const withTshark = args.includes('--tshark');
const folders = args.filter((a) => a !== '--tshark');
const nothing = new Map<string, string[]>();
let files = 0;
let listing = 0;
let fewer = 0;

const why = (s: SkippedBy): string =>
  [
    ...Object.entries(s)
      .filter(([k]) => k !== 'unread')
      .map(([k, n]) => `${k} ${n as number}`),
    ...Object.entries(s.unread ?? {}).map(([k, n]) => `unread "${k}" ${n}`),
  ].join(', ');

for (const folder of folders)
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (!statSync(path).isFile()) continue;
    files++;
    let bytes: Uint8Array = readFileSync(path);
    let line: string;
    let reason: string;
    try {
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      const capture = openCapture(bytes);
      const connections = connectionsOf(capture.segments).length;
      let theirs = '';
      if (withTshark && capture.format !== 'tcpdump-text') {
        try {
          const out = execFileSync('tshark', ['-r', path, '-Y', 'tcp && !icmp && !icmpv6', '-T', 'fields', '-e', 'frame.number'], {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'ignore'],
            maxBuffer: 1 << 28,
          });
          const n = out.split('\n').filter(Boolean).length;
          theirs = `/${n}`;
          if (n > capture.segments.length) fewer++;
        } catch {
          theirs = '/?';
        }
      }
      const skipped = skippedReasons(capture);
      line = `${name}\t${capture.packets}\t${capture.segments.length}${theirs}\t${connections}\t${why(skipped)}`;
      if (connections > 0) listing++;
      // Grouped by the reasons, not their counts.
      const kinds = [...Object.keys(skipped).filter((k) => k !== 'unread'), ...Object.keys(skipped.unread ?? {}).map((k) => `unread "${k}"`)];
      reason = connections > 0 ? '' : capture.packets === 0 ? 'no packets' : kinds.join(', ') || 'no segments';
    } catch (e) {
      const message = e instanceof CaptureError ? e.message : `CRASH ${(e as Error).message}`;
      line = `${name}\t${message}`;
      reason = message.replace(/:.*/, '');
    }
    console.log(line);
    if (reason) nothing.set(reason, [...(nothing.get(reason) ?? []), name]);
  }

console.log(`\n${files} files; ${listing} list connections${withTshark ? `; ${fewer} with fewer TCP segments than tshark reads` : ''}`);
for (const [reason, names] of [...nothing].sort((a, b) => b[1].length - a[1].length))
  console.log(`${names.length}\t${reason}\t${names.slice(0, 6).join(' ')}${names.length > 6 ? ' ...' : ''}`);
