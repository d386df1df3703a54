import { memo, useEffect, useId, useMemo, useState } from 'react';
import type { Transition } from '../model/history';
import { TCP_STATES, type TcpState } from '../model/types';
import type { AppStrings as Strings } from '../i18n/appStrings';
import { viewWords } from '../i18n/viewWords';
import type { Session } from '../player/session';
import { describe } from './Explanation';
import { useEventFrame, useSessionState } from './useSession';

interface Props {
  session: Session;
  t: Strings;
}

/**
 * The answer and three wrong ones. The wrong ones are states the engine says cannot come next from
 * here (not a list kept by hand: FIN-WAIT-2 can go to CLOSED, so CLOSED is never offered as wrong
 * there), picked the same way every time for the same question.
 */
export function choicesFor(answer: TcpState, current: TcpState, possibleNext: readonly TcpState[], seed: number): TcpState[] {
  const possible = new Set(possibleNext);
  const others = TCP_STATES.filter((s) => s !== answer && s !== current && !possible.has(s));
  // Three in a row from a place the seed picks: distinct, and always found (a stride sharing a factor with the count would cycle).
  const picked = others.length <= 3 ? others : Array.from({ length: 3 }, (_, k) => others[(seed * 7 + k) % others.length]!);
  const all = [...picked, answer];
  return all.sort((a, b) => TCP_STATES.indexOf(a) - TCP_STATES.indexOf(b));
}

/** What the student did with a question, shown with the answer's explanation until they ask for the next one. */
interface Revealed {
  readonly transition: Transition;
  readonly verdict: string;
  readonly why: string | null;
}

/**
 * Quiz mode: before each state change, which state comes next? The run waits a moment short of
 * that change (stepping and playing stop there) until the question is answered or skipped; then
 * the change happens, the answer is given with why it happened, and the next question waits for
 * the student to ask for it.
 */
export const QuizPanel = memo(function QuizPanel({ session, t }: Props) {
  const v = viewWords[t.lang];
  // The question changes only when something happens, not on every animation frame.
  const frame = useEventFrame(session);
  const gated = useSessionState(session, (s) => s.gated);
  const [on, setOn] = useState(false);
  const [picked, setPicked] = useState<TcpState | null>(null);
  const [score, setScore] = useState({ right: 0, asked: 0, skipped: 0 });
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const name = useId();
  // Recomputed when something happened: the run is looked up ahead to its next transition.
  const next = useMemo(() => (on && frame ? session.upcomingTransition() : null), [on, session, frame]);
  const choices = useMemo(
    () => (next ? choicesFor(next.to, next.from, frame.nextStates(next.endpoint), Math.round(next.t) + next.to.length) : []),
    [next, frame],
  );
  // The run may not pass the next change of state until its question is answered.
  useEffect(() => {
    session.setGate(on && next ? next.t : null);
  }, [session, on, next]);
  useEffect(() => () => session.setGate(null), [session]);

  const reveal = (verdict: string) => {
    if (!next) return;
    setPicked(null);
    session.setGate(null);
    session.pause();
    session.seek(next.t);
    // Why this very change happened (another side's change at the same instant is not the answer).
    setRevealed({
      transition: next,
      verdict,
      why: describe({ kind: 'transition', t: next.t, transition: next, sent: null, also: null }, session.getState().frame, t),
    });
  };
  const answer = () => {
    if (!next || !picked) return;
    const right = picked === next.to;
    setScore((s) => ({ ...s, right: s.right + (right ? 1 : 0), asked: s.asked + 1 }));
    reveal(right ? v.quizRight : v.quizWrong(next.to));
  };
  const skip = () => {
    if (!next) return;
    setScore((s) => ({ ...s, skipped: s.skipped + 1 }));
    reveal(v.quizSkipped(next.to));
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
            setRevealed(null);
          }}
        />
        {t.quiz}
      </label>
      {on ? (
        <>
          {revealed ? (
            <div className="revealed" role="status">
              <p className="verdict">{revealed.verdict}</p>
              {revealed.why ? <p className="quiz-why">{revealed.why}</p> : null}
              {next ? (
                <button type="button" className="primary" onClick={() => setRevealed(null)}>
                  {v.quizNext}
                </button>
              ) : null}
            </div>
          ) : next ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                answer();
              }}
            >
              <fieldset>
                <legend>{v.quizQuestion(t.endpointName[next.endpoint], next.from)}</legend>
                {choices.map((c) => (
                  <label key={c} className="choice">
                    <input type="radio" name={name} value={c} checked={picked === c} onChange={() => setPicked(c)} /> {c}
                  </label>
                ))}
              </fieldset>
              {gated ? (
                <p className="quiz-wait" role="alert">
                  {v.quizWaits}
                </p>
              ) : null}
              <button type="submit" className="primary" disabled={!picked}>
                {v.quizAnswer}
              </button>{' '}
              <button type="button" onClick={skip}>
                {v.quizSkip}
              </button>
            </form>
          ) : null}
          <p className="score">{v.quizScore(score.right, score.asked, score.skipped)}</p>
        </>
      ) : null}
    </section>
  );
});
