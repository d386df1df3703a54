import { memo } from 'react';
import type { ConfigOverrides, PresetName } from '../model/config';
import { PRESETS, PRESET_VALUES } from '../model/config';
import type { AppStrings as Strings } from '../i18n/appStrings';
import type { Session } from '../player/session';
import { useEventFrame, useSessionState } from './useSession';

interface Props {
  session: Session;
  t: Strings;
}

/** The network's settings: the timer profile, the latency, and playing the wire by hand (its lanes' faults sit under the diagram). */
export const NetworkPanel = memo(function NetworkPanel({ session, t }: Props) {
  // Redrawn when something happens (or the run is set up anew), not on every animation frame.
  const frame = useEventFrame(session);
  const config: ConfigOverrides = useSessionState(session, (s) => s.run.config);
  const preset = config.preset ?? 'linux';
  const latency = frame.config.latencyMs;
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
        <input type="checkbox" role="switch" checked={frame.manual} onChange={(e) => session.network({ kind: 'manual', on: e.target.checked })} />
        {t.manual}
      </label>
      {frame.manual ? <p className="muted">{t.manualHelp}</p> : null}
    </section>
  );
});
