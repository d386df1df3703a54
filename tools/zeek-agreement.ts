/**
 * How often our verdict and history agree with Zeek's own, over every Zeek test whose recorded
 * conn.log (testing/btest/Baseline/<test>/conn.log) comes from one trace that the mirror holds.
 * Not a test: a measurement, for the report and docs/capture-format.md.
 *
 *   npx tsx tools/zeek-agreement.ts [--zeek /work/.mirror/zeek+zeek/repo] [--diffs] [--only substring]
 *
 * Each test script names its trace in an `@TEST-EXEC: zeek ... -r $TRACES/...` line; a test that
 * reads several traces is left out (its conn.log is one of them, or their sum). Tunnelled traces
 * are counted apart. Only Zeek's TCP rows count.
 */
import { execFileSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { connectionsOf, ZEEK_LIKELY_SERVER_PORTS, ZEEK_SERVER_PORTS } from '../src/capture/connections';
import { openCapture } from '../src/capture/open';
import { compare, parseConnLog, type RowResult } from '../tests/zeekCompare';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const repo = opt('--zeek') ?? '/work/.mirror/zeek+zeek/repo';
const showDiffs = args.includes('--diffs');
const only = opt('--only');

const git = (...a: string[]) => execFileSync('git', ['-C', repo, ...a], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
const files = git('ls-tree', '-r', '--name-only', 'HEAD', 'testing/btest').toString().split('\n');
const fileSet = new Set(files);
const baselines = files.filter((f) => /^testing\/btest\/Baseline\/[^/]+\/conn\.log$/.test(f));

/** The test script a Baseline directory's name stands for (dots for slashes, no extension). */
const scripts = new Map<string, string>();
for (const f of files) {
  if (!f.startsWith('testing/btest/') || f.startsWith('testing/btest/Baseline') || f.startsWith('testing/btest/Traces/')) continue;
  const rel = f.slice('testing/btest/'.length).replace(/\.[^./]+$/, '');
  scripts.set(rel.replaceAll('/', '.'), f);
}

const TUNNEL = /tunnel|mpls|pppoe|vxlan|geneve|gre|gtp|teredo|ayiya|vn-?tag|pbb|802\.?1ah|ip-?in-?ip|6in4|4in6|fddi|erspan|encap|ipip|ip6ip|q-in-q|qinq/i;

interface Tally {
  rows: number;
  state: number;
  history: number;
  withHistory: number;
  unmatched: number;
  extra: number;
  traces: number;
}
const tally = (): Tally => ({ rows: 0, state: 0, history: 0, withHistory: 0, unmatched: 0, extra: 0, traces: 0 });
const plain = tally();
const tunnels = tally();
const skipped: string[] = [];
const diffs: string[] = [];
const perTrace: string[] = [];

for (const b of baselines) {
  const name = b.split('/')[3]!;
  if (only && !name.includes(only)) continue;
  // A btest file holding several tests names its baselines <test>-<n>.
  const script = scripts.get(name) ?? scripts.get(name.replace(/-\d+$/, ''));
  if (!script) {
    skipped.push(`${name}: no test script found`);
    continue;
  }
  const text = git('show', `HEAD:${script}`).toString();
  // zeek -r $TRACES/x.pcap, -r ${TRACES}/x.pcap, or zcat <$TRACES/x.pcap.gz | zeek -r -
  const traceIn = /(?:-r\s+"?|zcat\s+<?\s*"?)\$\{?TRACES\}?\/([^\s"]+)/;
  const execs = text.split('\n').filter((l) => /@TEST-EXEC(-FAIL)?:/.test(l) && /\bzeek\b/.test(l) && traceIn.test(l));
  const traces = new Set(execs.map((l) => traceIn.exec(l)![1]!));
  if (traces.size !== 1) {
    skipped.push(`${name}: ${traces.size === 0 ? 'reads no trace with -r' : `reads ${traces.size} traces`}`);
    continue;
  }
  const trace = `testing/btest/Traces/${[...traces][0]!}`;
  if (!fileSet.has(trace)) {
    skipped.push(`${name}: ${trace} is not in the mirror`);
    continue;
  }
  let bytes: Buffer;
  let log: string;
  try {
    bytes = git('show', `HEAD:${trace}`);
    if (trace.endsWith('.gz')) bytes = gunzipSync(bytes);
    log = git('show', `HEAD:${b}`).toString();
  } catch {
    skipped.push(`${name}: ${trace} or its conn.log is not stored (a large file)`);
    continue;
  }
  const rows = parseConnLog(log);
  if (rows.length === 0) continue;
  // zeek -b loads no protocol scripts but those the test loads: fewer likely server ports.
  const bare = execs.some((l) => /\szeek\s+(?:[^|]*\s)?-b\b/.test(l) || /\s-b\s/.test(l));
  const ports = bare ? barePorts(text) : ZEEK_LIKELY_SERVER_PORTS;
  let connections;
  try {
    connections = connectionsOf(openCapture(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)).segments, { likelyServerPorts: ports });
  } catch (e) {
    connections = [];
    skipped.push(`${name}: ${trace} not read (${(e as Error).message}); its ${rows.length} rows count as missed`);
  }
  const a = compare(rows, connections);
  const t = TUNNEL.test(trace) ? tunnels : plain;
  t.traces += 1;
  t.rows += rows.length;
  t.state += a.state;
  t.history += a.history;
  t.withHistory += a.withHistory;
  t.unmatched += a.unmatched;
  t.extra += a.extra;
  perTrace.push(`${a.state === rows.length && a.history === a.withHistory ? ' ' : '*'} ${name} (${trace.slice(21)}): ${rows.length} rows, state ${a.state}, history ${a.history} of ${a.withHistory}, unmatched ${a.unmatched}, ours extra ${a.extra}`);
  const bad = (x: RowResult) => !x.stateAgrees || x.historyAgrees === false;
  for (const x of a.rows.filter(bad))
    diffs.push(
      `${name} ${trace.slice(21)} ${x.row.origH}:${x.row.origP} > ${x.row.respH}:${x.row.respP} ts ${x.row.ts}: zeek ${x.row.state} ${x.row.history || '-'}, ours ${x.ours ? `${x.ours.state} ${x.ours.history || '-'}` : 'none'}`,
    );
}

/** The likely server ports of a bare Zeek (-b): those of the protocol scripts the test loads. */
function barePorts(text: string): ReadonlySet<number> {
  const ports = new Set<number>();
  for (const m of text.matchAll(/@load\s+base\/protocols\/([\w-]+)/g)) for (const p of ZEEK_SERVER_PORTS[m[1]!] ?? []) ports.add(p);
  return ports;
}

const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
const line = (label: string, t: Tally) =>
  `${label}: ${t.traces} tests, ${t.rows} TCP rows; conn_state ${t.state} (${pct(t.state, t.rows)}), history ${t.history} of ${t.withHistory} (${pct(t.history, t.withHistory)}), not found ${t.unmatched}, ours unmatched ${t.extra}`;
if (showDiffs) {
  console.log(perTrace.join('\n'));
  console.log('\nRows that differ:');
  console.log(diffs.join('\n'));
  console.log('\nLeft out:');
  console.log(skipped.join('\n'));
  console.log('');
}
const all = tally();
for (const t of [plain, tunnels]) for (const k of Object.keys(all) as (keyof Tally)[]) all[k] += t[k];
console.log(line('Without tunnels', plain));
console.log(line('Tunnelled traces', tunnels));
console.log(line('All', all));
console.log(`Left out: ${skipped.length} baselines (--diffs lists them)`);
