/** Which timer, if any, ends each waiting state: read from the engine, for the diagram to draw. */
import { describe, expect, it } from 'vitest';
import { neverClosing } from '../../src/player/policy';
import { Run } from '../../src/player/run';
import { stateWaits } from '../../src/player/waits';
import { findScenario } from '../../src/scenarios/catalog';

function waitsOf(id: string) {
  const s = findScenario(id)!;
  const run = new Run(s.script.config ?? {}, s.script.steps);
  run.extendToEnd(10_000);
  return stateWaits(run, neverClosing(s.neverCloses));
}

describe('stateWaits', () => {
  it('CLOSE-WAIT of an application that never calls close(): no timer, never left', () => {
    const server = waitsOf('close-wait-hang').filter((w) => w.endpoint === 'server');
    expect(server).toEqual([expect.objectContaining({ state: 'CLOSE-WAIT', timerEnds: null, until: null, orphaned: false })]);
  });

  it('FIN-WAIT-2 after close() is orphaned and timed by tcp_fin_timeout; after shutdown() it is held, with no timer', () => {
    const fw2 = waitsOf('fin-wait-2-timeout').filter((w) => w.state === 'FIN-WAIT-2');
    expect(fw2).toHaveLength(2);
    const [closed, shut] = fw2;
    expect(closed!.orphaned).toBe(true);
    // The classroom's tcp_fin_timeout: 6 s, and the timer is what ends it.
    expect(closed!.timerEnds! - closed!.from).toBe(6000);
    expect(closed!.until).toBe(closed!.timerEnds);
    expect(shut!.orphaned).toBe(false);
    expect(shut!.timerEnds).toBeNull();
    expect(shut!.until).toBeNull();
  });

  it('TIME-WAIT runs its own timer', () => {
    const tw = waitsOf('four-way-close').filter((w) => w.state === 'TIME-WAIT');
    expect(tw).toHaveLength(1);
    expect(tw[0]!.timerEnds! - tw[0]!.from).toBe(8000);
  });
});
