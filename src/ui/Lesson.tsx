import { cellTexts, lineKey, lineWords, narrationLine, runLines, type LessonText } from '../player/narration';
import { NarrationCell } from './NarrationCell';
import { memo, useDeferredValue, useMemo } from 'react';
import type { AppStrings as Strings } from '../i18n/appStrings';
import type { Session } from '../player/session';
import { useEventFrame, useSessionState } from './useSession';
import { MENU_ORDER, SCENARIOS, SCENARIO_GROUPS, type Scenario } from '../scenarios/catalog';

/** "1 · " for the lesson the 1 key opens, and so on to 9. */
const keyOf = (id: string): string => {
  const n = MENU_ORDER.findIndex((s) => s.id === id) + 1;
  return n >= 1 && n <= 9 ? `${n} · ` : '';
};

/** The menu's value for the capture X-ray (no lesson has it: ids are words). */
const CAPTURE = '#capture';
/** The menu's value for practice. */
const PRACTICE = '#practice';

/** The lesson menu, grouped as the post groups its cases; each of the first nine says the key that opens it. */
export const LessonPicker = memo(function LessonPicker({
  scenario,
  t,
  onChoose,
  capturing,
  onCapture,
  onPractice,
}: {
  scenario: Scenario | undefined;
  t: Strings;
  onChoose: (id: string) => void;
  /** The capture X-ray is open: the menu's last entry, after the lessons. */
  capturing: boolean;
  onCapture: () => void;
  /** The menu's very last entry: practice, a page of its own. */
  onPractice: () => void;
}) {
  return (
    <label className="lesson-picker">
      <span className="picker-label">{t.scenario}</span>
      <select
        value={capturing ? CAPTURE : (scenario?.id ?? '')}
        aria-label={t.scenario}
        onChange={(e) => {
          if (e.target.value === CAPTURE) onCapture();
          else if (e.target.value === PRACTICE) onPractice();
          else onChoose(e.target.value);
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
        <option value={PRACTICE}>{t.practiceOpen}</option>
      </select>
    </label>
  );
});

/** A run of up to this many steps has its narration's lines worked out with the stage (every lesson's). */
const LINES_AT_ONCE = 60;

interface NarrationProps {
  scenario: Scenario | undefined;
  session: Session;
  t: Strings;
  /** A pile-up lesson has run its two minutes. */
  fleetOver?: boolean;
  /** The "Why it happened" panel is on screen beside the stage: free play's line then says only what happened. */
  explained?: boolean;
  /** What the link asked for that could not be done, each said once. */
  notices: readonly string[];
}

/**
 * What this moment means, in a line or two above the stage, as src/player/narration.ts decides: the
 * lesson's summary before it starts, its own words for each moment it narrates, the takeaway at its
 * end; otherwise the latest moment (why it happened, or in free play beside the explanation panel
 * only what happened). In a lesson every one of its texts is laid out in the same cell, the others
 * hidden, so the line's height is that of the longest and the stage below never moves as the lesson goes on.
 */
export const Narration = memo(function Narration({ scenario, session, t, notices, fleetOver = false, explained = false }: NarrationProps) {
  const frame = useEventFrame(session);
  const run = useSessionState(session, (s) => s.run);
  const latest = frame.transitions.at(-1);
  const words = scenario ? t.lessons[scenario.id] : undefined;
  const summary = scenario ? t.summaries[scenario.id] : undefined;
  const takeaway = words?.takeaway;
  const moments = words?.moments ?? {};
  const lesson = useMemo(() => lessonText(scenario, t), [scenario, t]);
  const line = narrationLine(frame, lesson, { fleetOver, explained });
  const current = lineKey(line);
  const why = lineWords(line, frame, t);
  // In a lesson, every latest-moment line it will show at any of its moments is laid out (hidden) in
  // the same cell as its own words, so the cell is as tall as the tallest from the start and the
  // stage below never moves as the lesson goes on.
  // So too a capture's replay (what it will show is what was captured); free play's run is the student's own and grows as they act.
  const fixed = scenario ? !scenario.fleet : run.steps.length <= 400 && run.steps.some((x) => 'observed' in x);
  // A run of more than a few dozen steps (a capture's) has its lines worked out in a render of their
  // own, after the stage is on screen: hundreds of moments to narrate made Open one long task.
  const deferred = useDeferredValue(run, null);
  const now = fixed && (run.steps.length <= LINES_AT_ONCE || deferred === run);
  const whys = useMemo(() => (now ? runLines(run, frame.policy, lesson, t, { explained }) : []), [now, run, frame.policy, lesson, t, explained]);
  // With its lines laid out, the "why" line takes room only when it is the one shown.
  const shownWhy = fixed && current !== 'latest' ? '' : why;
  const texts = cellTexts({ current, summary, moments, takeaway, latest: shownWhy, whys });
  return (
    <section className={`narration${scenario ? '' : ' free'}${latest ? ' started' : ''}`} aria-label={t.lesson}>
      {notices.map((n) => (
        <p key={n} className="notice" role="alert">
          {n}
        </p>
      ))}
      <NarrationCell texts={texts} takeawayLabel={t.takeaway} />
    </section>
  );
});

/** What a lesson has words for, as the player's narration asks (null in free play and a capture's replay). */
function lessonText(scenario: Scenario | undefined, t: Strings): LessonText | null {
  if (!scenario) return null;
  const words = t.lessons[scenario.id];
  return {
    summary: t.summaries[scenario.id] !== undefined,
    takeaway: words.takeaway !== undefined,
    moments: words.moments ?? {},
    fleet: scenario.fleet !== undefined,
  };
}
