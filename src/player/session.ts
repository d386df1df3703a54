/**
 * One visualizer's state, free of React: the run (worlds at checkpoints), the moment shown, the
 * applications' policy, and whether time is playing. Going back and forth is a lookup in the run;
 * acting at a moment forks the run there. Views subscribe with a selector (src/ui/useSession.ts),
 * so a frame in which only time passes redraws only what shows time. Each embed on a page makes
 * its own session.
 */
import type { ConfigOverrides } from '../model/config';
import type { Transition } from '../model/history';
import type { Replayer } from '../model/world';
import type { NetworkAction } from '../model/network';
import type { Script, ScriptStep } from '../model/script';
import type { CallName, EndpointId } from '../model/types';
import type { Frame, Refusal } from './frame';
import { catchUp } from './catchUp';
import { NO_POLICY, policyRefusal, type Policy } from './policy';
import { Run } from './run';

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;
export type Speed = (typeof SPEEDS)[number];

export interface SessionState {
  readonly run: Run;
  /** The moment shown. */
  readonly frame: Frame;
  readonly playing: boolean;
  /**
   * The student took time in hand (Pause, a step, the slider): an action then shows its immediate
   * effect and waits. Otherwise every call and network action sets the world moving.
   */
  readonly timeInHand: boolean;
  /**
   * Time has played since the session opened or was reset (Play, or a call or network action that
   * set the world moving). A student who has only stepped never started it, so nothing is paused.
   */
  played?: boolean;
  readonly speed: Speed;
  readonly policy: Policy;
  /** Time stops short of this instant (a quiz question waits there for its answer), or null. */
  readonly gate: number | null;
  /** The last move forward was stopped by the gate. */
  readonly gated: boolean;
  /**
   * A moment asked for (a link's time, the slider, End) that is still being worked out, a slice
   * of events at a time between frames, so a long run never holds the page; null when the moment
   * shown is the one asked for.
   */
  readonly catchingUp: number | null;
}

/** Everything a share link needs to bring this moment back. */
export interface SharedRun {
  readonly config: ConfigOverrides;
  readonly steps: readonly ScriptStep[];
  readonly t: number;
  readonly policy?: Policy;
}

export interface Session {
  getState(): SessionState;
  subscribe(listener: () => void): () => void;
  /** Play from the moment shown; at the end of a run (nothing more will ever happen), from its start again. */
  play(): void;
  pause(): void;
  setSpeed(speed: Speed): void;
  /** Move simulated time by `wallMs` of wall-clock time (the animation loop), scaled by the speed. */
  tick(wallMs: number): void;
  /** Jump to a time, forward or back. Like every move the student makes in time, it pauses. */
  seek(t: number): void;
  stepForward(): void;
  stepBack(): void;
  skipToNextTimer(): void;
  /** Stop time short of this instant from now on (null lifts it): a quiz question holds the run there. */
  setGate(gate: number | null): void;
  /** Back to where the session started (a lesson's start, or an empty free play), paused, with the policy it started with. */
  reset(): void;
  /** An application call now; returns why it was refused, or null if it was made. */
  call(endpoint: EndpointId, call: CallName, bytes?: number): Refusal | null;
  network(action: NetworkAction): void;
  setConfig(config: ConfigOverrides): void;
  setNeverCloses(endpoint: EndpointId, value: boolean): void;
  /** Another run in place of this one (a text edited by hand), at the same moment; Reset still goes back to the start. */
  load(run: Omit<SharedRun, 't'>): void;
  /** The next state change, from the run ahead (the quiz asks about it first). */
  upcomingTransition(): Transition | null;
  /** This moment, as a share link carries it. */
  shared(): SharedRun;
}

/** How far playing runs when nothing is pending: a little past the last thing that happened. */
const IDLE_TAIL_MS = 1500;
/** How far short of a gate time stops. */
const GATE_MS = 1;
/** A slow frame (a busy laptop, a background tab) moves time at most this much wall time. */
const MAX_FRAME_MS = 100;
/** The most events a step passes over that change nothing to be seen. */
const INVISIBLE_EVENTS = 50;
/** The most events the quiz looks ahead for the next change of state. */
const LOOKAHEAD_EVENTS = 5000;

/**
 * A session from a script (with the policy its lesson starts with) or from a shared moment (which
 * carries its own). `replayer`: for a capture's replay, how its worlds replay the captured segments.
 */
export function createSession(initial: Script | SharedRun, lessonPolicy: Policy = NO_POLICY, replayer: Replayer | null = null): Session {
  const config = initial.config ?? {};
  const policy0 = 'policy' in initial && initial.policy ? initial.policy : lessonPolicy;
  const run0 = new Run(config, initial.steps, replayer);
  // What Reset goes back to: the script the session was made with, from its start.
  const start = { config, steps: initial.steps };
  // Everything scheduled at 0 s has happened when the run opens.
  let state: SessionState = {
    run: run0,
    frame: run0.frameAt(0, policy0),
    playing: false,
    timeInHand: false,
    speed: 1,
    policy: policy0,
    gate: null,
    gated: false,
    catchingUp: null,
  };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<SessionState>) => {
    state = { ...state, ...patch };
    state.played ||= state.playing;
    listeners.forEach((l) => l());
  };
  // Cancels the far moment still being worked out: the newest moment asked for wins.
  let stopCatchingUp = () => {};
  const show = (run: Run, t: number, patch: Partial<SessionState> = {}) => {
    const gate = patch.gate !== undefined ? patch.gate : state.gate;
    let to = Math.max(0, t);
    // Forward, time stops a millisecond short of the gate, and playing stops there.
    const gated = gate !== null && to >= gate && to > state.frame.now;
    if (gated) to = Math.max(state.frame.now, gate - GATE_MS);
    const policy = patch.policy ?? state.policy;
    stopCatchingUp();
    const far = catchUp(run, to);
    if (!far.finished()) {
      // Too far to work out in one go: show as far as it got after each slice, and the moment itself once there.
      const partway = (p: Partial<SessionState>) => set({ ...p, playing: false, gated: false, run, frame: run.frameAt(run.reached, policy), catchingUp: to });
      partway(patch);
      stopCatchingUp = far.continue(() => (far.finished() ? show(run, to) : partway({})));
      return;
    }
    set({ ...patch, ...(gated ? { playing: false } : {}), gated, run, frame: run.frameAt(to, policy), catchingUp: null });
  };
  /**
   * A new action at the moment shown: the run forks there and the future after it is rewritten.
   * Unless the student holds time, the world starts moving: a call is never left frozen mid-wire.
   */
  const act = (step: ScriptStep) => {
    // At the next whole millisecond: playing stands between them, and scripts (and so share links) count whole ones.
    const now = Math.ceil(state.frame.now);
    show(state.run.fork(now, step), now, state.timeInHand ? {} : { playing: true });
  };

  /** Another run at the same moment (and its policy, if it says one). */
  const load = ({ config, steps, policy }: Omit<SharedRun, 't'>) => show(new Run(config, steps, replayer), state.frame.now, policy && { policy });

  // A shared moment opens where it was shared (worked out a slice at a time if it is far).
  if ('t' in initial && initial.t > 0) show(run0, initial.t);

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    play() {
      const { run, frame } = state;
      // Over: nothing more will ever happen, something did, and its quiet moment after has been
      // played. Play then means "again", as a video player's does. Short of that it goes on: a lane
      // blocked, or a call refused, at the last moment is not undone by the next Play.
      const over =
        frame.nextEventAt() === null &&
        frame.instants.length > 1 &&
        state.catchingUp === null &&
        frame.now >= frame.instants[frame.instants.length - 1]! + IDLE_TAIL_MS;
      if (over) show(run, 0, { playing: true, timeInHand: false });
      else set({ playing: true, timeInHand: false });
    },
    pause: () => set({ playing: false, timeInHand: true }),
    setSpeed: (speed) => set({ speed }),
    tick(wallMs) {
      if (!state.playing) return;
      const { run, frame } = state;
      const next = run.nextEventAfter(frame.now);
      // A frame goes no further than the next thing that happens, so every state is on screen for
      // at least a frame, however slow the laptop or fast the speed.
      const target = Math.min(frame.now + Math.min(wallMs, MAX_FRAME_MS) * state.speed, next ?? Infinity);
      if (next === null) {
        // Nothing pending: play on a moment past the last thing that happened, then stop.
        const horizon = (frame.instants[frame.instants.length - 1] ?? 0) + IDLE_TAIL_MS;
        if (target >= horizon) {
          show(run, Math.max(frame.now, horizon), { playing: false });
          return;
        }
      }
      show(run, target);
    },
    // Moving in time by hand stops playing there: otherwise playing would carry a step back forward again.
    seek: (t) => show(state.run, t, { playing: false, timeInHand: true }),
    stepForward() {
      const { run, frame } = state;
      let next = frame.nextEventAt();
      // A step shows something: an event that changed nothing to be seen (in a replayed capture, the
      // model's own timer whose segment the capture shows later) is passed over, a few at most.
      const seen = run.happenedBy(frame.now);
      for (let i = 0; next !== null && i < INVISIBLE_EVENTS && run.happenedBy(next) === seen; i++) next = run.nextEventAfter(next);
      if (next !== null) show(run, next, { playing: false, timeInHand: true });
    },
    setGate: (gate) => set({ gate, gated: false }),
    stepBack() {
      const { run, frame } = state;
      const { now, instants } = frame;
      let i = instants.length - 1;
      while (i >= 0 && instants[i]! >= now) i--;
      // A step shows something: past the last event, with nothing more to come, that event's moment
      // looks just as now does (only the clock differs), so the step goes to the moment before it.
      if (i > 0 && frame.nextEventAt() === null && run.happenedBy(instants[i]!) === run.happenedBy(now)) i--;
      show(run, i >= 0 ? instants[i]! : 0, { playing: false, timeInHand: true });
    },
    skipToNextTimer() {
      const timer = state.frame.pending().find((p) => p.kind === 'timer');
      if (timer) show(state.run, timer.at, { playing: false, timeInHand: true });
    },
    reset: () => show(new Run(start.config, start.steps, replayer), 0, { playing: false, timeInHand: false, played: false, policy: policy0 }),
    call(endpoint, call, bytes) {
      const byPolicy = policyRefusal(state.policy, endpoint, call);
      if (byPolicy) return byPolicy;
      const verdict = state.frame.check(endpoint, call);
      act(call === 'send' ? { at: 0, endpoint, call, bytes: bytes ?? 1000 } : { at: 0, endpoint, call });
      return verdict.allowed ? null : verdict.reason;
    },
    network: (action) => act(networkStep(action)),
    setConfig: (config) => load({ config, steps: state.run.steps }),
    load,
    setNeverCloses(endpoint, value) {
      const policy = { neverCloses: { ...state.policy.neverCloses, [endpoint]: value } };
      show(state.run, state.frame.now, { policy });
    },
    upcomingTransition() {
      const { run, frame } = state;
      const known = frame.transitions.length;
      let looked = 0;
      for (let next = run.nextEventAfter(frame.now); next !== null && looked++ < LOOKAHEAD_EVENTS; next = run.nextEventAfter(next)) {
        const ahead = run.frameAt(next, frame.policy);
        if (ahead.transitions.length > known) return ahead.transitions[known]!;
      }
      return null;
    },
    shared: () => ({ config: state.run.config, steps: state.run.steps, t: state.frame.now, policy: state.policy }),
  };
}

/** A network action as a script step: the same fields in the same order, its kind named `network`. */
function networkStep({ kind, ...rest }: NetworkAction): ScriptStep {
  return { at: 0, network: kind, ...rest } as ScriptStep;
}
