/** A segment's flight, as the player answers it for every view: where it stops, when its path ends, whether it has settled. */
import { describe, expect, it } from 'vitest';
import type { WireSegment } from '../../src/model/history';
import type { ScriptStep } from '../../src/model/script';
import { LOST_AT, pathEnd, settledBy, stopAt, stopFraction, stoppedBy, stopsOnWay } from '../../src/player/flight';
import { NO_POLICY } from '../../src/player/policy';
import { Run } from '../../src/player/run';
import { findScenario } from '../../src/scenarios/catalog';

const open: ScriptStep[] = [
  { at: 0, endpoint: 'server', call: 'listen' },
  { at: 0, endpoint: 'client', call: 'connect' },
];

/** The run's wire at time t (a frame's history holds what has happened by then). */
const wireAt = (run: Run, t: number): readonly WireSegment[] => run.frameAt(t, NO_POLICY).history.wire;

describe("a segment's flight", () => {
  it('a segment that arrives: its path ends at its arrival, and it settles when it has arrived', () => {
    const run = new Run({}, open);
    const syn = wireAt(run, Infinity)[0]!;
    expect(stopsOnWay(syn)).toBe(false);
    expect(pathEnd(syn)).toBe(syn.arrivesAt);
    expect(syn.arrivesAt).toBeGreaterThan(syn.sentAt);
    expect(settledBy(wireAt(run, syn.arrivesAt - 1)[0]!, syn.arrivesAt - 1)).toBe(false);
    expect(settledBy(wireAt(run, syn.arrivesAt)[0]!, syn.arrivesAt)).toBe(true);
  });

  it('a segment lost with no instant of its own (the network dropped the next one) stops halfway, and settles there', () => {
    const { script } = findScenario('syn-lost')!;
    const run = new Run(script.config ?? {}, script.steps);
    const wire = wireAt(run, Infinity);
    const syn = wire[0]!;
    expect(syn.lost).toBe('dropped');
    expect(syn.droppedAt).toBeUndefined();
    expect(stopsOnWay(syn)).toBe(true);
    expect(stopFraction(syn)).toBe(LOST_AT);
    expect(LOST_AT).toBe(0.5);
    const stop = syn.sentAt + (syn.arrivesAt - syn.sentAt) / 2;
    expect(stopAt(syn)).toBe(stop);
    expect(pathEnd(syn)).toBe(stop);
    expect(settledBy(syn, stop - 1)).toBe(false);
    expect(settledBy(syn, stop)).toBe(true);
    // Only the lost one ever stops: the key changes once, when it does.
    expect(stoppedBy(wire, stop - 1)).toBe('');
    expect(stoppedBy(wire, stop)).toBe(`${syn.id},`);
    expect(stoppedBy(wire, Infinity)).toBe(`${syn.id},`);
  });

  it('a segment dropped while it travelled stops where it was dropped', () => {
    // Latency 20 ms: the SYN is on the wire from 0 to 20 ms, and dropped at 5 ms.
    const run = new Run({}, [...open, { at: 5, network: 'drop', segment: 1 } as ScriptStep]);
    const syn = wireAt(run, Infinity)[0]!;
    expect(syn.sentAt).toBe(0);
    expect(syn.arrivesAt).toBe(20);
    expect(syn.droppedAt).toBe(5);
    expect(stopsOnWay(syn)).toBe(true);
    expect(stopAt(syn)).toBe(5);
    expect(stopFraction(syn)).toBe(0.25);
    expect(pathEnd(syn)).toBe(5);
    expect(settledBy(syn, 4)).toBe(false);
    expect(settledBy(syn, 5)).toBe(true);
  });

  it('a segment a manual network holds waits halfway, settled there until it is delivered or dropped', () => {
    const run = new Run({}, [{ at: 0, network: 'manual', on: true } as ScriptStep, ...open]);
    const syn = wireAt(run, 1000)[0]!;
    expect(syn.held).toBe(true);
    expect(syn.delivered).toBe(false);
    expect(stopsOnWay(syn)).toBe(true);
    expect(stopFraction(syn)).toBe(LOST_AT);
    expect(stopAt(syn)).toBe(syn.sentAt + (syn.arrivesAt - syn.sentAt) * LOST_AT);
    expect(settledBy(syn, stopAt(syn))).toBe(true);
    expect(stoppedBy(wireAt(run, 1000), 1000)).toBe(`${syn.id},`);
  });
});
