/**
 * Model-based testing with XState's graph utilities: `getShortestPaths` walks the endpoint
 * machine, driven by a scripted peer that always sends what a correct peer could send next, and
 * finds a shortest way to every state. Each path is then replayed through the real Simulation (its
 * timer agenda, segment injection and call checking) and the two must agree at every step.
 */
import { getShortestPaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/model/config';
import { TIMER_EVENTS, type EndpointEvent } from '../../src/model/endpoint/edges';
import { endpointMachine } from '../../src/model/endpoint/machine';
import { TIMER_NAMES } from '../../src/model/endpoint/tcb';
import { parseFlags, segment } from '../../src/model/segment';
import { seqAdd } from '../../src/model/seq';
import { Simulation } from '../../src/model/simulation';
import { TCP_STATES, type CallName } from '../../src/model/types';

const config = { preset: 'classroom', clientIsn: 1000, serverIsn: 7000, finRetries: 1, synRetries: 1, synAckRetries: 1 } as const;
const PEER_ISN = 5000;

const CALLS: Record<string, CallName> = { LISTEN: 'listen', CONNECT: 'connect', CLOSE: 'close', SHUTDOWN: 'shutdown', ABORT: 'abort' };

type Snap = ReturnType<typeof endpointMachine.transition>;

/** What a well-behaved peer (ISN 5000) and the endpoint's own application and timers could do next. */
function nextEvents(snapshot: Snap): EndpointEvent[] {
  const t = snapshot.context;
  const at = () => ({ now: 0 });
  const seg = (flags: string, seq: number, ack = 0): EndpointEvent => ({ type: 'SEGMENT', segment: segment(parseFlags(flags), seq, ack), ...at() });
  // One connection per endpoint: a second would bring a fresh ISN, and the graph would never end.
  const opens = t.connection === 0;
  const calls = Object.keys(CALLS).filter((type) => opens || (type !== 'LISTEN' && type !== 'CONNECT'));
  const events: EndpointEvent[] = calls.map((type) => ({ type, ...at() }) as EndpointEvent);
  if (opens || snapshot.value === 'SYN-SENT') events.push(seg('SYN', PEER_ISN));
  if (t.sndNxt !== 0) events.push(seg('SYN+ACK', PEER_ISN, seqAdd(t.iss, 1)));
  if (t.synchronized) {
    events.push(seg('ACK', t.rcvNxt, t.sndNxt));
    events.push(seg('FIN+ACK', t.rcvNxt, t.sndUna));
    events.push(seg('FIN+ACK', t.rcvNxt, t.sndNxt));
    events.push(seg('RST', t.rcvNxt));
  }
  for (const name of TIMER_NAMES) if (t.timers[name] !== null) events.push({ type: TIMER_EVENTS[name], ...at() } as EndpointEvent);
  return events;
}

const paths = getShortestPaths(endpointMachine, {
  input: { role: 'client', config: resolveConfig(config) },
  events: nextEvents,
  serializeState: (s) => {
    const t = s.context;
    // Everything the replay compares must be in the key, or the graph keeps one snapshot for
    // several that differ; with a fixed peer and no data, the sequence numbers stay few.
    return JSON.stringify([
      s.value,
      t.orphaned,
      t.synchronized,
      t.passive,
      t.finSeq,
      t.retries,
      t.sndUna,
      t.sndNxt,
      t.rcvNxt,
      TIMER_NAMES.map((n) => t.timers[n] !== null),
    ]);
  },
});

describe('model-based: shortest paths through the endpoint machine', () => {
  it('reach every one of the eleven states', () => {
    expect(new Set(paths.map((p) => p.state.value))).toEqual(new Set(TCP_STATES));
    console.log(`[model-based] ${paths.length} shortest paths`);
  });

  it.each(TCP_STATES)('the Simulation follows every shortest path ending in %s', (target) => {
    const ending = paths.filter((p) => p.state.value === target);
    expect(ending.length).toBeGreaterThan(0);
    for (const path of ending) {
      const sim = new Simulation({ config, steps: [] });
      // The real peer stays out of it: every segment comes from the path.
      sim.act({ kind: 'block', direction: 'client->server' });
      sim.act({ kind: 'block', direction: 'server->client' });
      for (const { event, state } of path.steps) {
        if (event.type === 'SEGMENT') sim.inject('client', event.segment);
        else if (event.type in CALLS) expect(sim.call('client', CALLS[event.type]!)).toBeNull();
        else if ((event.type as string) !== 'xstate.init') {
          const name = TIMER_NAMES.find((n) => TIMER_EVENTS[n] === event.type)!;
          const deadline = sim.tcb('client').timers[name];
          expect(deadline, `${name} is running in ${sim.state('client')}`).not.toBeNull();
          sim.runUntil(deadline!);
        }
        expect(sim.state('client')).toBe(state.value);
        expect(sim.tcb('client').sndUna).toBe(state.context.sndUna);
        expect(sim.tcb('client').sndNxt).toBe(state.context.sndNxt);
        expect(sim.tcb('client').rcvNxt).toBe(state.context.rcvNxt);
        expect(sim.tcb('client').orphaned).toBe(state.context.orphaned);
      }
    }
  });
});
