/**
 * A store around one Simulation that plays it in real time: the framework-free core the React
 * layer subscribes to. Each embed on a page gets its own store.
 */
import type { Script } from '../model/script';
import { Simulation } from '../model/simulation';

export interface PlaybackState {
  readonly sim: Simulation;
  /** Bumped on every change, so subscribers can tell a new frame from an old one. */
  readonly version: number;
  readonly playing: boolean;
}

export interface SimulationStore {
  getState(): PlaybackState;
  subscribe(listener: () => void): () => void;
  play(): void;
  pause(): void;
  restart(): void;
  /** Move simulated time forward by `ms` (the animation loop calls this each frame). */
  tick(ms: number): void;
}

export function createSimulationStore(script: Script, endAt: number): SimulationStore {
  let state: PlaybackState = { sim: new Simulation(script), version: 0, playing: true };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<PlaybackState>) => {
    state = { ...state, ...patch, version: state.version + 1 };
    listeners.forEach((l) => l());
  };
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    play: () => set({ playing: true }),
    pause: () => set({ playing: false }),
    restart: () => set({ sim: new Simulation(script), playing: true }),
    tick(ms) {
      if (!state.playing) return;
      const target = Math.min(endAt, state.sim.now + ms);
      state.sim.runUntil(target);
      set({ playing: target < endAt });
    },
  };
}
