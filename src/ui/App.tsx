import { Suspense, lazy, memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { STRINGS, readerLang, type Lang, type Strings } from '../i18n/strings';
import { START } from '../scenarios/start';
import { MENU_ORDER, findScenario } from '../scenarios/catalog';
import { parseLink } from '../player/links';
import { createSession, type Session } from '../player/session';
import { encodeRun, readRun } from '../player/shareLink';
import { useShortcuts, type ShortcutActions } from './useShortcuts';
import { LessonPanel } from './LessonPanel';
import { EndpointPanel } from './EndpointPanel';
import { EventLog, Explanation } from './Explanation';
import { NetworkPanel } from './NetworkPanel';
import { SequenceDiagram } from './SequenceDiagram';
import { DiagramExport } from './DiagramExport';
import { StateDiagram } from './StateDiagram';
import { Timeline } from './Timeline';
import { usePlayback } from './useSession';

const PileupView = lazy(() => import('./PileupView'));
// Below the first screen or opened on demand: loaded after the first view, not with it.
const QuizPanel = lazy(() => import('./QuizPanel').then((m) => ({ default: m.QuizPanel })));
const SsPanel = lazy(() => import('./SsPanel').then((m) => ({ default: m.SsPanel })));
const KeysHelp = lazy(() => import('./KeysHelp').then((m) => ({ default: m.KeysHelp })));
const ShareDialog = lazy(() => import('./ShareDialog').then((m) => ({ default: m.ShareDialog })));

export function App() {
  // The page's link, read once by the one parser the embed and the element use too.
  const [link] = useState(() => parseLink(location.search, 'app'));
  const [shared] = useState(() => readRun(link.run));
  const [scenarioId, setScenarioId] = useState<string | null>(link.askedScenario);
  const scenario = scenarioId ? findScenario(scenarioId) : undefined;
  const session = useMemo(
    // A shared run opens on the lesson it was made in; choosing another lesson starts that one.
    () => (shared.run && scenarioId === link.scenario ? createSession(shared.run) : createSession(scenario?.script ?? START)),
    [scenario, scenarioId, link, shared],
  );
  const [sharing, setSharing] = useState(false);
  const playing = usePlayback(session);
  const [lang, setLang] = useState<Lang>(() => link.lang ?? readerLang());
  const [present, setPresent] = useState(link.present);
  const [help, setHelp] = useState(false);
  const [theme, setTheme] = useState(link.theme);
  const runProblem = shared.problem;
  useEffect(() => {
    if (theme === 'auto') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
  // Stable, so the lesson panel can skip the animation frames between events.
  const choose = useCallback((id: string) => {
    const url = new URL(location.href);
    if (id) url.searchParams.set('scenario', id);
    else url.searchParams.delete('scenario');
    history.replaceState(null, '', url);
    setScenarioId(id || null);
  }, []);
  const [relative, setRelative] = useState(true);
  const [view, setView] = useState<'sequence' | 'states'>('sequence');
  const t = STRINGS[lang];
  // The keys act on whatever is current, so they read it through a ref instead of re-binding.
  const current = useRef({ session, playing, choose, present });
  useEffect(() => {
    current.current = { session, playing, choose, present };
  });
  // Entering presentation by key or button goes full screen too (a browser allows that only on a
  // user's gesture, so ?present=1 alone cannot; F still can); leaving it leaves full screen.
  const togglePresent = useCallback(() => {
    const next = !current.current.present;
    setPresent(next);
    fullscreen(next);
  }, []);
  const actions = useMemo<ShortcutActions>(
    () => ({
      togglePlay: () => (current.current.playing ? current.current.session.pause() : current.current.session.play()),
      stepForward: () => current.current.session.stepForward(),
      stepBack: () => current.current.session.stepBack(),
      toStart: () => current.current.session.seek(0),
      openLesson: (n) => {
        const lesson = MENU_ORDER[n - 1];
        if (lesson) current.current.choose(lesson.id);
      },
      togglePresent,
      toggleFullscreen: () => fullscreen(!document.fullscreenElement),
      toggleLanguage: () => setLang((l) => (l === 'ko' ? 'en' : 'ko')),
      toggleHelp: () => setHelp((h) => !h),
    }),
    [togglePresent],
  );
  useShortcuts(actions);
  return (
    <div className={`app${present ? ' present' : ''}`} lang={lang}>
      <header>
        <h1>{t.title}</h1>
        <p className="tagline">{t.tagline}</p>
        <button type="button" onClick={togglePresent} aria-pressed={present}>
          {present ? t.leavePresent : t.present}
        </button>
        <button type="button" className="share-button" onClick={() => setSharing(true)}>
          {t.share}
        </button>
        <button type="button" onClick={() => setHelp(true)} aria-label={t.keysTitle}>
          ?
        </button>
        <label>
          {t.theme}{' '}
          <select value={theme} onChange={(e) => setTheme(e.target.value as typeof theme)}>
            {(['auto', 'light', 'dark', 'contrast'] as const).map((k) => (
              <option key={k} value={k}>
                {t.themes[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.language}{' '}
          <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            <option value="ko">한국어</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <main className="layout">
        <LessonPanel
          scenario={scenario}
          session={session}
          lang={lang}
          t={t}
          onChoose={choose}
          notice={runProblem ? t.badLink(runProblem) : scenarioId && !scenario ? t.unknownScenario(scenarioId) : null}
        />
        {scenario?.fleet ? (
          <Suspense fallback={<p className="panel">…</p>}>
            <PileupView kind={scenario.fleet} t={t} />
          </Suspense>
        ) : (
          <>
            <EndpointPanel session={session} endpoint="client" t={t} />
            <div className="views" role="group" aria-label={t.views}>
              <button type="button" aria-pressed={view === 'sequence'} onClick={() => setView('sequence')}>
                {t.sequenceDiagram}
              </button>
              <button type="button" aria-pressed={view === 'states'} onClick={() => setView('states')}>
                {t.stateDiagram}
              </button>
            </div>
            <section className="panel diagram" aria-label={t.sequenceDiagram} data-hidden-narrow={view !== 'sequence'}>
              <DiagramHead relative={relative} onRelative={setRelative} t={t} />
              {/* Below the drawing, so the drawing starts as high on the screen as it can. */}
              <SequenceDiagram session={session} relative={relative} t={t} />
              <DiagramExport session={session} t={t} />
            </section>
            <section className="panel states" aria-label={t.stateDiagram} data-hidden-narrow={view !== 'states'}>
              <h2>{t.stateDiagram}</h2>
              <StateDiagram session={session} t={t} />
            </section>
            <EndpointPanel session={session} endpoint="server" t={t} />
            <Timeline session={session} t={t} />
            <Explanation session={session} t={t} />
            <NetworkPanel session={session} t={t} />
            <Suspense fallback={null}>
              <QuizPanel session={session} t={t} />
            </Suspense>
            <EventLog session={session} t={t} />
            <Suspense fallback={null}>
              <SsPanel session={session} t={t} />
            </Suspense>
          </>
        )}
      </main>
      <Suspense fallback={null}>
        {help ? <KeysHelp open onClose={() => setHelp(false)} t={t} /> : null}
        {/* The link encodes the whole run: built only while the dialog is open. */}
        {sharing ? (
          <ShareDialog
            open
            onClose={() => setSharing(false)}
            link={shareUrl(session, scenario?.id ?? null, lang)}
            iframe={scenario && !scenario.fleet ? embedSnippet(scenario.id, lang, scenario.title[lang]) : null}
            script={scenario && !scenario.fleet ? elementSnippet(scenario.id, lang) : null}
            t={t}
          />
        ) : null}
      </Suspense>
    </div>
  );
}

/** The diagram's title and its one setting. */
const DiagramHead = memo(function DiagramHead({ relative, onRelative, t }: { relative: boolean; onRelative: (on: boolean) => void; t: Strings }) {
  return (
    <div className="diagram-head">
      <h2>{t.sequenceDiagram}</h2>
      <label>
        <input type="checkbox" checked={relative} onChange={(e) => onRelative(e.target.checked)} /> {t.relativeNumbers}
      </label>
    </div>
  );
});

function fullscreen(on: boolean): void {
  if (on && !document.fullscreenElement) void document.documentElement.requestFullscreen?.().catch(() => {});
  if (!on && document.fullscreenElement) void document.exitFullscreen?.().catch(() => {});
}

/** A link to this very moment: the lesson (if any), the language, and the run itself. */
function shareUrl(session: Session, scenarioId: string | null, lang: string): string {
  const url = new URL(location.href);
  url.search = '';
  if (scenarioId) url.searchParams.set('scenario', scenarioId);
  url.searchParams.set('lang', lang);
  url.searchParams.set('run', encodeRun(session.shared()));
  return url.toString();
}

function embedSnippet(id: string, lang: string, title: string): string {
  const src = new URL(`embed.html?scenario=${encodeURIComponent(id)}&lang=${lang}&theme=auto&controls=minimal`, location.href).toString();
  const safeTitle = title.replace(/[<>&"]/g, '');
  return `<iframe src="${src}" sandbox="allow-scripts allow-popups" style="width:100%;border:0" title="${safeTitle}" id="tcp-${id}"></iframe>\n<script>addEventListener('message', (e) => { if (e.data && e.data.type === 'handshake-lab:height') document.getElementById('tcp-${id}').style.height = e.data.height + 'px'; });</script>`;
}

function elementSnippet(id: string, lang: string): string {
  const src = new URL('tcp-handshake.js', location.href).toString();
  return `<script src="${src}" defer></script>\n<tcp-handshake scenario="${id}" lang="${lang}" theme="auto" controls="minimal"></tcp-handshake>`;
}
