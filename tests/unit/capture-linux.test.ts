/**
 * States inferred from real captures against what Linux itself said: each case of
 * tools/linux-capture/capture.py run once more on a 6.18 kernel, keeping the raw pcap beside the
 * states `ss` reported during the same run (tests/fixtures/linux-pcap, made by
 * tools/linux-capture/capture-pcaps.sh). What `ss` saw must appear, in order, in what the capture
 * reader infers from the pcap alone. `ss` was polled, so it may miss a short state; and a state
 * that ends by a timer after the last packet (FIN-WAIT-2's, TIME-WAIT's) cannot be seen in the
 * capture, so `ss`'s last CLOSED after one is not asked for.
 */
import { describe, expect, it } from 'vitest';
import { xray } from '../../src/capture/anomalies';
import { inferStates, replayOf, simulationOf, type StateAt } from '../../src/capture/infer';
import type { EndpointId } from '../../src/model/types';
import { seqLength } from '../../src/model/segment';
import { appearsInOrder } from '../inOrder';
import { LINUX_PCAP_CASES as cases, linuxPcapCase } from '../linuxPcap';

/** ss's spellings; the listener is another socket in Linux, so LISTEN counts as CLOSED for the connection. */
const name = (s: string) => ({ ESTAB: 'ESTABLISHED', 'SYN-RECV': 'SYN-RECEIVED', LISTEN: 'CLOSED' })[s] ?? s;
const collapse = (xs: string[]) => xs.map(name).filter((s, i, all) => i === 0 || s !== all[i - 1]);

/** What ss saw appears, in order, in the inferred states of each end. */
function expectSsStates(ss: Record<EndpointId, string[]>, inferred: Readonly<Record<EndpointId, readonly StateAt[]>>): void {
  for (const e of ['client', 'server'] as const) {
    const ours = collapse(inferred[e].map((s) => s.state));
    let seen = collapse(ss[e]);
    // A timer's end after the last packet is outside what a capture can show.
    // (So is the end of retries after the last one: FIN-WAIT-1's and SYN-SENT's.)
    if (['FIN-WAIT-2', 'TIME-WAIT', 'FIN-WAIT-1', 'SYN-SENT'].includes(ours.at(-1)!) && seen.at(-1) === 'CLOSED' && seen.length > 1) seen = seen.slice(0, -1);
    expect(appearsInOrder(seen, ours), `${e}: Linux showed ${seen.join(' > ')}; inferred ${ours.join(' > ')}`).toBe(true);
  }
}

describe('states inferred from a real capture are the states Linux reported', () => {
  it('has a capture for the post’s cases', () => {
    expect(cases).toEqual(
      expect.arrayContaining([
        'four-way-close',
        'close-wait-hang',
        'fin-wait-1-timeout',
        'half-close-no-timeout',
        'simultaneous-close',
        'connection-refused',
        'abort',
        'syn-lost',
        'close-unread',
        'data',
      ]),
    );
  });

  it.each(cases)('%s', (id) => {
    const { run, conn, config } = linuxPcapCase(id);
    expect(conn, 'the case’s connection (client port 40000)').toBeDefined();
    expectSsStates(run.states, inferStates(conn!, { config }).states);
  });

  it.each(cases)('%s, as analyze reads it (Linux’s defaults, not the sysctls the case set)', (id) => {
    const { run, conn } = linuxPcapCase(id);
    expectSsStates(run.states, xray(conn!, { captureEnd: conn!.start + conn!.duration }).states);
  });

  it.each(cases)('%s: every segment is one the model would send, or a real timer’s resend or ACK: nothing departs from the model', (id) => {
    const { conn, config } = linuxPcapCase(id);
    const r = replayOf(conn!, { config });
    const sim = simulationOf(r);
    sim.runUntil(r.endMs);
    const departs = sim.wire.filter((w) => w.why.kind === 'captured' && w.why.departs).map((w) => w.id);
    expect(departs).toEqual([]);
    // A resend takes sequence space: an ACK said again (a duplicate ACK, a probe's answer) is not one.
    expect(sim.wire.filter((w) => w.retransmission && seqLength(w.segment.len, w.segment.flags) === 0).map((w) => w.id)).toEqual([]);
  });
});
