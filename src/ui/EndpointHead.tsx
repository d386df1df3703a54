import { memo, useCallback, useId, useMemo } from 'react';
import { NETSTAT_NAMES, type CallName, type EndpointId } from '../model/types';
import type { AppStrings as Strings } from '../i18n/appStrings';
import type { Session } from '../player/session';
import { stateFamily } from './stateFamily';
import { Icon } from './Icon';
import type { Frame } from '../player/frame';
import { setText, useEventFrame, useLive, useSessionState } from './useSession';

const CALLS: readonly CallName[] = ['listen', 'connect', 'send', 'shutdown', 'close', 'abort'];

interface Props {
  session: Session;
  endpoint: EndpointId;
  t: Strings;
}

/**
 * One endpoint, as the head of its lifeline: its state, large; its application's calls; the hang
 * switch; its running timers. A student's eyes go from a button straight down to the arrow it
 * causes. It redraws when something happens, not as time passes: only each countdown follows the clock.
 */
export const EndpointHead = memo(function EndpointHead({ session, endpoint, t }: Props) {
  const frame = useEventFrame(session);
  const state = frame.state(endpoint);
  const ending = frame.ending(endpoint);
  const name = t[endpoint];
  const timers = frame.pending().flatMap((p) => (p.kind === 'timer' && p.endpoint === endpoint ? [p] : []));
  // Bytes that arrived ahead of a gap, kept back from the application until the gap fills.
  const aheadOfGap = frame.tcb(endpoint).aheadOfGap.reduce((n, piece) => n + piece.len, 0);
  // An application that reads only on read(): what waits unread, and the window that leaves the peer.
  const lazy = frame.readsOnCall(endpoint);
  const unread = frame.tcb(endpoint).unread;
  const readCheck = frame.check(endpoint, 'read');
  const window = frame.window(endpoint);
  // Once the connection is open (at the handshake the line would crowd out its timer).
  const buffer = lazy && frame.tcb(endpoint).synchronized && state !== 'SYN-RECEIVED' && state !== 'SYN-SENT';
  // Bytes the application wrote that the peer's window holds back (they leave when it opens).
  const queued = frame.tcb(endpoint).queued;
  const netstat = NETSTAT_NAMES[state];
  // Whether the run as worked out ends this endpoint's connection with an error somewhere: its head
  // then keeps room for the error's words from the start, so nothing below moves when they come.
  const run = useSessionState(session, (s) => s.run);
  const errs = useMemo(() => run.frameComputed(frame.policy).history.errors.some((e) => e.endpoint === endpoint), [run, frame.policy, endpoint]);
  return (
    <section className={`head endpoint ${endpoint}`} aria-label={name} data-family={stateFamily(state)} data-error-line={errs} data-reads-on-call={lazy}>
      <h2 className="who">
        {name}
        {/* The RFC's name is the one the stage uses; netstat spells some differently (the post's CLOSE_WAIT), so that spelling is given once, here. */}
        {netstat !== state ? <span className="netstat"> · netstat: {netstat}</span> : null}
        {/* How the connection ended, on the same line, so the head keeps its height. */}
        {/* An orphaned socket (its application closed it) has nobody to report an error to: when its retries run out, it just gives up. */}
        {ending?.kind === 'orphan-gave-up' ? (
          <span className="error" title={t.orphanGaveUpHelp}>
            {' '}
            · {t.orphanGaveUp}
          </span>
        ) : ending?.kind === 'error' ? (
          <span className="error"> · {t.errorNames[ending.error]}</span>
        ) : null}
      </h2>
      <p className="state" role="status" aria-live="polite" aria-atomic="true">
        <span className="rfc">{state}</span>
      </p>
      <div className="calls" role="group" aria-label={t.calls}>
        {CALLS.map((call) => {
          // The endpoint's state and the application's policy, both decided by the player.
          const check = frame.check(endpoint, call);
          return (
            <CallButton
              key={call}
              label={`${call}()`}
              refusal={check.allowed ? null : t.refusals[check.reason]}
              hint={t.callHints[call]}
              onCall={() => session.call(endpoint, call)}
            />
          );
        })}
        {/* With the calls: it is a promise about one of them. */}
        <NeverClosesSwitch session={session} endpoint={endpoint} on={frame.policy.neverCloses[endpoint]} label={t.neverClosesShort} name={t.neverCloses} />
      </div>
      {/* One line, always there (empty when no timer runs), so the head keeps its height and the diagram below never moves. */}
      <ul className="timers" aria-label={t.timers}>
        {aheadOfGap > 0 ? (
          <li className="held-bytes" title={t.heldBytesHelp}>
            <Icon name="pause" /> <strong>{t.heldBytes(aheadOfGap.toLocaleString())}</strong>
          </li>
        ) : null}
        {/* An application that reads only when it calls read(): what waits unread, the window that leaves, and read() right beside them. */}
        {queued > 0 ? (
          <li className="queued-bytes" title={t.queuedBytesHelp}>
            <strong>{t.queuedBytes(queued.toLocaleString())}</strong>
          </li>
        ) : null}
        {buffer && state !== 'CLOSED' ? (
          <li className="unread-bytes">
            {/* On a phone only the window shows: it is what the peer must wait on. */}
            <strong title={t.unreadBytesHelp}>
              <span className="unread-part">{t.unreadBytes(unread.toLocaleString())} </span>
              {t.windowNow(window.toLocaleString())}
            </strong>{' '}
            <CallButton
              label="read()"
              refusal={readCheck.allowed ? null : t.refusals[readCheck.reason]}
              hint={t.callHints.read}
              onCall={() => session.call(endpoint, 'read')}
            />
          </li>
        ) : null}
        {timers.map((p) => (
          <li key={p.name} title={t.timerEffects[p.name]}>
            <Icon name="timer" /> <strong>{t.timerNames[p.name]}</strong> <Countdown session={session} at={p.at} t={t} />
          </li>
        ))}
      </ul>
    </section>
  );
});

/**
 * "in 58.2 s": the one part of the panel that follows the clock. It is set on its own contained
 * box from the session's frames, outside React, so the panel is not drawn again as time passes.
 */
function Countdown({ session, at, t }: { session: Session; at: number; t: Strings }) {
  const show = useCallback((el: HTMLSpanElement, frame: Frame) => setText(el, t.inSeconds(((at - frame.now) / 1000).toFixed(1))), [at, t]);
  return <span ref={useLive(session, show)} className="countdown" />;
}

/** The "application never calls close()" switch. */
const NeverClosesSwitch = memo(function NeverClosesSwitch({
  session,
  endpoint,
  on,
  label,
  name,
}: {
  session: Session;
  endpoint: EndpointId;
  on: boolean;
  label: string;
  /** The switch's full name (the label on screen is short). */
  name: string;
}) {
  const id = useId();
  return (
    <label className={on ? 'switch on' : 'switch'} htmlFor={id}>
      <input id={id} type="checkbox" role="switch" aria-label={name} checked={on} onChange={(e) => session.setNeverCloses(endpoint, e.target.checked)} />
      {label}
    </label>
  );
});

/**
 * A call that may be refused: it stays focusable, so its reason can be read by keyboard too. The
 * pointer that just made the call, still resting on it, is not shown why it is now refused (connect()
 * is refused once it has connected): that tooltip would cover the controls beside it for the whole
 * handshake. Once the pointer leaves, hovering shows the reason again.
 */
function CallButton({ label, refusal, hint, onCall }: { label: string; refusal: string | null; hint?: string; onCall: () => void }) {
  const reasonId = useId();
  return (
    <span className="call">
      <button
        type="button"
        aria-disabled={refusal !== null}
        aria-describedby={refusal ? reasonId : undefined}
        title={refusal ? undefined : hint}
        // Marked on the element itself (no render): the pointer made this call.
        onClick={
          refusal
            ? undefined
            : (e) => {
                e.currentTarget.dataset.called = '';
                onCall();
              }
        }
        onPointerLeave={(e) => delete e.currentTarget.dataset.called}
      >
        {label}
      </button>
      {refusal ? (
        <span id={reasonId} role="tooltip" className="reason">
          {refusal}
        </span>
      ) : null}
    </span>
  );
}
