/**
 * The diagram's layout, without a browser: what it draws of a run, where its labels and chips
 * stand, where a segment is at a moment, and its scale as its box settles (chosen again only when
 * the new size would change it).
 */
import { describe, expect, it } from 'vitest';
import { core as en } from '../../src/i18n/en/core';
import type { WireSegment } from '../../src/model/history';
import type { ScriptStep } from '../../src/model/script';
import { pathEnd, stopFraction, stopsOnWay } from '../../src/player/flight';
import { NO_POLICY } from '../../src/player/policy';
import { Run } from '../../src/player/run';
import { SCENARIOS, findScenario } from '../../src/scenarios/catalog';
import { lineCrossesBox, overlaps } from '../../src/ui/diagramGeometry';
import { arrivalY, chipKey, drawnPart, lastingStates, layOut, lifelineFraction, MAX_DRAWN, segmentAt } from '../../src/ui/diagramLayout';

const METRICS = { width: 1200, label: 13, chip: 13 };

function planner(id: string) {
  const lesson = findScenario(id)!;
  const frame = new Run(lesson.script.config ?? {}, lesson.script.steps).frameAt(Infinity, NO_POLICY);
  const whole = drawnPart(frame);
  return { whole, planFor: () => layOut(whole, METRICS, true, en, undefined, new Map()) };
}

/** Everything a plan draws of a run: its scale, height, labels, chips and silences. */
function drawing(p: ReturnType<ReturnType<typeof layOut>>, ids: readonly number[]) {
  const w = p.whole;
  return {
    px: w.scale.pxPerMs,
    overflows: w.scale.overflows,
    height: w.height,
    ys: p.points.map((t) => w.scale.y(t)),
    labels: ids.map((id) => w.labels.get(id)),
    chips: [...w.chips.entries()],
    gaps: [...w.gapLabels.entries()],
    box: p.box,
    anchor: p.anchor,
  };
}

describe('layOut as the box settles', () => {
  it('keeps the scale it chose across a box a few pixels taller or shorter when the run does not fit, and draws exactly what a fresh layout would', () => {
    const { whole, planFor } = planner('four-way-close');
    const ids = whole.history.wire.map((w) => w.id);
    const settling = planFor();
    const first = settling(160);
    expect(first.whole.scale.overflows).toBe(true);
    for (const box of [171, 155]) {
      const again = settling(box);
      // The scale was not chosen again: the very one, its labels not placed again.
      expect(again.whole.scale).toBe(first.whole.scale);
      // And the drawing is the one a layout made for this box alone would be.
      expect(drawing(again, ids)).toEqual(drawing(planFor()(box), ids));
    }
  });

  it('chooses again when the new box changes the choice (a run that fits is fitted to its box)', () => {
    const { whole, planFor } = planner('four-way-close');
    const ids = whole.history.wire.map((w) => w.id);
    const settling = planFor();
    const small = settling(160);
    const tall = settling(700);
    expect(tall.whole.scale.overflows).toBe(false);
    expect(tall.whole.scale).not.toBe(small.whole.scale);
    expect(drawing(tall, ids)).toEqual(drawing(planFor()(700), ids));
    const taller = settling(704);
    expect(taller.whole.scale.pxPerMs).toBeGreaterThan(tall.whole.scale.pxPerMs);
    expect(drawing(taller, ids)).toEqual(drawing(planFor()(704), ids));
    expect(drawing(settling(160), ids)).toEqual(drawing(small, ids));
  });
});

/** Every lesson laid out at a width, for a box of `box` pixels. */
function laidOut(width: number, box: number) {
  return SCENARIOS.map((lesson) => {
    const frame = new Run(lesson.script.config ?? {}, lesson.script.steps).frameAt(Infinity, NO_POLICY);
    const whole = drawnPart(frame);
    const plan = layOut(whole, { width, label: 13, chip: 13 }, true, en, undefined, new Map())(box);
    return { id: lesson.id, whole, layout: plan.whole };
  });
}

describe('a laid-out lesson, on a desk and on a phone', () => {
  // On a desk every lesson's every label finds a clear place; on a phone a few find none and are left out.
  for (const [width, box, allClear] of [
    [1200, 700, true],
    [375, 560, false],
  ] as const) {
    const lessons = laidOut(width, box);

    it(`${width} px: the lifelines stand where the heads above them do`, () => {
      for (const { layout } of lessons) {
        expect(layout.X.client).toBe(Math.round(width * lifelineFraction(width)));
        expect(layout.X.server).toBe(Math.round(width * (1 - lifelineFraction(width))));
      }
      expect(lifelineFraction(375)).toBe(0.25);
      expect(lifelineFraction(1200)).toBe(0.18);
    });

    it(`${width} px: ${allClear ? 'every label finds' : 'labels find'} a clear place, inside the drawing, over no other label and across no other arrow`, () => {
      let left = 0;
      for (const { id, whole, layout } of lessons) {
        const { scale, X } = layout;
        const all = whole.history.wire.map((w) => ({ w, label: layout.labels.get(w.id)! }));
        for (const { w, label } of all) expect(label, `${id} #${w.id}`).toBeDefined();
        // A label with no clear place is not drawn.
        const placed = all.filter(({ label }) => label.clear);
        left += all.length - placed.length;
        for (const { w, label } of placed) {
          expect(label.box.x, `${id} #${w.id}`).toBeGreaterThanOrEqual(0);
          expect(label.box.x + label.box.w, `${id} #${w.id}`).toBeLessThanOrEqual(width);
        }
        for (const [i, a] of placed.entries())
          for (const b of placed.slice(i + 1)) expect(overlaps(a.label.box, b.label.box), `${id}: #${a.w.id} and #${b.w.id}`).toBe(false);
        // Each arrow as drawn once settled: to its arrival, or to where it stopped.
        for (const { w, label } of placed)
          for (const other of whole.history.wire) {
            if (other === w) continue;
            const x1 = X[other.from];
            const y1 = scale.y(other.sentAt);
            const end = stopsOnWay(other) ? stopFraction(other) : 1;
            const x2 = x1 + (X[other.to] - x1) * end;
            const y2 = y1 + (arrivalY(other, scale.y, Math.round(13 * 1.3)) - y1) * end;
            expect(lineCrossesBox(x1, y1, x2, y2, label.box), `${id}: #${other.id} across #${w.id}'s label`).toBe(false);
          }
      }
      if (allClear) expect(left).toBe(0);
      else expect(left).toBeLessThan(lessons.reduce((n, l) => n + l.whole.history.wire.length, 0) / 20);
    });

    it(`${width} px: each state chip stands outside its lifeline, inside the drawing, and over no other chip or label`, () => {
      for (const { id, whole, layout } of lessons) {
        const chips = [...layout.chips.values()];
        expect(chips.length, id).toBeGreaterThanOrEqual(2);
        for (const c of chips) {
          if (c.endpoint === 'client') expect(c.x + c.w, `${id} ${c.state}`).toBeLessThanOrEqual(layout.X.client);
          else expect(c.x, `${id} ${c.state}`).toBeGreaterThanOrEqual(layout.X.server);
          expect(c.x, `${id} ${c.state}`).toBeGreaterThanOrEqual(0);
          expect(c.x + c.w, `${id} ${c.state}`).toBeLessThanOrEqual(width);
        }
        for (const [i, a] of chips.entries()) for (const b of chips.slice(i + 1)) expect(overlaps(a, b), `${id}: ${a.state} and ${b.state}`).toBe(false);
        for (const w of whole.history.wire) {
          const label = layout.labels.get(w.id)!;
          if (label.clear) for (const c of chips) expect(overlaps(label.box, c), `${id}: #${w.id} on ${c.state}`).toBe(false);
        }
      }
    });

    it(`${width} px: a chip stands where its state was entered, unless the one before it pushed it down`, () => {
      for (const { id, whole, layout } of lessons) {
        const entered = new Map(lastingStates(whole.history).map((s) => [chipKey(s), s]));
        for (const [key, c] of layout.chips) {
          const s = entered.get(key)!;
          expect(s, `${id} ${key}`).toBeDefined();
          expect(c.at, `${id} ${key}`).toBe(layout.scale.y(s.t));
          expect(c.y, `${id} ${key}`).toBeGreaterThanOrEqual(c.at - c.h / 2);
        }
      }
    });
  }
});

describe('segmentAt', () => {
  const { whole, layout } = laidOut(1200, 700).find((l) => l.id === 'syn-lost')!;
  const { scale, X } = layout;
  const lineH = Math.round(13 * 1.3);
  const [lost, again] = whole.history.wire as [WireSegment, WireSegment];

  it('places a travelling segment at (now - sentAt) / (arrivesAt - sentAt) of its path, and its arrowhead once it has arrived', () => {
    const half = again.sentAt + (again.arrivesAt - again.sentAt) / 2;
    const p = segmentAt(again, half, scale.y, X, false, lineH, null);
    expect(p.progress).toBe(0.5);
    expect(p.xe).toBeCloseTo((X.client + X.server) / 2, 6);
    expect(p.ye).toBeCloseTo((scale.y(again.sentAt) + scale.y(again.arrivesAt)) / 2, 6);
    expect(p.done).toBe(false);
    const there = segmentAt(again, again.arrivesAt, scale.y, X, false, lineH, null);
    expect([there.xe, there.ye, there.done]).toEqual([X.server, scale.y(again.arrivesAt), true]);
  });

  it('stops a lost segment where the player says it stops, however late it is asked', () => {
    expect(stopsOnWay(lost)).toBe(true);
    const p = segmentAt(lost, Infinity, scale.y, X, false, lineH, null);
    expect(p.xe).toBeCloseTo(X.client + (X.server - X.client) * stopFraction(lost), 6);
    expect(p.done).toBe(false);
  });

  it('with reduced motion, draws a travelling arrow whole at once, faded until it arrives', () => {
    const p = segmentAt(again, again.sentAt, scale.y, X, true, lineH, null);
    expect([p.xe, p.ye]).toEqual([X.server, scale.y(again.arrivesAt)]);
    expect(p.opacity).toBe(0.25);
    expect(segmentAt(again, again.arrivesAt, scale.y, X, true, lineH, null).opacity).toBe(1);
  });
});

describe('drawnPart', () => {
  it('draws a long run to its 400th segment, with what happened by the time that one has arrived', () => {
    const run = new Run({ mss: 100 }, [
      { at: 0, endpoint: 'server', call: 'listen' },
      { at: 0, endpoint: 'client', call: 'connect' },
      { at: 100, endpoint: 'client', call: 'send', bytes: 100_000 },
    ] as ScriptStep[]);
    const frame = run.frameAt(Infinity, NO_POLICY);
    const drawn = drawnPart(frame);
    expect(frame.history.wire.length).toBeGreaterThan(MAX_DRAWN);
    expect(drawn.total).toBe(frame.history.wire.length);
    expect(drawn.history.wire).toEqual(frame.history.wire.slice(0, MAX_DRAWN));
    const end = Math.max(...drawn.history.wire.map(pathEnd));
    expect(drawn.instants.at(-1)).toBeLessThanOrEqual(end);
    expect(drawn.instants).toEqual(frame.instants.filter((t) => t <= end));
    expect(drawn.history.transitions.every((x) => x.t <= end)).toBe(true);
    // The same frame's drawing is worked out once.
    expect(drawnPart(frame)).toBe(drawn);
    // A lesson is drawn whole.
    const lesson = new Run({}, [
      { at: 0, endpoint: 'server', call: 'listen' },
      { at: 0, endpoint: 'client', call: 'connect' },
    ] as ScriptStep[]).frameAt(Infinity, NO_POLICY);
    expect(drawnPart(lesson).history).toBe(lesson.history);
  });
});
