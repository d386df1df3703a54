import { memo } from 'react';
import { DIRECTIONS } from '../model/types';
import type { AppStrings as Strings } from '../i18n/appStrings';
import type { Session } from '../player/session';
import { EndpointHead } from './EndpointHead';
import { Icon } from './Icon';
import { SequenceDiagram } from './SequenceDiagram';
import { useEventFrame, useSessionState } from './useSession';

interface Props {
  session: Session;
  t: Strings;
  relative: boolean;
  onRelative: (on: boolean) => void;
}

/**
 * The stage: the two endpoints as the heads of their lifelines, the sequence diagram between and
 * below them taking the width and whatever height the page leaves, and the wire's two lanes
 * under it. Everything a student acts on sits next to what it changes.
 */
export function Stage({ session, t, relative, onRelative }: Props) {
  return (
    <section className="stage panel" aria-label={t.sequenceDiagram}>
      <div className="stage-heads">
        <EndpointHead session={session} endpoint="client" t={t} />
        <div className="stage-mid">
          <PausedMarker session={session} t={t} />
          <Lanes session={session} t={t} />
          <label className="relative">
            <input type="checkbox" checked={relative} onChange={(e) => onRelative(e.target.checked)} /> {t.relativeNumbers}
          </label>
        </div>
        <EndpointHead session={session} endpoint="server" t={t} />
      </div>
      <div className="stage-body">
        <SequenceDiagram session={session} relative={relative} t={t} interactive />
      </div>
    </section>
  );
}

/** "Paused", on the stage itself, while the student holds time they had played and something is still to come (only stepping pauses nothing). */
function PausedMarker({ session, t }: { session: Session; t: Strings }) {
  const shown = useSessionState(session, (s) => s.timeInHand && s.played && !s.playing && s.frame.nextEventAt() !== null);
  // Always there, shown or not, so the heads keep their height.
  return (
    <p className="paused-mark" role="status" data-shown={shown}>
      {shown ? (
        <>
          <Icon name="pause" /> {t.paused}
        </>
      ) : null}
    </p>
  );
}

/** Each direction of the wire, between the heads, over the arrows they change: lose, delay or block what goes that way. */
const Lanes = memo(function Lanes({ session, t }: { session: Session; t: Strings }) {
  const frame = useEventFrame(session);
  return (
    <div className="lanes" role="group" aria-label={t.wire}>
      {DIRECTIONS.map((direction) => {
        const lane = frame.lane(direction);
        return (
          <div
            className={`lane ${direction === 'client->server' ? 'to-server' : 'to-client'}`}
            key={direction}
            role="group"
            aria-label={t.directionNames[direction]}
          >
            <span className="direction" aria-hidden="true" title={t.directionNames[direction]}>
              {direction === 'client->server' ? '→' : '←'}
            </span>
            <button
              type="button"
              aria-pressed={lane.dropNext}
              aria-label={t.dropNext}
              title={t.dropNext}
              onClick={() => session.network({ kind: 'drop-next', direction })}
            >
              {t.dropShort}
            </button>
            <button
              type="button"
              title={t.delayBy('1.5')}
              aria-label={t.delayNext}
              onClick={() => session.network({ kind: 'delay-next', direction, byMs: 1500 })}
            >
              {t.delayShort}
            </button>
            <button type="button" aria-pressed={lane.blocked} onClick={() => session.network({ kind: lane.blocked ? 'unblock' : 'block', direction })}>
              <span className="swap">
                <span data-shown={!lane.blocked}>{t.block}</span>
                <span data-shown={lane.blocked}>{t.unblock}</span>
              </span>
            </button>
          </div>
        );
      })}
    </div>
  );
});
