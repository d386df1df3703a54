import { useMemo } from 'react';

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
}

const W = 560;
const H = 96;
const PAD = { left: 58, right: 12, top: 8, bottom: 18 };
const SAMPLES = 120;

/** The axis's top: the smallest 1, 1.5, 2, 3, 5 or 7.5 times a power of ten at or above `v`. */
export function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 1.5, 2, 3, 5, 7.5, 10].find((m) => m * p >= v) ?? 10) * p;
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
 * limits (a limit far above the line is written at the top instead of flattening it), so every line
 * can be told from its limit, and where it meets the limit the dashed limit is drawn over it.
 */
export function PileupChart({ panels, endMs, now, title, above, version }: Props) {
  const samples = useMemo(
    () => panels.map((p) => Array.from({ length: SAMPLES + 1 }, (_, k) => p.value((endMs * k) / SAMPLES))),
    // The panels are rebuilt on every render; their values change only with `version`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version, endMs],
  );
  const x = (t: number) => PAD.left + ((W - PAD.left - PAD.right) * t) / endMs;
  return (
    <figure className="pileup-figure" aria-label={title}>
      {panels.map((p, n) => {
        const values = samples[n] ?? [];
        const peak = Math.max(0, ...values);
        // The axis reaches a limit unless it is more than four times the line's peak (and the line is not nothing);
        // a limit under the axis's top is drawn at its height all the same, and only one above it is said to be.
        const near = p.limits.filter((l) => peak === 0 || l.value <= peak * 4);
        const top = niceCeil(Math.max(peak, ...near.map((l) => l.value)) * 1.18 || 1);
        const drawn = p.limits.filter((l) => l.value <= top);
        const far = p.limits.filter((l) => l.value > top);
        const y = (v: number) => H - PAD.bottom - ((H - PAD.top - PAD.bottom) * v) / top;
        const fmt = p.format ?? count;
        const nowValue = p.value(now);
        return (
          <div className="chart-panel" key={p.key} data-panel={p.key}>
            <p className="chart-title">
              <span className={`key ${p.tone}`} aria-hidden="true" /> {p.title}: <strong className="chart-now">{fmt(nowValue)}</strong>
            </p>
            <svg className="pileup-chart" viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${p.title}: ${fmt(nowValue)}`}>
              <line className="axis" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
              {/* The line so far, up to now and no further: what the chart shows agrees with the counters above it. */}
              <polyline
                className={`series ${p.tone}`}
                points={sofar(values, now, nowValue, endMs)
                  .map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`)
                  .join(' ')}
              />
              {drawn.map((l, k) => (
                // Limits close together (tcp_mem's three marks) have their labels side by side, the highest at the right, the lowest under its line, so none covers another.
                <g key={l.label} className="limit-group">
                  <line className="limit" x1={PAD.left} x2={W - PAD.right} y1={y(l.value)} y2={y(l.value)} />
                  <text
                    className="limit-label"
                    x={W - PAD.right - ((drawn.length - 1 - k) * (W - PAD.left - PAD.right)) / drawn.length}
                    y={k === 0 && drawn.length > 1 ? y(l.value) + 11 : y(l.value) - 3}
                    textAnchor="end"
                  >
                    {l.label}
                  </text>
                </g>
              ))}
              {far.map((l, k) => (
                <text key={l.label} className="limit-label far" x={W - PAD.right} y={PAD.top + 9 + k * 12} textAnchor="end">
                  {above(l.label)}
                </text>
              ))}
              <line className="now" x1={x(now)} x2={x(now)} y1={PAD.top} y2={y(0)} />
              <text className="tick" x={PAD.left - 6} y={y(top) + 9} textAnchor="end">
                {fmt(top)}
              </text>
              <text className="tick" x={PAD.left - 6} y={y(0)} textAnchor="end">
                0
              </text>
              {n === panels.length - 1
                ? [0, endMs / 2, endMs].map((t, i) => (
                    // The first and last tick end inside the drawing, not cut at its edges.
                    <text key={t} className="tick" x={x(t)} y={H - 4} textAnchor={i === 0 ? 'start' : i === 2 ? 'end' : 'middle'}>
                      {t / 1000} s
                    </text>
                  ))
                : null}
            </svg>
          </div>
        );
      })}
    </figure>
  );
}
