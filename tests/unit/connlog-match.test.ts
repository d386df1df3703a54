/** A conn.log row finds its capture connection by its ends and start time; duration only breaks ties. (Zeek's own test logs mask `ts`, so the rows here are made up.) */
import { describe, expect, it } from 'vitest';
import { packetsOf } from '../../src/ui/connlogMatch';

const EPOCH = 1_700_000_000.25;
/** One four-tuple used three times: a short connection, a long one, and one that starts at the same moment as the long one (a capture's duplicate). */
const rows = [
  { index: 0, client: '10.0.0.1:40000', server: '10.0.0.2:80', start: 0, duration: 0.5, originator: 'client' as const },
  { index: 1, client: '10.0.0.1:40000', server: '10.0.0.2:80', start: 60, duration: 30, originator: 'client' as const },
  { index: 2, client: '10.0.0.1:40000', server: '10.0.0.2:80', start: 60.000001, duration: 2, originator: 'client' as const },
  { index: 3, client: '10.0.0.2:80', server: '10.0.0.1:40001', start: 5, duration: 1, originator: 'server' as const },
];
const row = (ts: number | null, duration: number | null, origP = 40000) => ({ ts, origH: '10.0.0.1', origP, respH: '10.0.0.2', respP: 80, duration });

describe('a conn.log row to its capture connection', () => {
  it('by start time first: a row of the first connection whose duration is closer to another still finds the first', () => {
    // Zeek cut the first short (its duration differs from ours): closest duration alone would take index 2.
    expect(packetsOf(row(EPOCH, 2.2), rows, EPOCH)).toBe(0);
    expect(packetsOf(row(EPOCH + 60, 0.4), rows, EPOCH)).not.toBe(0);
  });

  it('duration breaks a tie between connections that started at the same moment', () => {
    expect(packetsOf(row(EPOCH + 60, 29), rows, EPOCH)).toBe(1);
    expect(packetsOf(row(EPOCH + 60, 2.5), rows, EPOCH)).toBe(2);
  });

  it('without times (tcpdump text, an unset ts) the closest duration; Zeek’s originator turned round is still the same ends', () => {
    expect(packetsOf(row(EPOCH + 60, 0.4), rows, null)).toBe(0);
    expect(packetsOf(row(null, 29), rows, EPOCH)).toBe(1);
    expect(packetsOf(row(EPOCH + 5, 1, 40001), rows, EPOCH)).toBe(3);
    expect(packetsOf(row(EPOCH, 1, 40002), rows, EPOCH)).toBeNull();
  });
});
