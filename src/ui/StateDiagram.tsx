import { memo } from 'react';
import { causeKey } from '../model/cause';
import type { Frame } from '../player/frame';
import type { Session } from '../player/session';
import { useEventFrame } from './useSession';
import { TCP_STATES, type EndpointId, type TcpState } from '../model/types';
import type { AppStrings as Strings } from '../i18n/appStrings';
import { EDGES, NODE_POSITIONS, type DiagramEdge } from './stateDiagramData';
import { stateFamily } from './stateFamily';

const W = 160;
const H = 38;

/** The edge an endpoint last took, if the diagram draws one for it. */
function lastEdge(frame: Frame, endpoint: EndpointId): DiagramEdge | undefined {
  const tr = frame.transitions.findLast((x) => x.endpoint === endpoint);
  if (!tr) return undefined;
  const kind = causeKey(tr.cause);
  return EDGES.find((e) => e.from === tr.from && e.to === tr.to && e.via.includes(kind)) ?? EDGES.find((e) => e.from === tr.from && e.to === tr.to);
}

/** Where an edge leaves and enters the boxes: on their borders, along the line between centres. */
function endpoints(e: DiagramEdge): [number, number, number, number] {
  const [x1, y1] = NODE_POSITIONS[e.from];
  const [x2, y2] = NODE_POSITIONS[e.to];
  const clip = (dx: number, dy: number) => {
    const s = Math.min(W / 2 / Math.abs(dx || 1e-9), H / 2 / Math.abs(dy || 1e-9));
    return [dx * s, dy * s] as const;
  };
  const [ax, ay] = clip(x2 - x1, y2 - y1);
  return [x1 + ax, y1 + ay, x2 - ax, y2 - ay];
}

/** RFC 9293's state diagram, with where each endpoint is now and the edge it last took. */
export const StateDiagram = memo(function StateDiagram({ session, t }: { session: Session; t: Strings }) {
  const frame = useEventFrame(session);
  const here: Record<EndpointId, TcpState> = { client: frame.state('client'), server: frame.state('server') };
  const taken = { client: lastEdge(frame, 'client'), server: lastEdge(frame, 'server') };
  return (
    <svg className="state-diagram" viewBox="-105 0 775 620" width="100%" role="img" aria-label={t.stateDiagram}>
      <defs>
        <marker id="sd-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrowhead" />
        </marker>
      </defs>
      {EDGES.map((e) => {
        if (e.around) return <AroundEdge key={`${e.from}-${e.to}`} edge={e} taken={(['client', 'server'] as const).filter((who) => taken[who] === e)} />;
        const [x1, y1, x2, y2] = endpoints(e);
        const by = (['client', 'server'] as const).filter((who) => taken[who] === e);
        // Edges that run both ways between two states are bowed apart.
        const bend = e.bend ?? (EDGES.some((o) => o.from === e.to && o.to === e.from) ? 0.12 : 0);
        const cx = (x1 + x2) / 2 + (y2 - y1) * bend;
        const cy = (y1 + y2) / 2 - (x2 - x1) * bend;
        // The curve's middle, where its label goes unless the data places it.
        const label = e.labelAt ?? { x: (x1 + 2 * cx + x2) / 4, y: (y1 + 2 * cy + y2) / 4 - 3 };
        return (
          <g key={`${e.from}-${e.to}`} className={`edge${by.length ? ' taken' : ''}${by.map((w) => ` by-${w}`).join('')}`}>
            <path d={`M${x1},${y1} Q${cx},${cy} ${x2},${y2}`} markerEnd="url(#sd-arrow)" />
            <text
              x={label.x}
              y={label.y}
              textAnchor={e.labelAt?.anchor ?? 'middle'}
              transform={e.labelAt?.rotate ? `rotate(${e.labelAt.rotate} ${label.x} ${label.y})` : undefined}
            >
              {e.label}
            </text>
          </g>
        );
      })}
      {TCP_STATES.map((s) => {
        const [x, y] = NODE_POSITIONS[s];
        const who = (['client', 'server'] as const).filter((e) => here[e] === s);
        return (
          <g key={s} className={`node family-${stateFamily(s)}${who.length ? ' current' : ''}`}>
            <rect x={x - W / 2} y={y - H / 2} width={W} height={H} rx={8} />
            <text x={x} y={y + 6} textAnchor="middle">
              {s}
            </text>
            {who.map((w, i) => (
              <g key={w} className={`badge ${w}`}>
                <circle cx={x + W / 2 - 4 - i * 22} cy={y - H / 2} r={10} />
                <text x={x + W / 2 - 4 - i * 22} y={y - H / 2 + 4} textAnchor="middle">
                  {t[w][0]}
                </text>
              </g>
            ))}
          </g>
        );
      })}
    </svg>
  );
});

/** An edge that leaves its state sideways and runs along the diagram's edge up to CLOSED. */
function AroundEdge({ edge, taken }: { edge: DiagramEdge; taken: readonly EndpointId[] }) {
  const [x1, y1] = NODE_POSITIONS[edge.from];
  const [x2, y2] = NODE_POSITIONS[edge.to];
  const side = edge.around === 'left' ? -1 : 1;
  // Two edges come round the right: the one from nearer CLOSED takes the inner lane.
  const outX = side < 0 ? -95 : y1 - y2 < 250 ? 618 : 655;
  const sx = x1 + (side * W) / 2;
  const ex = x2 + (side * W) / 2;
  const d = `M${sx},${y1} C${outX},${y1} ${outX},${y2} ${ex},${y2}`;
  return (
    <g className={`edge${taken.length ? ' taken' : ''}`}>
      <path d={d} markerEnd="url(#sd-arrow)" />
      <text x={outX - side * 12} y={(y1 + y2) / 2} textAnchor={side < 0 ? 'start' : 'end'}>
        {edge.label}
      </text>
    </g>
  );
}
