/**
 * The sequence diagram's marks, placed where its layout (diagramLayout.ts) says: the lifelines and
 * the silences between events, and each segment with its arrow, label and packet.
 */
import { memo } from 'react';
import type { WireSegment } from '../model/history';
import { formatFlags } from '../model/segment';
import type { EndpointId } from '../model/types';
import type { Strings } from '../i18n/strings';
import type { Session } from '../player/session';
import { stopFraction, stopsOnWay } from '../player/flight';
import { FadeIn } from './FadeIn';
import { textWidth, type PlacedLabel, type TimeScale } from './diagramGeometry';
import { arrivalY, inLane, segmentAt, type Layout } from './diagramLayout';

/**
 * A packet that arrives while it has the keys is gone: the keys stay in the drawing (the next Tab
 * goes on from there), not back at the page's top. (Its blur is its own: a removed element's does
 * not reach React's listeners. A packet on its way is drawn on the layer above the drawing.)
 */
function keepKeys(g: SVGGElement | null) {
  const svg = g?.closest('.diagram-layers')?.querySelector('svg');
  g?.addEventListener('blur', () => setTimeout(() => !g.isConnected && document.activeElement === document.body && svg?.focus()));
}

/** The lifelines, and the silences squeezed between things that happened. */
export const Backdrop = memo(function Backdrop({
  gaps,
  places,
  width,
  height,
  X,
  label,
  t,
}: {
  gaps: TimeScale['gaps'];
  places: Layout['gapLabels'];
  width: number;
  height: number;
  X: Record<EndpointId, number>;
  label: number;
  t: Strings;
}) {
  return (
    <g className="lifelines">
      {(['client', 'server'] as const).map((e) => (
        <line key={e} x1={X[e]} x2={X[e]} y1={0} y2={height} className={`lifeline ${e}`} />
      ))}
      {gaps.map((g) => {
        // Every silence the scale squeezed has a place for its words (Layout['gapLabels']).
        const { x, anchor } = places.get(g.from)!;
        return (
          <g key={g.y} className="gap">
            <rect x={0} y={g.y - label * 0.65} width={width} height={label * 1.3} />
            <text x={x} y={g.y + label * 0.35} textAnchor={anchor}>
              {t.compressed(g.ms)}
            </text>
          </g>
        );
      })}
    </g>
  );
});

interface SegmentProps {
  w: WireSegment;
  /** The time shown; Infinity for a segment whose drawing no longer changes. */
  now: number;
  y: (t: number) => number;
  X: Record<EndpointId, number>;
  label: PlacedLabel & { text: string };
  /** A fold's band: arrows begun inside it are drawn from its lower edge. */
  band: { top: number; bottom: number } | null;
  still: boolean;
  interactive: boolean;
  session: Session;
  t: Strings;
}

/**
 * One segment: its arrow as far as it has come; while it travels, a packet named by its flags
 * (a button that drops it, in the app); a cross where it was lost; Deliver and Drop where it is held.
 */
export const SegmentMark = memo(function SegmentMark({ w, now, y, X, label, band, still, interactive, session, t }: SegmentProps) {
  const { box } = label;
  const lineH = box.h;
  const { x1, y1, xe, ye, cut, progress, done, opacity } = segmentAt(w, now, y, X, still, lineH, band);
  const flags = formatFlags(w.segment.flags);
  const travelling = !done && !stopsOnWay(w);
  const stopped = stopsOnWay(w) && progress >= stopFraction(w);
  // A label shows once its arrow has reached it, never ahead of the arrow.
  const labelShown = still || progress >= label.along || !travelling ? 'visible' : 'hidden';
  const packetW = textWidth(flags, lineH / 1.3) + lineH * 0.8;
  // With reduced motion the packet does not travel: it waits in the middle of its arrow.
  // Never past a lifeline: just sent or about to arrive, it stands beside the state chip there, not on it.
  const px = inLane(still ? (x1 + X[w.to]) / 2 : xe, packetW, X);
  const py = still ? (y1 + arrivalY(w, y, lineH)) / 2 : ye;
  const drop = () => session.network({ kind: 'drop', segment: w.id });
  const key = (act: () => void) => (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      act();
    }
  };
  return (
    <FadeIn
      className={`segment from-${w.from}${w.retransmission ? ' retransmission' : ''}${w.lost ? ' lost' : ''}${w.held ? ' held' : ''}${w.assumed ? ' assumed' : ''}`}
      data-flags={flags}
      data-segment={w.id}
    >
      <line x1={x1} y1={y1} x2={xe} y2={ye} opacity={opacity} markerEnd={!cut && (done || (still && travelling)) ? `url(#arrow-${w.from})` : undefined} />
      {/* The label's own ground: the now line and the lifelines pass behind it, not through its words. */}
      {/* A label with no clear place (a burst of hundreds of segments at one instant) is left out, never drawn over another. */}
      {label.clear ? (
        <>
          <rect className="label-ground" x={box.x} y={box.y} width={box.w} height={box.h} rx={3} visibility={labelShown} />
          <text className="segment-label" x={box.x + box.w / 2} y={box.y + box.h / 2} dominantBaseline="central" textAnchor="middle" visibility={labelShown}>
            {label.text}
          </text>
        </>
      ) : null}
      {travelling ? (
        <g
          className="packet"
          data-w={Math.round(packetW)}
          transform={`translate(${Math.round(px)} ${Math.round(py)})`}
          {...(interactive ? { role: 'button', tabIndex: 0, 'aria-label': t.dropInFlight(flags), onClick: drop, onKeyDown: key(drop), ref: keepKeys } : {})}
        >
          <rect x={-packetW / 2} y={-lineH * 0.6} width={packetW} height={lineH * 1.2} rx={lineH * 0.3} />
          <text dominantBaseline="central" textAnchor="middle">
            {flags}
          </text>
        </g>
      ) : null}
      {w.lost && stopped ? (
        <text className="cross" x={xe} y={ye} dominantBaseline="central" textAnchor="middle" aria-label={t.lost}>
          ✕
        </text>
      ) : null}
      {/* Deliver and Drop wait where a held segment will stop, from the moment it is sent. */}
      {w.held ? (
        <g className="held-controls" transform={`translate(${Math.round((x1 + X[w.to]) / 2)} ${Math.round((y1 + arrivalY(w, y, lineH)) / 2 + lineH * 1.4)})`}>
          {interactive ? (
            (['deliver', 'drop'] as const).map((kind, i) => {
              const act = () => session.network({ kind, segment: w.id });
              const name = kind === 'deliver' ? t.deliver(`${flags} (#${w.id})`) : t.drop(`${flags} (#${w.id})`);
              const text = (kind === 'deliver' ? t.deliver('') : t.drop('')).trim();
              const bw = textWidth(text, lineH / 1.3) + lineH;
              const x = i === 0 ? -bw - 3 : 3;
              return (
                <g key={kind} className={`held-button ${kind}`} role="button" tabIndex={0} aria-label={name} onClick={act} onKeyDown={key(act)}>
                  <rect x={x} y={-lineH * 0.65} width={bw} height={lineH * 1.3} rx={lineH * 0.3} />
                  <text x={x + bw / 2} dominantBaseline="central" textAnchor="middle">
                    {text}
                  </text>
                </g>
              );
            })
          ) : (
            <text className="held-mark" dominantBaseline="central" textAnchor="middle">
              {t.waiting}
            </text>
          )}
        </g>
      ) : null}
    </FadeIn>
  );
});
