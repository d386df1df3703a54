import { useEffect, useMemo, useState } from 'react';
import { readerLang, type Lang } from '../i18n/strings';
import { STRINGS } from '../i18n/embedStrings';
import { findScenario, type ScenarioId } from '../scenarios/catalog';
import type { PileupLessonId } from '../i18n/strings';
import { SequenceDiagram } from '../ui/SequenceDiagram';
import { NarrationCell } from '../ui/NarrationCell';
import { Timeline } from '../ui/Timeline';
import { useEventFrame, usePlayback, useSessionState } from '../ui/useSession';
import { createSession } from '../player/session';
import { readRun, type SharedRun } from '../player/shareLink';
import { cellTexts, lineKey, lineWords, narrationLine, runLines, type LessonText } from '../player/narration';
import { neverClosing } from '../player/policy';
import { stateFamily } from '../ui/stateFamily';
import type { LinkParams, Theme } from '../player/links';

/**
 * One lesson, or one run someone made (run=, as a share link carries it, or written as text: `given`,
 * with its title and its link into the app), for a blog post: the diagram, both states, the
 * narration, and as many controls as asked. It opens at its start, or at the moment its author chose (at=).
 */
export function EmbedApp({
  config,
  appBase = './',
  given,
}: {
  config: LinkParams;
  appBase?: string;
  given?: { run: SharedRun; title: string | null; link: string };
}) {
  const scenario = findScenario(config.scenario!)!;
  // A run is checked as the app checks a share link; a bad one gets its reason, and the lesson.
  const opened = useMemo(() => (given ? { run: given.run, problem: null } : config.run === null ? null : readRun(config.run)), [config.run, given]);
  const shared = opened?.run ?? null;
  // A run made in a lesson names it (scenario=): its words still apply to the moments it reaches.
  const ownRun = shared !== null && config.askedScenario === null;
  const runParam = given?.link ?? config.run;
  // It opens at its start, or at the moment its author chose (at=): a shared run's own moment is where it was shared, not where a reader begins.
  const session = useMemo(() => {
    const at = config.at ?? 0;
    return shared
      ? createSession({ ...shared, t: at })
      : createSession({ config: scenario.script.config ?? {}, steps: scenario.script.steps, t: at, policy: neverClosing(scenario.neverCloses) });
  }, [scenario, shared, config.at]);
  const playing = usePlayback(session);
  // The states and the narration change only when something happens.
  const frame = useEventFrame(session);
  const run = useSessionState(session, (s) => s.run);
  const [lang] = useState(() => config.lang ?? readerLang());
  // On a phone the drawing is narrow and its labels need more height to stay clear of each other: a
  // post scrolls, so the embed takes that height rather than folding a short lesson's middle away.
  const [diagramCap] = useState(() => (window.innerWidth < 560 ? 500 : 380));
  const t = STRINGS[lang];
  useEffect(() => {
    session.setSpeed(config.speed);
    for (let i = 0; i < config.step; i++) session.stepForward();
    // With no controls there is nothing to press, so it plays by itself.
    if (config.autoplay || config.controls === 'none') session.play();
  }, [session, config]);
  // links.ts opens no pile-up lesson in an embed (it draws one connection): the embed carries only the others' words.
  const words = t.lessons[scenario.id as Exclude<ScenarioId, PileupLessonId>];
  // A shared run may leave the lesson's script: its takeaway is the lesson's, not the run's.
  const takeaway = shared ? undefined : words.takeaway;
  const moments = useMemo(() => (ownRun ? {} : (words.moments ?? {})), [ownRun, words]);
  // A lesson as written says its own moments, each standing until the next; a run someone made is
  // explained event by event, as free play explains it (a lesson's moments where it reaches them).
  const lesson = useMemo<LessonText>(
    () => ({ summary: false, takeaway: takeaway !== undefined, moments, fleet: false, standing: !shared }),
    [takeaway, moments, shared],
  );
  const line = narrationLine(frame, lesson);
  const current = lineKey(line);
  const why = current === 'latest' && line.kind !== 'start' ? lineWords(line, frame, t) : null;
  // Every sentence of the run in the same cell, the others hidden: the tallest sets the height from the start.
  const whys = useMemo(() => runLines(run, frame.policy, lesson, t), [run, frame.policy, lesson, t]);
  const texts = cellTexts({ current, moments, takeaway, latest: why, whys });
  return (
    <main className={`app embed controls-${config.controls}`} lang={lang}>
      <div className="embed-top">
        <h1 className="embed-title">{ownRun ? (given?.title ?? t.sharedRun) : words.title}</h1>
        <p className="embed-link">
          <a href={openIn(appBase, ownRun ? null : scenario.id, shared ? runParam : null, lang, config.theme)} target="_blank" rel="noreferrer">
            {t.openFull}
          </a>
        </p>
      </div>
      {config.problems.map((p) => (
        <p key={p.name} className="notice" role="alert">
          {t.badEmbedParam(p.name, p.value)}
        </p>
      ))}
      {opened?.problem ? (
        <p className="notice" role="alert">
          {t.badEmbedRun(t.linkProblems[opened.problem.code](opened.problem.field ?? ''))}
        </p>
      ) : null}
      <section className="stage panel" aria-label={t.sequenceDiagram}>
        <div className="stage-heads">
          {(['client', 'server'] as const).map((e) => (
            <section key={e} className={`head ${e}`} aria-label={t[e]} data-family={stateFamily(frame.state(e))}>
              <h2 className="who">
                {t[e]}
                {/* A run whose application never closes says so: otherwise a reader cannot tell why CLOSE-WAIT stays. */}
                {frame.policy.neverCloses[e] ? (
                  <span className="policy">
                    <span className="sep"> · </span>
                    {t.neverClosesTag}
                  </span>
                ) : null}
              </h2>
              <p className="state" role="status" aria-live="polite">
                <span className="rfc">{frame.state(e)}</span>
              </p>
            </section>
          ))}
        </div>
        {/* Sized from the whole run, so the embed's height is the same from its first step to its last. */}
        <SequenceDiagram session={session} relative t={t} autoHeight={diagramCap} />
      </section>
      {/* Every text the narration may say, in one cell: the tallest sets the height. */}
      <NarrationCell texts={texts} takeawayLabel={t.takeaway}>
        {config.controls !== 'none' ? (
          <p className="hint" data-current={line.kind === 'start' && !playing} aria-hidden={line.kind !== 'start' || playing}>
            {t.startHint}
          </p>
        ) : null}
      </NarrationCell>
      {config.controls !== 'none' ? <Timeline session={session} t={t} minimal={config.controls === 'minimal'} /> : null}
    </main>
  );
}

/** The app at this lesson, or at this run, in the embed's language and theme. */
function openIn(appBase: string, scenario: string | null, run: string | null, lang: Lang, theme: Theme): string {
  const params = new URLSearchParams();
  if (scenario) params.set('scenario', scenario);
  if (run) params.set('run', run);
  params.set('lang', lang);
  if (theme !== 'auto') params.set('theme', theme);
  return `${appBase}?${params}`;
}
