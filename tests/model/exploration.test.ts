/**
 * The whole system's reachable states, every one of them, checked against the invariants TCP
 * promises. Bounds are small (one lost segment, three calls a side, one retry of everything) but
 * cover every interleaving and reordering within them. The counts are printed for the record.
 * The largest world (data both ways) is explored in exploration-data.test.ts, beside these.
 */
import { describe, expect, it } from 'vitest';
import { TCP_STATES, type TcpState } from '../../src/model/types';
import { exploreAndCheck } from './exploreWorld';
import { DATA_WORLD, WORLDS } from './worlds';

describe('exhaustive exploration of client x server x network', () => {
  const reached = new Set<TcpState>();
  let total = 0;

  it.each(WORLDS.filter((w) => w !== DATA_WORLD))(
    '$name',
    (world) => {
      const result = exploreAndCheck(world);
      total += result.states;
      for (const s of result.reached) reached.add(s);
    },
    300_000,
  );

  // Without the data world's states: these worlds alone reach every state.
  it('reaches all eleven states', () => {
    console.log(`[exploration] ${total} states in all but the data world`);
    expect([...reached].sort()).toEqual([...TCP_STATES].sort());
  });
});
