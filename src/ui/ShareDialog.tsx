import { useEffect, useRef, useState } from 'react';
import type { AppStrings as Strings } from '../i18n/appStrings';
import type { Lang } from '../i18n/strings';
import { encodeRun } from '../player/shareLink';
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
  /** What makes this page's iframe snippet's id its own. */
  suffix: string;
  t: Strings;
}

/** Copy a link to this very moment, or the snippet that embeds the lesson. */
export function ShareDialog({ open, onClose, session, scenario, lang, suffix, t }: Props) {
  // The link encodes the whole run: built only while the dialog is open (the encoder loads with it).
  const link = shareUrl(session, scenario?.id ?? null, lang);
  // What an embed shows: the lesson as written, or (once the student changed anything) this very run.
  const fleet = scenario?.fleet !== undefined;
  const what: Embedded = { scenario: scenario?.id ?? null, run: scenario && untouched(session, scenario) ? null : encodeRun(session.shared()), lang };
  const title = what.run === null && scenario ? t.lessons[scenario.id].title : t.sharedRun;
  const iframe = fleet ? null : embedSnippet(what, title, suffix);
  const script = fleet ? null : elementSnippet(what);
  const dialog = useRef<HTMLDialogElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal?.();
    if (!open && el.open) el.close();
    setCopied(null);
  }, [open]);
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
        {copied === what ? t.copied : t.copy}
      </button>
    </label>
  );
  return (
    <dialog ref={dialog} className="share" aria-label={t.share} onClose={onClose}>
      <h2>{t.share}</h2>
      {field('link', t.shareLink, link, 2)}
      {iframe ? field('iframe', what.run ? t.shareRunIframe : t.shareIframe, iframe, 4) : null}
      {script ? field('script', what.run ? t.shareRunScript : t.shareScript, script, 3) : null}
      <button type="button" className="primary" onClick={onClose}>
        {t.close}
      </button>
    </dialog>
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

/** What an embed is asked to show: a lesson, a run (made in a lesson or in free play), or both. */
interface Embedded {
  readonly scenario: string | null;
  readonly run: string | null;
  readonly lang: string;
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

const attrs = (e: Embedded) => [...(e.scenario ? [['scenario', e.scenario]] : []), ...(e.run ? [['run', e.run]] : []), ['lang', e.lang]];

function embedSnippet(e: Embedded, title: string, suffix: string): string {
  const query = new URLSearchParams([...attrs(e), ['theme', 'auto'], ['controls', 'minimal']]);
  const src = new URL(`embed.html?${query}`, location.href).toString();
  const safeTitle = title.replace(/[<>&"]/g, '');
  // Its own id, and it takes a height only from its own frame: two embeds in one post size themselves, not each other.
  const el = `tcp-${e.scenario ?? 'run'}-${suffix}`;
  return `<iframe src="${src.replace(/&/g, '&amp;')}" sandbox="allow-scripts allow-popups" style="width:100%;border:0" title="${safeTitle}" id="${el}"></iframe>\n<script>addEventListener('message', (e) => { const f = document.getElementById('${el}'); if (f && e.source === f.contentWindow && e.data && e.data.type === 'handshake-lab:height') f.style.height = e.data.height + 'px'; });</script>`;
}

function elementSnippet(e: Embedded): string {
  const src = new URL('tcp-handshake.js', location.href).toString();
  const attributes = attrs(e)
    .map(([name, value]) => `${name}="${value}"`)
    .join(' ');
  return `<script src="${src}" defer></script>\n<tcp-handshake ${attributes} theme="auto" controls="minimal"></tcp-handshake>`;
}
