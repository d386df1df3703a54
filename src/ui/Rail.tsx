import { Suspense, lazy } from 'react';
import type { AppStrings as Strings } from '../i18n/appStrings';
import type { Session } from '../player/session';
import { EventLog, Explanation } from './Explanation';
import { NetworkPanel } from './NetworkPanel';
import { StateDiagram } from './StateDiagram';
import { DiagramExport } from './DiagramExport';

const QuizPanel = lazy(() => import('./QuizPanel').then((m) => ({ default: m.QuizPanel })));
const SsPanel = lazy(() => import('./SsPanel').then((m) => ({ default: m.SsPanel })));

/**
 * Everything that is not the stage: why it happened (with its RFC section), the RFC state diagram,
 * the quiz, the network's settings, the event log, `ss -tan`, exports. A column beside the stage
 * on a wide screen, below it on a narrow one; it never pushes the stage or the timeline off the
 * first screen. Loaded after the first view.
 */
export default function Rail({ session, t }: { session: Session; t: Strings }) {
  return (
    <aside className="rail" aria-label={t.more}>
      <Explanation session={session} t={t} />
      <Suspense fallback={null}>
        <QuizPanel session={session} t={t} />
      </Suspense>
      <section className="panel states" aria-label={t.stateDiagram}>
        <h2>{t.stateDiagram}</h2>
        <StateDiagram session={session} t={t} />
      </section>
      <NetworkPanel session={session} t={t} />
      <EventLog session={session} t={t} />
      <Suspense fallback={null}>
        <SsPanel session={session} t={t} />
      </Suspense>
      <section className="panel export-panel" aria-label={t.exportTitle}>
        <h2>{t.exportTitle}</h2>
        <DiagramExport session={session} t={t} />
      </section>
    </aside>
  );
}
