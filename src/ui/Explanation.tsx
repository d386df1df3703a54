import { memo, useLayoutEffect, useRef } from 'react';
import { RST, formatFlags } from '../model/segment';
import type { Reference } from '../model/cause';
import { momentOf, referenceOf } from '../player/moment';
import { causeOf, describe, startHint } from '../player/narrate';
import type { AppStrings as Strings } from '../i18n/appStrings';
import type { Session } from '../player/session';
import { useEventFrame } from './useSession';

// The words are the player's (src/player/narrate.ts): the narration, the quiz and the embeds say the same.
export { describe, explain, happenedLine, startHint } from '../player/narrate';

/** Where the rule is written down: RFC 9293's section as a link, the Linux setting as code. */
export function Citation({ reference, t }: { reference: Reference; t: Strings }) {
  return (
    <>
      {reference.rfc ? (
        <a href={`https://www.rfc-editor.org/rfc/rfc9293#section-${reference.rfc}`} target="_blank" rel="noreferrer">
          {t.rfcLink(reference.rfc)}
        </a>
      ) : null}
      {reference.rfc && reference.sysctl ? ' ' : null}
      {reference.sysctl ? <code className="sysctl">{reference.sysctl}</code> : null}
    </>
  );
}

export const Explanation = memo(function Explanation({ session, t }: { session: Session; t: Strings }) {
  const frame = useEventFrame(session);
  const m = momentOf(frame);
  const reference = m ? referenceOf(m) : null;
  return (
    <section className="panel why" aria-label={t.why}>
      <h2>{t.why}</h2>
      {m ? (
        <p>
          {describe(m, frame, t)}
          {reference ? (
            <>
              {' '}
              <Citation reference={reference} t={t} />
            </>
          ) : null}
        </p>
      ) : (
        <p>{startHint(frame, t)}</p>
      )}
    </section>
  );
});

/** The most entries the log lists: the newest ones (a bulk send makes tens of thousands; the exports keep them all). */
const LOG_ENTRIES = 300;

/** Everything that happened, in order (the newest LOG_ENTRIES of it); each entry jumps there. */
export const EventLog = memo(function EventLog({ session, t }: { session: Session; t: Strings }) {
  const frame = useEventFrame(session);
  // Both lists are in time order, so the newest entries are at their ends: only those are made.
  const earlier = Math.max(0, frame.transitions.length + frame.wire.length - LOG_ENTRIES);
  const all = [
    ...frame.transitions
      .slice(-LOG_ENTRIES)
      .map((tr) => ({ t: tr.t, text: `${causeOf(tr, frame, t)} ${tr.from} → ${tr.to}`, key: `t${tr.t}${tr.endpoint}${tr.to}` })),
    ...frame.wire.slice(-LOG_ENTRIES).map((w) => ({
      t: w.sentAt,
      text:
        t.sent(t.endpointName[w.from], formatFlags(w.segment.flags)) +
        (w.why.kind === 'window-probe' ? ` (${t.windowProbe})` : w.segment.win === 0 && !(w.segment.flags & RST) ? ' (win=0)' : '') +
        (w.lost ? ` (${t.lost})` : ''),
      key: `w${w.id}`,
    })),
  ].sort((a, b) => a.t - b.t);
  const entries = all.slice(-LOG_ENTRIES);
  // The newest entry in view: the list follows what happens (reading the list's height only when it changes).
  const list = useRef<HTMLOListElement>(null);
  useLayoutEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries.length]);
  return (
    <section className="panel log" aria-label={t.eventLog}>
      <h2>{t.eventLog}</h2>
      <ol ref={list}>
        {earlier > 0 ? <li className="muted">{t.earlierEntries(earlier.toLocaleString())}</li> : null}
        {entries.map((e) => (
          <li key={e.key}>
            <button type="button" className="link" onClick={() => session.seek(e.t)}>
              <span className="at">{(e.t / 1000).toFixed(3)} s</span> {e.text}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
});
