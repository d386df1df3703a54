import { describe, expect, it } from 'vitest';
import { splitmix32 } from '../../src/model/rng';
import { TimeHeap } from '../../src/model/timeHeap';

describe('TimeHeap', () => {
  it('gives back every time pushed, earliest first, repeats included', () => {
    const rnd = splitmix32(7);
    for (let n = 0; n < 200; n++) {
      const heap = new TimeHeap();
      const pushed = Array.from({ length: n }, () => rnd() % 50);
      for (const t of pushed) heap.push(t);
      expect(heap.size).toBe(n);
      const out: number[] = [];
      while (heap.size > 0) {
        out.push(heap.pop()!);
      }
      expect(out).toEqual([...pushed].sort((a, b) => a - b));
      expect(heap.pop()).toBeUndefined();
    }
  });
});
