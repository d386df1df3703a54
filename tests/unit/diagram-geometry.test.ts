/** The diagram's pure geometry: the promises the page's layout rests on, checked without a browser. */
import { describe, expect, it } from 'vitest';
import { core as en } from '../../src/i18n/en/core';
import { core as ko } from '../../src/i18n/ko/core';
import {
  chooseFold,
  clipToBand,
  fitTimeScale,
  foldAnchor,
  foldCost,
  foldScale,
  labelPlacer,
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

  it('is kept for a box a few pixels taller or shorter only when it would not change there', () => {
    // A run that fits is fitted to its box again; one held at its floor keeps its scale.
    const fits = fitTimeScale([0, 100, 200], { ...FIT, boxHeight: 120 });
    expect(fits.overflows).toBe(false);
    expect(fits.keptAt!(124)).toBe(false);
    const long = fitTimeScale(
      Array.from({ length: 40 }, (_, i) => i * 100),
      { ...FIT, boxHeight: 300 },
    );
    expect(long.keptAt!(310)).toBe(true);
    expect(long.keptAt!(long.height)).toBe(false);
    // A fast run stepped at minStepPx overflows with a scale that still follows the box: kept while it overflows.
    const steps = Array.from({ length: 40 }, (_, i) => i * 2);
    const fast = { ...FIT, latencyMs: 1, minStepPx: 20, busy: steps.map((t) => [t, t + 1] as const) };
    const stepped = fitTimeScale(steps, { ...fast, boxHeight: 264 });
    expect(stepped.overflows).toBe(true);
    expect(fitTimeScale(steps, { ...fast, boxHeight: 275 }).pxPerMs).not.toBe(stepped.pxPerMs);
    expect(stepped.keptAt!(275)).toBe(true);
    expect(stepped.keptAt!(259)).toBe(true);
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

/** A busy run's arrows, crossing back and forth (a telnet session's bursts): many labels find no clear place. */
function busyRun(n: number, seed: number): LabelInput[] {
  let x = seed;
  const rand = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: LabelInput[] = [];
  let y = 20;
  for (let id = 0; id < n; id++) {
    y += 4 + rand() * 30;
    const right = rand() < 0.5;
    const w = textWidth(`PSH+ACK seq=${id * 100} ack=1 len=${Math.round(rand() * 100)}`, 13) + 6;
    out.push({ id, x1: right ? 100 : 500, y1: y, x2: right ? 500 : 100, y2: y + 10 + rand() * 120, w, h: 17 });
  }
  return out;
}

describe('labels readable: off the lifelines, not side by side', () => {
  it('puts no label that fits between the lifelines across one (a GRE capture had one over the client’s)', () => {
    // Labels allowed over the whole width (between the lifelines is too tight), the lifelines at 100 and 500.
    for (const seed of [1, 2, 3]) {
      const placed = placeLabels(busyRun(60, seed), [], 2, 598, [100, 500]);
      for (const p of placed.values()) {
        if (!p.clear) continue;
        for (const x of [100, 500]) expect(p.box.x < x && x < p.box.x + p.box.w, `label at ${p.box.x}..${p.box.x + p.box.w}`).toBe(false);
      }
    }
  });

  it('keeps two labels on one line well apart (at the end of fin-wait-2-timeout two read as one)', () => {
    // A FIN+ACK sent just after two crossing segments: its label's first clear places are beside theirs.
    const fin = textWidth('FIN+ACK seq=1 ack=1', 13) + 6;
    const ack = textWidth('ACK seq=1 ack=1', 13) + 6;
    const arrows: LabelInput[] = [
      { id: 0, x1: 500, y1: 109, x2: 100, y2: 139, w: ack, h: 17 },
      { id: 1, x1: 500, y1: 110, x2: 100, y2: 140, w: fin, h: 17 },
      { id: 2, x1: 100, y1: 115, x2: 500, y2: 145, w: ack, h: 17 },
    ];
    const boxes = [...placeLabels(arrows, [], 104, 496).values()].map((p) => (expect(p.clear).toBe(true), p.box));
    for (const a of boxes)
      for (const b of boxes) {
        const sameLine = a !== b && Math.abs(a.y + a.h / 2 - (b.y + b.h / 2)) < a.h / 2;
        if (sameLine) expect(Math.max(a.x - b.x - b.w, b.x - a.x - a.w)).toBeGreaterThanOrEqual(a.h * 1.5);
      }
  });
});

describe('labels placed as far as asked (labelPlacer)', () => {
  it('gives each label the place placing them all gives it, however they are asked for, and never moves one', () => {
    for (const seed of [1, 2, 3]) {
      const run = busyRun(300, seed);
      const all = placeLabels(run, [{ x: 0, y: 200, w: 600, h: 30 }], 104, 496);
      const placer = labelPlacer(run, [{ x: 0, y: 200, w: 600, h: 30 }], 104, 496);
      // A few at a time as a diagram steps, then one far ahead, then back to the beginning.
      const seenFirst = new Map<number, unknown>();
      for (const id of [0, 1, 2, 5, 9, 40, 41, 250, 3, 120, 299, 0]) {
        const p = placer.get(id)!;
        expect(p, `label ${id}`).toEqual(all.get(id));
        if (seenFirst.has(id)) expect(p).toBe(seenFirst.get(id));
        seenFirst.set(id, p);
      }
      expect(placer.count).toBe(300);
      for (const l of run) expect(placer.get(l.id)).toEqual(all.get(l.id));
      expect(placer.get(1000)).toBeUndefined();
    }
  });

  it('places nothing before it is asked, and stops at the first label with no clear place when told to', () => {
    const run = busyRun(200, 7);
    const all = placeLabels(run, [], 104, 496);
    const firstCrowded = run.findIndex((l) => !all.get(l.id)!.clear);
    expect(firstCrowded).toBeGreaterThan(0);
    const placer = labelPlacer(run, [], 104, 496);
    expect(placer.count).toBe(0);
    placer.placeFirst(firstCrowded);
    expect([placer.count, placer.clear]).toEqual([firstCrowded, true]);
    placer.placeFirst(200, true);
    expect([placer.count, placer.clear]).toEqual([firstCrowded + 1, false]);
    placer.placeFirst(150);
    expect(placer.count).toBe(150);
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
  const o = { box: 300, bandPx: 24, keep: 100, margin: 16, recent: 60, quantum: 6 };
  const marks = points.slice(1).map((t) => ({ from: t - 100, to: t, weight: 1 }));
  const anchor = foldAnchor(long, points, marks, o);
  const fold = (now: number) => chooseFold(long, points, now, { ...o, anchor });

  it('never folds a run that fits at the tightest legible scale, nor one whose now is still in the box', () => {
    const fits = fitTimeScale(points.slice(0, 12), { ...FIT, boxHeight: 300 });
    expect(fits.overflows).toBe(false);
    expect(foldAnchor(fits, points.slice(0, 12), marks, o)).toBeNull();
    for (let now = 0; now <= 1200; now += 10) expect(chooseFold(fits, points.slice(0, 12), now, { ...o, anchor: null })).toBeNull();
    expect(long.overflows).toBe(true);
    // Now still above the box's bottom (less the room kept below it): nothing folded yet.
    const last = points.filter((t) => long.y(t) + o.margin <= o.box).at(-1)!;
    expect(last).toBeGreaterThan(800);
    expect(fold(last)).toBeNull();
    expect(fold(last + 100)).not.toBeNull();
  });

  it('at every moment of a long run: the first segment and now in the box, now at its bottom, the fold no taller than the overflow', () => {
    for (let now = 0; now <= 4000; now += 25) {
      const f = fold(now);
      const s = f ? foldScale(long, f.from, f.to, o.bandPx) : long;
      // The first segment (0 to 100 ms) is drawn where it was, unfolded.
      expect(s.y(0)).toBe(long.y(0));
      expect(s.y(o.keep)).toBe(long.y(o.keep));
      // Now, and the room below it, are in the box …
      expect(s.y(now), `now ${now}`).toBeLessThanOrEqual(o.box - o.margin + 0.01);
      if (!f) continue;
      // … and, folded, no more than a step of the fold's growth above that: the box is used to its bottom.
      expect(s.y(now), `now ${now}`).toBeGreaterThanOrEqual(o.box - o.margin - o.quantum - 1e-6);
      const hidden = long.y(f.to) - long.y(f.from) - o.bandPx;
      expect(hidden).toBeLessThanOrEqual(long.y(now) + o.margin - o.box + o.quantum + 1e-6);
      expect(f.from).toBeGreaterThanOrEqual(o.keep);
      expect(f.to).toBeLessThanOrEqual(now);
      // What just happened stays in view.
      expect(s.y(now) - s.y(f.to)).toBeGreaterThanOrEqual(o.recent - 1e-6);
      // After the fold, time is drawn at the same scale as before it.
      expect(s.y(f.to + 50) - s.y(f.to)).toBeCloseTo(long.y(f.to + 50) - long.y(f.to));
      expect(s.y(f.to) - s.y(f.from)).toBeCloseTo(o.bandPx);
    }
  });

  it('is stable as now advances: the fold begins at one place and only grows', () => {
    const froms = new Set<number>();
    let to = -Infinity;
    for (let now = 0; now <= 4000; now += 5) {
      const f = fold(now);
      if (!f) continue;
      froms.add(Math.round(f.from));
      expect(f.to, `now ${now}`).toBeGreaterThanOrEqual(to);
      to = f.to;
    }
    expect(froms.size).toBe(1);
  });

  it('folds a long quiet stretch rather than what is busy, or what just happened', () => {
    // Busy, a quiet stretch (a retry's wait: nothing on the wire), busy again.
    const busy1 = Array.from({ length: 6 }, (_, i) => i * 100);
    const quiet = Array.from({ length: 40 }, (_, i) => 600 + i * 120);
    const busy2 = Array.from({ length: 12 }, (_, i) => 6000 + i * 100);
    const all = [...busy1, ...quiet, ...busy2];
    const onWire = [...busy1.slice(1), ...busy2.slice(1)].map((t) => [t - 100, t] as const);
    const box = { ...o, box: 500 };
    const s = fitTimeScale(all, { ...FIT, boxHeight: 500, busy: onWire });
    expect(s.overflows).toBe(true);
    const m = onWire.map(([from, to]) => ({ from, to, weight: 1 }));
    const at = foldAnchor(s, all, m, box)!;
    const f = chooseFold(s, all, all.at(-1)!, { ...box, anchor: at })!;
    expect(foldCost(s, m, s.y(f.from), s.y(f.to))).toBe(0);
    // The fold takes the quiet stretch, not the first exchange after the handshake.
    expect(f.from).toBeGreaterThanOrEqual(500);
    expect(foldCost(s, m, s.y(f.from), s.y(f.to))).toBeLessThan(foldCost(s, m, s.y(o.keep), s.y(o.keep) + s.y(f.to) - s.y(f.from)));
  });

  it('makes room for a state chip pushed further down than now', () => {
    const below = [{ t: 3000, drop: 50 }];
    for (const now of [3000, 3200, 3500]) {
      const f = chooseFold(long, points, now, { ...o, below, anchor: foldAnchor(long, points, marks, { ...o, below }) })!;
      const s = foldScale(long, f.from, f.to, o.bandPx);
      expect(s.y(3000) + 50).toBeLessThanOrEqual(o.box + 0.01);
      expect(s.y(now)).toBeLessThanOrEqual(o.box - o.margin + 0.01);
    }
  });

  it('draws an arrow begun inside the band from its lower edge, and one ending in it to its upper edge', () => {
    const band = { top: 100, bottom: 120 };
    expect(clipToBand(0, 110, 100, 210, band)).toEqual([10, 120, 100, 210]);
    expect(clipToBand(0, 0, 100, 110, band)).toEqual([0, 0, 100 * (100 / 110), 100]);
    expect(clipToBand(0, 105, 100, 115, band)).toBeNull();
    expect(clipToBand(0, 130, 100, 150, band)).toEqual([0, 130, 100, 150]);
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
