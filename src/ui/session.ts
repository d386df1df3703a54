/**
 * One visualizer's state, free of React: the run's config, the user's actions as script steps,
 * and the simulated time being shown. Going forward runs the simulation on; going back (or acting
 * in the past) rebuilds it from the script and replays, which is exact because the engine is
 * deterministic. Each embed on a page makes its own session.
 */
import type { ConfigOverrides } from '../model/config';
import type { NetworkAction } from '../model/network';
import type { Script, ScriptStep } from '../model/script';
import { Simulation } from '../model/simulation';
import type { Transition } from '../model/history';
import type { CallName, EndpointId } from '../model/types';

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;
export type Speed = (typeof SPEEDS)[number];

export interface SessionState {
  readonly config: ConfigOverrides;
  readonly steps: readonly ScriptStep[];
  readonly sim: Simulation;
  readonly playing: boolean;
  readonly speed: Speed;
  /** Applications that never call close() (the post's CLOSE-WAIT hang). */
  readonly neverCloses: Readonly<Record<EndpointId, boolean>>;
}

export interface Session {
  getState(): SessionState;
  subscribe(listener: () => void): () => void;
  play(): void;
  pause(): void;
  setSpeed(speed: Speed): void;
  /** Move simulated time by `ms` of wall-clock time (the animation loop), scaled by the speed. */
  tick(wallMs: number): void;
  /** Jump to a time, forward or back. */
  seek(t: number): void;
  stepForward(): void;
  stepBack(): void;
  skipToNextTimer(): void;
  reset(): void;
  call(endpoint: EndpointId, call: CallName, bytes?: number): void;
  network(action: NetworkAction): void;
  setConfig(config: ConfigOverrides): void;
  setNeverCloses(endpoint: EndpointId, value: boolean): void;
  /** Every instant at which something happened so far, ascending (the same array until something happens). */
  instants(): readonly number[];
  /** The next state change, found by running a copy ahead (the quiz asks about it first). */
  upcomingTransition(): Transition | null;
}

/** How far playing runs when nothing is pending: a little past the last thing that happened. */
const IDLE_TAIL_MS = 1500;

export function createSession(initial: Script): Session {
  // Everything scheduled at 0 s has happened when the run opens, exactly as a replay to 0 s shows it.
  const first = new Simulation({ config: initial.config, steps: initial.steps });
  first.runUntil(0);
  let state: SessionState = {
    config: initial.config ?? {},
    steps: initial.steps,
    sim: first,
    playing: false,
    speed: 1,
    neverCloses: { client: false, server: false },
  };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<SessionState>) => {
    state = { ...state, ...patch };
    listeners.forEach((l) => l());
  };
  const rebuild = (config: ConfigOverrides, steps: readonly ScriptStep[], t: number): Simulation => {
    const sim = new Simulation({ config, steps });
    sim.runUntil(t);
    return sim;
  };
  const goTo = (t: number) => {
    const target = Math.max(0, t);
    if (target >= state.sim.now) {
      state.sim.runUntil(target);
      set({});
    } else set({ sim: rebuild(state.config, state.steps, target) });
  };
  /** A new action at the current time: the future after it is rewritten. */
  const act = (step: ScriptStep) => {
    const now = state.sim.now;
    const steps = [...state.steps.filter((s) => s.at <= now), { ...step, at: now } as ScriptStep];
    set({ steps, sim: rebuild(state.config, steps, now) });
  };
  // Asked for several times a frame (diagram, timeline, playing on): listed again only when
  // something has happened, or the run was rebuilt.
  let listed: { sim: Simulation; revision: number; instants: readonly number[] } | null = null;
  const instants = (): readonly number[] => {
    const sim = state.sim;
    if (listed?.sim === sim && listed.revision === sim.revision) return listed.instants;
    const times = new Set<number>([0]);
    for (const t of sim.transitions) times.add(t.t);
    for (const w of sim.wire) {
      times.add(w.sentAt);
      if (w.delivered) times.add(w.arrivesAt);
    }
    for (const c of sim.calls) times.add(c.t);
    listed = { sim, revision: sim.revision, instants: [...times].sort((a, b) => a - b) };
    return listed.instants;
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    play: () => set({ playing: true }),
    pause: () => set({ playing: false }),
    setSpeed: (speed) => set({ speed }),
    tick(wallMs) {
      if (!state.playing) return;
      const sim = state.sim;
      const next = sim.nextEventAt();
      const target = sim.now + wallMs * state.speed;
      if (next === null) {
        // Nothing pending: play on a moment past the last thing that happened, then stop.
        const horizon = Math.max(0, ...instants()) + IDLE_TAIL_MS;
        if (target >= horizon) {
          sim.runUntil(Math.max(sim.now, horizon));
          set({ playing: false });
          return;
        }
      }
      sim.runUntil(target);
      set({});
    },
    seek: (t) => goTo(t),
    stepForward() {
      const next = state.sim.nextEventAt();
      if (next !== null) goTo(next);
    },
    stepBack() {
      const now = state.sim.now;
      const earlier = instants().filter((t) => t < now);
      goTo(earlier.length ? earlier[earlier.length - 1]! : 0);
    },
    skipToNextTimer() {
      const timer = state.sim.pending().find((p) => p.kind === 'timer');
      if (timer) goTo(timer.at);
    },
    reset: () => set({ steps: [], sim: new Simulation({ config: state.config, steps: [] }), playing: false }),
    call: (endpoint, call, bytes) => act(call === 'send' ? { at: 0, endpoint, call, bytes: bytes ?? 1000 } : { at: 0, endpoint, call: call as Exclude<CallName, 'send'> }),
    network: (action) => act(toStep(action)),
    setConfig(config) {
      set({ config, sim: rebuild(config, state.steps, state.sim.now) });
    },
    setNeverCloses: (endpoint, value) => set({ neverCloses: { ...state.neverCloses, [endpoint]: value } }),
    instants,
    upcomingTransition() {
      const ahead = rebuild(state.config, state.steps, state.sim.now);
      const known = ahead.transitions.length;
      while (ahead.transitions.length === known && ahead.advance());
      return ahead.transitions[known] ?? null;
    },
  };
}

function toStep(action: NetworkAction): ScriptStep {
  switch (action.kind) {
    case 'manual':
      return { at: 0, network: 'manual', on: action.on };
    case 'deliver':
    case 'drop':
      return { at: 0, network: action.kind, segment: action.segment };
    case 'delay-next':
      return { at: 0, network: action.kind, direction: action.direction, byMs: action.byMs };
    default:
      return { at: 0, network: action.kind, direction: action.direction };
  }
}
