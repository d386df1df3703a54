import { useModal } from './useModal';
import { useEffect, useRef, useState } from 'react';
import type { AppStrings as Strings } from '../i18n/appStrings';
import type { Lang } from '../i18n/strings';
import { loadAppStrings } from '../i18n/load';
import { viewWords } from '../i18n/viewWords';
import { embedParams, type Controls, type EmbedChoice, type Theme } from '../player/links';
import { encodeRun } from '../player/shareLink';
import { printRunText } from '../player/runText';
import type { Session } from '../player/session';
import type { Scenario } from '../scenarios/catalog';
import { neverClosing } from '../player/policy';
import './dialogs.css';

interface Props {
  open: boolean;
  onClose: () => void;
  session: Session;
  scenario: Scenario | null;
  lang: Lang;
  t: Strings;
}

/** The height the dialog's own lines take above and below the preview (its title, the link, the caption, Close). */
const PREVIEW_CHROME = 300;
/** How wide the preview draws the embed (a blog's column); the snippet's height at that width is the preview's. */
const PREVIEW_WIDTH = 600;

/** Copy a link to this very moment, or the snippet that embeds the lesson or the run, as the author chooses it to look and open. */
export function ShareDialog({ open, onClose, session, scenario, lang, t }: Props) {
  const v = viewWords[t.lang];
  // The link encodes the whole run: built only while the dialog is open (the encoder loads with it).
  const link = shareUrl(session, scenario?.id ?? null, lang);
  // What an embed shows: the lesson as written, or (once the student changed anything) this very run.
  const fleet = scenario?.fleet !== undefined;
  const now = Math.round(session.getState().frame.now);
  const [choice, setChoice] = useState<Options>({ lang, theme: 'auto', controls: 'minimal', start: 'start', autoplay: false });
  const choose = (patch: Partial<Options>) => setChoice((c) => ({ ...c, ...patch }));
  const what: EmbedChoice = {
    scenario: scenario?.id ?? null,
    run: scenario && untouched(session, scenario) ? null : encodeRun(session.shared()),
    lang: choice.lang,
    theme: choice.theme,
    controls: choice.controls,
    at: choice.start === 'now' ? now : null,
    // With no controls it plays by itself anyway.
    autoplay: choice.autoplay && choice.controls !== 'none',
  };
  // The snippet's title in the embed's language (the other language's words load when it is chosen).
  const words = useWords(choice.lang, lang, t);
  const title = what.run === null && scenario ? words.lessons[scenario.id].title : words.sharedRun;
  const params = embedParams(what);
  // The height the preview's page posted at a column's width, for the page it was posted from (a new
  // choice starts without one): the preview takes it, and the snippet starts its frame that tall.
  const [posted, setPosted] = useState<{ src: string; height: number } | null>(null);
  const previewed = posted?.src === embedUrl(params) ? posted.height : null;
  const iframe = fleet ? null : embedSnippet(params, title, previewed);
  const script = fleet ? null : elementSnippet(params);
  const markdown = fleet ? null : markdownSnippet(session);
  const dialog = useModal(open);
  const [copied, setCopied] = useState<string | null>(null);
  // Opened again, nothing is said to be copied yet.
  useEffect(() => setCopied(null), [open]);
  const copy = (what: string, text: string) => {
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(what),
      () => {},
    );
  };
  const field = (what: string, label: string, text: string, rows: number) => (
    <label className="share-field">
      {label}
      <textarea readOnly rows={rows} value={text} onFocus={(e) => e.currentTarget.select()} />
      <button type="button" onClick={() => copy(what, text)}>
        {copied === what ? v.copied : v.copy}
      </button>
    </label>
  );
  const select = <K extends 'lang' | 'theme' | 'controls' | 'start'>(key: K, label: string, options: readonly (readonly [Options[K], string])[]) => (
    <label className="share-option">
      <span>{label}</span>
      <select aria-label={label} value={choice[key]} onChange={(e) => choose({ [key]: e.target.value } as Partial<Options>)}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <dialog ref={dialog} className="share" aria-label={t.share} onClose={onClose}>
      {/* Close stands beside the title, where a dialog's way out is looked for, and stays on a 720 px screen. */}
      <div className="share-head">
        <h2>{t.share}</h2>
        <button type="button" className="primary" onClick={onClose}>
          {t.close}
        </button>
      </div>
      {/* The link, and beside it the run as text for a post's Markdown. */}
      <div className="share-top">
        {field('link', v.shareLink, link, 2)}
        {markdown ? field('markdown', v.shareMarkdown, markdown, 2) : null}
      </div>
      {iframe && script ? (
        <div className="share-embed">
          <div className="share-snippets">
            <fieldset className="share-options">
              <legend>{v.embedOptions}</legend>
              {select('lang', t.language, [
                ['ko', '한국어'],
                ['en', 'English'],
              ])}
              {select('theme', t.theme, [
                ['auto', t.themes.auto],
                ['light', t.themes.light],
                ['dark', t.themes.dark],
              ])}
              {select('controls', v.embedControls, [
                ['full', v.controlsNames.full],
                ['minimal', v.controlsNames.minimal],
                ['none', v.controlsNames.none],
              ])}
              {select('start', v.embedStart, [
                ['start', v.startNames.start],
                ...(now > 0 ? [['now', v.startNames.now((now / 1000).toFixed(3))] as const] : []),
              ])}
              <label className="share-check">
                <input
                  type="checkbox"
                  checked={what.autoplay || choice.controls === 'none'}
                  disabled={choice.controls === 'none'}
                  onChange={(e) => choose({ autoplay: e.target.checked })}
                />
                {v.embedAutoplay}
              </label>
            </fieldset>
            {field('iframe', what.run ? v.shareRunIframe : v.shareIframe, iframe, 3)}
            {field('script', what.run ? v.shareRunScript : v.shareScript, script, 3)}
          </div>
          <Preview params={params} label={v.embedPreview} title={title} height={previewed} onHeight={setPosted} />
        </div>
      ) : null}
    </dialog>
  );
}

/** The author's choices in the dialog (`start`: where the embed opens). */
interface Options {
  readonly lang: Lang;
  readonly theme: Theme;
  readonly controls: Controls;
  readonly start: 'start' | 'now';
  readonly autoplay: boolean;
}

/** The strings of the embed's language: the page's own, or the other language's once loaded. */
function useWords(want: Lang, pageLang: Lang, t: Strings): Strings {
  const [other, setOther] = useState<{ lang: Lang; words: Strings } | null>(null);
  useEffect(() => {
    if (want === pageLang) return;
    let live = true;
    void loadAppStrings(want).then((words) => live && setOther({ lang: want, words }));
    return () => {
      live = false;
    };
  }, [want, pageLang]);
  return want !== pageLang && other?.lang === want ? other.words : t;
}

/**
 * The embed itself as the snippet will show it, at a blog column's width: it posts its height as in
 * a post, and takes it, so the preview is as tall as the snippet will be. A new choice loads it anew.
 */
function Preview({
  params,
  label,
  title,
  height,
  onHeight,
}: {
  params: readonly [string, string][];
  label: (width: number, percent: number) => string;
  title: string;
  /** The height its page posted, once it has (the dialog keeps it). */
  height: number | null;
  onHeight: (posted: { src: string; height: number }) => void;
}) {
  const src = embedUrl(params);
  const frame = useRef<HTMLIFrameElement>(null);
  // As wide as a column, or as the screen allows (a phone): the caption says which.
  const figure = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(PREVIEW_WIDTH);
  useEffect(() => {
    const el = figure.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.min(PREVIEW_WIDTH, Math.round(el.clientWidth))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const take = (e: MessageEvent) => {
      const data = e.data as { type?: unknown; height?: unknown } | null;
      if (e.source === frame.current?.contentWindow && data?.type === 'handshake-lab:height' && typeof data.height === 'number')
        onHeight({ src, height: data.height });
    };
    addEventListener('message', take);
    return () => removeEventListener('message', take);
  }, [src, onHeight]);
  // Beside the choices on a wide screen, the preview is shrunk to the screen's height so the dialog
  // stays one screen (1280x720 included); the caption says by how much. A narrow screen scrolls it.
  const [room, setRoom] = useState(() => innerHeight);
  useEffect(() => {
    const measure = () => setRoom(innerHeight);
    addEventListener('resize', measure);
    return () => removeEventListener('resize', measure);
  }, []);
  const scale = height && width >= PREVIEW_WIDTH ? Math.min(1, Math.max(0.4, (room - PREVIEW_CHROME) / height)) : 1;
  return (
    <figure ref={figure} className="share-preview">
      <figcaption>{label(width, Math.round(scale * 100))}</figcaption>
      <div className="share-preview-box" style={scale < 1 ? { width: PREVIEW_WIDTH * scale, height: height! * scale } : undefined}>
        <iframe
          key={src}
          ref={frame}
          src={src}
          title={title}
          className="share-preview-frame"
          style={{
            width: PREVIEW_WIDTH,
            height: height ?? undefined,
            ...(scale < 1 ? { transform: `scale(${scale})`, transformOrigin: '0 0', maxWidth: 'none' } : {}),
          }}
          data-height={height ?? undefined}
        />
      </div>
    </figure>
  );
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

/** Whether the session is still the lesson as written: its script, its settings and its switches, untouched. */
function untouched(session: Session, scenario: Scenario): boolean {
  const shared = session.shared();
  return (
    JSON.stringify(shared.steps) === JSON.stringify(scenario.script.steps) &&
    JSON.stringify(shared.config) === JSON.stringify(scenario.script.config ?? {}) &&
    JSON.stringify(shared.policy) === JSON.stringify(neverClosing(scenario.neverCloses))
  );
}

/** The embed page's address for these parameters, beside the app. */
const embedUrl = (params: readonly [string, string][]): string => new URL(`embed.html?${new URLSearchParams([...params])}`, location.href).toString();

function embedSnippet(params: readonly [string, string][], title: string, height: number | null): string {
  const src = embedUrl(params);
  const safeTitle = title.replace(/[<>&"]/g, '');
  // A height from the frame that posted it, found by its window, not by an id: two embeds in one post
  // size themselves, not each other, and the same snippet pasted twice sizes both copies. It starts as
  // tall as the preview (a column as wide): a frame below the fold, which the browser may not lay out
  // until it is scrolled to, does not jump from 150 px when the reader gets there.
  const start = height === null ? '' : `height:${Math.ceil(height)}px;`;
  return `<iframe src="${src.replace(/&/g, '&amp;')}" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" style="width:100%;${start}border:0" title="${safeTitle}"></iframe>\n<script>addEventListener('message', (e) => { if (!e.data || e.data.type !== 'handshake-lab:height') return; for (const f of document.querySelectorAll('iframe')) if (f.contentWindow === e.source) f.style.height = e.data.height + 'px'; });</script>`;
}

/**
 * The run as a Markdown ```tcp block (docs/text-format.md), with the script a page needs once: the
 * post keeps the run as text it can edit and diff. Null for a run with no text form (a capture's replay).
 */
function markdownSnippet(session: Session): string | null {
  const { run, policy } = session.getState();
  if (run.steps.some((s) => 'observed' in s)) return null;
  const src = new URL('tcp-handshake.js', location.href).toString();
  return `\`\`\`tcp\n${printRunText({ script: { config: run.config, steps: run.steps }, policy })}\`\`\`\n\n<script src="${src}" defer></script>`;
}

function elementSnippet(params: readonly [string, string][]): string {
  const src = new URL('tcp-handshake.js', location.href).toString();
  const attributes = params.map(([name, value]) => `${name}="${value.replace(/[<>&"]/g, '')}"`).join(' ');
  return `<script src="${src}" defer></script>\n<tcp-handshake ${attributes}></tcp-handshake>`;
}
