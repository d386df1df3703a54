/**
 * Time as the page's keys and its animation loop move it, whatever it is the time of: a
 * connection's run (a session, below) or a pile-up's two minutes (src/player/spanClock.ts). The
 * page drives whichever clock the view on screen has, the same way for each.
 */
import type { Session, SessionState } from './session';

export interface ClockState {
  readonly playing: boolean;
}

export interface Clock<S extends ClockState = ClockState> {
  getState(): S;
  subscribe(listener: () => void): () => void;
  /** Play from the moment shown; at the end, from the start again, as a video player's Play does. */
  play(): void;
  pause(): void;
  /** Move time on by `wallMs` of wall-clock time (the animation loop), at the clock's speed. */
  tick(wallMs: number): void;
  /** Jump to a time, forward or back. Like every move the student makes in time, it pauses. */
  seek(t: number): void;
  stepForward(): void;
  stepBack(): void;
  /** Time is at its start: a presenter's "back" goes to the lesson before. */
  atStart(): boolean;
  /** Nothing more is to come: a presenter's "next" goes on to the next lesson. */
  atEnd(): boolean;
}

/** A session's time as a clock: it starts at 0 s and ends once nothing more will ever happen. */
export function sessionClock(session: Session): Clock<SessionState> {
  return {
    ...session,
    atStart: () => session.getState().frame.now <= 0,
    atEnd: () => session.getState().frame.nextEventAt() === null,
  };
}
