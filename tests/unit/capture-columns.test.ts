/**
 * The segments kept in columns (src/capture/columns.ts), and the connections grouped from them:
 * every segment comes back as it went in, a connection's summary is what its segments say, and a
 * packet costs the columns a few tens of bytes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Links, SegmentColumns, TimeColumn } from '../../src/capture/columns';
import { groupConnections, type Connection } from '../../src/capture/connections';
import { openCapture } from '../../src/capture/open';
import type { CapturedSegment } from '../../src/capture/read';

const folders = ['captures', 'linux-pcap', 'resends', 'tcpdump', 'zeek', 'zeek-infer'];
const fixtures = folders.flatMap((d) =>
  readdirSync(new URL(`../fixtures/${d}/`, import.meta.url))
    .filter((f) => /\.(pcap|pcapng)$/.test(f) || f.endsWith('.tcpdump.txt'))
    .map((f) => new URL(`../fixtures/${d}/${f}`, import.meta.url)),
);

const seg = (over: Partial<CapturedSegment>): CapturedSegment => ({
  frame: 1,
  t: 0,
  src: '10.0.0.1',
  dst: '10.0.0.2',
  sport: 40000,
  dport: 80,
  seq: 1000,
  ack: 0,
  flags: 0x02,
  win: 64240,
  len: 0,
  options: {},
  truncated: false,
  ...over,
});

/** The summary as the grouping used to make it, from a connection's own segments. */
function fromSegments(c: Connection) {
  const segs = c.segments;
  const opener = segs.find((s) => s.flags & 0x02 && !(s.flags & 0x10));
  const answer = segs.find((s) => s.flags & 0x02 && s.flags & 0x10);
  const key = (a: string, p: number) => (a.includes(':') ? `[${a}]:${p}` : `${a}:${p}`);
  const client = opener ? key(opener.src, opener.sport) : answer ? key(answer.dst, answer.dport) : null;
  const bytes = { client: 0, server: 0 };
  for (const s of segs) bytes[key(s.src, s.sport) === c.client ? 'client' : 'server'] += s.len;
  return { client, clientGuessed: !opener, start: segs[0]!.t, duration: segs.at(-1)!.t - segs[0]!.t, bytes };
}

describe('segments in columns', () => {
  it('gives back every segment of every fixture as read; each connection grouped from them has the summary its segments say', { timeout: 20_000 }, () => {
    let packets = 0;
    for (const url of fixtures) {
      const capture = openCapture(new Uint8Array(readFileSync(url)));
      const segments = capture.segments;
      packets += segments.length;
      const columns = SegmentColumns.of(segments);
      expect(columns.toArray(), url.pathname).toEqual(segments);
      expect(columns.maxT).toBe(segments.reduce((t, s) => Math.max(t, s.t), 0));
      const grouped = groupConnections(capture.columns);
      grouped.list.forEach((summary, k) => {
        const opened = grouped.open(k);
        expect(summary.count).toBe(opened.segments.length);
        const ref = fromSegments(opened);
        expect({
          client: summary.client,
          clientGuessed: summary.clientGuessed,
          start: summary.start,
          duration: summary.duration,
          bytes: summary.bytes,
        }).toEqual({
          ...ref,
          client: ref.client ?? summary.client,
        });
        for (const s of opened.segments) expect(s.fromClient).toBe(`${s.src.includes(':') ? `[${s.src}]` : s.src}:${s.sport}` === summary.client);
      });
      // Grouping only reads the columns: the capture's own list comes out the same after it.
      expect(capture.segments, url.pathname).toEqual(segments);
    }
    expect(packets).toBeGreaterThan(3000);
  });

  it('keeps what does not fit the columns as it was: options, long lengths, odd numbers, fields of its own, frames with gaps', () => {
    const odd: CapturedSegment[] = [
      seg({ frame: 3, options: { mss: 1460, sackPermitted: true, timestamp: { value: 1, echo: 0 }, windowScale: 7 } }),
      seg({
        frame: 4,
        t: 0.25,
        src: '10.0.0.2',
        dst: '10.0.0.1',
        sport: 80,
        dport: 40000,
        flags: 0x12,
        ack: 1001,
        options: { timestamp: { value: 2 ** 32 - 1, echo: 1 } },
      }),
      seg({ frame: 9, t: 0.5, flags: 0x18, seq: 1001, ack: 5, len: 70_000, truncated: true }),
      seg({ frame: 10, t: 0.75, seq: 2 ** 32 + 5, flags: 0x10, win: 70_000 }),
      { ...seg({ frame: 11, t: 1 }), fromClient: true } as CapturedSegment,
      seg({ frame: 12, t: -1, src: '2001:db8::1', dst: '2001:db8::2', flags: 0x04, options: { timestamp: { value: 3, echo: 4 } } }),
      seg({ frame: 40, t: 2, flags: 0x11, seq: 1.5 }),
      seg({ frame: 41, t: 3, flags: 0x100 }),
    ];
    const columns = SegmentColumns.of(odd);
    expect(columns.toArray()).toEqual(odd);
    expect(Object.keys(columns.get(4))).toContain('fromClient');
    expect(columns.maxT).toBe(3);
  });

  it('keeps a time in 4 bytes where that loses nothing, and every time the same to the bit', () => {
    const K = 1 << 16;
    // Times as a reader makes them: seconds since 1970 (pcap's second and micro- or nanosecond, a
    // few out of order; pcapng's units over units a second) less the first packet's.
    const first = 1_700_000_000 + 123_457 / 1e6;
    const epoch = (i: number) => {
      const sec = 1_700_000_000 + Math.floor(i / 300);
      if (i % 7 === 0) return sec + ((i * 7919) % 1e9) / 1e9;
      if (i % 11 === 0) return (sec * 1e6 + ((i * 37) % 1e6)) / 1e6;
      return sec + ((i * 131) % 1e6) / 1e6 - (i % 500 === 0 ? 3 : 0);
    };
    const chunks: ((i: number) => number)[] = [
      (i) => (i === 100 ? Number.NaN : epoch(i) - first), // 8 bytes: NaN
      (i) => epoch(i) - first, // 4
      (i) => (i === 2 * K + 5 ? 0.000123 : epoch(i) - first), // 8: a time of another kind
      (i) => epoch(i) + (i - 3 * K) * 0.01 - first, // 8: over 512 s
      (i) => (i === 4 * K + 9 ? -0 : epoch(i) - first), // 8: minus zero
      (i) => epoch(i) - first, // 4
    ];
    const times = chunks.flatMap((f, k) => Array.from({ length: K }, (_, j) => f(k * K + j)));
    const column = new TimeColumn();
    column.grain = TimeColumn.grainOf(first);
    expect(column.grain).toBe(2 ** -22);
    times.forEach((t, i) => column.set(i, t));
    expect(times.flatMap((t, i) => (Object.is(column.get(i), t) ? [] : [i]))).toEqual([]);
    expect(column.bytes).toBe(4 * 2 * K + 8 * 4 * K);
    expect(column.get(times.length + 10)).toBe(0);
    // Stamped from 0 (this app's downloads): no grain, float64s.
    expect(TimeColumn.grainOf(0.0005)).toBe(0);
  });

  it("keeps each packet's next in 2 bytes, and in 4 in a chunk where one is 65,536 packets on or more", () => {
    const n = 3 << 16;
    const links = new Links();
    const next = (i: number) => (i >= 1 << 16 && i < 2 << 16 && i % 1000 === 0 ? n - 1 : i + 1 + (i % 300));
    for (let i = 0; i < n - 400; i++) links.set(i, next(i));
    for (let i = 0; i < n - 400; i++) if (links.get(i) !== next(i)) expect(`${i}: ${links.get(i)}`).toBe(`${i}: ${next(i)}`);
    expect(links.bytes).toBe(2 * 2 * (1 << 16) + 4 * (1 << 16));
  });

  it('costs about 22 bytes a packet (4 of them its pair, which the grouping reads and lets go)', () => {
    const n = 3 << 16;
    const columns = new SegmentColumns();
    columns.timesSince(1_700_000_000);
    for (let i = 0; i < n; i++) {
      const c = i % 1000;
      const back = i % 2 === 1;
      columns.push(
        seg({
          frame: i + 1 + (i >> 10),
          // As a reader makes it: seconds since 1970 (a second and a microsecond) less the first packet's.
          t: 1_700_000_000 + Math.floor(i / 1000) + ((i % 1000) * 1000) / 1e6 - 1_700_000_000,
          src: back ? '10.0.0.2' : `10.0.${c >> 8}.${c & 255}`,
          dst: back ? `10.0.${c >> 8}.${c & 255}` : '10.0.0.2',
          sport: back ? 80 : 40000 + c,
          dport: back ? 40000 + c : 80,
          seq: i * 7,
          ack: i * 3,
          flags: 0x10,
          len: i % 1400,
        }),
      );
    }
    columns.seal();
    expect(columns.bytes / n).toBeLessThan(23);
    expect(columns.get(n - 1)).toMatchObject({
      frame: n + ((n - 1) >> 10),
      seq: (n - 1) * 7,
      len: (n - 1) % 1400,
      src: '10.0.0.2',
      dport: 40000 + ((n - 1) % 1000),
    });
  });
});
