import type { Simulation } from '../model/simulation';
import { NETSTAT_NAMES, type EndpointId } from '../model/types';
import type { Strings } from '../i18n/strings';

interface Props {
  sim: Simulation;
  endpoint: EndpointId;
  t: Strings;
}

/** One endpoint: its state, large, and the timers it is running. */
export function EndpointReadout({ sim, endpoint, t }: Props) {
  const state = sim.state(endpoint);
  const timers = sim
    .pending()
    .filter((p) => p.kind === 'timer' && p.endpoint === endpoint)
    .map((p) => (p.kind === 'timer' ? `${t.timerNames[p.name]} ${((p.at - sim.now) / 1000).toFixed(1)} s` : ''));
  const name = t[endpoint];
  return (
    <section className="endpoint" aria-label={name} data-state={state}>
      <h2>{name}</h2>
      <p className="state" role="status" aria-live="polite">
        <span className="rfc">{state}</span>
        <span className="netstat">{NETSTAT_NAMES[state]}</span>
      </p>
      <p className="timers">
        {t.timers}: {timers.length ? timers.join(', ') : t.noTimers}
      </p>
    </section>
  );
}
