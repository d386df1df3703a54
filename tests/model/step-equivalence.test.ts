/**
 * The engine steps an endpoint with `stepEndpoint` (src/model/endpoint/step.ts), which runs the
 * table in src/model/endpoint/edges.ts without XState. It must give what XState's own
 * `transition()` gives on the machine built from that table (src/model/endpoint/machine.ts): the
 * same state, block and effects for any event, and `canStep` what `snapshot.can` says. Two endpoints talk here through a random wire (segments lost,
 * repeated, reordered, damaged) with random calls and timers, and every event is stepped both ways.
 */
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { resolveConfig } from '../../src/model/config';
import { TIMER_EVENTS, type EndpointEvent } from '../../src/model/endpoint/edges';
import { endpointMachine } from '../../src/model/endpoint/machine';
import { canStep, effectsOf, startEndpoint, stepEndpoint, type EndpointSnapshot } from '../../src/model/endpoint/step';
import { TIMER_NAMES } from '../../src/model/endpoint/tcb';
import { splitmix32 } from '../../src/model/rng';
import { ACK, FIN, RST, SYN, type Segment } from '../../src/model/segment';
import { toSeq } from '../../src/model/seq';
import type { EndpointId, TcpState } from '../../src/model/types';

type XStateSnapshot = SnapshotFrom<typeof endpointMachine>;

const CALLS = ['LISTEN', 'CONNECT', 'CLOSE', 'SHUTDOWN', 'ABORT', 'SEND', 'READ'] as const;

function walk(seed: number, events: number): number {
  const rnd = splitmix32(seed);
  const pick = (n: number) => rnd() % n;
  const config = resolveConfig({ latencyMs: 10, clientIsn: 1000, serverIsn: 5000, mss: 100 + pick(1400), rcvBufBytes: 500 + pick(5000) });
  const snaps: Record<EndpointId, XStateSnapshot> = {
    client: initialTransition(endpointMachine, { role: 'client', config })[0],
    server: initialTransition(endpointMachine, { role: 'server', config })[0],
  };
  const wire: { to: EndpointId; segment: Segment }[] = [];
  let now = 0;
  let checked = 0;
  for (let i = 0; i < events; i++) {
    now += pick(300);
    const who: EndpointId = pick(2) === 0 ? 'client' : 'server';
    const snap = snaps[who];
    let event: EndpointEvent;
    const r = pick(10);
    const running = TIMER_NAMES.filter((n) => snap.context.timers[n] !== null);
    if (r < 4 && wire.length > 0) {
      // A segment from the wire, mostly the oldest; sometimes kept for a repeat, sometimes damaged.
      const k = pick(4) === 0 ? pick(wire.length) : 0;
      const w = pick(8) === 0 ? wire[k]! : wire.splice(k, 1)[0]!;
      let segment = w.segment;
      if (pick(10) === 0) segment = { ...segment, seq: toSeq(segment.seq + pick(3000) - 1500), flags: segment.flags ^ [SYN, FIN, RST, ACK][pick(4)]! };
      event = { type: 'SEGMENT', segment, now };
      snaps[w.to] = check(snaps[w.to], event, w.to, wire);
      checked++;
      continue;
    }
    if (r < 7 && running.length > 0) {
      const name = running[pick(running.length)]!;
      event = { type: TIMER_EVENTS[name], now: Math.max(now, snap.context.timers[name]!) } as EndpointEvent;
    } else {
      const type = CALLS[pick(CALLS.length)]!;
      event = (
        type === 'SEND' ? { type, bytes: 1 + pick(4000), now } : type === 'READ' ? { type, bytes: pick(2) ? null : pick(2000), now } : { type, now }
      ) as EndpointEvent;
    }
    snaps[who] = check(snap, event, who, wire);
    checked++;
  }
  return checked;
}

/** One event both ways: the same state, block and effects. Sent segments go on the wire. */
function check(snap: XStateSnapshot, event: EndpointEvent, who: EndpointId, wire: { to: EndpointId; segment: Segment }[]): XStateSnapshot {
  const [theirs, actions] = transition(endpointMachine, snap, event);
  const expected = effectsOf(actions);
  const mine: EndpointSnapshot = { value: snap.value as TcpState, context: snap.context };
  expect(canStep(mine, event)).toBe(snap.can(event));
  const [ours, effects] = stepEndpoint(mine, event);
  expect(ours.value).toEqual(theirs.value);
  expect(ours.context).toEqual(theirs.context);
  expect(theirs.status).toBe('active');
  expect(effects).toEqual(expected);
  for (const e of expected) if (e.type === 'transmit') wire.push({ to: who === 'client' ? 'server' : 'client', segment: e.segment });
  return theirs;
}

describe('stepEndpoint, startEndpoint and canStep read the machine as XState does', () => {
  it('starts an endpoint as XState does', () => {
    const config = resolveConfig({ latencyMs: 10 });
    for (const role of ['client', 'server'] as const) {
      const ours = startEndpoint({ role, config });
      const [theirs] = initialTransition(endpointMachine, { role, config });
      expect(ours.value).toBe(theirs.value);
      expect(ours.context).toEqual(theirs.context);
    }
  });

  // 40 exchanges of 300 events, in parts (each part a few hundred ms: comparing every block is most of it).
  for (let part = 0; part < 8; part++)
    it(`gives the same snapshot and effects for every event of random exchanges (seeds ${part * 5 + 1} to ${part * 5 + 5})`, () => {
      let checked = 0;
      for (let seed = part * 5 + 1; seed <= part * 5 + 5; seed++) checked += walk(seed, 300);
      expect(checked).toBe(5 * 300);
    });
});
