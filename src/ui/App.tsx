import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { readerLang, type Lang } from '../i18n/strings';
import type { AppStrings } from '../i18n/appStrings';
import { loadAppStrings, loadCaptureStrings } from '../i18n/load';
import type { CaptureStrings } from '../i18n/captureStrings';
import { START } from '../scenarios/start';
import { MENU_ORDER, findScenario } from '../scenarios/catalog';
import { parseLink } from '../player/links';
import { sessionClock, type Clock } from '../player/clock';
import { createSession } from '../player/session';
import { neverClosing } from '../player/policy';
import type { readRun } from '../player/shareLink';
import { useShortcuts, type ShortcutActions } from './useShortcuts';
import { LessonPicker, Narration } from './Lesson';
import { Stage } from './Stage';
import { Timeline } from './Timeline';
import { usePlayback } from './useSession';
import { RAIL_BESIDE, useMediaQuery } from './useMediaQuery';
import type { OpenedConnection } from './CaptureView';
import type { Replayer } from '../model/world';

const PileupView = lazy(() => import('./PileupView'));
// The capture X-ray: its list, and the bar over a connection on the stage (one chunk, loaded when opened).
const CaptureView = lazy(() => import('./CaptureView'));
const CaptureBar = lazy(() => import('./CaptureView').then((m) => ({ default: m.CaptureBar })));
// Beside the stage or below it, or opened on demand: loaded after the first view, not with it.
const Rail = lazy(() => import('./Rail'));
const KeysHelp = lazy(() => import('./KeysHelp').then((m) => ({ default: m.KeysHelp })));
const ShareDialog = lazy(() => import('./ShareDialog').then((m) => ({ default: m.ShareDialog })));

/** The language the page opens in: its link's, or the reader's. */
export const openingLang = (search: string): Lang => parseLink(search, 'app').lang ?? readerLang();

/** A shared run as its link gave it (main.tsx reads it, loading the share-link parser only for a link that has one). */
export type OpenedRun = ReturnType<typeof readRun>;
const NO_RUN: OpenedRun = { run: null, problem: null };

/** The page, in the language whose strings are already loaded (main.tsx loads them before the first view). */
export function App({ lang: openingLang, strings, shared = NO_RUN }: { lang: Lang; strings: AppStrings; shared?: OpenedRun }) {
  // The page's link, read once by the one parser the embed and the element use too.
  const [link] = useState(() => parseLink(location.search, 'app'));
  const [scenarioId, setScenarioId] = useState<string | null>(link.askedScenario);
  const scenario = scenarioId ? findScenario(scenarioId) : undefined;
  const session = useMemo(
    // A shared run opens on the lesson it was made in; choosing another lesson starts that one.
    () =>
      shared.run && scenarioId === link.scenario ? createSession(shared.run) : createSession(scenario?.script ?? START, neverClosing(scenario?.neverCloses)),
    [scenario, scenarioId, link, shared],
  );
  // The capture X-ray: open (its list, or a connection from it on the stage) or not.
  const [capturing, setCapturing] = useState(link.capture);
  // An opened connection, with how its world replays the captured segments (loaded when one opens, not with the page).
  const [opened, setOpened] = useState<(OpenedConnection & { replayer: Replayer }) | null>(null);
  const replaySession = useMemo(
    () => (opened ? createSession({ config: opened.replay.config, steps: opened.replay.steps }, undefined, opened.replayer) : null),
    [opened],
  );
  // What the stage, the timeline, the rail and the keys drive: the opened connection's replay, or the lesson.
  const shown = replaySession ?? session;
  const capturedAddresses = useMemo(() => (opened ? { client: opened.row.client, server: opened.row.server } : undefined), [opened]);
  const [sharing, setSharing] = useState(false);
  // A view with a time of its own (a pile-up's two minutes) hands its clock up while it is on screen;
  // otherwise time is the shown session's. The keys and the animation loop drive this one clock.
  const [viewClock, setViewClock] = useState<Clock | null>(null);
  const shownClock = useMemo(() => sessionClock(shown), [shown]);
  const clock = viewClock ?? shownClock;
  usePlayback(clock);
  // A pile-up's narration ends on its takeaway once its two minutes have run.
  const over = useSyncExternalStore(clock.subscribe, clock.atEnd);
  // A language is shown once its strings have arrived: until then the page stays in the last one.
  const [{ lang, t }, setLocale] = useState({ lang: openingLang, t: strings });
  const setLang = useCallback((next: Lang) => void loadAppStrings(next).then((words) => setLocale({ lang: next, t: words })), []);
  // A replay's own explanations come with the capture X-ray's words, loaded when it opens.
  const [captureWords, setCaptureWords] = useState<{ lang: Lang; words: CaptureStrings } | null>(null);
  useEffect(() => {
    if (!capturing) return;
    let live = true;
    void loadCaptureStrings(lang).then((w) => live && setCaptureWords({ lang, words: w }));
    return () => {
      live = false;
    };
  }, [capturing, lang]);
  // The X-ray's own words, in the page's language once they have come (its views wait for them).
  const w = capturing && captureWords?.lang === lang ? captureWords.words : null;
  const words = useMemo(() => (w ? { ...t, replay: w.replay } : t), [w, t]);
  const [present, setPresent] = useState(link.present);
  const railBeside = useMediaQuery(RAIL_BESIDE, true);
  const [help, setHelp] = useState(false);
  const [theme, setTheme] = useState(link.theme);
  const runProblem = shared.problem;
  useEffect(() => {
    if (theme === 'auto') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
  // The page's language is the one it shows (screen readers, hyphenation, fonts).
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  // Stable, so the lesson panel can skip the animation frames between events.
  const choose = useCallback((id: string) => {
    const url = new URL(location.href);
    if (id) url.searchParams.set('scenario', id);
    else url.searchParams.delete('scenario');
    history.replaceState(null, '', url);
    setScenarioId(id || null);
    setCapturing(false);
    setOpened(null);
  }, []);
  // Where the list was scrolled when a connection opened (the workspace scrolls, or on a wide screen the
  // list's own box): Back returns there.
  const workspace = useRef<HTMLDivElement>(null);
  const listScroll = useRef(0);
  const openConnection = useCallback((c: OpenedConnection) => {
    listScroll.current = workspace.current?.scrollTop ?? 0;
    void import('../model/replayStep').then(({ REPLAYER }) => setOpened({ ...c, replayer: REPLAYER }));
  }, []);
  const backToList = useCallback(() => {
    setOpened(null);
    requestAnimationFrame(() => workspace.current?.scrollTo(0, listScroll.current));
  }, []);
  const openCapture = useCallback(() => {
    setCapturing(true);
    setOpened(null);
  }, []);
  const [relative, setRelative] = useState(true);
  // The keys act on whatever is current, so they read it through a ref instead of re-binding.
  // A presenter remote's blank-screen key (B or .): the projector shows black until it is pressed again.
  const [blank, setBlank] = useState(false);
  const current = useRef({ clock, choose, present, lang, scenarioId, blank, capturing, theme });
  useEffect(() => {
    current.current = { clock, choose, present, lang, scenarioId, blank, capturing, theme };
  });
  // Practice is a page of its own (practice.html, beside this one): a new set, its seed in its link.
  const openPractice = useCallback(() => {
    const params = new URLSearchParams({ seed: String(Math.floor(Math.random() * 100_000)), lang: current.current.lang });
    if (current.current.theme !== 'auto') params.set('theme', current.current.theme);
    location.assign(`practice.html?${params}`);
  }, []);
  // Entering presentation by key or button goes full screen too (a browser allows that only on a
  // user's gesture, so ?present=1 alone cannot; F still can); leaving it leaves full screen.
  const togglePresent = useCallback(() => {
    const next = !current.current.present;
    setPresent(next);
    fullscreen(next);
  }, []);
  // On a black screen a key that would move the run brings the screen back instead, as a slide
  // show's does: nothing moves unseen. True when it did.
  const unblank = () => current.current.blank && (setBlank(false), true);
  const actions = useMemo<ShortcutActions>(
    () => ({
      togglePlay: () => {
        if (unblank()) return;
        const { clock } = current.current;
        if (clock.getState().playing) clock.pause();
        else clock.play();
      },
      stepForward: () => unblank() || current.current.clock.stepForward(),
      stepBack: () => unblank() || current.current.clock.stepBack(),
      toStart: () => unblank() || current.current.clock.seek(0),
      next: () => {
        if (unblank()) return;
        const { clock, present, scenarioId, capturing } = current.current;
        // At a lesson's end (a pile-up's: its two minutes run) a remote's "next" goes on to the next lesson, as a slide deck's next slide does.
        const i = MENU_ORDER.findIndex((s) => s.id === scenarioId);
        if (present && !capturing && i >= 0 && i + 1 < MENU_ORDER.length && clock.atEnd()) current.current.choose(MENU_ORDER[i + 1]!.id);
        else clock.stepForward();
      },
      previous: () => {
        if (unblank()) return;
        const { clock, present, scenarioId, capturing } = current.current;
        // At a lesson's start a remote's "back" goes to the lesson before, as a slide deck's previous slide does.
        const i = MENU_ORDER.findIndex((s) => s.id === scenarioId);
        if (present && !capturing && i > 0 && clock.atStart()) current.current.choose(MENU_ORDER[i - 1]!.id);
        else clock.stepBack();
      },
      // Escape closes what is open first (a black screen, a disclosure such as What stands out), then presentation.
      escape: () => {
        const open = document.querySelector<HTMLElement>('[aria-expanded="true"]');
        if (current.current.blank) setBlank(false);
        else if (open) open.click();
        else if (current.current.present) togglePresent();
      },
      toggleBlank: () => setBlank((b) => !b),
      openLesson: (n) => {
        const lesson = MENU_ORDER[n - 1];
        if (lesson) current.current.choose(lesson.id);
      },
      togglePresent,
      toggleFullscreen: () => fullscreen(!document.fullscreenElement),
      toggleLanguage: () => setLang(current.current.lang === 'ko' ? 'en' : 'ko'),
      toggleHelp: () => setHelp((h) => !h),
    }),
    [togglePresent, setLang],
  );
  useShortcuts(actions);
  const resetRun = useCallback(() => {
    // Reset goes back to the lesson's start (or an empty free play): the link no longer names a run.
    const url = new URL(location.href);
    if (url.searchParams.has('run')) {
      url.searchParams.delete('run');
      history.replaceState(null, '', url);
    }
  }, []);
  const fleet = capturing ? undefined : scenario?.fleet;
  // The capture's list takes the page alone, as a pile-up does; a connection opened from it has the stage.
  const listing = capturing && !opened;
  // What the link asked for that could not be done, in the reader's language, values cut and escaped.
  // What opened instead is what the link opened (its lesson if it names a known one, else free play),
  // said while it is on screen: once the reader picks another lesson, those notices are done.
  const onOpened = scenarioId === link.askedScenario;
  const notices = useMemo(
    () => [
      ...(runProblem && onOpened ? [t.badLink(t.linkProblems[runProblem.code](runProblem.field ?? ''), link.scenario !== null)] : []),
      // The link reader has already cut and escaped each value it reports.
      ...link.problems
        .filter((p) => p.name !== 'scenario' || onOpened)
        .map((p) => (p.name === 'scenario' ? t.unknownScenario(p.value) : t.badParam(p.name, p.value))),
    ],
    [runProblem, onOpened, link, t],
  );
  return (
    <div className={`app${present ? ' present' : ''}${fleet || listing ? ' fleet' : ''}${capturing ? ' capturing' : ''}${blank ? ' blank' : ''}`} lang={lang}>
      <header className="bar">
        <h1 title={t.tagline}>{t.title}</h1>
        <LessonPicker
          scenario={capturing ? undefined : scenario}
          t={t}
          onChoose={choose}
          capturing={capturing}
          onCapture={openCapture}
          onPractice={openPractice}
        />
        <div className="bar-tools">
          <button type="button" className="present-button" onClick={togglePresent} aria-pressed={present}>
            {present ? t.leavePresent : t.present}
          </button>
          {/* A capture stays in this browser: a link would carry it away. */}
          {capturing ? null : (
            <button type="button" className="share-button" onClick={() => setSharing(true)}>
              {t.share}
            </button>
          )}
          <button type="button" className="keys-button" onClick={() => setHelp(true)} aria-label={t.keysTitle}>
            ?
          </button>
          <label className="setting">
            <span className="setting-name">{t.theme}</span>
            <select value={theme} onChange={(e) => setTheme(e.target.value as typeof theme)}>
              {(['auto', 'light', 'dark', 'contrast'] as const).map((k) => (
                <option key={k} value={k}>
                  {t.themes[k]}
                </option>
              ))}
            </select>
          </label>
          <label className="setting">
            <span className="setting-name">{t.language}</span>
            <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
              <option value="ko" lang="ko">
                한국어
              </option>
              <option value="en">English</option>
            </select>
          </label>
        </div>
      </header>
      <div className="workspace" ref={workspace}>
        <main className="main-column">
          {capturing ? (
            <Suspense fallback={<p className="panel">…</p>}>
              {w ? <CaptureView lang={lang} hidden={opened !== null} onOpen={openConnection} w={w} /> : null}
              {w && opened && replaySession ? <CaptureBar opened={opened} session={replaySession} t={t} w={w} onBack={backToList} /> : null}
            </Suspense>
          ) : null}
          {listing ? null : (
            <Narration
              scenario={capturing ? undefined : scenario}
              session={shown}
              t={words}
              fleetOver={over}
              // The rail's "Why it happened" is beside the stage on a wide screen, except in presentation
              // mode; on a narrower one it is below the stage, out of sight, so the narration says why itself.
              explained={!present && railBeside}
              notices={capturing ? [] : notices}
            />
          )}
          {listing ? null : fleet ? (
            <Suspense fallback={<p className="panel">…</p>}>
              <PileupView key={scenarioId} kind={fleet} t={t} onClock={setViewClock} />
            </Suspense>
          ) : (
            <Stage session={shown} t={words} relative={relative} onRelative={setRelative} />
          )}
        </main>
        {fleet || listing ? null : (
          <Suspense fallback={<aside className="rail" aria-label={t.more} />}>
            <Rail session={shown} t={words} relative={relative} addresses={capturedAddresses} />
          </Suspense>
        )}
      </div>
      {/* Under the stage on a wide screen; at the bottom of the screen on a narrow one, whatever is scrolled. */}
      {fleet || listing ? null : <Timeline session={shown} t={words} onReset={resetRun} />}
      <Suspense fallback={null}>
        {help ? <KeysHelp open onClose={() => setHelp(false)} t={t} /> : null}
        {/* The link encodes the whole run: built only while the dialog is open. */}
        {sharing ? <ShareDialog open onClose={() => setSharing(false)} session={session} scenario={scenario ?? null} lang={lang} t={t} /> : null}
      </Suspense>
    </div>
  );
}

function fullscreen(on: boolean): void {
  if (on && !document.fullscreenElement) void document.documentElement.requestFullscreen?.().catch(() => {});
  if (!on && document.fullscreenElement) void document.exitFullscreen?.().catch(() => {});
}
