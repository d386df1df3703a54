import { memo } from 'react';
import type { ConfigOverrides, PresetName } from '../model/config';
import { formatFlags } from '../model/segment';
import { PRESETS, PRESET_VALUES } from '../model/config';
import { DIRECTIONS } from '../model/types';
import type { Strings } from '../i18n/strings';
import type { Session } from '../player/session';
import { useEventFrame, useSessionState } from './useSession';

interface Props {
  session: Session;
  t: Strings;
}

/** The wire: timer profile, latency, and the faults a student can cause in each direction. */
export const NetworkPanel = memo(function NetworkPanel({ session, t }: Props) {
  // Redrawn when something happens (or the run is set up anew), not on every animation frame.
  const sim = useEventFrame(session);
  const config: ConfigOverrides = useSessionState(session, (s) => s.run.config);
  const preset = config.preset ?? 'linux';
  const latency = sim.config.latencyMs;
  const held = sim.wire.filter((w) => w.held);
  return (
    <section className="panel network" aria-label={t.network}>
      <h2>{t.network}</h2>
      <div className="row">
        <label>
          {t.profile}{' '}
          <select value={preset} onChange={(e) => session.setConfig({ ...config, preset: e.target.value as PresetName, latencyMs: undefined })}>
            {PRESETS.map((p) => (
              <option key={p} value={p}>
                {t.profiles[p]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.latency}{' '}
          <input
            type="number"
            min={0}
            max={5000}
            step={10}
            value={latency}
            onChange={(e) => {
              const v = Math.round(Number(e.target.value));
              if (Number.isFinite(v) && v >= 0 && v <= 5000) session.setConfig({ ...config, latencyMs: v === PRESET_VALUES[preset].latencyMs ? undefined : v });
            }}
          />
        </label>
      </div>
      <label className="switch">
        <input type="checkbox" role="switch" checked={sim.manual} onChange={(e) => session.network({ kind: 'manual', on: e.target.checked })} />
        {t.manual}
      </label>
      {sim.manual ? <p className="muted">{t.manualHelp}</p> : null}
      {held.length > 0 ? (
        <ul className="held">
          {held.map((w) => {
            const what = `${formatFlags(w.segment.flags)} (#${w.id})`;
            return (
              <li key={w.id}>
                <span>
                  {t.directionNames[w.from === 'client' ? 'client->server' : 'server->client']}: <code>{what}</code>
                </span>
                <button type="button" onClick={() => session.network({ kind: 'deliver', segment: w.id })}>
                  {t.deliver(what)}
                </button>
                <button type="button" onClick={() => session.network({ kind: 'drop', segment: w.id })}>
                  {t.drop(what)}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {DIRECTIONS.map((direction) => {
        const lane = sim.lane(direction);
        return (
          <div className="row lane" key={direction} role="group" aria-label={t.directionNames[direction]}>
            <span className="direction">{t.directionNames[direction]}</span>
            <button type="button" aria-pressed={lane.dropNext} onClick={() => session.network({ kind: 'drop-next', direction })}>
              {t.dropNext}
            </button>
            <button type="button" onClick={() => session.network({ kind: 'delay-next', direction, byMs: 1500 })}>
              {t.delayNext}
            </button>
            <button type="button" aria-pressed={lane.blocked} onClick={() => session.network({ kind: lane.blocked ? 'unblock' : 'block', direction })}>
              {lane.blocked ? t.unblock : t.block}
            </button>
          </div>
        );
      })}
    </section>
  );
});
