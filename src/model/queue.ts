/**
 * The simulated clock's agenda: a binary heap ordered by time, then tier, then the order in
 * which things were scheduled, so that events at the same instant always run in the same order.
 */
export interface Scheduled<T> {
  readonly at: number;
  /** Among things at the same time, a lower tier runs first. */
  readonly tier: number;
  readonly order: number;
  readonly item: T;
}

export class Agenda<T> {
  private heap: Scheduled<T>[] = [];
  private counter = 0;

  get size(): number {
    return this.heap.length;
  }

  schedule(at: number, item: T, tier = 0): void {
    const entry = { at, tier, order: this.counter++, item };
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  peek(): Scheduled<T> | undefined {
    return this.heap[0];
  }

  pop(): Scheduled<T> | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

const before = (a: Scheduled<unknown>, b: Scheduled<unknown>): boolean =>
  a.at !== b.at ? a.at < b.at : a.tier !== b.tier ? a.tier < b.tier : a.order < b.order;
