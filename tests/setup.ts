/**
 * Test-wide equality for the engine's shared-array views (the in-flight list,
 * src/model/endpoint/inflight.ts, and the wire, src/model/wire.ts): two views are equal when they
 * hold equal items. Views of one array can hold the same items with different `start`, `end` and
 * history behind them, so comparing their fields would compare the sharing, not the contents.
 */
import { expect } from 'vitest';
import type { Tester, TesterContext } from '@vitest/expect';

interface View {
  items: unknown[];
  start: number;
  end: number;
}

const isView = (v: unknown): v is View =>
  typeof v === 'object' && v !== null && Array.isArray((v as View).items) && typeof (v as View).start === 'number' && typeof (v as View).end === 'number';

expect.addEqualityTesters([
  function viewEquality(this: TesterContext, a: unknown, b: unknown, testers: Tester[]) {
    if (isView(a) && isView(b)) return this.equals(a.items.slice(a.start, a.end), b.items.slice(b.start, b.end), testers);
    return undefined;
  },
]);
