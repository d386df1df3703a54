/**
 * Encapsulated traffic and unusual link types, as tshark reads them: each capture in
 * tests/fixtures/zeek and tests/fixtures/tcpdump is a real one from Zeek's or tcpdump's own test
 * suite (tools/captures/encap-fixtures.sh; sources in each folder's README.md), with tshark's reading
 * of every frame beside it. The reader must find the same TCP segments, named by the innermost IP
 * header, group them into the same connections, and account for every other packet by why.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { connectionsOf } from '../../src/capture/connections';
import { CaptureReader, readCapture, skippedReasons, type CapturedSegment } from '../../src/capture/read';
import { CaptureInput, isGzip } from '../../src/capture/stream';
import { decodePacket, LINKTYPE } from '../../src/capture/decap';
import { Fragments } from '../../src/capture/fragments';
import { splitmix32 } from '../../src/model/rng';

const folders = ['zeek', 'tcpdump'].map((f) => new URL(`../fixtures/${f}/`, import.meta.url));
const fixtures = folders.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.pcap'))
    .map((name) => ({ name, url: new URL(name, dir) })),
);
const load = (url: URL) => new Uint8Array(readFileSync(url));

interface TsharkFrame {
  frame: number;
  protocols: string[];
  /** The TCP segment's fields as one string, when tshark finds TCP (not inside an ICMP error). */
  tcp: string | null;
}

/** tshark's fields (occurrence=l: the innermost) of each frame; the address is of the last IP layer before TCP. */
function tshark(url: URL): TsharkFrame[] {
  const text = readFileSync(new URL(`${url.href}.tshark.csv`), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [frame, stack, ip4src, ip6src, sport, ip4dst, ip6dst, dport, flags, seq, ack, len] = line.split(',') as string[];
      const protocols = stack!.split(':');
      const at = protocols.indexOf('tcp');
      if (at < 0 || protocols.slice(0, at).some((p) => p === 'icmp' || p === 'icmpv6')) return { frame: Number(frame), protocols, tcp: null };
      const inner = protocols.slice(0, at).findLast((p) => p === 'ip' || p === 'ipv6');
      const [src, dst] = inner === 'ipv6' ? [ip6src, ip6dst] : [ip4src, ip4dst];
      // tshark gives no length where it finds the segment malformed (cisco-fabric-path.pcap's SYNs): then the length is not compared.
      return {
        frame: Number(frame),
        protocols,
        tcp: [frame, src, sport, dst, dport, Number(flags), seq, ack, len || '?'].join(' '),
      };
    });
}

const ours = (s: CapturedSegment, lengthKnown = true) => [s.frame, s.src, s.sport, s.dst, s.dport, s.flags, s.seq, s.ack, lengthKnown ? s.len : '?'].join(' ');
const tuple = (a: string, b: string) => [a, b].sort().join(' ~ ');

describe('encapsulations and link types, as tshark reads them', () => {
  it('has a real capture of each', () => {
    const names = fixtures.map((f) => f.name);
    for (const name of [
      'mpls-in-vlan.pcap',
      'mixed-vlan-mpls.pcap',
      'pppoe-over-qinq.pcap',
      'pbb.pcap',
      'vntag.pcap',
      'gre-sample.pcap',
      'gre-pptp.pcap',
      'gre-erspan3-dot1q.pcap',
      'gre-over-udp-4754.pcap',
      '4in4.pcap',
      '4in6.pcap',
      '6in4.pcap',
      '6in6.pcap',
      '6in6in6.pcap',
      'vxlan-encapsulated-http.pcap',
      'geneve-many-options.pcap',
      'gtp_ext_header.pcap',
      'Teredo.pcap',
      'ayiya3.pcap',
      'ipv4-fragmented-syn.pcap',
      'ipv4-fragmented-4.pcap',
      'fddi-dns-inverse-query.pcap',
      'bgp_vpn_attrset.pcap',
      'lspping-fec-ldp.pcap',
      'ipoib.pcap',
      'arcnet-rfc1051-arp-icmp-http.pcap',
      'arcnet-rfc1201-arp-icmp-http.pcap',
    ])
      expect(names).toContain(name);
  });

  it.each(fixtures)('$name: the same TCP segments, by the innermost addresses', ({ url }) => {
    const capture = readCapture(load(url));
    const frames = tshark(url);
    expect(capture.packets).toBe(frames.length);
    const theirs = frames.flatMap((f) => (f.tcp ? [f.tcp] : []));
    const unknownLength = new Set(theirs.filter((t) => t.endsWith(' ?')).map((t) => Number(t.split(' ')[0])));
    expect(capture.segments.map((s) => ours(s, !unknownLength.has(s.frame)))).toEqual(theirs);
  });

  it.each(fixtures)('$name: the same connections (4-tuples and segment counts); every other packet skipped with a reason', ({ url }) => {
    const capture = readCapture(load(url));
    const frames = tshark(url);
    const theirs = new Map<string, number>();
    for (const f of frames) {
      if (!f.tcp) continue;
      const [, src, sport, dst, dport] = f.tcp.split(' ');
      const key = tuple(`${src}:${sport}`, `${dst}:${dport}`);
      theirs.set(key, (theirs.get(key) ?? 0) + 1);
    }
    const mine = new Map<string, number>();
    for (const c of connectionsOf(capture.segments)) {
      const key = tuple(c.client.replace(/^\[(.*)\]/, '$1'), c.server.replace(/^\[(.*)\]/, '$1'));
      mine.set(key, (mine.get(key) ?? 0) + c.segments.length);
    }
    expect(Object.fromEntries([...mine].sort())).toEqual(Object.fromEntries([...theirs].sort()));
    const by = skippedReasons(capture);
    const sum = Object.entries(by).reduce(
      (n, [k, v]) => n + (k === 'unread' ? Object.values(v as Record<string, number>).reduce((a, b) => a + b, 0) : (v as number)),
      0,
    );
    expect(sum).toBe(capture.skipped);
    expect(capture.skipped).toBe(frames.filter((f) => !f.tcp).length);
    expect(capture.skipped).toBe(capture.packets - capture.segments.length);
    // Every frame tshark finds IP in (through whatever tunnel) reaches our IP layer too: none is "not IP" or unread.
    const ipFrames = frames.filter((f) => !f.tcp && f.protocols.some((p) => p === 'ip' || p === 'ipv6')).length;
    expect((by.notTcp ?? 0) + (by.fragment ?? 0)).toBeGreaterThanOrEqual(ipFrames);
    expect(by.unread).toBeUndefined();
    expect(by.damaged).toBeUndefined();
  });

  it('reads through the tunnels named: the inner connections of a few, spelled out', () => {
    const conns = (name: string) => {
      const f = fixtures.find((x) => x.name === name)!;
      return connectionsOf(readCapture(load(f.url)).segments).map((c) => `${c.client} > ${c.server} ${c.segments.length}`);
    };
    expect(conns('gre-sample.pcap')).toEqual(['66.59.111.190:40264 > 172.28.2.3:22 22']);
    expect(conns('vxlan-encapsulated-http.pcap')).toEqual(['172.16.11.201:40354 > 54.86.237.188:80 12']);
    expect(conns('4in6.pcap')).toHaveLength(1);
    // Teredo between a client and its relay (ports 3797 and 32900, neither Teredo's 3544): the IPv6 connection inside.
    expect(conns('Teredo.pcap')).toContain('[2001:0:4137:9e50:8000:f12a:b9c8:2815]:1286 > [2001:4860:0:2001::68]:80 7');
    expect(conns('ayiya3.pcap')).toHaveLength(1);
    expect(conns('ayiya3.pcap')[0]).toMatch(/^\[2001:/);
  });

  it('a gzipped capture reads the same as its plain copy (streamed through zlib, a chunk at a time)', () => {
    const dir = folders[0]!;
    const zipped = load(new URL('vxlan-encapsulated-http.pcap.gz', dir));
    const plain = load(new URL('vxlan-encapsulated-http.pcap', dir));
    expect(isGzip(zipped)).toBe(true);
    expect(isGzip(plain)).toBe(false);
    const input = new CaptureInput();
    const unzipped = gunzipSync(zipped);
    for (let i = 0; i < unzipped.length; i += 1000) input.push(unzipped.subarray(i, i + 1000));
    expect(input.finish()).toEqual(readCapture(plain));
  });

  it('npm run analyze reads a gzipped capture (a file or standard input) as the plain one, and refuses a damaged gzip with one line', () => {
    const run = (args: string[], input?: Uint8Array) => spawnSync('npm', ['run', '--silent', 'analyze', '--', ...args], { input });
    const plainPath = 'tests/fixtures/zeek/vxlan-encapsulated-http.pcap';
    const plain = run([plainPath]);
    expect(plain.status).toBe(0);
    expect(run([`${plainPath}.gz`]).stdout.toString()).toBe(plain.stdout.toString());
    expect(run(['-'], readFileSync(`${plainPath}.gz`)).stdout.toString()).toBe(plain.stdout.toString());
    const json = JSON.parse(run(['tests/fixtures/zeek/gre-sample.pcap']).stdout.toString()) as { skipped: number; skippedBy: unknown };
    expect(json.skipped).toBe(18);
    expect(json.skippedBy).toEqual({ notTcp: 18 });
    const cut = gzipSync(readFileSync(plainPath)).subarray(0, 2000);
    const bad = run(['-'], cut);
    expect(bad.status).toBe(2);
    expect(bad.stdout.toString()).toBe('');
    expect(bad.stderr.toString()).toBe('-: a damaged gzip file: it cannot be decompressed to the end\n');
  }, 60_000);
});

/** A pcap of Ethernet frames, built here (for what no public capture shows). */
function pcap(frames: Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const header = new DataView(new ArrayBuffer(24));
  header.setUint32(0, 0xa1b2c3d4);
  header.setUint16(4, 2);
  header.setUint16(6, 4);
  header.setUint32(16, 65535);
  header.setUint32(20, 1);
  parts.push(new Uint8Array(header.buffer));
  frames.forEach((f, i) => {
    const r = new DataView(new ArrayBuffer(16));
    r.setUint32(0, i);
    r.setUint32(8, f.length);
    r.setUint32(12, f.length);
    parts.push(new Uint8Array(r.buffer), f);
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The frames of a fixture capture (pcap, big-endian or little-endian: read by offsets). */
function framesOf(bytes: Uint8Array): Uint8Array[] {
  const little = bytes[0] === 0xd4;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Uint8Array[] = [];
  for (let off = 24; off + 16 <= bytes.length;) {
    const len = v.getUint32(off + 8, little);
    out.push(bytes.slice(off + 16, off + 16 + len));
    off += 16 + len;
  }
  return out;
}

describe('what no public capture shows', () => {
  const fixture = (name: string) => framesOf(load(fixtures.find((f) => f.name === name)!.url));

  it('a connection whose packets change tunnel stays one connection (the inner 4-tuple names it)', () => {
    // 4in6.pcap: Ethernet, IPv6, then IPv4 and TCP. The same segment again without the IPv6 tunnel.
    const [tunnelled] = fixture('4in6.pcap');
    const bare = new Uint8Array([...tunnelled!.subarray(0, 12), 0x08, 0x00, ...tunnelled!.subarray(14 + 40)]);
    const capture = readCapture(pcap([tunnelled!, bare]));
    expect(capture.segments).toHaveLength(2);
    expect(connectionsOf(capture.segments)).toHaveLength(1);
  });

  it('Teredo with its authentication and origin indications before the IPv6 packet (no public capture has an authentication indication before TCP)', () => {
    // ayiya3.pcap: Ethernet, IPv4, UDP, AYIYA, then IPv6 and TCP. The same IPv6 packet in Teredo instead.
    const frames = fixture('ayiya3.pcap');
    const capture0 = readCapture(load(fixtures.find((f) => f.name === 'ayiya3.pcap')!.url));
    const first = capture0.segments[0]!;
    const frame = frames[first.frame - 1]!;
    const ayiya = 14 + 20 + 8;
    const inner = frame.subarray(ayiya + 8 + (1 << (frame[ayiya]! >> 4)) + (frame[ayiya + 1]! >> 4) * 4);
    expect(inner[0]! >> 4).toBe(6);
    const indications = [0x00, 0x01, 0x02, 0x01, 0xaa, 0xaa, 0xbb, ...new Array<number>(8).fill(7), 0x00, 0x00, 0x00, 0x0d, 0x96, 0xc0, 0x00, 0x02, 0x01];
    const udp = [0x0d, 0xd8, 0x0d, 0xd8, 0, 0, 0, 0];
    const ip = [0x45, 0, 0, 0, 0, 0, 0, 0, 64, 17, 0, 0, 192, 0, 2, 1, 198, 51, 100, 2];
    const teredo = new Uint8Array([...frame.subarray(0, 14), ...ip, ...udp, ...indications, ...inner]);
    new DataView(teredo.buffer).setUint16(14 + 2, teredo.length - 14);
    const [segment] = readCapture(pcap([teredo])).segments;
    expect(segment).toMatchObject({ src: first.src, dst: first.dst, sport: first.sport, dport: first.dport, seq: first.seq, len: first.len });
  });

  it('a tunnel we do not read is named, not left out silently; nesting is bounded', () => {
    // Teredo.pcap's first frame is UDP over IPv4 (NetBIOS, port 138): sent to OpenVPN's port instead.
    const [udp] = fixture('Teredo.pcap');
    const openvpn = udp!.slice();
    const ihl = (openvpn[14]! & 15) * 4;
    new DataView(openvpn.buffer).setUint16(14 + ihl + 2, 1194);
    // An 802.1ah frame that holds itself, over and over: each I-tag's customer frame another I-tag.
    const nested = new Uint8Array(14 + 18 * 40);
    nested.set([0x88, 0xe7], 12);
    for (let i = 0; i < 40; i++) nested.set([0x88, 0xe7], 14 + 18 * i + 4 + 12);
    const capture = readCapture(pcap([openvpn, openvpn, nested]));
    expect(capture.skipped).toBe(3);
    expect(skippedReasons(capture)).toEqual({ damaged: 1, unread: { OpenVPN: 2 } });
  });

  it('survives every frame of every fixture, cut anywhere and with bytes flipped, read as every link type: a segment or a reason, never a crash', () => {
    const random = splitmix32(24);
    // Juniper's other link types (137 ATM1, 132 ES) too; IP fragments gathered across all of them.
    const links = [...Object.values(LINKTYPE), 2, 132, 137, 147, 999];
    const frags = new Fragments(() => {});
    let read = 0;
    const odd: unknown[] = [];
    for (const f of fixtures)
      for (const frame of framesOf(load(f.url)).slice(0, 12))
        for (const link of links)
          for (let i = 0; i < 6; i++) {
            const bytes = frame.slice(0, i === 0 ? frame.length : random() % (frame.length + 1));
            for (let k = i < 3 ? 0 : 4; k > 0 && bytes.length > 0; k--) bytes[random() % bytes.length] = random() & 0xff;
            const result = decodePacket(link, bytes, frame.length, 1, 0, i % 2 === 0 ? frags : null);
            // (One expect at the end: an expect per packet was most of this test's time.)
            if (!(typeof result === 'string' || 'unread' in result || 'frame' in result)) odd.push(result);
            read++;
          }
    expect(odd).toEqual([]);
    expect(read).toBeGreaterThan(10_000);
  });

  it('a reader fed a byte at a time reads the same as at once', () => {
    const f = fixtures.find((x) => x.name === 'pppoe-over-qinq.pcap')!;
    const bytes = load(f.url);
    const reader = new CaptureReader();
    for (let i = 0; i < bytes.length; i += 7) reader.push(bytes.subarray(i, i + 7));
    expect(reader.finish()).toEqual(readCapture(bytes));
  });
});
