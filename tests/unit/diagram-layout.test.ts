/** The diagram's layout as its box settles: the scale is chosen again only when the new size would change it. */
import { describe, expect, it } from 'vitest';
import { core as en } from '../../src/i18n/en/core';
import { NO_POLICY } from '../../src/player/policy';
import { Run } from '../../src/player/run';
import { findScenario } from '../../src/scenarios/catalog';
import { drawnPart, layOut } from '../../src/ui/diagramLayout';

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
