/**
 * One bounded world of the exhaustive exploration, explored and checked: what exploration.test.ts
 * and exploration-data.test.ts share (the largest world has a file of its own so that it runs
 * beside the others on a second core; Vitest runs one file's tests one after another).
 */
import { expect } from 'vitest';
import type { TcpState } from '../../src/model/types';
import { explore, type Bounds } from './explore';
import { checkWorld } from './invariants';

/** Explore every state of the world, check each against the invariants, print the counts; returns the states either side reached. */
export function exploreAndCheck({ name, bounds }: { name: string; bounds: Bounds }): { states: number; reached: Set<TcpState> } {
  const started = performance.now();
  const result = explore(bounds, checkWorld);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const rests = [...result.quiescent.keys()].sort();
  console.log(`[exploration] ${name}: ${result.states} states, ${result.edges} transitions in ${seconds} s; resting pairs: ${rests.join('; ')}`);
  expect(result.states).toBeGreaterThan(1000);
  // The post's hang is reachable: the server rests in CLOSE-WAIT while the client is gone.
  if (bounds.menu.server.includes('listen')) expect(rests.some((r) => /^CLOSED(\(orphaned\))? \/ CLOSE-WAIT$/.test(r))).toBe(true);
  return { states: result.states, reached: result.reached };
}
