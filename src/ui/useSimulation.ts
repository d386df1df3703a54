import { useEffect, useSyncExternalStore } from 'react';
import type { PlaybackState, SimulationStore } from './simulationStore';

/** Subscribe to a store and drive it from animation frames while it plays. */
export function useSimulation(store: SimulationStore): PlaybackState {
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  useEffect(() => {
    if (!state.playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function step(now) {
      store.tick(now - last);
      last = now;
      frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [store, state.playing]);
  return state;
}
