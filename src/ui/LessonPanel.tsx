import { memo } from 'react';
import type { Lang, Strings } from '../i18n/strings';
import type { Session } from '../player/session';
import { useEventFrame } from './useSession';
import { MENU_ORDER, SCENARIOS, SCENARIO_GROUPS, type Scenario } from '../scenarios/catalog';
import { LESSON_NOTES } from '../scenarios/lessonNotes';

interface Props {
  scenario: Scenario | undefined;
  session: Session;
  lang: Lang;
  t: Strings;
  notice: string | null;
  onChoose: (id: string) => void;
}

/** "1 · " for the lesson the 1 key opens, and so on to 9. */
const keyOf = (id: string): string => {
  const n = MENU_ORDER.findIndex((s) => s.id === id) + 1;
  return n >= 1 && n <= 9 ? `${n} · ` : '';
};

/** The scenario menu, grouped as the post groups its cases, and what the chosen lesson teaches. */
export const LessonPanel = memo(function LessonPanel({ scenario, session, lang, t, notice, onChoose }: Props) {
  // Redrawn when something happens, not on every animation frame between.
  const frame = useEventFrame(session);
  const over = frame.nextEventAt() === null;
  // The lesson's own words for the latest state change, if it has some.
  const latest = frame.transitions.at(-1);
  const moment = latest ? scenario?.moments?.[`${latest.endpoint}:${latest.to}`] : undefined;
  const notes = scenario ? LESSON_NOTES[scenario.id] : undefined;
  return (
    <section className={`panel lesson${scenario ? '' : ' free'}${frame.transitions.length > 0 ? ' started' : ''}`} aria-label={t.lesson}>
      <div className="row">
        <label>
          {t.scenario}{' '}
          <select value={scenario?.id ?? ''} onChange={(e) => onChoose(e.target.value)}>
            <option value="">{t.freePlay}</option>
            {SCENARIO_GROUPS.map((g) => (
              <optgroup key={g} label={t.groups[g]}>
                {SCENARIOS.filter((s) => s.group === g).map((s) => (
                  <option key={s.id} value={s.id}>
                    {/* Keys 1 to 9 open the first nine lessons (a presenter's remote or keyboard): the menu says which. */}
                    {keyOf(s.id)}
                    {s.title[lang]}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
      </div>
      {notice ? (
        <p className="notice" role="alert">
          {notice}
        </p>
      ) : null}
      {scenario ? (
        <>
          <h2>{scenario.title[lang]}</h2>
          {notes ? <p className="summary">{notes.summary[lang]}</p> : null}
          {moment ? (
            <p className="moment" aria-live="polite">
              {moment[lang]}
            </p>
          ) : null}
          {over && notes ? (
            <p className="takeaway">
              <strong>{t.takeaway}:</strong> {notes.takeaway[lang]}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
});
