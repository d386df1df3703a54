import { useEffect, useRef, useState } from 'react';
import type { AppStrings as Strings } from '../i18n/appStrings';
import './dialogs.css';

interface Props {
  open: boolean;
  onClose: () => void;
  link: string;
  iframe: string | null;
  script: string | null;
  t: Strings;
}

/** Copy a link to this very moment, or the snippet that embeds the lesson. */
export function ShareDialog({ open, onClose, link, iframe, script, t }: Props) {
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
      {iframe ? field('iframe', t.shareIframe, iframe, 4) : null}
      {script ? field('script', t.shareScript, script, 3) : null}
      <button type="button" className="primary" onClick={onClose}>
        {t.close}
      </button>
    </dialog>
  );
}
