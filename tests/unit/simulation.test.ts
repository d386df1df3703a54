/** The simulation's promises to the UI: determinism, replay to any time, and what is pending. */
import { describe, expect, it } from 'vitest';
import type { Script } from '../../src/model/script';
import { Simulation } from '../../src/model/simulation';
import { ACK, SYN, segment } from '../../src/model/segment';
import type { World } from '../../src/model/world';

const LIFE: Script = {
  config: { preset: 'linux', latencyMs: 20, seed: 99 },
  steps: [
    { at: 0, endpoint: 'server', call: 'listen' },
    { at: 100, endpoint: 'client', call: 'connect' },
    { at: 300, endpoint: 'client', call: 'send', bytes: 4000 },
    { at: 301, network: 'drop-next', direction: 'client->server' },
    { at: 1000, endpoint: 'client', call: 'close' },
    { at: 1500, endpoint: 'server', call: 'close' },
  ],
};

describe('Simulation', () => {
  it('gives the same trace for the same script, every time', () => {
    expect(JSON.stringify(Simulation.run(LIFE))).toBe(JSON.stringify(Simulation.run(LIFE)));
  });

  it('seeds the ISNs: another seed, other numbers, same story', () => {
    const a = Simulation.run(LIFE);
    const b = Simulation.run({ ...LIFE, config: { ...LIFE.config, seed: 100 } });
    expect(a.segments[0]!.seq).not.toBe(b.segments[0]!.seq);
    expect(a.transitions.map((t) => t.to)).toEqual(b.transitions.map((t) => t.to));
  });

  it('keeps every world it passes: a world kept on the way is the world a replay to that time makes', () => {
    const full = new Simulation(LIFE);
    const seen: World[] = [];
    while (full.advance()) seen.push(full.world);
    expect(seen.length).toBeGreaterThan(10);
    for (const kept of seen) {
      const replay = new Simulation(LIFE);
      replay.runUntil(kept.now);
      // Events at the same instant all run, so compare with the last world at that time.
      const last = seen.filter((w) => w.now === kept.now).at(-1)!;
      expect(replay.world.endpoints.client.value).toBe(last.endpoints.client.value);
      expect(replay.world.endpoints.server.value).toBe(last.endpoints.server.value);
      expect(replay.world.endpoints.client.context).toEqual(last.endpoints.client.context);
      expect(replay.world.endpoints.server.context).toEqual(last.endpoints.server.context);
      expect(replay.world.flights).toEqual(last.flights);
    }
    // Kept worlds were not changed by what came after them.
    expect(seen[0]!.endpoints.server.value).toBe('LISTEN');
  });

  it('reports what is pending and when, so a UI can say "TIME-WAIT ends in 58.2 s"', () => {
    const sim = new Simulation({ ...LIFE, steps: LIFE.steps.filter((s) => !('network' in s)) });
    sim.runUntil(1600);
    expect(sim.state('client')).toBe('TIME-WAIT');
    const entered = sim.transitions.find((t) => t.to === 'TIME-WAIT')!.t;
    const timeWait = sim.pending().find((p) => p.kind === 'timer' && p.endpoint === 'client' && p.name === 'time-wait');
    expect(timeWait?.at).toBe(entered + 60_000);
    sim.runUntil(entered + 1800);
    expect(((timeWait!.at - sim.now) / 1000).toFixed(1)).toBe('58.2');
    expect(sim.nextEventAt()).toBe(entered + 60_000);
  });

  it('lists segments in flight with their arrival time, and stands at any time between events', () => {
    const sim = new Simulation(LIFE);
    sim.runUntil(110);
    const [arrival] = sim.pending().filter((p) => p.kind === 'arrival');
    expect(arrival).toMatchObject({ at: 120, segment: { from: 'client', sentAt: 100 } });
    expect(sim.now).toBe(110);
  });

  it('counts what happens, not time passing: views redraw on its revision', () => {
    const sim = new Simulation(LIFE);
    sim.runUntil(110);
    const before = sim.revision;
    sim.runUntil(119); // nothing scheduled in between
    expect(sim.revision).toBe(before);
    sim.runUntil(120); // the SYN arrives
    expect(sim.revision).toBeGreaterThan(before);
    const afterArrival = sim.revision;
    sim.call('client', 'listen'); // refused, and still something that happened
    expect(sim.revision).toBe(afterArrival + 1);
    sim.act({ kind: 'block', direction: 'client->server' });
    expect(sim.revision).toBe(afterArrival + 2);
  });

  it('explains a refused call the way a socket API would', () => {
    const sim = new Simulation({ steps: [] });
    expect(sim.check('client', 'close')).toEqual({ allowed: false, reason: 'connection does not exist' });
    expect(sim.call('client', 'connect')).toBeNull();
    expect(sim.check('client', 'listen')).toEqual({ allowed: false, reason: 'connection already exists' });
    expect(sim.check('client', 'send')).toEqual({ allowed: false, reason: 'connection not yet established' });
  });

  it('accepts a segment from any source, not only its peer', () => {
    const sim = new Simulation({ config: { clientIsn: 1, serverIsn: 2 }, steps: [{ at: 0, endpoint: 'server', call: 'listen' }] });
    sim.runToEnd();
    sim.inject('server', segment(SYN, 123_456, null));
    expect(sim.state('server')).toBe('SYN-RECEIVED');
    expect(sim.transitions.at(-1)).toMatchObject({ from: 'LISTEN', to: 'SYN-RECEIVED', cause: { kind: 'injected' } });
    expect(sim.wire.at(-1)!.segment).toMatchObject({ flags: SYN | ACK, ack: 123_457 });
  });
});

describe('manual network: the student plays the wire', () => {
  const base: Script = {
    config: { preset: 'classroom' },
    steps: [
      { at: 0, endpoint: 'server', call: 'listen' },
      { at: 0, network: 'manual', on: true },
      { at: 0, endpoint: 'client', call: 'connect' },
    ],
  };

  it('holds each segment halfway until it is delivered or dropped', () => {
    const sim = new Simulation(base);
    sim.runUntil(5000);
    expect(sim.wire[0]).toMatchObject({ held: true, delivered: false });
    expect(sim.state('server')).toBe('LISTEN');
    sim.act({ kind: 'deliver', segment: 1 });
    sim.runUntil(sim.now + 300); // the second half of the trip
    expect(sim.state('server')).toBe('SYN-RECEIVED');
    expect(sim.wire[1]).toMatchObject({ held: true });
  });

  it('a dropped one is lost, and the sender retransmits it as usual', () => {
    const sim = new Simulation({ ...base, steps: [...base.steps, { at: 100, network: 'drop', segment: 1 }] });
    sim.runUntil(2100);
    expect(sim.wire[0]!.lost).toBe('dropped');
    expect(sim.wire[1]).toMatchObject({ retransmission: true, held: true });
  });

  it('replays exactly from its steps, like everything else', () => {
    const script: Script = { ...base, steps: [...base.steps, { at: 100, network: 'deliver', segment: 1 }, { at: 900, network: 'manual', on: false }] };
    const a = Simulation.run(script);
    expect(a.final).toMatchObject({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
    expect(JSON.stringify(Simulation.run(script))).toBe(JSON.stringify(a));
  });
});
