import { useMemo } from 'react';
import { census, type SocketFleet } from '../model/fleet';
import type { TcpState } from '../model/types';
import { stateFamily } from './stateFamily';

interface Props {
  fleet: SocketFleet;
  endMs: number;
  now: number;
  /** The states worth a line, and the limit the pile-up runs into. */
  states: readonly TcpState[];
  /** The line the pile-up runs into; its label says the number. */
  limit: { value: number; label: string };
  failedLabel: string;
  title: string;
}

const W = 560;
const H = 180;
const PAD = { left: 52, right: 12, top: 12, bottom: 24 };
const SAMPLE_MS = 2000;

/** The axis's top: the smallest 1, 2 or 5 times a power of ten at or above `v`. */
export function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 5, 10].find((m) => m * p >= v) ?? 10) * p;
}

/** Counts by state over time, sampled once per fleet, with the limit and the present marked. */
export function PileupChart({ fleet, endMs, now, states, limit, failedLabel, title }: Props) {
  const samples = useMemo(() => {
    const out: { t: number; counts: Map<TcpState, number>; failed: number }[] = [];
    for (let t = 0; t <= endMs; t += SAMPLE_MS) out.push({ t, ...census(fleet, t) });
    return out;
  }, [fleet, endMs]);
  const top = niceCeil(Math.max(limit.value * 1.1, ...samples.map((s) => Math.max(s.failed, ...states.map((st) => s.counts.get(st) ?? 0)))));
  const x = (t: number) => PAD.left + ((W - PAD.left - PAD.right) * t) / endMs;
  const y = (v: number) => H - PAD.bottom - ((H - PAD.top - PAD.bottom) * v) / top;
  const line = (value: (s: (typeof samples)[number]) => number) => samples.map((s) => `${x(s.t).toFixed(1)},${y(value(s)).toFixed(1)}`).join(' ');
  return (
    <figure className="pileup-figure">
      <svg className="pileup-chart" viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={title}>
        <line className="axis" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
        <line className="limit" x1={PAD.left} x2={W - PAD.right} y1={y(limit.value)} y2={y(limit.value)} />
        <text className="limit-label" x={W - PAD.right} y={y(limit.value) - 4} textAnchor="end">
          {limit.label}
        </text>
        {states.map((st) => (
          <polyline key={st} className={`series family-${stateFamily(st)}`} points={line((s) => s.counts.get(st) ?? 0)} />
        ))}
        <polyline className="series failed" points={line((s) => s.failed)} />
        <line className="now" x1={x(now)} x2={x(now)} y1={PAD.top} y2={y(0)} />
        {[0, endMs / 2, endMs].map((t, i) => (
          // The first and last tick end inside the drawing, not cut at its edges.
          <text key={t} className="tick" x={x(t)} y={H - 6} textAnchor={i === 0 ? 'start' : i === 2 ? 'end' : 'middle'}>
            {t / 1000} s
          </text>
        ))}
        <text className="tick" x={PAD.left - 6} y={y(top) + 10} textAnchor="end">
          {top.toLocaleString()}
        </text>
      </svg>
      {/* The legend under the drawing, each entry in its line's own colour: nothing in the plot to collide with (the limit line is labelled where it runs). */}
      <figcaption>
        <ul className="chart-legend">
          {states.map((st) => (
            <li key={st}>
              <span className={`key family-${stateFamily(st)}`} aria-hidden="true" /> {st}
            </li>
          ))}
          <li>
            <span className="key failed" aria-hidden="true" /> {failedLabel}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
