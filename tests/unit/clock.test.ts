/** The clocks the page's keys and animation loop drive: a pile-up's span clock, and a session's start and end as a clock. */
import { describe, expect, it } from 'vitest';
import { sessionClock } from '../../src/player/clock';
import { PILEUP_SPAN, createSpanClock } from '../../src/player/spanClock';
import { createSession } from '../../src/player/session';
import { findScenario } from '../../src/scenarios/catalog';

const state = (clock: ReturnType<typeof createSpanClock>) => ({ ...clock.getState() });

describe("a pile-up's clock", () => {
  it('opens paused at its start', () => {
    const clock = createSpanClock(PILEUP_SPAN);
    expect(state(clock)).toEqual({ now: 0, playing: false });
    expect(clock.atStart()).toBe(true);
    expect(clock.atEnd()).toBe(false);
  });

  it('plays ten simulated seconds a wall-clock second; paused, time holds', () => {
    const clock = createSpanClock(PILEUP_SPAN);
    clock.tick(1000);
    expect(clock.getState().now).toBe(0);
    clock.play();
    clock.tick(16);
    clock.tick(84);
    expect(state(clock)).toEqual({ now: 1000, playing: true });
    expect(clock.atStart()).toBe(false);
    clock.pause();
    clock.tick(1000);
    expect(state(clock)).toEqual({ now: 1000, playing: false });
  });

  it('stops at the end of its two minutes and says it is over; Play then plays them again from the start', () => {
    const clock = createSpanClock(PILEUP_SPAN);
    clock.play();
    clock.tick(11_900);
    expect(state(clock)).toEqual({ now: 119_000, playing: true });
    expect(clock.atEnd()).toBe(false);
    clock.tick(5000);
    expect(state(clock)).toEqual({ now: 120_000, playing: false });
    expect(clock.atEnd()).toBe(true);
    clock.play();
    expect(state(clock)).toEqual({ now: 0, playing: true });
  });

  it('steps ten seconds at a time, pausing, and no further than its start or end', () => {
    const clock = createSpanClock(PILEUP_SPAN);
    clock.play();
    clock.stepForward();
    expect(state(clock)).toEqual({ now: 10_000, playing: false });
    for (let i = 0; i < 20; i++) clock.stepForward();
    expect(state(clock)).toEqual({ now: 120_000, playing: false });
    clock.stepBack();
    expect(clock.getState().now).toBe(110_000);
    clock.seek(5000);
    clock.stepBack();
    expect(clock.getState().now).toBe(0);
    clock.stepBack();
    expect(clock.atStart()).toBe(true);
  });

  it('seeks within its span, pausing; a slider scrubbed keeps playing if it was', () => {
    const clock = createSpanClock(PILEUP_SPAN);
    clock.play();
    clock.seek(60_000);
    expect(state(clock)).toEqual({ now: 60_000, playing: false });
    clock.seek(-5);
    expect(clock.getState().now).toBe(0);
    clock.seek(1e9);
    expect(clock.getState().now).toBe(120_000);
    clock.play();
    clock.scrub(30_000);
    expect(state(clock)).toEqual({ now: 30_000, playing: true });
    clock.pause();
    clock.scrub(40_000);
    expect(state(clock)).toEqual({ now: 40_000, playing: false });
  });

  it('tells its listeners of each change, and of nothing that changes nothing', () => {
    const clock = createSpanClock(PILEUP_SPAN);
    let heard = 0;
    const stop = clock.subscribe(() => heard++);
    clock.pause();
    clock.stepBack();
    clock.tick(100);
    expect(heard).toBe(0);
    clock.play();
    clock.tick(100);
    expect(heard).toBe(2);
    stop();
    clock.tick(100);
    expect(heard).toBe(2);
  });
});

describe("a session's start and end, as a clock", () => {
  it('is at its start when it opens, and at its end once nothing more will happen', () => {
    const session = sessionClock(createSession(findScenario('three-way-handshake')!.script));
    expect(session.atStart()).toBe(true);
    expect(session.atEnd()).toBe(false);
    session.stepForward();
    expect(session.atStart()).toBe(false);
    session.seek(600_000);
    expect(session.atEnd()).toBe(true);
    session.seek(0);
    expect(session.atStart()).toBe(true);
  });
});
