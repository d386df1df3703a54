import { memo, useCallback, useLayoutEffect, useRef, type RefObject } from 'react';
import type { Strings } from '../i18n/strings';
import { SPEEDS, type Session, type Speed } from '../player/session';
import type { Frame } from '../player/frame';
import { Icon } from './Icon';
import { setText, useEventFrame, useLive, useSessionState } from './useSession';

interface Props {
  session: Session;
  t: Strings;
  /** Play or pause and step, nothing else (an embed's `controls=minimal`). */
  minimal?: boolean;
  /** Told after Reset (the app then drops a shared run from its link). */
  onReset?: () => void;
}

/**
 * Play, step, scrub: time is the student's to move, forward and back. The buttons redraw when
 * something happens or playing starts or stops; only the clock and the slider follow time.
 */
export const Timeline = memo(function Timeline({ session, t, minimal = false, onReset }: Props) {
  const frame = useEventFrame(session);
  const playing = useSessionState(session, (s) => s.playing);
  const speed = useSessionState(session, (s) => s.speed);
  const next = frame.nextEventAt();
  const hasTimer = frame.pending().some((p) => p.kind === 'timer');
  const play = useRef<HTMLButtonElement>(null);
  const forward = useHandsFocus(next === null, play);
  return (
    <section className="panel timeline" aria-label={t.timeline}>
      <div className="row">
        <StepBack session={session} label={t.stepBack} play={play} />
        <button ref={play} type="button" className="primary play" onClick={() => (playing ? session.pause() : session.play())}>
          <Icon name={playing ? 'pause' : 'play'} />{' '}
          {/* The other word laid out unseen in the same cell (.swap-other): the button is as wide playing as paused, so nothing beside it moves. */}
          <span className="label swap-other" data-other={playing ? t.play : t.pause}>
            <span>{playing ? t.pause : t.play}</span>
          </span>
        </button>
        <button {...forward} type="button" className="step-forward" onClick={() => session.stepForward()} disabled={next === null}>
          <span className="label">{t.stepForward}</span> <Icon name="forward" />
        </button>
        {minimal ? null : (
          <>
            <button
              type="button"
              className="icon-only"
              onClick={() => session.skipToNextTimer()}
              disabled={!hasTimer}
              aria-label={t.skipToTimer}
              title={t.skipToTimer}
            >
              <Icon name="skip" />
            </button>
            <button
              type="button"
              className="icon-only"
              aria-label={t.reset}
              title={t.reset}
              onClick={() => {
                session.reset();
                onReset?.();
              }}
            >
              <Icon name="reset" />
            </button>
            <Scrub session={session} label={t.scrub} />
            <label className="speed">
              <span className="setting-name">{t.speed}</span>{' '}
              <select value={speed} onChange={(e) => session.setSpeed(Number(e.target.value) as Speed)}>
                {SPEEDS.map((s) => (
                  <option key={s} value={s}>
                    {s}x
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <Clock session={session} label={t.time} />
      </div>
    </section>
  );
});

/**
 * A step button that becomes disabled while it has the keys (Step forward at the run's end, Step
 * back at its start) hands them to Play: a disabled button loses focus, which would fall to the page,
 * and the next Tab would start again from the top.
 */
function useHandsFocus(disabled: boolean, to: RefObject<HTMLButtonElement | null>) {
  const own = useRef<HTMLButtonElement>(null);
  const had = useRef(false);
  useLayoutEffect(() => {
    const el = own.current;
    if (!disabled || !el || !had.current) return;
    had.current = false;
    const active = (el.getRootNode() as Document | ShadowRoot).activeElement;
    if (active === null || active === el || active === el.ownerDocument.body) to.current?.focus();
  }, [disabled, to]);
  return {
    ref: own,
    onFocus: () => {
      had.current = true;
    },
    // Focus moved on to another control: it is not this button's to hand on.
    onBlur: (e: { relatedTarget: EventTarget | null }) => {
      if (e.relatedTarget) had.current = false;
    },
  };
}

/** Disabled only at 0 s: the one button whose state depends on time itself. */
function StepBack({ session, label, play }: { session: Session; label: string; play: RefObject<HTMLButtonElement | null> }) {
  const atStart = useSessionState(session, (s) => s.frame.now === 0);
  const back = useHandsFocus(atStart, play);
  return (
    <button {...back} type="button" className="step-back" onClick={() => session.stepBack()} disabled={atStart}>
      <Icon name="back" /> <span className="label">{label}</span>
    </button>
  );
}

const showTime = (el: HTMLSpanElement, frame: Frame) => {
  const text = `${(frame.now / 1000).toFixed(3)} s`;
  setText(el, text);
};

/** The clock: a box of its own, so that its text changing every frame lays out and paints only itself. */
function Clock({ session, label }: { session: Session; label: string }) {
  const ref = useLive(session, showTime);
  return (
    <output className="clock" aria-label={label}>
      <span ref={ref} className="clock-time" />
    </output>
  );
}

/** Where the slider ends for a run as far as it is known: past its last event and the next, with room for the idle tail playing runs on. */
const endOf = (frame: Frame): number => Math.ceil(Math.max(frame.instants[frame.instants.length - 1] ?? 0, frame.nextEventAt() ?? 0) + 2000);

/**
 * The slider: where we are in the run. What moves every frame is a drawn thumb, moved by a
 * transform on a layer of its own (no layout, no paint); the native range input on top of it, which
 * the student drags and a screen reader reads, takes its value once a second while playing (each change of
 * its value lays it out again). Its marks are the run's events, drawn when something happens.
 */
function Scrub({ session, label }: { session: Session; label: string }) {
  const frame = useEventFrame(session);
  const end = Math.max(endOf(frame), Math.ceil(session.getState().frame.now) + 1);
  const input = useRef<HTMLInputElement>(null);
  const last = useRef(-Infinity);
  const moved = useRef('');
  const show = useCallback(
    (mover: HTMLDivElement, f: Frame) => {
      const fraction = Math.min(1, f.now / end);
      const transform = `translateX(${(fraction * 100).toFixed(3)}%)`;
      // Compared with what was set, not read back: reading style.transform serializes it every frame.
      if (moved.current !== transform) mover.style.transform = moved.current = transform;
      const el = input.current;
      if (!el) return;
      // The input's own value (what a screen reader announces, where a drag starts): once a second
      // while playing, at once when stopped. Each change of it lays the page out.
      const wall = performance.now();
      if (wall - last.current >= 1000 || !session.getState().playing) {
        const value = String(Math.round(f.now));
        if (el.value !== value) {
          el.value = value;
          // Read out as the clock reads, not as a count of milliseconds.
          el.setAttribute('aria-valuetext', `${(f.now / 1000).toFixed(3)} s`);
        }
        last.current = wall;
      }
    },
    [end, session],
  );
  const mover = useLive(session, show);
  return (
    <div className="scrub-track">
      <div className="scrub-rail" aria-hidden="true">
        <Ticks instants={frame.instants} end={end} />
        <div ref={mover} className="scrub-mover" />
      </div>
      <input
        ref={input}
        className="scrub"
        type="range"
        aria-label={label}
        min={0}
        max={end}
        step={1}
        onChange={(e) => session.seek(Number(e.target.value))}
        onKeyDown={(e) => {
          // An arrow moves a hundredth of the run (at least 0.1 s), not one millisecond at a time.
          const way = ARROW_WAY[e.key];
          if (!way) return;
          e.preventDefault();
          const now = session.getState().frame.now;
          session.seek(Math.min(end, Math.max(0, Math.round(now + way * Math.max(100, end / 100)))));
        }}
      />
    </div>
  );
}

const ARROW_WAY: Readonly<Record<string, number>> = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 };

const Ticks = memo(function Ticks({ instants, end }: { instants: readonly number[]; end: number }) {
  return (
    <>
      {instants.map((i) => (
        <span key={i} className="scrub-tick" style={{ left: `${(i / end) * 100}%` }} />
      ))}
    </>
  );
});
