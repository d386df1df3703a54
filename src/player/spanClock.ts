/** A clock over a stretch of time known in advance (a pile-up's two minutes), played and stepped at fixed rates. */
import type { Clock, ClockState } from './clock';

export interface Span {
  /** Where time ends, in simulated ms (it starts at 0). */
  readonly end: number;
  /** Simulated ms a wall-clock ms while playing. */
  readonly rate: number;
  /** Simulated ms a step moves. */
  readonly step: number;
}

/** A pile-up's time: two minutes, ten simulated seconds a second (a minute of pile-up in six), ten seconds a step. */
export const PILEUP_SPAN: Span = { end: 120_000, rate: 10, step: 10_000 };

export interface SpanState extends ClockState {
  /** The moment shown, in simulated ms. */
  readonly now: number;
}

export interface SpanClock extends Clock<SpanState> {
  readonly span: Span;
  /** Show the moment `t`, playing on if time was playing (a slider dragged). */
  scrub(t: number): void;
}

/** A clock over a span, paused at its start. */
export function createSpanClock(span: Span): SpanClock {
  let state: SpanState = { now: 0, playing: false };
  const listeners = new Set<() => void>();
  const set = (t: number, playing: boolean) => {
    const now = Math.min(span.end, Math.max(0, t));
    if (now === state.now && playing === state.playing) return;
    state = { now, playing };
    listeners.forEach((l) => l());
  };
  return {
    span,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    play: () => set(state.now >= span.end ? 0 : state.now, true),
    pause: () => set(state.now, false),
    tick(wallMs) {
      if (!state.playing) return;
      const now = state.now + wallMs * span.rate;
      set(now, now < span.end);
    },
    seek: (t) => set(t, false),
    scrub: (t) => set(t, state.playing),
    stepForward: () => set(state.now + span.step, false),
    stepBack: () => set(state.now - span.step, false),
    atStart: () => state.now <= 0,
    atEnd: () => state.now >= span.end,
  };
}
