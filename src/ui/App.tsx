import { useMemo, useState } from 'react';
import { STRINGS, detectLang, type Lang } from '../i18n/strings';
import { LIFECYCLE } from '../scenarios/lifecycle';
import { EndpointReadout } from './EndpointReadout';
import { SegmentLog } from './SegmentLog';
import { createSimulationStore } from './simulationStore';
import { useSimulation } from './useSimulation';

/** Long enough for the default lifecycle's TIME-WAIT to end. */
const LIFECYCLE_END_MS = 22_000;

export function App() {
  const store = useMemo(() => createSimulationStore(LIFECYCLE, LIFECYCLE_END_MS), []);
  const { sim, playing } = useSimulation(store);
  const [lang, setLang] = useState<Lang>(() => detectLang(navigator.languages ?? [navigator.language]));
  const t = STRINGS[lang];
  return (
    <div className="app" lang={lang}>
      <header>
        <h1>{t.title}</h1>
        <p>{t.tagline}</p>
        <label>
          {t.language}{' '}
          <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            <option value="ko">한국어</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <main>
        <p className="note">{t.enginePreview}</p>
        <div className="endpoints">
          <EndpointReadout sim={sim} endpoint="client" t={t} />
          <EndpointReadout sim={sim} endpoint="server" t={t} />
        </div>
        <section aria-label="Timeline" className="timeline">
          <p>
            {t.time}: <output data-testid="clock">{(sim.now / 1000).toFixed(2)} s</output>
          </p>
          <button type="button" onClick={playing ? store.pause : store.play}>
            {playing ? t.pause : t.play}
          </button>{' '}
          <button type="button" onClick={store.restart}>
            {t.replay}
          </button>
        </section>
        <section aria-label={t.segments}>
          <h2>{t.segments}</h2>
          <SegmentLog sim={sim} t={t} />
        </section>
      </main>
    </div>
  );
}
