import { narrationKey } from '../player/narrate';
import { memo } from 'react';
import type { AppStrings as Strings } from '../i18n/appStrings';
import type { Session } from '../player/session';
import { useEventFrame } from './useSession';
import { MENU_ORDER, SCENARIOS, SCENARIO_GROUPS, type Scenario } from '../scenarios/catalog';
import { explain, startHint } from './Explanation';

/** "1 · " for the lesson the 1 key opens, and so on to 9. */
const keyOf = (id: string): string => {
  const n = MENU_ORDER.findIndex((s) => s.id === id) + 1;
  return n >= 1 && n <= 9 ? `${n} · ` : '';
};

/** The menu's value for the capture X-ray (no lesson has it: ids are words). */
const CAPTURE = '#capture';

/** The lesson menu, grouped as the post groups its cases; each of the first nine says the key that opens it. */
export const LessonPicker = memo(function LessonPicker({
  scenario,
  t,
  onChoose,
  capturing,
  onCapture,
}: {
  scenario: Scenario | undefined;
  t: Strings;
  onChoose: (id: string) => void;
  /** The capture X-ray is open: the menu's last entry, after the lessons. */
  capturing: boolean;
  onCapture: () => void;
}) {
  return (
    <label className="lesson-picker">
      <span className="picker-label">{t.scenario}</span>
      <select
        value={capturing ? CAPTURE : (scenario?.id ?? '')}
        aria-label={t.scenario}
        onChange={(e) => {
          if (e.target.value === CAPTURE) onCapture();
          else onChoose(e.target.value);
          // Hand the keys back to the page: arrows and a remote's Page Down step the lesson, not the menu.
          e.target.blur();
        }}
      >
        <option value="">{t.freePlay}</option>
        {SCENARIO_GROUPS.map((g) => (
          <optgroup key={g} label={t.groups[g]}>
            {SCENARIOS.filter((s) => s.group === g).map((s) => (
              <option key={s.id} value={s.id}>
                {keyOf(s.id)}
                {t.lessons[s.id].title}
              </option>
            ))}
          </optgroup>
        ))}
        <optgroup label={t.captureGroup}>
          <option value={CAPTURE}>{t.captureOpen}</option>
        </optgroup>
      </select>
    </label>
  );
});

interface NarrationProps {
  scenario: Scenario | undefined;
  session: Session;
  t: Strings;
  /** A pile-up lesson has run its two minutes. */
  fleetOver?: boolean;
  /** What the link asked for that could not be done, each said once. */
  notices: readonly string[];
}

/**
 * What this moment means, in a line or two above the stage: the lesson's summary before it starts,
 * its own words for each moment it narrates, the takeaway at its end; otherwise (free play, or a
 * moment the lesson does not narrate) why the last change of state happened. In a lesson every one
 * of its texts is laid out in the same cell, the others hidden, so the line's height is that of the
 * longest and the stage below never moves as the lesson goes on.
 */
export const Narration = memo(function Narration({ scenario, session, t, notices, fleetOver = false }: NarrationProps) {
  const frame = useEventFrame(session);
  const latest = frame.transitions.at(-1);
  const words = scenario ? t.lessons[scenario.id] : undefined;
  const summary = scenario ? t.summaries[scenario.id] : undefined;
  const takeaway = words?.takeaway;
  const moments = words?.moments ?? {};
  const why = explain(frame, t) ?? startHint(frame, t);
  // Which text this moment shows is the player's answer (the embed asks the same); before anything, the why line says how to start.
  // A pile-up lesson's time is its own view's, not this run's: its summary stays.
  const key = narrationKey(frame, { moments, takeaway, summary });
  const current = scenario?.fleet ? (fleetOver && takeaway ? 'takeaway' : 'summary') : key === 'hint' ? 'why' : key;
  const texts: { key: string; className: string; text: React.ReactNode }[] = [];
  if (summary) texts.push({ key: 'summary', className: 'summary', text: summary });
  for (const [key, text] of Object.entries(moments)) texts.push({ key: `moment:${key}`, className: 'moment', text });
  if (takeaway)
    texts.push({
      key: 'takeaway',
      className: 'takeaway',
      text: (
        <>
          <strong>{t.takeaway}:</strong> {takeaway}
        </>
      ),
    });
  texts.push({ key: 'why', className: 'why-line', text: why });
  return (
    <section className={`narration${scenario ? '' : ' free'}${latest ? ' started' : ''}`} aria-label={t.lesson}>
      {notices.map((n) => (
        <p key={n} className="notice" role="alert">
          {n}
        </p>
      ))}
      <div className="narration-lines" aria-live="polite">
        {texts.map((x) => (
          <p key={x.key} className={x.className} data-current={x.key === current} aria-hidden={x.key !== current}>
            {x.text}
          </p>
        ))}
      </div>
    </section>
  );
});
