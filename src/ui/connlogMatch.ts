/**
 * Which of a capture's connections holds a conn.log row's packets, for the page that shows both:
 * the same ends (Zeek's originator as the row names it), then the one that started when the row's
 * `ts` says (the capture's first packet's time, `epoch`, plus the connection's start), and only
 * among those that started at the same moment, the closest duration. Without times to compare (a
 * tcpdump text gives none; a row's `ts` may be unset), the closest duration.
 */
import { endpointName, type ConnRow } from '../capture/connlog';
import type { Row } from './captureProtocol';

/** Starts this close (seconds) are the same moment: Zeek writes `ts` to the microsecond, and a double near 1.7e9 s holds about a tenth of that. */
const SAME_START = 1e-5;

export function packetsOf(
  row: Pick<ConnRow, 'ts' | 'origH' | 'origP' | 'respH' | 'respP' | 'duration'>,
  rows: readonly Pick<Row, 'index' | 'client' | 'server' | 'start' | 'duration' | 'originator'>[],
  epoch: number | null,
): number | null {
  const orig = endpointName(row.origH, row.origP);
  const resp = endpointName(row.respH, row.respP);
  const apart = (r: Row | (typeof rows)[number]) => (epoch === null || row.ts === null ? 0 : Math.abs(epoch + r.start - row.ts));
  const off = (r: (typeof rows)[number]) => Math.abs(r.duration - (row.duration ?? 0));
  let best: (typeof rows)[number] | null = null;
  for (const r of rows) {
    const [o, p] = r.originator === 'server' ? [r.server, r.client] : [r.client, r.server];
    if (o !== orig || p !== resp) continue;
    const d = best ? apart(r) - apart(best) : -Infinity;
    if (d < -SAME_START || (d <= SAME_START && off(r) < off(best!))) best = r;
  }
  return best ? best.index : null;
}
