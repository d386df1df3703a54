/**
 * A capture of a busy server, made from the lessons: `n` connections to 198.51.100.20:80, each
 * one lesson's run from its own client port, started a little after the one before, all in one
 * pcap in time order. Most close in order; some hang in CLOSE-WAIT, time out, are refused or
 * reset. The screenshots, the browser test and the benchmark open it.
 *
 *   npx tsx tools/captures/busy-server.ts 1000 > /tmp/busy.pcap
 */
import { buildPcap } from '../../src/model/pcap';
import { Simulation } from '../../src/model/simulation';
import { SCENARIOS } from '../../src/scenarios/catalog';
import { joinRecords, recordsOf, type PcapRecord } from './pcapRecords';

/** Which lessons, how often: the orderly close most of all. */
const MIX = ['four-way-close', 'four-way-close', 'four-way-close', 'server-closes-first', 'close-wait-hang', 'connection-refused', 'abort-rst', 'syn-lost', 'time-wait'];

export function busyServerCapture(n: number, spacingMs = 37): Uint8Array {
  const runs = new Map<string, Simulation>();
  for (const id of new Set(MIX)) {
    const sim = new Simulation(SCENARIOS.find((s) => s.id === id)!.script);
    sim.runToEnd();
    runs.set(id, sim);
  }
  // Each run's packets, as records of a pcap: [time, record bytes].
  const records: PcapRecord[] = [];
  for (let i = 0; i < n; i++) {
    records.push(...recordsOf(buildPcap(runs.get(MIX[i % MIX.length]!)!, { clientPort: 20000 + (i % 40000), offsetMs: i * spacingMs })));
  }
  return joinRecords(records);
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(busyServerCapture(Number(process.argv[2] ?? 100)));
