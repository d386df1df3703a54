/**
 * Tunnels and link types read where their bytes allow, each carrying the same real TCP segment
 * (tcpdump's bgp-aigp.pcap, a BGP segment) as no small public capture carries one in them: IPsec
 * AH, L2TP version 2 data, MACsec without encryption, Frame Relay, SLIP, Juniper's link types.
 * Each capture built here was read by tshark too (the same segment), but SLIP and Juniper's
 * stripped layer 2, which tshark does not read: tcpdump reads those, and finds the same segment.
 * Real captures of each without TCP are compared with tshark
 * in capture-encap.test.ts (OSPFv3_with_AH, macsec-integonly, macsec-short-valid,
 * OSPFv3_NBMA_adjacencies, bgp-aigp). And an 802.11 A-MSDU's every subframe (Zeek's
 * gre-aruba-amsdu.pcap: two TCP segments in one frame).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCapture, skippedReasons } from '../../src/capture/read';
import { connectionsOf } from '../../src/capture/connections';
import { pcapOf } from './pcapBuild';

const bgp = new Uint8Array(readFileSync(new URL('../fixtures/tcpdump/bgp-aigp.pcap', import.meta.url)));
const want = readCapture(bgp).segments[0]!;
/** The IPv4 packet inside: after the pcap's headers, Juniper's (4 bytes and 16 of extensions) and Ethernet's. */
const juniperFrame = bgp.subarray(24 + 16);
const ipPacket = juniperFrame.subarray(4 + 2 + 16 + 14);
const ETH = [2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1];
const be16 = (n: number) => [n >> 8, n & 0xff];

/** An IPv4 header for `payload` bytes of protocol `protocol`. */
function ipv4(protocol: number, payload: number): number[] {
  return [0x45, 0, ...be16(20 + payload), 0, 1, 0, 0, 64, protocol, 0, 0, 192, 0, 2, 1, 198, 51, 100, 2];
}

const cases: { name: string; link: number; frame: number[] }[] = [
  {
    // The TCP segment after an AH header (next header 6, 24 bytes: SPI, sequence, a 12-byte ICV).
    name: 'IPsec AH',
    link: 1,
    frame: (() => {
      const tcp = [...ipPacket.subarray(20)];
      const ah = [6, 4, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, ...new Array<number>(12).fill(0xab)];
      return [...ETH, 0x08, 0x00, ...ipv4(51, ah.length + tcp.length).map((b, i) => (i >= 12 ? ipPacket[i]! : b)), ...ah, ...tcp];
    })(),
  },
  {
    // L2TP v2 data with its length, sequence numbers and an offset of 2 padding bytes; PPP inside.
    name: 'L2TP',
    link: 1,
    frame: (() => {
      const ppp = [0xff, 0x03, 0x00, 0x21, ...ipPacket];
      const l2tp = [...be16(0x4000 | 0x0800 | 0x0200 | 2), ...be16(2 + 2 + 4 + 4 + 2 + 2 + ppp.length), 0, 7, 0, 9, 0, 1, 0, 2, 0, 2, 0, 0, ...ppp];
      const udp = [...be16(1701), ...be16(1701), ...be16(8 + l2tp.length), 0, 0];
      return [...ETH, 0x08, 0x00, ...ipv4(17, udp.length + l2tp.length), ...udp, ...l2tp];
    })(),
  },
  {
    // 802.1AE with its SCI (SC bit), integrity only (E and C clear), then the frame's ethertype; the 16-byte ICV last.
    name: 'MACsec',
    link: 1,
    frame: [...ETH, 0x88, 0xe5, 0x20, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0, 1, 0x08, 0x00, ...ipPacket, ...new Array<number>(16).fill(0xcd)],
  },
  // Frame Relay: a Q.922 address (DLCI 100), UI, NLPID IPv4.
  { name: 'Frame Relay', link: 107, frame: [0x18, 0x41, 0x03, 0xcc, ...ipPacket] },
  // SLIP: BSD's 16-byte header (direction, the compressed header), then the IP packet.
  { name: 'SLIP', link: 8, frame: [0, 0x45, ...new Array<number>(14).fill(0), ...ipPacket] },
  // Juniper's header ("MGC", flags), then PPP, Cisco HDLC, and (ATM1 with its layer 2 stripped) four bytes and IP.
  { name: 'Juniper PPP', link: 179, frame: [0x4d, 0x47, 0x43, 0x01, 0xff, 0x03, 0x00, 0x21, ...ipPacket] },
  { name: 'Juniper C-HDLC', link: 181, frame: [0x4d, 0x47, 0x43, 0x01, 0x0f, 0x00, 0x08, 0x00, ...ipPacket] },
  { name: 'Juniper ATM1, no layer 2', link: 137, frame: [0x4d, 0x47, 0x43, 0x03, 0, 0, 0, 0, ...ipPacket] },
];

describe('tunnels and link types read where the bytes allow', () => {
  it.each(cases)('$name: the segment inside, as plain Ethernet carries it', ({ name, link, frame }) => {
    const pcap = pcapOf([{ bytes: new Uint8Array(frame) }], link);
    if (process.env.DUMP_CAPTURES) writeFileSync(`${process.env.DUMP_CAPTURES}/${name.replace(/\W+/g, '-')}.pcap`, pcap);
    const capture = readCapture(pcap);
    expect(skippedReasons(capture)).toEqual({});
    expect(capture.segments).toHaveLength(1);
    const { frame: _f, t: _t, ...segment } = capture.segments[0]!;
    const { frame: _wf, t: _wt, ...wanted } = want;
    expect(segment).toEqual(wanted);
  });

  it('what stays opaque is named: MACsec encrypted (E and C bits), L2TP control messages are not IP, L2TPv3', () => {
    const macsec = [...ETH, 0x88, 0xe5, 0x2c, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0, 1, ...new Array<number>(60).fill(0x5a)];
    const l2tp = (flags: number) => {
      const body = [...be16(flags), 0, 7, 0, 9, ...new Array<number>(12).fill(0)];
      return [...ETH, 0x08, 0x00, ...ipv4(17, 8 + body.length), ...be16(1701), ...be16(1701), ...be16(8 + body.length), 0, 0, ...body];
    };
    const capture = readCapture(pcapOf([macsec, l2tp(0xc802), l2tp(0x0003)].map((f) => ({ bytes: new Uint8Array(f) }))));
    expect(skippedReasons(capture)).toEqual({ notIp: 1, unread: { 'MACsec (encrypted)': 1, L2TPv3: 1 } });
  });
});

describe('an 802.11 A-MSDU', () => {
  const dir = new URL('../fixtures/zeek/amsdu/', import.meta.url);
  it("gives a segment for each subframe that holds one, as tshark reads them (Zeek's gre-aruba-amsdu.pcap: Aruba's GRE, two TCP subframes)", () => {
    const capture = readCapture(new Uint8Array(readFileSync(new URL('gre-aruba-amsdu.pcap', dir))));
    const [frame, ...fields] = readFileSync(new URL('gre-aruba-amsdu.pcap.tshark.csv', dir), 'utf8').trim().split(',');
    const columns = fields.map((f) => f.split(';'));
    const theirs = columns[0]!.map((_, i) => columns.map((c) => c[i]).join(' '));
    expect(theirs).toHaveLength(2);
    expect(capture.packets).toBe(1);
    expect(capture.skipped).toBe(0);
    expect(capture.segments.map((s) => `${s.sport} ${s.dport} 0x${s.flags.toString(16).padStart(4, '0')} ${s.seq} ${s.ack} ${s.len}`)).toEqual(theirs);
    expect(capture.segments.every((s) => s.frame === Number(frame))).toBe(true);
    expect(connectionsOf(capture.segments).map((c) => c.segments.length)).toEqual([2]);
  });
});
