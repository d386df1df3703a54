import { memo, useId } from 'react';
import type { Simulation } from '../model/simulation';
import { NETSTAT_NAMES, type CallName, type EndpointId } from '../model/types';
import type { Strings } from '../i18n/strings';
import type { Session } from './session';
import { stateFamily } from './stateFamily';

const CALLS: readonly CallName[] = ['listen', 'connect', 'send', 'shutdown', 'close', 'abort'];

interface Props {
  session: Session;
  sim: Simulation;
  endpoint: EndpointId;
  neverCloses: boolean;
  t: Strings;
}

/** One endpoint: its state, large; its application's calls; its running timers. */
export function EndpointPanel({ session, sim, endpoint, neverCloses, t }: Props) {
  const state = sim.state(endpoint);
  const error = sim.tcb(endpoint).error;
  const name = t[endpoint];
  const timers = sim.pending().flatMap((p) => (p.kind === 'timer' && p.endpoint === endpoint ? [p] : []));
  return (
    <section className={`panel endpoint ${endpoint}`} aria-label={name} data-family={stateFamily(state)}>
      <h2>{name}</h2>
      <p className="state" role="status" aria-live="polite" aria-atomic="true">
        <span className="rfc">{state}</span> <span className="netstat">{NETSTAT_NAMES[state]}</span>
        {state === 'CLOSED' && error ? <span className="error"> ({t.errorNames[error]})</span> : null}
      </p>
      <div className="calls" role="group" aria-label={t.calls}>
        {CALLS.map((call) => {
          const check = sim.check(endpoint, call);
          const refusal = !check.allowed ? t.refusals[check.reason] : call === 'close' && neverCloses ? t.neverClosesRefusal : null;
          return (
            <CallButton key={call} label={`${call}()`} refusal={refusal} onCall={() => session.call(endpoint, call)} />
          );
        })}
      </div>
      <NeverClosesSwitch session={session} endpoint={endpoint} on={neverCloses} label={t.neverCloses} />
      <div className="timers">
        <h3>{t.timers}</h3>
        {timers.length === 0 ? (
          <p className="muted">{t.noTimers}</p>
        ) : (
          <ul>
            {timers.map((p) => (
              <li key={p.name}>
                <strong>{t.timerNames[p.name]}</strong> {t.inSeconds(((p.at - sim.now) / 1000).toFixed(1))}: {t.timerEffects[p.name]}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/** A call that may be refused: it stays focusable, so its reason can be read by keyboard too. */
/**
 * The "application never calls close()" switch. Memoized because the panel redraws every frame
 * (its timers count down), and React re-sets an input's name and type each time it redraws one.
 */
const NeverClosesSwitch = memo(function NeverClosesSwitch({ session, endpoint, on, label }: { session: Session; endpoint: EndpointId; on: boolean; label: string }) {
  const id = useId();
  return (
    <label className="switch" htmlFor={id}>
      <input id={id} type="checkbox" role="switch" checked={on} onChange={(e) => session.setNeverCloses(endpoint, e.target.checked)} />
      {label}
    </label>
  );
});

function CallButton({ label, refusal, onCall }: { label: string; refusal: string | null; onCall: () => void }) {
  const reasonId = useId();
  return (
    <span className="call">
      <button type="button" aria-disabled={refusal !== null} aria-describedby={refusal ? reasonId : undefined} onClick={refusal ? undefined : onCall}>
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
