import { useEffect, useSyncExternalStore } from 'react';
import type { Session, SessionState } from './session';

/** Subscribe to a session and drive it from animation frames while it plays. */
export function useSession(session: Session): SessionState {
  const state = useSyncExternalStore(session.subscribe, session.getState, session.getState);
  useEffect(() => {
    if (!state.playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function step(now) {
      // A frame after a long pause (a background tab) should not leap ahead.
      session.tick(Math.min(now - last, 100));
      last = now;
      frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [session, state.playing]);
  return state;
}
