import { memo, useId, useMemo, useState } from 'react';
import { TCP_STATES, type TcpState } from '../model/types';
import type { AppStrings as Strings } from '../i18n/appStrings';
import type { Session } from '../player/session';
import { useEventFrame } from './useSession';

interface Props {
  session: Session;
  t: Strings;
}

/** Three wrong answers that are real states, chosen the same way every time for the same question. */
function choicesFor(answer: TcpState, current: TcpState, seed: number): TcpState[] {
  const others = TCP_STATES.filter((s) => s !== answer && s !== current);
  const picked: TcpState[] = [];
  for (let k = 0; picked.length < 3; k++) {
    const s = others[(seed * 7 + k * 5) % others.length]!;
    if (!picked.includes(s)) picked.push(s);
  }
  const all = [...picked, answer];
  return all.sort((a, b) => TCP_STATES.indexOf(a) - TCP_STATES.indexOf(b));
}

/**
 * Quiz mode: before each state change, which state comes next? The answer is revealed by
 * letting the run reach it, so the narration explains it at once.
 */
export const QuizPanel = memo(function QuizPanel({ session, t }: Props) {
  // The question changes only when something happens, not on every animation frame.
  const frame = useEventFrame(session);
  const [on, setOn] = useState(false);
  const [picked, setPicked] = useState<TcpState | null>(null);
  const [score, setScore] = useState({ right: 0, asked: 0 });
  const [verdict, setVerdict] = useState<string | null>(null);
  const name = useId();
  // Recomputed when something happened: the run is looked up ahead to its next transition.
  const next = useMemo(() => (on && frame ? session.upcomingTransition() : null), [on, session, frame]);
  const choices = useMemo(() => (next ? choicesFor(next.to, next.from, Math.round(next.t) + next.to.length) : []), [next]);

  const answer = () => {
    if (!next || !picked) return;
    const right = picked === next.to;
    setScore((s) => ({ right: s.right + (right ? 1 : 0), asked: s.asked + 1 }));
    setVerdict(right ? t.quizRight : t.quizWrong(next.to));
    setPicked(null);
    session.pause();
    session.seek(next.t);
  };

  return (
    <section className="panel quiz" aria-label={t.quiz}>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={on}
          onChange={(e) => {
            setOn(e.target.checked);
            setVerdict(null);
          }}
        />
        {t.quiz}
      </label>
      {on ? (
        <>
          {verdict ? (
            <p className="verdict" role="status">
              {verdict}
            </p>
          ) : null}
          {next ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                answer();
              }}
            >
              <fieldset>
                <legend>{t.quizQuestion(t.endpointName[next.endpoint], next.from)}</legend>
                {choices.map((c) => (
                  <label key={c} className="choice">
                    <input type="radio" name={name} value={c} checked={picked === c} onChange={() => setPicked(c)} /> {c}
                  </label>
                ))}
              </fieldset>
              <button type="submit" className="primary" disabled={!picked}>
                {t.quizAnswer}
              </button>
            </form>
          ) : null}
          <p className="score">{t.quizScore(score.right, score.asked)}</p>
        </>
      ) : null}
    </section>
  );
});
