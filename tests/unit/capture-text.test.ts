/**
 * tcpdump's text read back (src/capture/tcpdumpText.ts): what `tcpdump -n` printed for each Linux
 * capture gives the segments the pcap itself holds (the relative sequence numbers undone), and so
 * the same connections and states; `-S`, `-tttt`, `-tt` and `-i any`'s lines too.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectionsOf } from '../../src/capture/connections';
import { inferStates } from '../../src/capture/infer';
import { CaptureError, readCapture, type CapturedSegment } from '../../src/capture/read';
import { looksLikeTcpdump, readTcpdumpText } from '../../src/capture/tcpdumpText';

const linux = new URL('../fixtures/linux-pcap/', import.meta.url);
const captures = new URL('../fixtures/captures/', import.meta.url);
// A bare ACK's sequence number is not printed (a window probe's, one below the next byte, is lost with it).
const bare = (s: CapturedSegment) => s.len === 0 && !(s.flags & 0x07);
const fields = (s: CapturedSegment) => ({
  src: s.src,
  dst: s.dst,
  sport: s.sport,
  dport: s.dport,
  flags: s.flags,
  seq: bare(s) ? null : s.seq,
  ack: s.ack,
  len: s.len,
  win: s.win,
  t: Math.round(s.t * 1e6),
});

const pairs = [
  ...readdirSync(linux)
    .filter((f) => f.endsWith('.tcpdump.txt'))
    .map((f) => [new URL(f, linux), new URL(f.replace('.tcpdump.txt', '.pcap'), linux)] as const),
  [new URL('any-sll2.pcap.tcpdump-S-tttt.txt', captures), new URL('any-sll2.pcap', captures)] as const,
  [new URL('lo-ethernet.pcapng.tcpdump-tt.txt', captures), new URL('lo-ethernet.pcapng', captures)] as const,
];

describe('tcpdump -n text', () => {
  it.each(pairs.map(([text, pcap]) => [text.pathname.split('/').at(-1)!, text, pcap] as const))(
    '%s gives the pcap’s own segments and states',
    (_name, text, pcap) => {
      const fromText = readTcpdumpText(readFileSync(text, 'utf8'));
      const fromPcap = readCapture(new Uint8Array(readFileSync(pcap)));
      expect(fromText.segments.map(fields)).toEqual(fromPcap.segments.map(fields));
      // The same states at the same times (to within the microsecond the text's clock of day rounds to).
      const states = (segs: readonly CapturedSegment[]) =>
        connectionsOf(segs).flatMap((c) => Object.values(inferStates(c).states).flatMap((xs) => xs.map((x) => [x.state, x.t] as const)));
      const ours = states(fromText.segments);
      const theirs = states(fromPcap.segments);
      expect(ours.map(([s]) => s)).toEqual(theirs.map(([s]) => s));
      ours.forEach(([, t], i) => expect(Math.abs(t - theirs[i]![1])).toBeLessThan(3e-6));
    },
  );

  it('is told from other text, and text with no TCP line gets one clear message', () => {
    expect(looksLikeTcpdump('12:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, length 0')).toBe(true);
    expect(looksLikeTcpdump('hello\nworld')).toBe(false);
    expect(() => readTcpdumpText('12:00:00.000000 IP 10.0.0.1.53 > 10.0.0.2.5353: UDP, length 40')).toThrow(CaptureError);
    const mixed = readTcpdumpText(
      [
        '12:00:00.000000 ARP, Request who-has 10.0.0.2 tell 10.0.0.1',
        '12:00:00.000100 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, length 0',
      ].join('\n'),
    );
    expect([mixed.packets, mixed.skipped, mixed.segments.length, mixed.segments[0]!.t]).toEqual([2, 1, 1, 0]);
  });

  it('a forum post’s hand-copied lines (a SYN, its answer, and a client that closes) read as a connection', () => {
    const text = `10:15:00.100000 IP 192.168.0.10.51000 > 93.184.216.34.80: Flags [S], seq 3000000000, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0
10:15:00.130000 IP 93.184.216.34.80 > 192.168.0.10.51000: Flags [S.], seq 123456, ack 3000000001, win 65535, options [mss 1400,nop,wscale 9], length 0
10:15:00.130100 IP 192.168.0.10.51000 > 93.184.216.34.80: Flags [.], ack 1, win 502, length 0
10:15:05.000000 IP 192.168.0.10.51000 > 93.184.216.34.80: Flags [F.], seq 1, ack 1, win 502, length 0
10:15:05.030000 IP 93.184.216.34.80 > 192.168.0.10.51000: Flags [.], ack 2, win 128, length 0`;
    const [c] = connectionsOf(readTcpdumpText(text).segments);
    expect(c!.segments.map((s) => [s.seq, s.ack])).toEqual([
      [3000000000, 0],
      [123456, 3000000001],
      [3000000001, 123457],
      [3000000001, 123457],
      [123457, 3000000002],
    ]);
    const { states, vantage } = inferStates(c!);
    expect(states.client.at(-1)!.state).toBe('FIN-WAIT-2');
    expect(states.server.at(-1)!.state).toBe('CLOSE-WAIT');
    // Taken at the client: the SYN's answer took the round trip; the client's ACK left at once.
    expect(vantage).toMatchObject({ from: 'handshake', toServer: 0.015 });
    expect(vantage.toClient).toBeCloseTo(0.00005, 6);
  });
});
