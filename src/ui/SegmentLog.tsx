import type { Simulation } from '../model/simulation';
import { formatFlags } from '../model/segment';
import type { Strings } from '../i18n/strings';

/** Every segment sent so far, newest last, with where it is now. */
export function SegmentLog({ sim, t }: { sim: Simulation; t: Strings }) {
  if (sim.wire.length === 0) return <p className="empty">{t.noSegments}</p>;
  return (
    <ol className="segments">
      {sim.wire.map((w) => {
        const where = w.lost ? t.lost : sim.now >= w.arrivesAt ? t.arrived : t.inFlight;
        const ack = w.segment.flags & 16 ? ` ack=${w.segment.ack}` : '';
        return (
          <li key={w.id} className={w.from}>
            <span className="arrow">{w.from === 'client' ? '→' : '←'}</span>
            <code>
              {formatFlags(w.segment.flags)} seq={w.segment.seq}
              {ack} len={w.segment.len}
            </code>
            <span className="where">
              {where}
              {w.retransmission ? ` · ${t.retransmission}` : ''}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
