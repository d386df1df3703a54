/**
 * Reading a session from React: each view subscribes with a selector and an equality, as zustand
 * does (React's own useSyncExternalStoreWithSelector), so it redraws only when what it selected
 * changed. A frame in which only time passes changes the frame's `now` and nothing else.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useSyncExternalStoreWithSelector } from 'use-sync-external-store/with-selector';
import type { Clock, ClockState } from '../player/clock';
import type { Frame } from '../player/frame';
import type { Session, SessionState } from '../player/session';

/** What a view selects of a session's state (or of any clock's): the view redraws only when it changes, as `equal` judges. */
export function useSessionState<T, S extends ClockState = SessionState>(
  session: Pick<Clock<S>, 'getState' | 'subscribe'>,
  select: (s: S) => T,
  equal: (a: T, b: T) => boolean = Object.is,
): T {
  return useSyncExternalStoreWithSelector(session.subscribe, session.getState, session.getState, select, equal);
}

const wholeFrame = (s: SessionState) => s.frame;

/** Two frames at which the same things have happened (time alone may differ). */
export const sameEvents = (a: Frame, b: Frame): boolean => a.world === b.world && a.history === b.history && a.policy === b.policy;

/** The moment shown, but only when something has happened: for what shows only what happened. */
export function useEventFrame(session: Session): Frame {
  return useSessionState(session, wholeFrame, sameEvents);
}

const isPlaying = (s: ClockState) => s.playing;

/** Drive a clock (a session, a pile-up's) from animation frames while it plays. Use once per clock, at its top. */
export function usePlayback(clock: Pick<Clock, 'getState' | 'subscribe' | 'tick'>): boolean {
  const playing = useSessionState(clock, isPlaying);
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let request = requestAnimationFrame(function step(now) {
      clock.tick(now - last);
      last = now;
      request = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(request);
  }, [clock, playing]);
  return playing;
}

/**
 * Set an element's text as time passes: the text node's value changes in place. Setting
 * `textContent` instead would remove the node and insert a new one every frame, and an
 * insertion anywhere under a `:has()` selector's subject sends Chromium restyling the page.
 */
export function setText(el: Element, text: string): void {
  const node = el.firstChild;
  if (node && node.nodeType === Node.TEXT_NODE && !node.nextSibling) {
    if (node.nodeValue !== text) node.nodeValue = text;
  } else el.textContent = text;
}

/** Follow the session's frames outside React: `draw` sets what changes with time on the element. */
export function useLive<E extends Element>(session: Session, draw: (el: E, frame: Frame) => void) {
  const ref = useRef<E>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => draw(el, session.getState().frame);
    update();
    return session.subscribe(update);
  }, [session, draw]);
  return ref;
}
