/**
 * IP fragments reassembled, as tshark and Zeek reassemble them (the real IPv4 captures are in
 * capture-encap.test.ts, compared with tshark: ipv4-fragmented-syn.pcap, ipv4-fragmented-4.pcap,
 * gtp_ext_header.pcap). Here, what no small public capture shows: a TCP segment in IPv6
 * fragments, and the bounds on what is held (a datagram never completed, too late, too large).
 */
import { describe, expect, it } from 'vitest';
import { readCapture, skippedReasons } from '../../src/capture/read';
import { FRAGMENT_TIMEOUT } from '../../src/capture/fragments';
import { pcapOf, tcpSegment } from './pcapBuild';

const ether = (type: number) => new Uint8Array([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, type >> 8, type & 0xff]);

/** IPv4 fragments of `datagram` (TCP), `size` bytes each (a multiple of 8 but the last). */
function ipv4Fragments(datagram: Uint8Array, size: number, id = 7): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < datagram.length; at += size) {
    const part = datagram.subarray(at, at + size);
    const ip = new Uint8Array(20);
    const v = new DataView(ip.buffer);
    ip[0] = 0x45;
    v.setUint16(2, 20 + part.length);
    v.setUint16(4, id);
    v.setUint16(6, (at + size < datagram.length ? 0x2000 : 0) | (at / 8));
    ip[8] = 64;
    ip[9] = 6;
    ip.set([192, 0, 2, 1, 198, 51, 100, 2], 12);
    out.push(new Uint8Array([...ether(0x0800), ...ip, ...part]));
  }
  return out;
}

/** IPv6 fragments of `datagram` (TCP, after a destination options header), `size` bytes each. */
function ipv6Fragments(datagram: Uint8Array, size: number): Uint8Array[] {
  // The fragmentable part: an empty destination options header (8 bytes), then the segment.
  const whole = new Uint8Array([6, 0, 1, 4, 0, 0, 0, 0, ...datagram]);
  const out: Uint8Array[] = [];
  for (let at = 0; at < whole.length; at += size) {
    const part = whole.subarray(at, at + size);
    const ip = new Uint8Array(40);
    const v = new DataView(ip.buffer);
    ip[0] = 0x60;
    v.setUint16(4, 8 + part.length);
    ip[6] = 44;
    ip[7] = 64;
    ip.set([0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 1], 8);
    ip.set([0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 2], 24);
    const frag = new Uint8Array(8);
    frag[0] = 60;
    new DataView(frag.buffer).setUint16(2, at | (at + size < whole.length ? 1 : 0));
    new DataView(frag.buffer).setUint32(4, 0xabcdef);
    out.push(new Uint8Array([...ether(0x86dd), ...ip, ...frag, ...part]));
  }
  return out;
}

describe('IP fragments, reassembled', () => {
  it('a TCP segment in IPv6 fragments (a destination options header before it) is read whole, in the packet that completes it', () => {
    const frames = ipv6Fragments(tcpSegment(0x18, 3000), 1232);
    expect(frames).toHaveLength(3);
    // Out of order: the last first.
    const capture = readCapture(pcapOf([frames[2]!, frames[0]!, frames[1]!].map((bytes) => ({ bytes }))));
    expect(capture.segments).toHaveLength(1);
    expect(capture.segments[0]).toMatchObject({
      frame: 3,
      src: '2001:db8::1',
      dst: '2001:db8::2',
      sport: 40000,
      dport: 80,
      seq: 1000,
      flags: 0x18,
      len: 3000,
      truncated: false,
    });
    expect(skippedReasons(capture)).toEqual({ fragment: 2 });
  });

  it('IPv4: read whole in the packet that completes it; its length is the datagram’s, not the first fragment’s', () => {
    const frames = ipv4Fragments(tcpSegment(0x10, 2000), 1480);
    const capture = readCapture(pcapOf(frames.map((bytes) => ({ bytes }))));
    expect(capture.segments.map((s) => [s.frame, s.len])).toEqual([[2, 2000]]);
    expect(capture.skippedBy).toEqual({ fragment: 1 });
  });

  it('a datagram never completed, completed too late, or past 65,535 bytes is dropped, its packets counted as unreassembled', () => {
    const [a1, a2] = ipv4Fragments(tcpSegment(0x10, 2000), 1480, 1);
    const [b1, b2] = ipv4Fragments(tcpSegment(0x10, 2000), 1480, 2);
    const [c1] = ipv4Fragments(tcpSegment(0x10, 2000), 1480, 3);
    // A fragment whose end is past 65,535 bytes (offset 8190 * 8).
    const huge = ipv4Fragments(tcpSegment(0x10, 2000), 1480, 4)[1]!.slice();
    new DataView(huge.buffer).setUint16(14 + 6, 8190);
    const capture = readCapture(
      pcapOf([
        { bytes: a1!, t: 0 },
        { bytes: b1!, t: 1 },
        { bytes: b2!, t: 2 },
        { bytes: huge, t: 3 },
        { bytes: c1!, t: 4 },
        // Too late: its first fragment waited more than Zeek's frag_timeout.
        { bytes: a2!, t: FRAGMENT_TIMEOUT + 1 },
      ]),
    );
    expect(capture.segments.map((s) => s.frame)).toEqual([3]);
    // a1 expired, a2 then waits alone; c1 never completed; the huge one dropped at once.
    expect(capture.skippedBy).toEqual({ fragment: 1, unreassembled: 4 });
    expect(capture.skipped).toBe(5);
  });
});
