/**
 * Test-wide equality: two in-flight lists are equal when they hold the same segments. Views of one
 * shared array (src/model/endpoint/inflight.ts) can hold the same segments with different
 * `start`, `end` and history behind them, so comparing their fields would compare the sharing.
 */
import { expect } from 'vitest';
import { isInFlight, sameInFlight } from '../src/model/endpoint/inflight';

expect.addEqualityTesters([
  function inFlightEquality(a: unknown, b: unknown) {
    if (isInFlight(a) && isInFlight(b)) return sameInFlight(a, b);
    return undefined;
  },
]);
