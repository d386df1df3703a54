import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import type { AppStrings as Strings } from '../i18n/appStrings';
import { viewWords } from '../i18n/viewWords';
import type { Session } from '../player/session';
import type { EndpointId } from '../model/types';
import { EventLog, Explanation } from './Explanation';
import { NetworkPanel } from './NetworkPanel';
import { StateDiagram } from './StateDiagram';
import { DiagramExport } from './DiagramExport';
import { TextPane } from './TextPane';
import './rail.css';

const QuizPanel = lazy(() => import('./QuizPanel').then((m) => ({ default: m.QuizPanel })));
const SsPanel = lazy(() => import('./SsPanel').then((m) => ({ default: m.SsPanel })));

/**
 * Everything that is not the stage: why it happened (with its RFC section), the run as text, the RFC state diagram,
 * the quiz, the network's settings, the event log, `ss -tan`, exports. A column beside the stage
 * on a wide screen, below it on a narrow one; it never pushes the stage or the timeline off the
 * first screen. Loaded after the first view.
 */
export default function Rail({
  session,
  t,
  relative,
  addresses,
}: {
  session: Session;
  t: Strings;
  relative: boolean;
  /** A replayed capture's own addresses and ports, for `ss` to list (else the documentation ones). */
  addresses?: Readonly<Record<EndpointId, string>>;
}) {
  const v = viewWords[t.lang];
  return (
    <aside className="rail" aria-label={t.more}>
      <Explanation session={session} t={t} />
      <TextPane session={session} t={t} />
      <Suspense fallback={null}>
        <QuizPanel session={session} t={t} />
      </Suspense>
      <StatesPanel session={session} t={t} />
      <NetworkPanel session={session} t={t} />
      <EventLog session={session} t={t} />
      <Suspense fallback={null}>
        <SsPanel session={session} t={t} addresses={addresses} />
      </Suspense>
      <section className="panel export-panel" aria-label={v.exportTitle}>
        <h2>{v.exportTitle}</h2>
        <DiagramExport session={session} t={t} relative={relative} />
      </section>
    </aside>
  );
}

/** RFC 9293's state diagram: small in the rail, and as large as the screen allows on demand (its labels are small in a column). */
function StatesPanel({ session, t }: { session: Session; t: Strings }) {
  const [big, setBig] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (big && el && !el.open) el.showModal?.();
  }, [big]);
  return (
    <section className="panel states" aria-label={t.stateDiagram}>
      <div className="panel-head">
        <h2>{t.stateDiagram}</h2>
        <button type="button" className="small" onClick={() => setBig(true)}>
          {t.enlarge}
        </button>
      </div>
      <StateDiagram session={session} t={t} />
      {big ? (
        <dialog ref={dialog} className="state-dialog" aria-label={t.stateDiagram} onClose={() => setBig(false)}>
          <StateDiagram session={session} t={t} />
          <button type="button" className="primary" onClick={() => dialog.current?.close()}>
            {t.close}
          </button>
        </dialog>
      ) : null}
    </section>
  );
}
