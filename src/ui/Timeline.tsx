import { useId } from 'react';
import type { Strings } from '../i18n/strings';
import { SPEEDS, type Session, type SessionState, type Speed } from './session';

interface Props {
  session: Session;
  state: SessionState;
  t: Strings;
}

/** Play, step, scrub: time is the student's to move, forward and back. */
export function Timeline({ session, state, t }: Props) {
  const { sim, playing, speed } = state;
  const ticksId = useId();
  const instants = session.instants();
  const next = sim.nextEventAt();
  const end = Math.max(sim.now, ...instants, next ?? 0) + 500;
  const hasTimer = sim.pending().some((p) => p.kind === 'timer');
  return (
    <section className="panel timeline" aria-label={t.timeline}>
      <div className="row">
        <button type="button" onClick={() => session.stepBack()} disabled={sim.now === 0}>
          {t.stepBack}
        </button>
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
        <output className="clock" aria-label={t.time}>
          {(sim.now / 1000).toFixed(3)} s
        </output>
      </div>
      <input
        className="scrub"
        type="range"
        aria-label={t.scrub}
        min={0}
        max={Math.ceil(end)}
        step={1}
        value={Math.round(sim.now)}
        list={ticksId}
        onChange={(e) => session.seek(Number(e.target.value))}
      />
      <datalist id={ticksId}>
        {instants.map((i) => (
          <option key={i} value={i} />
        ))}
      </datalist>
    </section>
  );
}
