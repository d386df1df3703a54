/**
 * A binary min-heap of times: the earliest is always on top. The fleet keeps the times its held
 * ports come free in one (src/model/fleet.ts).
 */
export class TimeHeap {
  private readonly heap: number[] = [];

  get size(): number {
    return this.heap.length;
  }

  /** The earliest time, or undefined when empty. */
  peek(): number | undefined {
    return this.heap[0];
  }

  push(t: number): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]! <= t) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = t;
  }

  /** Take the earliest time off (undefined when empty). */
  pop(): number | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      const at = (k: number) => (k === i ? last : h[k]!);
      if (l < h.length && h[l]! < at(m)) m = l;
      if (r < h.length && h[r]! < at(m)) m = r;
      if (m === i) break;
      h[i] = h[m]!;
      i = m;
    }
    h[i] = last;
    return top;
  }
}
