import { useLayoutEffect, useMemo, useRef, useState } from 'react';

/** One quantity over the run, drawn in its own small panel against its own limits. */
export interface ChartPanel {
  readonly key: string;
  /** Names the quantity (and whose it is). */
  readonly title: string;
  /** The line's colour: a state family ('family-waiting'), 'failed' or 'memory'. */
  readonly tone: string;
  readonly value: (t: number) => number;
  /** Lines the quantity runs into, each labelled with its number. */
  readonly limits: readonly { readonly value: number; readonly label: string }[];
  /** How a value of this panel is written (a count, or pages). */
  readonly format?: (v: number) => string;
}

interface Props {
  panels: readonly ChartPanel[];
  endMs: number;
  now: number;
  title: string;
  /** Said beside a limit too far above the line to draw at its height. */
  above: (label: string) => string;
  /** Changes whenever the panels' values do, so they are sampled again. */
  version: unknown;
  /** Each panel's drawing height in CSS pixels (the last one's gets the time axis's labels besides); or 'fill': the drawings share what height the figure's box is given (presentation mode), after the titles and legends however many lines they take. */
  height?: number | 'fill';
  /** The drawing's words in CSS pixels (the drawing is drawn one unit to a pixel, so this is their size on screen). */
  fontSize?: number;
}

const SAMPLES = 120;
/** How each of a panel's limits is dashed (lowest first), so a legend's sample tells which line is which even when they lie close. */
const DASHES = ['2 3', '8 4', '16 4 2 4'] as const;
const dashOf = (k: number, n: number) => (n === 1 ? DASHES[1] : DASHES[Math.min(k, DASHES.length - 1)]);

/** The figure's width and each panel's drawing box's height in CSS pixels, followed as their boxes change (one SVG unit is one pixel: its words are the size they say). */
function useSizes(): [React.RefObject<HTMLElement | null>, number, number[]] {
  const ref = useRef<HTMLElement | null>(null);
  const [size, setSize] = useState<{ width: number; heights: number[] }>({ width: 560, heights: [] });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const width = Math.max(200, Math.round(el.getBoundingClientRect().width));
      const heights = [...el.querySelectorAll('.chart-plot')].map((p) => Math.floor(p.getBoundingClientRect().height));
      setSize((old) => (old.width === width && old.heights.join() === heights.join() ? old : { width, heights }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    el.querySelectorAll('.chart-plot').forEach((p) => observer.observe(p));
    return () => observer.disconnect();
  }, []);
  return [ref, size.width, size.heights];
}

/** The axis's top: the smallest 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 7.5 times a power of ten at or above `v` (fine steps: limits close together stay apart). */
export function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 10].find((m) => m * p >= v) ?? 10) * p;
}

/** The sampled points up to `now`, ending on the value at `now` itself. */
export function sofar(values: readonly number[], now: number, nowValue: number, endMs: number): [number, number][] {
  const points: [number, number][] = [];
  values.forEach((v, k) => {
    const t = (endMs * k) / SAMPLES;
    if (t < now) points.push([t, v]);
  });
  points.push([Math.min(now, endMs), nowValue]);
  return points;
}

const count = (v: number) => Math.round(v).toLocaleString('en-US');

/**
 * The pile-up over its run, one small panel per quantity, each scaled to its own line and its own
 * limits (a limit far above the line is said to be above instead of flattening it), so every line
 * can be told from its limit. The limits' names are in a legend under the panel's title, each with
 * a sample of its line's dashes, where no line of the drawing can cross them; the line is drawn up to now.
 */
export function PileupChart({ panels, endMs, now, title, above, version, height = 96, fontSize = 12 }: Props) {
  const samples = useMemo(
    () => panels.map((p) => Array.from({ length: SAMPLES + 1 }, (_, k) => p.value((endMs * k) / SAMPLES))),
    // The panels are rebuilt on every render; their values change only with `version`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version, endMs],
  );
  const [box, W, plotHeights] = useSizes();
  const fill = height === 'fill';
  // Every panel's axis top, and one left margin wide enough for the widest (each written at the drawing's own size), so the panels' times line up.
  const tops = panels.map((p, n) => {
    const peak = Math.max(0, ...(samples[n] ?? []));
    // The axis reaches a limit unless it is more than four times the line's peak (and the line is not nothing);
    // a limit under the axis's top is drawn at its height all the same, and only one above it is said to be.
    const near = p.limits.filter((l) => peak === 0 || l.value <= peak * 4);
    return niceCeil(Math.max(peak, ...near.map((l) => l.value)) * 1.18 || 1);
  });
  const left = Math.round(fontSize * 0.62 * Math.max(...panels.map((p, n) => (p.format ?? count)(tops[n]!).length)) + 8);
  return (
    <figure className={`pileup-figure${fill ? ' fill' : ''}`} aria-label={title} ref={box as React.RefObject<HTMLElement>}>
      {panels.map((p, n) => {
        const values = samples[n] ?? [];
        const top = tops[n]!;
        const fmt = p.format ?? count;
        const nowValue = p.value(now);
        const last = n === panels.length - 1;
        const H = fill ? Math.max(40, plotHeights[n] ?? 60) : height + (last ? fontSize + 6 : 0);
        const PAD = { left, right: 4, top: Math.round(fontSize * 0.5), bottom: last ? fontSize + 8 : 4 };
        const x = (t: number) => PAD.left + ((W - PAD.left - PAD.right) * t) / endMs;
        const y = (v: number) => H - PAD.bottom - ((H - PAD.top - PAD.bottom) * v) / top;
        const limits = [...p.limits].sort((a, b) => a.value - b.value);
        return (
          <div className={`chart-panel${last ? ' last' : ''}`} key={p.key} data-panel={p.key}>
            <p className="chart-title">
              <span className={`key ${p.tone}`} aria-hidden="true" /> {p.title}: <strong className="chart-now">{fmt(nowValue)}</strong>
            </p>
            {limits.length ? (
              <ul className="chart-limits">
                {/* The highest first, as the lines lie from the top down. */}
                {limits
                  .map((l, k) => (
                    <li key={l.label} className={l.value > top ? 'far' : undefined}>
                      {l.value > top ? (
                        <span aria-hidden="true">↑ </span>
                      ) : (
                        <svg className="limit-sample" viewBox="0 0 28 6" width="28" height="6" aria-hidden="true">
                          <line className="limit" x1={0} x2={28} y1={3} y2={3} strokeDasharray={dashOf(k, limits.length)} />
                        </svg>
                      )}
                      {l.value > top ? above(l.label) : l.label}
                    </li>
                  ))
                  .reverse()}
              </ul>
            ) : null}
            <div className="chart-plot" style={fill ? undefined : { height: H }}>
              <svg
                className="pileup-chart"
                viewBox={`0 0 ${W} ${H}`}
                width={W}
                height={H}
                style={{ fontSize }}
                role="img"
                aria-label={`${p.title}: ${fmt(nowValue)}`}
              >
                <line className="axis" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
                {/* The line so far, up to now and no further: what the chart shows agrees with the counters above it. */}
                <polyline
                  className={`series ${p.tone}`}
                  points={sofar(values, now, nowValue, endMs)
                    .map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`)
                    .join(' ')}
                />
                {/* The limits over the line: where the line runs along its limit, both show. */}
                {limits.map((l, k) =>
                  l.value > top ? null : (
                    <line
                      key={l.label}
                      className="limit"
                      data-limit={l.label}
                      x1={PAD.left}
                      x2={W - PAD.right}
                      y1={y(l.value)}
                      y2={y(l.value)}
                      strokeDasharray={dashOf(k, limits.length)}
                    />
                  ),
                )}
                <line className="now" x1={x(now)} x2={x(now)} y1={PAD.top} y2={y(0)} />
                <text className="tick" x={PAD.left - 6} y={y(top) + fontSize * 0.75} textAnchor="end">
                  {fmt(top)}
                </text>
                {/* A drawing squeezed shorter than two lines of words keeps only its top value. */}
                {y(0) - y(top) >= fontSize * 1.6 ? (
                  <text className="tick" x={PAD.left - 6} y={y(0)} textAnchor="end">
                    0
                  </text>
                ) : null}
                {last
                  ? [0, endMs / 2, endMs].map((t, i) => (
                      // The first and last tick end inside the drawing, not cut at its edges.
                      <text key={t} className="tick" x={x(t)} y={H - 2} textAnchor={i === 0 ? 'start' : i === 2 ? 'end' : 'middle'}>
                        {t / 1000} s
                      </text>
                    ))
                  : null}
              </svg>
            </div>
          </div>
        );
      })}
    </figure>
  );
}
