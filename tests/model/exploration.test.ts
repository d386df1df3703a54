/**
 * The whole system's reachable states, every one of them, checked against the invariants TCP
 * promises. Bounds are small (one lost segment, three calls a side, one retry of everything) but
 * cover every interleaving and reordering within them. The counts are printed for the record.
 */
import { describe, expect, it } from 'vitest';
import { TCP_STATES, type TcpState } from '../../src/model/types';
import { explore } from './explore';
import { checkWorld } from './invariants';
import { WORLDS } from './worlds';

describe('exhaustive exploration of client x server x network', () => {
  const reached = new Set<TcpState>();
  let total = 0;

  it.each(WORLDS)(
    '$name',
    ({ name, bounds }) => {
      const started = performance.now();
      const result = explore(bounds, checkWorld);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const rests = [...result.quiescent.keys()].sort();
      total += result.states;
      for (const s of result.reached) reached.add(s);
      console.log(`[exploration] ${name}: ${result.states} states, ${result.edges} transitions in ${seconds} s; resting pairs: ${rests.join('; ')}`);
      expect(result.states).toBeGreaterThan(1000);
      // The post's hang is reachable: the server rests in CLOSE-WAIT while the client is gone.
      if (bounds.menu.server.includes('listen')) expect(rests.some((r) => /^CLOSED(\(orphaned\))? \/ CLOSE-WAIT$/.test(r))).toBe(true);
    },
    300_000,
  );

  it('reaches all eleven states', () => {
    console.log(`[exploration] ${total} states in all`);
    expect([...reached].sort()).toEqual([...TCP_STATES].sort());
  });
});
