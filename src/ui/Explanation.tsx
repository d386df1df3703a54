import { memo, useLayoutEffect, useRef } from 'react';
import { RST, formatFlags } from '../model/segment';
import type { Frame } from '../player/frame';
import type { Transition, WireSegment } from '../model/history';
import type { Reference } from '../model/cause';
import type { SendWhy } from '../model/endpoint/tcb';
import { momentOf, referenceOf, type Moment } from '../player/moment';
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
      return c.sooner && t.replay ? t.replay.causeTimerSooner(who, t.timerNames[c.timer]) : t.causeTimer[c.timer](who);
    case 'call':
      // A replayed capture's calls are inferred from the segments: said so.
      return t.replay && sim.calls.some((k) => k.inferred && k.t === tr.t && k.endpoint === tr.endpoint && k.call === c.call)
        ? t.replay.causeCallInferred(who, c.call)
        : t.causeCall(who, c.call);
    case 'network':
      return '';
  }
}

/** The words for one segment: who sent it, and its flags. */
const sender = (w: WireSegment, t: Strings) => [t.endpointName[w.from], formatFlags(w.segment.flags)] as const;
const receiver = (w: WireSegment, t: Strings) => [t.endpointName[w.to], formatFlags(w.segment.flags)] as const;

/** What the latest moment means, in a sentence or two: every kind of event the model records, not only changes of state. */
export function describe(m: Moment, sim: Frame, t: Strings): string {
  const lostNow = (w: WireSegment | null) => (w && w.lost && w.droppedAt === undefined ? ` ${t.lostAtOnce(formatFlags(w.segment.flags))}` : '');
  const changed = (tr: Transition) => `${causeOf(tr, sim, t)} ${t.entered(t.endpointName[tr.endpoint], tr.to)} ${t.stateMeaning[tr.to]}`.trim();
  switch (m.kind) {
    case 'transition': {
      // Both sides changed at this instant (a simultaneous open or close): both are told, in order.
      const both = m.also ? [m.also, m.transition].sort((a, b) => sim.transitions.indexOf(a) - sim.transitions.indexOf(b)) : [m.transition];
      return both.map(changed).join(' ') + lostNow(m.sent);
    }
    case 'network': {
      const a = m.action;
      return 'direction' in a
        ? t.networkDone[a.kind](t.directionNames[a.direction], a.kind === 'delay-next' ? a.byMs : 0)
        : a.kind === 'manual'
          ? t.manualDone(a.on)
          : t.segmentDone(a.kind, `#${a.segment}`);
    }
    case 'sent': {
      const w = m.segment;
      const [who, flags] = sender(w, t);
      // A captured segment no rule sent is explained in the capture X-ray's words (loaded with it).
      if (w.why.kind === 'captured') return (t.replay?.sendWhyCaptured(who, flags, w.why) ?? '') + lostNow(w);
      const say = t.sendWhy[w.why.kind] as (who: string, flags: string, why: SendWhy) => string;
      return say(who, flags, w.why) + lostNow(w);
    }
    case 'ignored': {
      const flags = m.segment ? formatFlags(m.segment.segment.flags) : '?';
      return t.ignoreWhy[m.ignored.why](t.endpointName[m.ignored.endpoint], flags);
    }
    case 'lost':
      return t.lostOnWire(...sender(m.segment, t));
    case 'arrived':
      // A closed window (and not a reset, which offers none): the receiver must stop sending.
      return m.segment.segment.win === 0 && !formatFlags(m.segment.segment.flags).includes('RST')
        ? t.arrivedWindowClosed(...receiver(m.segment, t))
        : t.arrivedOnly(...receiver(m.segment, t));
    case 'read':
      return t.readOnly(t.endpointName[m.endpoint], m.bytes);
    case 'call': {
      const c = m.call;
      const who = t.endpointName[c.endpoint];
      if (c.refused) return t.refusedCall(who, c.call, t.refusals[c.refused]);
      // A send() into a closed window: nothing leaves, and the explanation says why.
      const waits =
        c.call === 'send' && sim.tcb(c.endpoint).queued > 0 && !sim.wire.some((w) => w.from === c.endpoint && w.sentAt === c.t && w.segment.len > 0);
      return waits ? `${t.causeCall(who, c.call)} ${t.sendQueued}` : t.causeCall(who, c.call);
    }
  }
}

/**
 * What a moment was, in a short line and without its reason (free play's narration beside the
 * "Why it happened" panel, which gives the reason: see src/player/narration.ts).
 */
export function happenedLine(m: Moment, sim: Frame, t: Strings): string {
  const h = t.happened;
  switch (m.kind) {
    case 'transition': {
      const both = m.also ? [m.also, m.transition].sort((a, b) => sim.transitions.indexOf(a) - sim.transitions.indexOf(b)) : [m.transition];
      const sent = m.sent ? [m.sent.lost && m.sent.droppedAt === undefined ? h.lost(...sender(m.sent, t)) : h.sent(...sender(m.sent, t))] : [];
      return [...both.map((tr) => h.changed(t.endpointName[tr.endpoint], tr.from, tr.to)), ...sent].join(' ');
    }
    case 'sent':
      return m.segment.lost && m.segment.droppedAt === undefined ? h.lost(...sender(m.segment, t)) : h.sent(...sender(m.segment, t));
    case 'lost':
      return h.lost(...sender(m.segment, t));
    case 'arrived':
      return h.received(...receiver(m.segment, t));
    case 'ignored':
      return m.segment ? h.received(...receiver(m.segment, t)) : describe(m, sim, t);
    case 'read':
      return h.read(t.endpointName[m.endpoint], m.bytes);
    case 'call':
      return h.called(t.endpointName[m.call.endpoint], m.call.call, m.call.refused !== null);
    case 'network': {
      const a = m.action;
      if (!('direction' in a)) return describe(m, sim, t);
      const action = { 'drop-next': t.dropNext, 'delay-next': t.delayNext, block: t.block, unblock: t.unblock }[a.kind];
      return h.network(t.directionNames[a.direction], action);
    }
  }
}

/** Before anything has happened: a lesson (something is scheduled) waits for Play; free play for the first calls. */
export const startHint = (sim: Frame, t: Strings): string => (sim.nextEventAt() !== null ? t.startHint : t.nothingYet);

/** Why the latest thing happened, in words (null before anything has). */
export function explain(sim: Frame, t: Strings): string | null {
  const m = momentOf(sim);
  return m ? describe(m, sim, t) : null;
}

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
  const sim = useEventFrame(session);
  const m = momentOf(sim);
  const reference = m ? referenceOf(m) : null;
  return (
    <section className="panel why" aria-label={t.why}>
      <h2>{t.why}</h2>
      {m ? (
        <p>
          {describe(m, sim, t)}
          {reference ? (
            <>
              {' '}
              <Citation reference={reference} t={t} />
            </>
          ) : null}
        </p>
      ) : (
        <p>{startHint(sim, t)}</p>
      )}
    </section>
  );
});

/** The most entries the log lists: the newest ones (a bulk send makes tens of thousands; the exports keep them all). */
const LOG_ENTRIES = 300;

/** Everything that happened, in order (the newest LOG_ENTRIES of it); each entry jumps there. */
export const EventLog = memo(function EventLog({ session, t }: { session: Session; t: Strings }) {
  const sim = useEventFrame(session);
  // Both lists are in time order, so the newest entries are at their ends: only those are made.
  const earlier = Math.max(0, sim.transitions.length + sim.wire.length - LOG_ENTRIES);
  const all = [
    ...sim.transitions
      .slice(-LOG_ENTRIES)
      .map((tr) => ({ t: tr.t, text: `${causeOf(tr, sim, t)} ${tr.from} → ${tr.to}`, key: `t${tr.t}${tr.endpoint}${tr.to}` })),
    ...sim.wire.slice(-LOG_ENTRIES).map((w) => ({
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
