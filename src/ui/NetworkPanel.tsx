import { memo } from 'react';
import type { ConfigOverrides, PresetName } from '../model/config';
import { PRESETS, PRESET_VALUES } from '../model/config';
import type { AppStrings as Strings } from '../i18n/appStrings';
import type { Session } from '../player/session';
import { NumberField } from './NumberField';
import { useEventFrame, useSessionState } from './useSession';

/** The one-way latency a student may set, in ms. */
const LATENCY_RANGE = [0, 5000] as const;

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
        <NumberField
          label={t.latency}
          value={latency}
          range={LATENCY_RANGE}
          step={10}
          invalid={t.invalidNumber}
          onValue={(v) => session.setConfig({ ...config, latencyMs: v === PRESET_VALUES[preset].latencyMs ? undefined : v })}
        />
      </div>
      <label className="switch">
        <input type="checkbox" role="switch" checked={frame.manual} onChange={(e) => session.network({ kind: 'manual', on: e.target.checked })} />
        {t.manual}
      </label>
      {frame.manual ? <p className="muted">{t.manualHelp}</p> : null}
    </section>
  );
});
