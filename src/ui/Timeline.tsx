import { memo, useId } from 'react';
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
  return (
    <section className="panel timeline" aria-label={t.timeline}>
      <div className="row">
        <StepBack session={session} label={t.stepBack} />
        <button type="button" className="primary play" onClick={() => (playing ? session.pause() : session.play())}>
          <Icon name={playing ? 'pause' : 'play'} /> <span className="label">{playing ? t.pause : t.play}</span>
        </button>
        <button type="button" className="step-forward" onClick={() => session.stepForward()} disabled={next === null}>
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

/** Disabled only at 0 s: the one button whose state depends on time itself. */
function StepBack({ session, label }: { session: Session; label: string }) {
  const atStart = useSessionState(session, (s) => s.frame.now === 0);
  return (
    <button type="button" className="step-back" onClick={() => session.stepBack()} disabled={atStart}>
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

const showPosition = (el: HTMLInputElement, frame: Frame) => {
  const { instants, now } = frame;
  const end = Math.max(now, instants[instants.length - 1] ?? 0, frame.nextEventAt() ?? 0) + 500;
  const max = String(Math.ceil(end));
  const value = String(Math.round(now));
  if (el.max !== max) el.max = max;
  if (el.value !== value) el.value = value;
};

/** The slider: where we are in the run. It follows time outside React; its marks change only when something happens. */
function Scrub({ session, label }: { session: Session; label: string }) {
  const { instants } = useEventFrame(session);
  const ticksId = useId();
  const ref = useLive(session, showPosition);
  return (
    <div className="scrub-track">
      <input
        ref={ref}
        className="scrub"
        type="range"
        aria-label={label}
        min={0}
        step={1}
        list={ticksId}
        onChange={(e) => session.seek(Number(e.target.value))}
      />
      <Ticks id={ticksId} instants={instants} />
    </div>
  );
}

const Ticks = memo(function Ticks({ id, instants }: { id: string; instants: readonly number[] }) {
  return (
    <datalist id={id}>
      {instants.map((i) => (
        <option key={i} value={i} />
      ))}
    </datalist>
  );
});
