/**
 * A capture replayed through the engine (src/model/replay.ts): the wire carries what the capture
 * saw, the endpoints' own segments are only expected, and the first user action forks the replay
 * into the simulator, where the endpoints send for themselves again.
 */
import { describe, expect, it } from 'vitest';
import { connectionsOf } from '../../src/capture/connections';
import { replayOf } from '../../src/capture/infer';
import { readCapture } from '../../src/capture/read';
import { buildPcap } from '../../src/model/pcap';
import { REPLAYER } from '../../src/model/replayStep';
import { Simulation } from '../../src/model/simulation';
import { Run } from '../../src/player/run';
import { NO_POLICY } from '../../src/player/policy';
import { SCENARIOS } from '../../src/scenarios/catalog';

const lessonReplay = (id: string) => {
  const lesson = SCENARIOS.find((s) => s.id === id)!;
  const sim = new Simulation(lesson.script);
  sim.runToEnd();
  const [c] = connectionsOf(readCapture(buildPcap(sim)).segments);
  return { sim, r: replayOf(c!, { config: lesson.script.config, delay: sim.config.latencyMs / 1000 }) };
};

describe('a replayed capture', () => {
  it('sends nothing of its own: every segment on the wire is one the capture saw', () => {
    const { sim, r } = lessonReplay('close-wait-hang');
    const run = new Run(r.config, r.steps, REPLAYER);
    const frame = run.frameAt(r.endMs + 120_000, NO_POLICY);
    expect(frame.wire.length).toBe(sim.wire.filter((w) => w.sentAt <= sim.now).length);
    // The calls it could not see are inferred, and said to be.
    expect(frame.history.calls.map((c) => [c.endpoint, c.call, c.inferred ?? false])).toEqual([
      ['server', 'listen', false],
      ['client', 'connect', true],
      ['client', 'close', true],
    ]);
  });

  it('forks into the simulator at the first user action: the server that sat in CLOSE-WAIT closes, and its FIN is its own', () => {
    const { r } = lessonReplay('close-wait-hang');
    const run = new Run(r.config, r.steps, REPLAYER);
    const seen = run.frameAt(r.endMs, NO_POLICY);
    expect(seen.state('server')).toBe('CLOSE-WAIT');
    const fork = run.fork(Math.ceil(r.endMs), { at: 0, endpoint: 'server', call: 'close' });
    const after = fork.frameAt(r.endMs + 3_000, NO_POLICY);
    const fin = after.wire.at(-2)!;
    expect([fin.from, fin.why.kind]).toEqual(['server', 'fin']);
    expect(after.wire.at(-1)!.why.kind).toBe('ack-fin');
    expect(after.state('server')).toBe('CLOSED');
    expect(after.state('client')).toBe('TIME-WAIT');
    // The replay before the fork is untouched.
    expect(run.frameAt(r.endMs + 10_000, NO_POLICY).state('server')).toBe('CLOSE-WAIT');
  });
});
