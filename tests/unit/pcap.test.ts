/** The .pcap export: a well-formed capture with correct checksums, and tcpdump reads it. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPcap, internetChecksum } from '../../src/model/pcap';
import { Simulation } from '../../src/model/simulation';

function run(): Simulation {
  const sim = new Simulation({
    config: { preset: 'classroom', clientIsn: 1000, serverIsn: 5000 },
    steps: [
      { at: 0, endpoint: 'server', call: 'listen' },
      { at: 0, endpoint: 'client', call: 'connect' },
      { at: 3000, endpoint: 'client', call: 'send', bytes: 300 },
      { at: 4000, endpoint: 'client', call: 'close' },
    ],
  });
  sim.runUntil(20_000);
  return sim;
}

describe('.pcap export', () => {
  const sim = run();
  const pcap = buildPcap(sim);
  const view = new DataView(pcap.buffer);

  it('has a pcap header and one record per segment sent, stamped with simulated time', () => {
    expect(view.getUint32(0, true)).toBe(0xa1b2c3d4);
    expect(view.getUint32(20, true)).toBe(101);
    let at = 24;
    const times: number[] = [];
    while (at < pcap.length) {
      times.push(view.getUint32(at, true) * 1000 + view.getUint32(at + 4, true) / 1000);
      at += 16 + view.getUint32(at + 8, true);
    }
    expect(times).toEqual(sim.wire.map((w) => w.sentAt));
  });

  it('carries IPv4 and TCP checksums that verify', () => {
    let at = 24;
    while (at < pcap.length) {
      const length = view.getUint32(at + 8, true);
      const ip = pcap.subarray(at + 16, at + 16 + length);
      expect(internetChecksum(ip.subarray(0, 20))).toBe(0); // a header with its checksum sums to zero
      const tcp = ip.subarray(20);
      const pseudo = new Uint8Array(12 + tcp.length);
      pseudo.set(ip.subarray(12, 20), 0);
      pseudo[9] = 6;
      new DataView(pseudo.buffer).setUint16(10, tcp.length);
      pseudo.set(tcp, 12);
      expect(internetChecksum(pseudo)).toBe(0);
      at += 16 + length;
    }
  });

  it.skipIf(!existsSync('/usr/bin/tcpdump') && !existsSync('/usr/sbin/tcpdump'))('opens in tcpdump, which agrees on flags, numbers and lengths', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pcap-')), 'run.pcap');
    writeFileSync(file, pcap);
    const lines = execFileSync('tcpdump', ['-r', file, '-nn', '-S', '-vv'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split('\n');
    const summary = lines.filter((l) => l.includes(' > ')).map((l) => l.trim());
    expect(summary[0]).toMatch(/^192\.0\.2\.10\.51234 > 198\.51\.100\.20\.80: Flags \[S\], cksum 0x[0-9a-f]+ \(correct\), seq 1000,/);
    expect(summary[1]).toMatch(/Flags \[S\.\], cksum 0x[0-9a-f]+ \(correct\), seq 5000, ack 1001/);
    expect(summary.some((l) => /Flags \[P\.\], cksum 0x[0-9a-f]+ \(correct\), seq 1001:1301, ack 5001/.test(l))).toBe(true);
    expect(summary.every((l) => l.includes('(correct)'))).toBe(true);
  });
});
