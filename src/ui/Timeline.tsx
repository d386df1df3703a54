import { memo, useId } from 'react';
import type { Strings } from '../i18n/strings';
import { SPEEDS, type Session, type Speed } from '../player/session';
import { useEventFrame, useFrame, useSessionState } from './useSession';

interface Props {
  session: Session;
  t: Strings;
}

/**
 * Play, step, scrub: time is the student's to move, forward and back. The buttons redraw when
 * something happens or playing starts or stops; only the clock and the slider follow time.
 */
export const Timeline = memo(function Timeline({ session, t }: Props) {
  const frame = useEventFrame(session);
  const playing = useSessionState(session, (s) => s.playing);
  const speed = useSessionState(session, (s) => s.speed);
  const next = frame.nextEventAt();
  const hasTimer = frame.pending().some((p) => p.kind === 'timer');
  return (
    <section className="panel timeline" aria-label={t.timeline}>
      <div className="row">
        <StepBack session={session} label={t.stepBack} />
        <button type="button" className="primary" onClick={() => (playing ? session.pause() : session.play())}>
          {playing ? t.pause : t.play}
        </button>
        <button type="button" onClick={() => session.stepForward()} disabled={next === null}>
          {t.stepForward}
        </button>
        <button type="button" onClick={() => session.skipToNextTimer()} disabled={!hasTimer}>
          {t.skipToTimer}
        </button>
        <button type="button" onClick={() => session.reset()}>
          {t.reset}
        </button>
        <label>
          {t.speed}{' '}
          <select value={speed} onChange={(e) => session.setSpeed(Number(e.target.value) as Speed)}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}x
              </option>
            ))}
          </select>
        </label>
        <Clock session={session} label={t.time} />
      </div>
      <Scrub session={session} label={t.scrub} />
    </section>
  );
});

/** Disabled only at 0 s: the one button whose state depends on time itself. */
function StepBack({ session, label }: { session: Session; label: string }) {
  const atStart = useSessionState(session, (s) => s.frame.now === 0);
  return (
    <button type="button" onClick={() => session.stepBack()} disabled={atStart}>
      {label}
    </button>
  );
}

function Clock({ session, label }: { session: Session; label: string }) {
  const text = useSessionState(session, (s) => (s.frame.now / 1000).toFixed(3));
  return (
    <output className="clock" aria-label={label}>
      {text} s
    </output>
  );
}

function Scrub({ session, label }: { session: Session; label: string }) {
  const frame = useFrame(session);
  const ticksId = useId();
  const { instants } = frame;
  const next = frame.nextEventAt();
  const end = Math.max(frame.now, instants[instants.length - 1] ?? 0, next ?? 0) + 500;
  return (
    <>
      <input
        className="scrub"
        type="range"
        aria-label={label}
        min={0}
        max={Math.ceil(end)}
        step={1}
        value={Math.round(frame.now)}
        list={ticksId}
        onChange={(e) => session.seek(Number(e.target.value))}
      />
      <Ticks id={ticksId} instants={instants} />
    </>
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
