import { memo, useLayoutEffect, useRef } from 'react';
import { formatFlags } from '../model/segment';
import type { Frame } from '../player/frame';
import type { Transition } from '../model/history';
import type { AppStrings as Strings } from '../i18n/appStrings';
import type { Session } from '../player/session';
import { useEventFrame } from './useSession';

/** Say what made a transition happen, in the endpoint's words: a call, a segment, a timer. */
function causeOf(tr: Transition, sim: Frame, t: Strings): string {
  const who = t.endpointName[tr.endpoint];
  const c = tr.cause;
  switch (c.kind) {
    case 'segment': {
      const w = sim.wire[c.id - 1];
      return t.causeSegment(who, w ? formatFlags(w.segment.flags) : '?');
    }
    case 'injected':
      return t.causeSegment(who, '?');
    case 'timer':
      return t.causeTimer(who, t.timerNames[c.timer]);
    case 'call':
      return t.causeCall(who, c.call);
    case 'network':
      return '';
  }
}

/** Why the last change of state happened, in one sentence (null before anything has). */
export function explain(sim: Frame, t: Strings): string | null {
  const last = sim.transitions.at(-1);
  return last ? `${causeOf(last, sim, t)} ${t.entered(t.endpointName[last.endpoint], last.to)} ${t.stateMeaning[last.to]}`.trim() : null;
}

export const Explanation = memo(function Explanation({ session, t }: { session: Session; t: Strings }) {
  const sim = useEventFrame(session);
  const last = sim.transitions.at(-1);
  return (
    <section className="panel why" aria-label={t.why}>
      <h2>{t.why}</h2>
      {last ? (
        <p>
          {causeOf(last, sim, t)} {t.entered(t.endpointName[last.endpoint], last.to)} {t.stateMeaning[last.to]}{' '}
          <a href={`https://www.rfc-editor.org/rfc/rfc9293#section-${last.reference.rfc}`} target="_blank" rel="noreferrer">
            {t.rfcLink(last.reference.rfc)}
          </a>
          {last.reference.sysctl ? (
            <>
              {' '}
              <code className="sysctl">{last.reference.sysctl}</code>
            </>
          ) : null}
        </p>
      ) : (
        <p>{t.nothingYet}</p>
      )}
    </section>
  );
});

/** Everything that happened, in order; each entry jumps there. */
export const EventLog = memo(function EventLog({ session, t }: { session: Session; t: Strings }) {
  const sim = useEventFrame(session);
  const entries = [
    ...sim.transitions.map((tr) => ({ t: tr.t, text: `${causeOf(tr, sim, t)} ${tr.from} → ${tr.to}`, key: `t${tr.t}${tr.endpoint}${tr.to}` })),
    ...sim.wire.map((w) => ({
      t: w.sentAt,
      text: t.sent(t.endpointName[w.from], formatFlags(w.segment.flags)) + (w.lost ? ` (${t.lost})` : ''),
      key: `w${w.id}`,
    })),
  ].sort((a, b) => a.t - b.t);
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
