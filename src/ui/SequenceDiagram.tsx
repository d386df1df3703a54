import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { WireSegment } from '../model/history';
import type { Session } from '../player/session';
import type { Policy } from '../player/policy';
import type { Run } from '../player/run';
import { setText, useEventFrame, useSessionState } from './useSession';
import type { Strings } from '../i18n/strings';
import { FadeIn } from './FadeIn';
import { stateFamily } from './stateFamily';
import { usePrefersReducedMotion } from './usePrefersReducedMotion';
import { stateWaits } from '../player/waits';
import { catchUp, END } from '../player/catchUp';
import { settledBy, stoppedBy } from '../player/flight';
import { chooseFold } from './diagramGeometry';
import { bandOf, chipKey, drawnPart, inLane, lastingStates, layOut, MAX_DRAWN, pastDrawn, segmentAt, type Drawn, type Metrics } from './diagramLayout';
import { Backdrop, SegmentMark } from './DiagramMarks';

interface Props {
  session: Session;
  relative: boolean;
  t: Strings;
  /** Whether the reader may act on the wire (drop a segment in flight, deliver or drop a held one). */
  interactive?: boolean;
  /**
   * Size the box to the whole run instead of to the space the page gives it, up to this many
   * pixels (an embed: its height is fixed from the start, so the post below it never moves).
   */
  autoHeight?: number;
}

/** Set an attribute only when its value changes: setting it again still invalidates the element's style. */
function setIfChanged(el: Element, name: string, value: string | number): void {
  const text = String(value);
  if (el.getAttribute(name) !== text) el.setAttribute(name, text);
}

/** While the run's end is being worked out, the drawing is laid out again at most this often. */
const REDRAW_MS = 400;

/**
 * The whole run, worked out to its end (a lesson's script, or whatever free play has set going),
 * or as far as the diagram draws, by the player a slice at a time between frames (see catchUp), so
 * a long run never freezes the page. A short run (every lesson) ends within the first slice and is
 * laid out whole at once; a long one is laid out as far as it has got, with its progress and a way
 * to stop, and redrawn now and then as it grows.
 */
function useWholeRun(run: Run, policy: Policy): { whole: Drawn; working: boolean; reached: number; stop: () => void } {
  const [stopped, setStopped] = useState<Run | null>(null);
  const [shown, setShown] = useState(0);
  const toEnd = useMemo(() => catchUp(run, END, () => pastDrawn(run, policy)), [run, policy]);
  // Asked first while the run is new, the player works out its first slice.
  const working = !toEnd.finished() && stopped !== run;
  useEffect(() => {
    if (!working) return;
    let last = performance.now();
    return toEnd.continue(() => {
      if (toEnd.finished() || performance.now() - last > REDRAW_MS) {
        last = performance.now();
        setShown(run.computed);
      }
    });
  }, [toEnd, run, working]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `shown` says when more of the run has been worked out
  const whole = useMemo(() => drawnPart(run.frameComputed(policy)), [run, policy, shown, working]);
  return { whole, working, reached: run.reached, stop: () => setStopped(run) };
}

/**
 * The sequence diagram. The whole run is laid out once (its future is computed), fitted to the
 * box, so the story from the first segment stays in view and nothing jumps as it plays. React
 * draws what has happened when something happens; between, as time passes, a few attributes of
 * what moves (the now line, the packets on their way, a silence still growing) are set straight on
 * the drawing from the session's frames, as raftscope moves its messages at
 * (now - sentAt) / (arrivesAt - sentAt). A frame in which only time passes renders no component.
 */
export function SequenceDiagram({ session, relative, t, interactive = false, autoHeight }: Props) {
  const frame = useEventFrame(session);
  const run = useSessionState(session, (s) => s.run);
  const policy = frame.policy;
  // The run's end: worked out again only when the run itself changes (a call or a fault forks it).
  const { whole, working, reached, stop } = useWholeRun(run, policy);
  // A far moment still being worked out (the session goes there a slice at a time).
  const catchingUp = useSessionState(session, (s) => s.catchingUp);
  const { history } = drawnPart(frame);
  // A lost segment reaching the place it was lost is a moment of the drawing too (its cross
  // appears): not an event of the run, so it is watched for here. It changes rarely.
  useSessionState(session, (s) => stoppedBy(drawnPart(s.frame).history.wire, s.frame.now));
  const still = usePrefersReducedMotion();
  const scroller = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const live = useRef<SVGSVGElement>(null);
  const nowRef = useRef<HTMLDivElement>(null);
  // The box's size, once measured (null until its first frame, where a ResizeObserver is).
  const [metrics, setMetrics] = useState<Metrics | null>(null);
  useEffect(() => {
    const el = scroller.current;
    if (!el || !window.ResizeObserver) return;
    const observer = new ResizeObserver(([entry]) => {
      const style = getComputedStyle(el);
      const px = (name: string, fallback: number) => parseFloat(style.getPropertyValue(name)) || fallback;
      const next = {
        width: Math.max(240, Math.round(entry!.contentRect.width)),
        box: Math.max(120, Math.round(entry!.contentRect.height)),
        label: px('--diagram-label', 13),
        chip: px('--diagram-chip', 13),
      };
      setMetrics((m) => (JSON.stringify(m) === JSON.stringify(next) ? m : next));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  // An embed's box is sized from the run, so its height must not feed back into the layout.
  const m = { ...(metrics ?? { width: 640, box: 400, label: 13, chip: 13 }), ...(autoHeight ? { box: autoHeight } : {}) };
  // Until the box is measured (the stage's first frame; a guess where it cannot be), only what is
  // drawn now is laid out, not the run's future: laid out for a guessed box, a long run was laid out
  // twice, the first time for nothing, in the very task that put the stage on screen; it is not
  // shown (below). (An embed's box is sized from the run.)
  const measured = metrics || autoHeight || !window.ResizeObserver;
  const laid = measured ? whole : drawnPart(frame);
  // What ends each waiting state (its timer, or nothing): the player's answer, drawn on the lifeline and the chip.
  // Worked out again as more of the run is (`whole` grows).
  const waits = useMemo(
    () =>
      new Map(
        laid.history.transitions.length === 0
          ? []
          : stateWaits(run, policy).map((w) => [chipKey({ endpoint: w.endpoint, t: w.from, state: w.state }), w] as const),
      ),
    [run, policy, laid],
  );
  // Laid out for the box: the scale is chosen again only when the box's new size would change it.
  const planFor = useMemo(() => layOut(laid, m, relative, t, autoHeight, waits), [laid, m.width, m.label, m.chip, relative, t, autoHeight, waits]); // eslint-disable-line react-hooks/exhaustive-deps
  const plan = useMemo(() => planFor(m.box), [planFor, m.box]);
  // A run too long for its box is folded once "now" passes the box's first screen: its beginning
  // and now both stay in view, and the fold moves a page at a time (the drawing is still between).
  const foldKey = useSessionState(session, (s) => {
    const f = chooseFold(plan.whole.scale, plan.points, s.frame.now, plan);
    return f ? `${f.from}:${f.to}` : '';
  });
  // The fold the reader opened (a tap on its band): the whole run, to scroll in its box, until the fold changes.
  // (None at first: never the empty key of a drawing with no fold.)
  const [opened, setOpened] = useState<string>();
  const open = opened === foldKey;
  const layout = useMemo(() => {
    if (!foldKey || open) return plan.whole;
    const [from, to] = foldKey.split(':').map(Number);
    const folded = plan.folded(from!, to!);
    // A chip pushed further down on the folded drawing than on the whole one (one that stood just above
    // the band, pushed below it) must not be cut at the box's bottom: fold that much more.
    const at = folded.scale.y(session.getState().frame.now);
    const over = Math.max(0, ...[...folded.chips.values()].filter((c) => c.at <= at + 1).map((c) => c.y + c.h + 2 - plan.box));
    if (over <= 0) return folded;
    const more = chooseFold(plan.whole.scale, plan.points, session.getState().frame.now, { ...plan, box: plan.box - over - plan.quantum });
    return more ? plan.folded(more.from, more.to) : folded;
  }, [plan, foldKey, session, open]);
  // Opened, the box shows what the band held (a little above where it began: the key's first number); folded again, its top.
  // A box never opened is at its top already (folded, the drawing fits it): not set, for setting it
  // makes the browser lay the whole drawing out in the same task as the render (a long run's first draw, 40 ms).
  const wasOpen = useRef(false);
  useLayoutEffect(() => {
    if (open || wasOpen.current) scroller.current!.scrollTop = open ? plan.whole.scale.y(parseFloat(foldKey)) - m.label * 4 : 0;
    wasOpen.current = open;
  }, [open, foldKey, plan, m.label]);
  const { scale, X, height, labels, chips, gapLabels, lastT, fold, chipPx, noteSize } = layout;
  // An embed's box: sized from the whole run, unfolded, so it never changes as the run plays.
  const boxHeight = autoHeight ? Math.min(autoHeight, plan.whole.height) : undefined;
  const now = session.getState().frame.now;
  const doneGaps = scale.gaps.filter((g) => g.from + g.ms <= (frame.instants.at(-1) ?? 0));
  const drawnStates = new Set(lastingStates(history).map(chipKey));

  // Every frame: move what moves. Runs after each render too, and from the session's own
  // notifications in between, so it never waits for React.
  useLayoutEffect(() => {
    const root = live.current;
    if (!root) return;
    // The segments drawn, found in one pass (a segment's id is its place on the wire, from 1): a long
    // run's thousands of segments still to come are all unsettled at its start, and a selector for
    // each searched the drawing thousands of times.
    const moving = [...root.querySelectorAll<SVGGElement>('g[data-segment]')].flatMap((g) => {
      const w = history.wire[+g.dataset.segment! - 1];
      if (!w || settledBy(w, now)) return [];
      return [
        {
          w,
          line: g.querySelector('line')!,
          packet: g.querySelector<SVGGElement>('g.packet'),
          // A label with no clear place is not drawn at all.
          label: g.querySelector('text.segment-label'),
          along: labels.get(w.id)?.along ?? 0.5,
        },
      ];
    });
    const nowLine = nowRef.current!;
    // Under the chips and labels, as a silence already passed is: it never covers a timer's words.
    const gap = svg.current!.querySelector<SVGGElement>('g.gap.growing')!;
    const gapMs = Math.max(frame.config.latencyMs, 15) * 3;
    let moved = nowLine.style.transform;
    const draw = () => {
      const at = session.getState().frame.now;
      const nowY = scale.y(at);
      // Moved by a transform on a layer of its own: time passing alone lays out and paints nothing.
      // Compared with what was set, not read back: reading style.transform serializes it every frame.
      const move = `translateY(${nowY.toFixed(1)}px)`;
      if (moved !== move) nowLine.style.transform = moved = move;
      // What is drawn so far (an export is cut there): the drawing is laid out for the whole run.
      setIfChanged(root, 'data-drawn-height', Math.min(height, Math.ceil((nowY + 2 * m.label) / 10) * 10));
      // A silence under way: the one the scale squeezed that now is inside, or the one after the run's end.
      const inGap =
        scale.gaps.find((g) => g.from < at && at < g.from + g.ms) ??
        (at - lastT > gapMs ? { y: scale.y(lastT) + (nowY - scale.y(lastT)) / 2, from: lastT, ms: 0 } : null);
      setIfChanged(gap, 'visibility', inGap ? 'visible' : 'hidden');
      if (inGap) {
        setIfChanged(gap, 'transform', `translate(0 ${Math.round(inGap.y)})`);
        const place = gapLabels.get(inGap.from) ?? { x: X.client - 8, anchor: 'end' };
        const words = gap.lastElementChild!;
        setIfChanged(words, 'x', place.x);
        setIfChanged(words, 'text-anchor', place.anchor);
        setText(words, t.compressed(at - inGap.from));
      }
      for (const { w, line, packet, label, along } of moving) {
        const p = segmentAt(w, at, scale.y, X, still, Math.round(m.label * 1.3), bandOf(fold));
        setIfChanged(line, 'x2', p.xe);
        setIfChanged(line, 'y2', p.ye);
        setIfChanged(line, 'opacity', p.opacity);
        if (packet && !still) setIfChanged(packet, 'transform', `translate(${Math.round(inLane(p.xe, Number(packet.dataset.w), X))} ${Math.round(p.ye)})`);
        // A label shows once its arrow has reached it, never ahead of the arrow.
        const shown = still || p.progress >= along ? 'visible' : 'hidden';
        if (label) {
          setIfChanged(label, 'visibility', shown);
          setIfChanged(label.previousElementSibling!, 'visibility', shown);
        }
      }
    };
    draw();
    return session.subscribe(draw);
  }, [session, history, scale, fold, labels, gapLabels, lastT, X, still, t, now, height, frame.config.latencyMs, m.label]);

  const width = m.width;
  // One segment's marks: settled ones (arrived, or stopped where lost or held) keep the same props
  // from render to render, so they are not drawn again.
  const band = useMemo(() => bandOf(fold), [fold]);
  const mark = (w: WireSegment, done: boolean) => {
    const label = labels.get(w.id);
    return label ? (
      <SegmentMark
        key={w.id}
        w={w}
        now={done ? Infinity : now}
        y={scale.y}
        X={X}
        label={label}
        band={band}
        still={still}
        interactive={interactive}
        session={session}
        t={t}
      />
    ) : null;
  };
  return (
    <>
      {/* Above the drawing, never over it: a long run's progress, or how much of it is drawn. */}
      {!working && catchingUp === null && whole.total > MAX_DRAWN ? (
        <div className="diagram-status">
          <div role="note">{t.drawnOnly(MAX_DRAWN.toLocaleString(), ((whole.instants.at(-1) ?? 0) / 1000).toFixed(2))}</div>
        </div>
      ) : null}
      {catchingUp !== null || working ? (
        <div className="diagram-status">
          <div role="status">
            <span>
              {catchingUp !== null ? t.catchingUp((catchingUp / 1000).toFixed(1), (frame.now / 1000).toFixed(1)) : t.workingOut((reached / 1000).toFixed(1))}
            </span>
            {/* Going to a far moment, stay where it has got to; else stop working out the run's end. */}
            <button type="button" onClick={catchingUp !== null ? () => session.seek(session.getState().frame.now) : stop}>
              {t.stopWorkingOut}
            </button>
          </div>
        </div>
      ) : null}
      <div className={`diagram-scroll${open ? ' open' : ''}`} ref={scroller} style={boxHeight ? { height: boxHeight } : undefined}>
        {/* Unmeasured, the box shows nothing rather than a drawing at a guessed width that jumps a frame later. */}
        <div className="diagram-layers" style={{ width, height, visibility: measured ? undefined : 'hidden' }}>
          <svg
            ref={svg}
            className="sequence"
            viewBox={`0 0 ${width} ${height}`}
            width={width}
            height={height}
            role="group"
            tabIndex={-1}
            aria-label={t.sequenceDiagram}
            data-fits={String(!scale.overflows)}
          >
            <defs>
              {(['client', 'server'] as const).map((e) => (
                <marker key={e} id={`arrow-${e}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                  <path d="M0,0 L10,5 L0,10 z" className={`arrowhead from-${e}`} />
                </marker>
              ))}
            </defs>
            <Backdrop gaps={doneGaps} places={gapLabels} width={width} height={height} X={X} label={m.label} t={t} />
            <g className="gap growing" visibility="hidden">
              <rect x={0} y={-m.label * 0.65} width={width} height={m.label * 1.3} />
              <text x={X.client - 8} y={m.label * 0.35} textAnchor="end" />
            </g>
            {/* Under the segments: a packet leaving or reaching a lifeline passes over the chip there. */}
            {/* On the lifeline, each waiting state's hold: a band to its timer's end, or, with no timer, an open band to the drawing's end. */}
            <g className="waits">
              {[...waits.entries()].map(([key, w]) => {
                if (!drawnStates.has(key)) return null;
                const top = scale.y(w.from);
                const end = w.until ?? w.timerEnds;
                const bottom = end === null ? height : scale.y(end);
                return (
                  <rect
                    key={key}
                    className={`wait family-${stateFamily(w.state)} ${w.timerEnds === null ? 'forever' : 'timed'}`}
                    x={X[w.endpoint] - 3}
                    y={top}
                    width={6}
                    height={Math.max(0, bottom - top)}
                    rx={3}
                  />
                );
              })}
            </g>
            {fold ? (
              <g className="fold" role="button" tabIndex={0} onClick={() => setOpened(foldKey)} onKeyDown={(e) => e.key === 'Enter' && setOpened(foldKey)}>
                <rect x={0} y={fold.y} width={width} height={fold.bandPx} />
                <line x1={0} x2={width} y1={fold.y} y2={fold.y} />
                <line x1={0} x2={width} y1={fold.y + fold.bandPx} y2={fold.y + fold.bandPx} />
                <text x={width / 2} y={fold.y + fold.bandPx / 2} dominantBaseline="central" textAnchor="middle">
                  {t.folded(fold.to - fold.from, history.wire.filter((w) => w.sentAt >= fold.from && w.sentAt < fold.to).length)}
                </text>
              </g>
            ) : null}
            <g className="state-marks">
              {[...chips.entries()].map(([key, c]) =>
                drawnStates.has(key) ? (
                  <FadeIn key={key} className={`state-mark ${c.endpoint} family-${stateFamily(c.state)}`} data-at={Math.round(c.at)}>
                    <rect x={c.x} y={c.y} width={c.w} height={c.h} rx={5} />
                    <text
                      x={c.x + c.w / 2}
                      y={c.note ? c.y + chipPx * 0.78 : c.y + c.h / 2}
                      dominantBaseline="central"
                      textAnchor="middle"
                      style={chipPx < m.chip ? { fontSize: chipPx } : undefined}
                    >
                      {c.state}
                    </text>
                    {c.note ? (
                      <text
                        className="chip-note"
                        x={c.x + c.w / 2}
                        y={c.y + c.h - chipPx * noteSize * 0.75}
                        dominantBaseline="central"
                        textAnchor="middle"
                        style={{ fontSize: chipPx * noteSize }}
                      >
                        {c.note}
                      </text>
                    ) : null}
                  </FadeIn>
                ) : null,
              )}
            </g>
            {history.wire.map((w) => (settledBy(w, now) ? mark(w, true) : null))}
          </svg>
          {/* What moves between events, on a drawing of its own above the settled marks: a frame then
          lays out and paints these few elements, not the whole drawing. */}
          <div
            ref={nowRef}
            className="now-line"
            aria-hidden="true"
            style={{ left: X.client, width: X.server - X.client, transform: `translateY(${scale.y(now).toFixed(1)}px)` }}
          />
          <svg ref={live} className="sequence-live" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="none">
            {history.wire.map((w) => (settledBy(w, now) ? null : mark(w, false)))}
          </svg>
        </div>
      </div>
    </>
  );
}
