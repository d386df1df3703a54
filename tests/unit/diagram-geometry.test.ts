/** The diagram's pure geometry: the promises the page's layout rests on, checked without a browser. */
import { describe, expect, it } from 'vitest';
import { core as en } from '../../src/i18n/en/core';
import { core as ko } from '../../src/i18n/ko/core';
import {
  chooseFold,
  fitTimeScale,
  foldScale,
  lineCrossesBox,
  overlaps,
  placeChips,
  placeLabels,
  textWidth,
  type LabelInput,
} from '../../src/ui/diagramGeometry';

const FIT = { latencyMs: 100, top: 10, bottom: 10, gapPx: 30, minPxPerLatency: 20, maxPxPerLatency: 80 };

describe('lineCrossesBox', () => {
  const box = { x: 10, y: 10, w: 20, h: 10 };
  it('sees a line through, into or along a box, and not one beside it', () => {
    expect(lineCrossesBox(0, 15, 40, 15, box)).toBe(true);
    expect(lineCrossesBox(0, 0, 20, 15, box)).toBe(true);
    expect(lineCrossesBox(15, 12, 16, 13, box)).toBe(true);
    expect(lineCrossesBox(0, 0, 40, 5, box)).toBe(false);
    expect(lineCrossesBox(0, 25, 40, 21, box)).toBe(false);
    expect(lineCrossesBox(35, 0, 35, 40, box)).toBe(false);
  });
});

describe('fitTimeScale', () => {
  it('fits a run into its box, squeezing silences, and keeps time running down', () => {
    const s = fitTimeScale([0, 100, 200, 300, 5000, 5100], { ...FIT, boxHeight: 300 });
    expect(s.overflows).toBe(false);
    expect(s.height).toBeLessThanOrEqual(300);
    expect(s.gaps).toHaveLength(1);
    expect(s.gaps[0]!.ms).toBe(4700);
    let last = -1;
    for (let t = 0; t <= 6000; t += 50) {
      expect(s.y(t)).toBeGreaterThanOrEqual(last);
      last = s.y(t);
    }
  });

  it('never draws a latency taller or shorter than its limits, and says when a run cannot fit', () => {
    const tall = fitTimeScale([0, 100], { ...FIT, boxHeight: 10_000 });
    expect(tall.pxPerMs * 100).toBeCloseTo(80);
    const long = fitTimeScale(
      Array.from({ length: 40 }, (_, i) => i * 100),
      { ...FIT, boxHeight: 300 },
    );
    expect(long.pxPerMs * 100).toBeCloseTo(20);
    expect(long.overflows).toBe(true);
    expect(long.height).toBeGreaterThan(300);
  });

  it('stops the time after the run at half a silence, however long it runs on', () => {
    const s = fitTimeScale([0, 100], { ...FIT, boxHeight: 400 });
    expect(s.y(1_000_000) - s.y(100)).toBe(FIT.gapPx / 2);
  });
});

describe('placeLabels', () => {
  it('keeps crossing arrows’ labels apart and off every arrow', () => {
    // Two segments sent at once from each side: their arrows cross in the middle (the PSH case).
    const w = textWidth('PSH+ACK seq=1 ack=1 len=1000', 13) + 6;
    const arrows: LabelInput[] = [
      { id: 1, x1: 100, y1: 100, x2: 500, y2: 160, w, h: 17 },
      { id: 2, x1: 500, y1: 100, x2: 100, y2: 160, w, h: 17 },
      { id: 3, x1: 100, y1: 170, x2: 500, y2: 230, w, h: 17 },
    ];
    const placed = placeLabels(arrows, [], 104, 496);
    const boxes = [...placed.values()].map((p) => p.box);
    for (const p of placed.values()) expect(p.clear).toBe(true);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
      for (const a of arrows) expect(lineCrossesBox(a.x1, a.y1, a.x2, a.y2, boxes[i]!)).toBe(false);
      expect(boxes[i]!.x).toBeGreaterThanOrEqual(104);
      expect(boxes[i]!.x + boxes[i]!.w).toBeLessThanOrEqual(496);
    }
  });
});

describe('placeChips', () => {
  it('pushes chips entered at the same moment apart, outside their lifeline', () => {
    const chips = placeChips(
      [
        { key: 'a', y: 50, w: 60, h: 20 },
        { key: 'b', y: 52, w: 80, h: 20 },
      ],
      'left',
      120,
      600,
    );
    const [a, b] = [chips.get('a')!, chips.get('b')!];
    expect(overlaps(a, b)).toBe(false);
    expect(a.x + a.w).toBeLessThanOrEqual(120);
    expect(b.x + b.w).toBeLessThanOrEqual(120);
  });
});

describe('a fold keeps the beginning and now in the box', () => {
  // Forty instants 100 ms apart: 40 latencies at 20 px each cannot fit a 300 px box.
  const points = Array.from({ length: 40 }, (_, i) => i * 100);
  const long = fitTimeScale(points, { ...FIT, boxHeight: 300 });
  const o = { box: 300, bandPx: 24, keep: 100, margin: 16 };

  it('folds nothing while the run fits, or while now is on the first screen', () => {
    const short = fitTimeScale([0, 100, 200], { ...FIT, boxHeight: 300 });
    expect(chooseFold(short, [0, 100, 200], 200, o)).toBeNull();
    expect(long.overflows).toBe(true);
    expect(chooseFold(long, points, 300, o)).toBeNull();
  });

  it('at every moment of a long run, the first segment and now are inside the box, at their own scale', () => {
    for (let now = 0; now <= 4000; now += 25) {
      const f = chooseFold(long, points, now, o);
      const s = f ? foldScale(long, f.from, f.to, o.bandPx) : long;
      // The first segment (0 to 100 ms) is drawn where it was, unfolded.
      expect(s.y(0)).toBe(long.y(0));
      expect(s.y(o.keep)).toBe(long.y(o.keep));
      expect(s.y(o.keep)).toBeLessThanOrEqual(o.box);
      // Now, and the room below it, are in the box.
      expect(s.y(now), `now ${now}`).toBeLessThanOrEqual(o.box - FIT.bottom);
      if (f) {
        expect(f.from).toBeGreaterThanOrEqual(o.keep);
        expect(f.to).toBeLessThanOrEqual(now);
        // After the fold, time is drawn at the same scale as before it.
        expect(s.y(f.to + 50) - s.y(f.to)).toBeCloseTo(long.y(f.to + 50) - long.y(f.to));
        // The fold is one band.
        expect(s.y(f.to) - s.y(f.from)).toBeCloseTo(o.bandPx);
      }
    }
  });

  it('turns a page at a time: the fold stays put between turns', () => {
    const folds = new Set<string>();
    for (let now = 0; now <= 4000; now += 5) {
      const f = chooseFold(long, points, now, o);
      folds.add(f ? `${f.from}:${f.to}` : '');
    }
    // About half a box per turn over 800 px of run: a handful of layouts, not one per frame.
    expect(folds.size).toBeGreaterThan(2);
    expect(folds.size).toBeLessThan(12);
  });

  it('takes silences inside the fold with it, and moves the ones after it up', () => {
    const withGaps = [...points.slice(0, 20), 9000, ...points.slice(0, 20).map((t) => 20_000 + t)];
    const s = fitTimeScale(withGaps, { ...FIT, boxHeight: 300 });
    expect(s.gaps).toHaveLength(2);
    const before = foldScale(s, 100, 1500, 24);
    expect(before.gaps.map((g) => g.from)).toEqual([1900, 9000]);
    expect(before.gaps[0]!.y).toBeCloseTo(s.gaps[0]!.y - (s.y(1500) - s.y(100) - 24));
    const folded = foldScale(s, 100, 9500, 24);
    expect(folded.gaps).toHaveLength(1);
    expect(folded.gaps[0]!.from).toBe(9000);
    expect(folded.gaps[0]!.y).toBeLessThan(s.gaps[1]!.y);
    expect(folded.height).toBeLessThan(s.height);
    expect(folded.fold).toEqual({ from: 100, to: 9500, y: s.y(100), bandPx: 24 });
  });
});

describe('how long a squeezed silence or a fold lasted, in a unit that shows it', () => {
  it('says 41 ms, not 0.0 s; seconds past one; a loopback in microseconds', () => {
    expect(en.compressed(41)).toBe('41 ms pass');
    expect(en.compressed(6000)).toBe('6.0 s pass');
    expect(en.compressed(0.008)).toBe('8 µs pass');
    expect(ko.compressed(41)).toBe('41ms 경과');
    expect(en.folded(7600, 2)).toContain('7.6 s, 2 segments');
    expect(ko.folded(304, 3)).toContain('304ms, 세그먼트 3개');
  });
});
