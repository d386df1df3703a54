import { useEffect, useRef, useState } from 'react';
import type { WireSegment } from '../model/history';
import { ackOf, formatFlags, hasSyn } from '../model/segment';
import { seqSpan, type Seq } from '../model/seq';
import type { Session } from '../player/session';
import { useFrame } from './useSession';
import type { EndpointId, TcpState } from '../model/types';
import type { Strings } from '../i18n/strings';
import { useFadeInGroup } from './FadeIn';
import { stateFamily } from './stateFamily';
import { usePrefersReducedMotion } from './usePrefersReducedMotion';

const TOP = 60;
/** A stretch with nothing happening longer than this many latencies is drawn short and marked. */
const GAP_LATENCIES = 3;
const HEIGHT_STEP = 160;
/** A lost or held segment stops halfway along its path. */
const LOST_AT = 0.5;
const GAP_PX = 34;

interface Props {
  session: Session;
  relative: boolean;
  t: Strings;
}

/** Time runs down: maps simulated ms to a y position, squeezing long idle stretches. */
function timeScale(instants: readonly number[], now: number, latencyMs: number) {
  const pxPerMs = 90 / Math.max(latencyMs, 15);
  const gapMs = GAP_LATENCIES * Math.max(latencyMs, 15);
  const points = [...new Set([0, ...instants, now])].sort((a, b) => a - b);
  const ys: number[] = [TOP];
  const gaps: { y: number; ms: number }[] = [];
  for (let i = 1; i < points.length; i++) {
    const span = points[i]! - points[i - 1]!;
    if (span > gapMs) {
      gaps.push({ y: ys[i - 1]! + GAP_PX / 2, ms: span });
      ys.push(ys[i - 1]! + GAP_PX);
    } else ys.push(ys[i - 1]! + span * pxPerMs);
  }
  const y = (t: number): number => {
    if (t <= 0) return TOP;
    for (let i = 1; i < points.length; i++) {
      if (t <= points[i]!) {
        const a = points[i - 1]!;
        const b = points[i]!;
        return ys[i - 1]! + ((ys[i]! - ys[i - 1]!) * (t - a)) / (b - a || 1);
      }
    }
    return ys[ys.length - 1]! + (t - points[points.length - 1]!) * pxPerMs;
  };
  return { y, gaps };
}

/** Sequence and acknowledgment numbers, absolute or relative to each side's ISN. */
function numbers(w: WireSegment, isn: Partial<Record<EndpointId, Seq>>, relative: boolean): string {
  const own = relative ? isn[w.from] : undefined;
  const peer = relative ? isn[w.to] : undefined;
  const seq = own === undefined ? w.segment.seq : seqSpan(own, w.segment.seq);
  const acked = ackOf(w.segment);
  const ack = acked === null ? null : peer === undefined ? acked : seqSpan(peer, acked);
  return `seq=${seq}${ack === null ? '' : ` ack=${ack}`}${w.segment.len ? ` len=${w.segment.len}` : ''}`;
}

/** The sequence diagram: it follows the clock, so it redraws every animation frame while playing. */
export function SequenceDiagram({ session, relative, t }: Props) {
  const sim = useFrame(session);
  const { now, instants } = sim;
  // With reduced motion, a segment in flight does not travel: its whole arrow fades in instead.
  const still = usePrefersReducedMotion();
  // New marks fade in; where they are is always computed from simulated time, never animated.
  const FadeIn = useFadeInGroup();
  const latency = sim.config.latencyMs;
  // Where a lost or held segment stops is a moment of the drawing too, so a silence after it is
  // squeezed only after it, never across its arrow and label.
  const stops = sim.wire.flatMap((w) => {
    const stoppedAt = w.sentAt + (w.arrivesAt - w.sentAt) * LOST_AT;
    return (w.lost || w.held) && stoppedAt <= now ? [stoppedAt] : [];
  });
  const { y, gaps } = timeScale([...instants, ...stops], now, latency);
  const bottom = y(now) + 40;
  // The drawing grows in steps, not every frame: a new height relays out the whole page, while
  // what moves inside the drawing does not.
  const height = Math.ceil(bottom / HEIGHT_STEP) * HEIGHT_STEP;
  const isn: Partial<Record<EndpointId, Seq>> = {};
  for (const w of sim.wire) if (hasSyn(w.segment) && isn[w.from] === undefined) isn[w.from] = w.segment.seq;
  const states: { endpoint: EndpointId; t: number; state: TcpState }[] = [
    { endpoint: 'client', t: 0, state: 'CLOSED' },
    { endpoint: 'server', t: 0, state: 'CLOSED' },
    ...sim.transitions.map((x) => ({ endpoint: x.endpoint, t: x.t, state: x.to })),
  ];
  const scroller = useRef<HTMLDivElement>(null);
  // Drawn at the container's own pixel width, so text stays legible on a phone.
  const [WIDTH, setWidth] = useState(640);
  // The container's height, kept from the observer: reading clientHeight every frame would force a layout.
  const viewHeight = useRef(0);
  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      viewHeight.current = entry!.contentRect.height;
      setWidth(Math.max(240, Math.round(entry!.contentRect.width)));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  // Keep "now" in view by turning the page when it nears an edge, not by following it every
  // frame: a still page is easier to read, and each scroll costs a layout. Where the page is
  // scrolled is tracked from scroll events, since reading scrollTop would cost a layout too.
  const scrolledTo = useRef(0);
  const nowY = y(now);
  useEffect(() => {
    const el = scroller.current;
    const view = viewHeight.current || 480;
    if (!el || (nowY >= scrolledTo.current + 40 && nowY <= scrolledTo.current + view - 60)) return;
    // Going down, keep most of what came before in view (but not so low that a laptop's fold
    // hides it); going back up, most of what comes next.
    const at = nowY > scrolledTo.current ? 0.6 : 0.3;
    scrolledTo.current = Math.max(0, Math.round(nowY - view * at));
    el.scrollTop = scrolledTo.current;
  }, [nowY]);
  const X: Record<EndpointId, number> = { client: Math.round(WIDTH * 0.18), server: Math.round(WIDTH * 0.82) };
  // Of several states entered at one instant, the last is the one that lasted.
  const lasting = states.filter((s, i) => !states.slice(i + 1).some((o) => o.endpoint === s.endpoint && o.t === s.t));

  return (
    <div className="diagram-scroll" ref={scroller} onScroll={(e) => (scrolledTo.current = e.currentTarget.scrollTop)}>
      <svg
        className="sequence"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
        data-drawn-height={Math.ceil(bottom)}
        role="img"
        aria-label={t.sequenceDiagram}
      >
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="arrowhead" />
          </marker>
        </defs>
        {(['client', 'server'] as const).map((e) => (
          <g key={e}>
            <text x={X[e]} y={24} className="lifeline-name" textAnchor="middle">
              {t[e]}
            </text>
            <line x1={X[e]} x2={X[e]} y1={36} y2={bottom} className="lifeline" />
          </g>
        ))}
        {gaps.map((g) => (
          <g key={g.y} className="gap">
            <rect x={0} y={g.y - 8} width={WIDTH} height={16} />
            <text x={WIDTH / 2} y={g.y + 4} textAnchor="middle">
              ⋯ {t.compressed((g.ms / 1000).toFixed(1))} ⋯
            </text>
          </g>
        ))}
        {sim.wire.map((w) => {
          const x1 = X[w.from];
          const x2 = X[w.to];
          const y1 = y(w.sentAt);
          const y2 = y(w.arrivesAt);
          const progress = Math.min(1, (now - w.sentAt) / Math.max(1, w.arrivesAt - w.sentAt));
          // A lost segment ends where it was lost; a held one waits at mid-wire.
          const shown = w.lost || w.held ? Math.min(progress, LOST_AT) : still ? 1 : progress;
          const xe = x1 + (x2 - x1) * shown;
          const ye = y1 + (y2 - y1) * shown;
          const done = !w.lost && !w.held && progress >= 1;
          const opacity = still && !w.lost && !w.held && !done ? 0.25 + 0.75 * progress : 1;
          const label = `${formatFlags(w.segment.flags)} ${numbers(w, isn, relative)}`;
          const midX = (x1 + x2) / 2;
          const midY = (y1 + y2) / 2;
          return (
            <FadeIn
              key={w.id}
              className={`segment from-${w.from}${w.retransmission ? ' retransmission' : ''}${w.lost ? ' lost' : ''}${w.held ? ' held' : ''}`}
              data-flags={formatFlags(w.segment.flags)}
            >
              <line x1={x1} y1={y1} x2={xe} y2={ye} opacity={opacity} markerEnd={done || (still && !w.lost && !w.held) ? 'url(#arrow)' : undefined} />
              {!done && !w.lost && !w.held && !still ? <circle className="in-flight" cx={xe} cy={ye} r={5} /> : null}
              {w.held && progress >= LOST_AT ? (
                <text className="held-mark" x={xe} y={ye + 20} textAnchor="middle">
                  ⏸ {t.waiting}
                </text>
              ) : null}
              {w.lost && progress >= LOST_AT ? (
                <text className="cross" x={xe} y={ye + 6} textAnchor="middle" aria-label={t.lost}>
                  ✕
                </text>
              ) : null}
              <text x={midX} y={midY - 6} textAnchor="middle" className="segment-label">
                {label}
                {w.retransmission ? ` (${t.retransmission})` : ''}
                {w.lost ? ` — ${t.lost}` : ''}
              </text>
            </FadeIn>
          );
        })}
        {lasting.map((s) => {
          const x = X[s.endpoint];
          const w = s.state.length * 8 + 14;
          // Centred on its lifeline, but never past the drawing's edge (a 320 px embed).
          const left = Math.min(Math.max(2, x - w / 2), WIDTH - w - 2);
          return (
            <FadeIn key={`${s.endpoint}${s.t}${s.state}`} className={`state-mark family-${stateFamily(s.state)}`}>
              <rect x={left} y={y(s.t) - 10} width={w} height={20} rx={5} />
              <text x={left + w / 2} y={y(s.t) + 4} textAnchor="middle">
                {s.state}
              </text>
            </FadeIn>
          );
        })}
        <line className="now" x1={20} x2={WIDTH - 20} y1={y(now)} y2={y(now)} />
      </svg>
    </div>
  );
}
