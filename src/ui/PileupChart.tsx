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
  limit: { value: number; label: string };
  failedLabel: string;
  title: string;
}

const W = 560;
const H = 180;
const PAD = { left: 52, right: 12, top: 12, bottom: 24 };
const SAMPLE_MS = 2000;

/** Counts by state over time, sampled once per fleet, with the limit and the present marked. */
export function PileupChart({ fleet, endMs, now, states, limit, failedLabel, title }: Props) {
  const samples = useMemo(() => {
    const out: { t: number; counts: Map<TcpState, number>; failed: number }[] = [];
    for (let t = 0; t <= endMs; t += SAMPLE_MS) out.push({ t, ...census(fleet, t) });
    return out;
  }, [fleet, endMs]);
  const top = Math.max(limit.value * 1.1, ...samples.map((s) => Math.max(s.failed, ...states.map((st) => s.counts.get(st) ?? 0))));
  const x = (t: number) => PAD.left + ((W - PAD.left - PAD.right) * t) / endMs;
  const y = (v: number) => H - PAD.bottom - ((H - PAD.top - PAD.bottom) * v) / top;
  const line = (value: (s: (typeof samples)[number]) => number) => samples.map((s) => `${x(s.t).toFixed(1)},${y(value(s)).toFixed(1)}`).join(' ');
  return (
    <svg className="pileup-chart" viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={title}>
      <line className="axis" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
      <line className="limit" x1={PAD.left} x2={W - PAD.right} y1={y(limit.value)} y2={y(limit.value)} />
      <text className="limit-label" x={W - PAD.right} y={y(limit.value) - 4} textAnchor="end">
        {limit.label} {limit.value.toLocaleString()}
      </text>
      {states.map((st) => (
        <g key={st}>
          <polyline className={`series family-${stateFamily(st)}`} points={line((s) => s.counts.get(st) ?? 0)} />
          <text className="series-label" x={PAD.left + 4} y={PAD.top + 28 + 14 * states.indexOf(st)}>
            — {st}
          </text>
        </g>
      ))}
      <polyline className="series failed" points={line((s) => s.failed)} />
      <text className="series-label" x={PAD.left + 4} y={PAD.top + 28 + 14 * states.length}>
        — {failedLabel}
      </text>
      <line className="now" x1={x(now)} x2={x(now)} y1={PAD.top} y2={y(0)} />
      {[0, endMs / 2, endMs].map((t) => (
        <text key={t} className="tick" x={x(t)} y={H - 6} textAnchor="middle">
          {t / 1000} s
        </text>
      ))}
      <text className="tick" x={PAD.left - 6} y={y(top) + 10} textAnchor="end">
        {Math.round(top).toLocaleString()}
      </text>
    </svg>
  );
}
