import { memo } from 'react';
import { formatFlags } from '../model/segment';
import type { Simulation } from '../model/simulation';
import type { TraceTransition } from '../model/trace';
import type { CallName } from '../model/types';
import type { Strings } from '../i18n/strings';
import type { Session } from './session';

/** Where RFC 9293's event processing (section 3.10) says what happens for each kind of cause. */
function rfcSection(cause: string): string {
  if (cause.startsWith('segment:')) return '3.10.7'; // SEGMENT ARRIVES
  if (cause.startsWith('timer:')) return '3.10.8'; // Timeouts
  const calls: Record<string, string> = { listen: '3.10.1', connect: '3.10.1', send: '3.10.2', close: '3.10.4', shutdown: '3.10.4', abort: '3.10.5' };
  return calls[cause] ?? '3.10';
}

/** Say what made a transition happen, in the endpoint's words: a call, a segment, a timer. */
function causeOf(tr: TraceTransition, sim: Simulation, t: Strings): string {
  const who = t.endpointName[tr.endpoint];
  if (tr.cause.startsWith('segment:')) {
    const id = Number(tr.cause.slice('segment:'.length));
    const w = sim.wire[id - 1];
    return t.causeSegment(who, w ? formatFlags(w.segment.flags) : '?');
  }
  if (tr.cause.startsWith('timer:')) {
    const name = tr.cause.slice('timer:'.length);
    const timer = name === 'retries-exhausted' ? t.timerNames.retransmit : t.timerNames[name as keyof Strings['timerNames']] ?? name;
    return t.causeTimer(who, timer);
  }
  return t.causeCall(who, tr.cause as CallName);
}

export const Explanation = memo(function Explanation({ sim, t }: { sim: Simulation; revision: number; t: Strings }) {
  const last = sim.transitions.at(-1);
  return (
    <section className="panel why" aria-label={t.why}>
      <h2>{t.why}</h2>
      {last ? (
        <p>
          {causeOf(last, sim, t)} {t.entered(t.endpointName[last.endpoint], last.to)} {t.stateMeaning[last.to]}{' '}
          <a href={`https://www.rfc-editor.org/rfc/rfc9293#section-${rfcSection(last.cause)}`} target="_blank" rel="noreferrer">
            {t.rfcLink(rfcSection(last.cause))}
          </a>
        </p>
      ) : (
        <p>{t.nothingYet}</p>
      )}
    </section>
  );
});

/** Everything that happened, in order; each entry jumps there. */
export const EventLog = memo(function EventLog({ session, sim, t }: { session: Session; sim: Simulation; revision: number; t: Strings }) {
  const entries = [
    ...sim.transitions.map((tr) => ({ t: tr.t, text: `${causeOf(tr, sim, t)} ${tr.from} → ${tr.to}`, key: `t${tr.t}${tr.endpoint}${tr.to}` })),
    ...sim.wire.map((w) => ({ t: w.sentAt, text: t.sent(t.endpointName[w.from], formatFlags(w.segment.flags)) + (w.lost ? ` (${t.lost})` : ''), key: `w${w.id}` })),
  ].sort((a, b) => a.t - b.t);
  return (
    <section className="panel log" aria-label={t.eventLog}>
      <h2>{t.eventLog}</h2>
      <ol>
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
