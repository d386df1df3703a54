import { useEffect, useMemo, useState } from 'react';
import { STRINGS, readerLang } from '../i18n/strings';
import { findScenario } from '../scenarios/catalog';
import { Explanation } from '../ui/Explanation';
import { SequenceDiagram } from '../ui/SequenceDiagram';
import { Timeline } from '../ui/Timeline';
import { useEventFrame, usePlayback } from '../ui/useSession';
import { createSession } from '../player/session';
import { NETSTAT_NAMES } from '../model/types';
import type { LinkParams } from '../player/links';

/** One lesson for a blog post: the diagram, both states, the narration, and as many controls as asked. */
export function EmbedApp({ config, appBase = './' }: { config: LinkParams; appBase?: string }) {
  const scenario = findScenario(config.scenario!)!;
  const session = useMemo(() => createSession(scenario.script), [scenario]);
  usePlayback(session);
  // The states and the narration change only when something happens.
  const sim = useEventFrame(session);
  const [lang] = useState(() => config.lang ?? readerLang());
  const t = STRINGS[lang];
  useEffect(() => {
    session.setSpeed(config.speed);
    for (let i = 0; i < config.step; i++) session.stepForward();
    // With no controls there is nothing to press, so it plays by itself.
    if (config.autoplay || config.controls === 'none') session.play();
  }, [session, config]);
  const moment = sim.transitions.at(-1);
  const words = moment ? scenario.moments?.[`${moment.endpoint}:${moment.to}`] : undefined;
  return (
    <main className={`app embed controls-${config.controls}`} lang={lang}>
      <h1 className="embed-title">{scenario.title[lang]}</h1>
      {config.problems.map((p) => (
        <p key={p.name} className="notice" role="alert">
          {t.badEmbedParam(p.name, p.value)}
        </p>
      ))}
      <div className="embed-states">
        {(['client', 'server'] as const).map((e) => (
          <section key={e} className="panel" aria-label={t[e]}>
            <h2>{t[e]}</h2>
            <p className="state" role="status" aria-live="polite">
              <span className="rfc">{sim.state(e)}</span> <span className="netstat">{NETSTAT_NAMES[sim.state(e)]}</span>
            </p>
          </section>
        ))}
      </div>
      <section className="panel diagram" aria-label={t.sequenceDiagram}>
        <SequenceDiagram session={session} relative t={t} />
      </section>
      {words ? <p className="moment">{words[lang]}</p> : null}
      {config.controls !== 'none' ? <Timeline session={session} t={t} minimal={config.controls === 'minimal'} /> : null}
      {config.controls === 'full' ? <Explanation session={session} t={t} /> : null}
      <p className="embed-link">
        <a href={`${appBase}?scenario=${encodeURIComponent(scenario.id)}`} target="_blank" rel="noreferrer">
          {t.openFull}
        </a>
      </p>
    </main>
  );
}
