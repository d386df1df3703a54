import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { History, WireSegment } from '../model/history';
import { ackOf, formatFlags, hasSyn } from '../model/segment';
import { seqSpan, type Seq } from '../model/seq';
import type { Session } from '../player/session';
import { setText, useEventFrame, useSessionState } from './useSession';
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
  const gaps: { y: number; ms: number; from: number }[] = [];
  for (let i = 1; i < points.length; i++) {
    const span = points[i]! - points[i - 1]!;
    if (span > gapMs) {
      gaps.push({ y: ys[i - 1]! + GAP_PX / 2, ms: span, from: points[i - 1]! });
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

type Scale = ReturnType<typeof timeScale>;
type FadeIn = ReturnType<typeof useFadeInGroup>;

/** When a lost or held segment stops on its way (it is drawn stopped from then on). */
const stopOf = (w: WireSegment): number => w.sentAt + (w.arrivesAt - w.sentAt) * LOST_AT;
/** A segment whose drawing no longer changes with time: arrived, or stopped where it was lost or held. */
const settledAt = (w: WireSegment, now: number): boolean => (w.lost || w.held ? stopOf(w) <= now : w.delivered);

/** Set an attribute only when its value changes: setting it again still invalidates the element's style. */
function setIfChanged(el: Element, name: string, value: string | number): void {
  const text = String(value);
  if (el.getAttribute(name) !== text) el.setAttribute(name, text);
}

/** Which lost or held segments have stopped by `now`, as a key that changes only when one more has. */
function stoppedBy(wire: readonly WireSegment[], now: number): string {
  let key = '';
  for (const w of wire) if ((w.lost || w.held) && stopOf(w) <= now) key += key ? `,${stopOf(w)}` : String(stopOf(w));
  return key;
}

/**
 * The scale at `now`: the still scale up to the last thing that happened, then the stretch up to
 * now, squeezed to a gap once it is long. Nothing before the last thing that happened moves.
 */
function liveScale(still: Scale, last: number, now: number, latencyMs: number): { y: (t: number) => number; gap: { y: number; ms: number } | null } {
  const pxPerMs = 90 / Math.max(latencyMs, 15);
  const gapMs = GAP_LATENCIES * Math.max(latencyMs, 15);
  const yLast = still.y(last);
  const span = now - last;
  const squeezed = span > gapMs;
  const yNow = squeezed ? yLast + GAP_PX : yLast + Math.max(0, span) * pxPerMs;
  const y = (t: number): number => (t <= last ? still.y(t) : t <= now ? yLast + ((yNow - yLast) * (t - last)) / (span || 1) : yNow + (t - now) * pxPerMs);
  return { y, gap: squeezed ? { y: yLast + GAP_PX / 2, ms: span } : null };
}

/** Where a segment's arrow ends at `now`, and how it is drawn there. */
function segmentAt(w: WireSegment, now: number, y: (t: number) => number, X: Record<EndpointId, number>, still: boolean) {
  const x1 = X[w.from];
  const x2 = X[w.to];
  const y1 = y(w.sentAt);
  const y2 = y(w.arrivesAt);
  const progress = Math.min(1, (now - w.sentAt) / Math.max(1, w.arrivesAt - w.sentAt));
  // A lost segment ends where it was lost; a held one waits at mid-wire.
  const shown = w.lost || w.held ? Math.min(progress, LOST_AT) : still ? 1 : progress;
  const done = !w.lost && !w.held && progress >= 1;
  return {
    x1,
    y1,
    x2,
    y2,
    xe: x1 + (x2 - x1) * shown,
    ye: y1 + (y2 - y1) * shown,
    progress,
    done,
    opacity: still && !w.lost && !w.held && !done ? 0.25 + 0.75 * progress : 1,
  };
}

/**
 * The sequence diagram. React draws it when something happens; between, as time passes, a few
 * attributes of what moves (the now line, segments on their way, a silence still growing) are
 * set straight on the drawing from the session's frames, as raftscope moves its messages at
 * (now - sentAt) / (arrivesAt - sentAt). A frame in which only time passes renders no component.
 */
export function SequenceDiagram({ session, relative, t }: Props) {
  const frame = useEventFrame(session);
  const { instants, history } = frame;
  // With reduced motion, a segment in flight does not travel: its whole arrow fades in instead.
  const still = usePrefersReducedMotion();
  // New marks fade in; where they are is always computed from simulated time, never animated.
  const FadeIn = useFadeInGroup();
  const latency = frame.config.latencyMs;
  // Where a lost or held segment stops is a moment of the drawing too, so a silence after it is
  // squeezed only after it, never across its arrow and label. It changes with time, but rarely.
  const stopsKey = useSessionState(session, (s) => stoppedBy(s.frame.history.wire, s.frame.now));
  const points = useMemo(() => [...instants, ...stopsKey.split(',').filter(Boolean).map(Number)], [instants, stopsKey]);
  const last = points.length ? Math.max(...points) : 0;
  const settled = useMemo(() => timeScale(points, last, latency), [points, last, latency]);
  // The drawing grows in steps, not every frame: a new height relays out the page.
  const height = useSessionState(session, (s) => Math.ceil((liveScale(settled, last, s.frame.now, latency).y(s.frame.now) + 40) / HEIGHT_STEP) * HEIGHT_STEP);
  const now = session.getState().frame.now;
  const scroller = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
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
  const scrolledTo = useRef(0);
  const X = useMemo(() => ({ client: Math.round(WIDTH * 0.18), server: Math.round(WIDTH * 0.82) }), [WIDTH]);
  const isn = useMemo(() => {
    const first: Partial<Record<EndpointId, Seq>> = {};
    for (const w of history.wire) if (hasSyn(w.segment) && first[w.from] === undefined) first[w.from] = w.segment.seq;
    return first;
  }, [history]);
  const live = liveScale(settled, last, now, latency);

  // Every frame: move what moves. Runs after each render too, and from the session's own
  // notifications in between, so it never waits for React.
  useLayoutEffect(() => {
    const root = svg.current;
    if (!root) return;
    const moving = history.wire.filter((w) => !settledAt(w, now));
    const marks = moving.flatMap((w) => {
      const g = root.querySelector<SVGGElement>(`g[data-segment="${w.id}"]`);
      return g ? [{ w, line: g.querySelector('line')!, dot: g.querySelector('circle'), label: g.querySelector('text.segment-label') }] : [];
    });
    const nowLine = root.querySelector<SVGLineElement>('line.now')!;
    const gap = root.querySelector<SVGGElement>('g.gap.growing')!;
    const draw = () => {
      const at = session.getState().frame.now;
      const scale = liveScale(settled, last, at, latency);
      const nowY = scale.y(at);
      setIfChanged(nowLine, 'y1', nowY);
      setIfChanged(nowLine, 'y2', nowY);
      setIfChanged(root, 'data-drawn-height', Math.ceil((nowY + 40) / 20) * 20);
      setIfChanged(gap, 'visibility', scale.gap ? 'visible' : 'hidden');
      if (scale.gap) {
        setIfChanged(gap, 'transform', `translate(0 ${scale.gap.y})`);
        const text = `⋯ ${t.compressed((scale.gap.ms / 1000).toFixed(1))} ⋯`;
        setText(gap.lastElementChild!, text);
      }
      for (const { w, line, dot, label } of marks) {
        const p = segmentAt(w, at, scale.y, X, still);
        setIfChanged(line, 'y1', p.y1);
        setIfChanged(line, 'x2', p.xe);
        setIfChanged(line, 'y2', p.ye);
        setIfChanged(line, 'opacity', p.opacity);
        if (dot) {
          setIfChanged(dot, 'cx', p.xe);
          setIfChanged(dot, 'cy', p.ye);
        }
        if (label) setIfChanged(label, 'y', (p.y1 + p.y2) / 2 - 6);
      }
      // Keep "now" in view by turning the page when it nears an edge, not by following it every
      // frame: a still page is easier to read, and each scroll costs a layout. Where the page is
      // scrolled is tracked from scroll events, since reading scrollTop would cost a layout too.
      const el = scroller.current;
      const view = viewHeight.current || 480;
      if (!el || (nowY >= scrolledTo.current + 40 && nowY <= scrolledTo.current + view - 60)) return;
      // Going down, keep most of what came before in view (but not so low that a laptop's fold
      // hides it); going back up, most of what comes next.
      // The browser may stop short (the drawing, or its box, may not have grown yet): keep where it
      // really stopped, read back once per turn of the page, or the page would not turn again.
      el.scrollTop = Math.max(0, Math.round(nowY - view * (nowY > scrolledTo.current ? 0.6 : 0.3)));
      scrolledTo.current = el.scrollTop;
    };
    draw();
    return session.subscribe(draw);
  }, [session, history, settled, last, latency, X, still, t, now, height]);

  return (
    <div className="diagram-scroll" ref={scroller} onScroll={(e) => (scrolledTo.current = e.currentTarget.scrollTop)}>
      <svg ref={svg} className="sequence" viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} role="img" aria-label={t.sequenceDiagram}>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="arrowhead" />
          </marker>
        </defs>
        <Backdrop gaps={settled.gaps} width={WIDTH} height={height} X={X} t={t} />
        <g className="gap growing" visibility="hidden">
          <rect x={0} y={-8} width={WIDTH} height={16} />
          <text x={WIDTH / 2} y={4} textAnchor="middle" />
        </g>
        {history.wire.map((w) => {
          // A segment that no longer moves keeps the same props from render to render, so it is not drawn again.
          const done = settledAt(w, now);
          return (
            <SegmentMark
              key={w.id}
              w={w}
              now={done ? Infinity : now}
              y={done ? settled.y : live.y}
              X={X}
              isn={isn}
              relative={relative}
              still={still}
              FadeIn={FadeIn}
              t={t}
            />
          );
        })}
        <StateMarks history={history} y={settled.y} width={WIDTH} X={X} FadeIn={FadeIn} />
        <line className="now" x1={20} x2={WIDTH - 20} y1={live.y(now)} y2={live.y(now)} />
      </svg>
    </div>
  );
}

/** The lifelines with their names, and the silences squeezed between things that happened. */
const Backdrop = memo(function Backdrop({
  gaps,
  width,
  height,
  X,
  t,
}: {
  gaps: Scale['gaps'];
  width: number;
  height: number;
  X: Record<EndpointId, number>;
  t: Strings;
}) {
  return (
    <g className="lifelines">
      {(['client', 'server'] as const).map((e) => (
        <g key={e}>
          <text x={X[e]} y={24} className="lifeline-name" textAnchor="middle">
            {t[e]}
          </text>
          <line x1={X[e]} x2={X[e]} y1={36} y2={height} className="lifeline" />
        </g>
      ))}
      {gaps.map((g) => (
        <Gap key={g.y} y={g.y} ms={g.ms} width={width} t={t} />
      ))}
    </g>
  );
});

/** Each state an endpoint entered, where it entered it. */
const StateMarks = memo(function StateMarks({
  history,
  y,
  width,
  X,
  FadeIn,
}: {
  history: History;
  y: (t: number) => number;
  width: number;
  X: Record<EndpointId, number>;
  FadeIn: FadeIn;
}) {
  const states: { endpoint: EndpointId; t: number; state: TcpState }[] = [
    { endpoint: 'client', t: 0, state: 'CLOSED' },
    { endpoint: 'server', t: 0, state: 'CLOSED' },
    ...history.transitions.map((x) => ({ endpoint: x.endpoint, t: x.t, state: x.to })),
  ];
  // Of several states entered at one instant, the last is the one that lasted.
  const lastAt = new Map<string, number>();
  states.forEach((s, i) => lastAt.set(`${s.endpoint}@${s.t}`, i));
  const lasting = states.filter((s, i) => lastAt.get(`${s.endpoint}@${s.t}`) === i);
  return (
    <g className="state-marks">
      {lasting.map((s) => {
        const x = X[s.endpoint];
        const w = s.state.length * 8 + 14;
        // Centred on its lifeline, but never past the drawing's edge (a 320 px embed).
        const left = Math.min(Math.max(2, x - w / 2), width - w - 2);
        return (
          <FadeIn key={`${s.endpoint}${s.t}${s.state}`} className={`state-mark family-${stateFamily(s.state)}`}>
            <rect x={left} y={y(s.t) - 10} width={w} height={20} rx={5} />
            <text x={left + w / 2} y={y(s.t) + 4} textAnchor="middle">
              {s.state}
            </text>
          </FadeIn>
        );
      })}
    </g>
  );
});

function Gap({ y, ms, width, t }: { y: number; ms: number; width: number; t: Strings }) {
  return (
    <g className="gap">
      <rect x={0} y={y - 8} width={width} height={16} />
      <text x={width / 2} y={y + 4} textAnchor="middle">
        ⋯ {t.compressed((ms / 1000).toFixed(1))} ⋯
      </text>
    </g>
  );
}

interface SegmentProps {
  w: WireSegment;
  /** The time shown; Infinity for a segment whose drawing no longer changes. */
  now: number;
  y: (t: number) => number;
  X: Record<EndpointId, number>;
  isn: Partial<Record<EndpointId, Seq>>;
  relative: boolean;
  still: boolean;
  FadeIn: FadeIn;
  t: Strings;
}

/** One segment: its arrow as far as it has come, a dot while it travels, a cross where it was lost. */
const SegmentMark = memo(function SegmentMark({ w, now, y, X, isn, relative, still, FadeIn, t }: SegmentProps) {
  const { x1, y1, x2, y2, xe, ye, progress, done, opacity } = segmentAt(w, now, y, X, still);
  const label = `${formatFlags(w.segment.flags)} ${numbers(w, isn, relative)}`;
  const midX = (x1 + x2) / 2;
  const midY = (y1 + y2) / 2;
  return (
    <FadeIn
      className={`segment from-${w.from}${w.retransmission ? ' retransmission' : ''}${w.lost ? ' lost' : ''}${w.held ? ' held' : ''}`}
      data-flags={formatFlags(w.segment.flags)}
      data-segment={w.id}
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
});
