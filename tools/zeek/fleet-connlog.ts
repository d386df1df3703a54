/**
 * A made-up conn.log of a fleet, as Zeek's ASCII writer writes one (its TSV header, tab-separated
 * rows): `n` rows over about 2,000 servers, mostly orderly closes, with some refused, reset, never
 * answered, still open, and one service (10.20.30.40:8080) whose application does not close, so
 * its rows pile up in CLOSE-WAIT. Deterministic. The benchmark and the browser test make it at
 * their run (it is never committed).
 *
 *   npx tsx tools/zeek/fleet-connlog.ts 1000000 > /tmp/conn.log
 */

/** Which histories, how often (per 1,000 rows), with Zeek's verdict for each. */
const MIX: readonly (readonly [history: string, verdict: string, perMille: number])[] = [
  ['ShADadFf', 'SF', 560],
  ['ShAdDaFf', 'SF', 150],
  ['ShAdDafF', 'SF', 80],
  ['S', 'S0', 40],
  ['Sr', 'REJ', 40],
  ['ShADadR', 'RSTO', 30],
  ['ShADadr', 'RSTR', 20],
  ['ShADad', 'S1', 20],
  ['ShADadf', 'S3', 10],
  ['ShADadF', 'S2', 50], // the pile-up: most of these go to one service
];

export const FLEET_HEADER = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#open\t2026-12-06-00-00-00',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]',
].join('\n');

export const PILE_SERVER = '10.20.30.40:8080';

/** The log's lines, a batch at a time (a million rows are never one string). */
export function* fleetConnLog(n: number, batch = 10_000): Generator<string> {
  let seed = 0x2545f491;
  const rand = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  const cumulative: number[] = [];
  MIX.reduce((sum, [, , p]) => (cumulative.push(sum + p), sum + p), 0);
  const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let lines: string[] = [FLEET_HEADER];
  const t0 = 1_796_000_000;
  for (let i = 0; i < n; i++) {
    let uid = 'C';
    for (let k = 0; k < 17; k++) uid += B62[Math.floor(rand() * 62)];
    const ts = (t0 + i * 0.0007).toFixed(6);
    const client = `10.1.${Math.floor(rand() * 64)}.${1 + Math.floor(rand() * 250)}`;
    const cport = 1024 + Math.floor(rand() * 60_000);
    if (i % 20 === 19) {
      lines.push(`${ts}\t${uid}\t${client}\t${cport}\t10.0.0.53\t53\tudp\tdns\t0.000412\t40\t120\tSF\tT\tT\t0\tDd\t1\t68\t1\t148\t-`);
    } else {
      const pick = Math.floor(rand() * 1000);
      const [history, verdict] = MIX[cumulative.findIndex((c) => pick < c)]!;
      // A CLOSE-WAIT pile-up: 4 in 5 of the rows left open by the server go to the one service.
      const pile = verdict === 'S2' && rand() < 0.8;
      const s = Math.floor(rand() * 2000);
      const server = pile ? '10.20.30.40' : `10.2.${s >> 8}.${s & 255}`;
      const sport = pile ? 8080 : [80, 443, 8080, 5432][s & 3]!;
      const data = history.includes('d') || history.includes('D');
      const ob = data ? 100 + Math.floor(rand() * 5000) : 0;
      const rb = data ? 100 + Math.floor(rand() * 50_000) : 0;
      const dur = (rand() * 30).toFixed(6);
      const op = history.length;
      lines.push(
        `${ts}\t${uid}\t${client}\t${cport}\t${server}\t${sport}\ttcp\t${sport === 443 ? 'ssl' : sport === 5432 ? 'postgresql' : 'http'}\t${dur}\t${ob}\t${rb}\t${verdict}\tT\tT\t0\t${history}\t${op}\t${op * 52 + ob}\t${op}\t${op * 52 + rb}\t-`,
      );
    }
    if (lines.length >= batch) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  lines.push('#close\t2026-12-06-01-00-00');
  yield `${lines.join('\n')}\n`;
}

if (process.argv[1]?.endsWith('fleet-connlog.ts')) {
  const n = Number(process.argv[2] ?? 1000);
  for (const chunk of fleetConnLog(n)) process.stdout.write(chunk);
}
