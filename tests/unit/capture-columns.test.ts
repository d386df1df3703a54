/**
 * The segments kept in columns (src/capture/columns.ts), and the connections grouped from them:
 * every segment comes back as it went in, a connection's summary is what its segments say, and a
 * packet costs the columns a few tens of bytes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SegmentColumns } from '../../src/capture/columns';
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
      // The pair column went to the connections: the capture's own list is no longer made.
      if (segments.length > 0) expect(() => capture.segments).toThrow(/grouped/);
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

  it('costs about 26 bytes a packet (4 of them its pair, which the grouping writes over)', () => {
    const n = 3 << 16;
    const columns = new SegmentColumns();
    for (let i = 0; i < n; i++) {
      const c = i % 1000;
      const back = i % 2 === 1;
      columns.push(
        seg({
          frame: i + 1 + (i >> 10),
          t: i / 1000,
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
    expect(columns.bytes / n).toBeLessThan(27);
    expect(columns.get(n - 1)).toMatchObject({
      frame: n + ((n - 1) >> 10),
      seq: (n - 1) * 7,
      len: (n - 1) % 1400,
      src: '10.0.0.2',
      dport: 40000 + ((n - 1) % 1000),
    });
  });
});
