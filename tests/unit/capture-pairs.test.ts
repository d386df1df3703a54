/**
 * Pairs of endpoints found by their bytes (src/capture/pairs.ts), as a reader of pcap files finds
 * them without making a string per packet: the same pairs, numbered the same, each packet the same
 * way round, as the table of names the columns keep for segments given as objects.
 */
import { describe, expect, it } from 'vitest';
import { SegmentColumns } from '../../src/capture/columns';
import { Decoded, type CapturedSegment } from '../../src/capture/decap';
import { PairTable } from '../../src/capture/pairs';

/** A small random source that gives the same numbers each run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A decoded segment from `src`/`dst` written as bytes (4 for IPv4, 16 for IPv6). */
function decoded(src: number[], dst: number[], sport: number, dport: number): Decoded {
  const d = new Decoded();
  d.family = src.length === 4 ? 4 : 6;
  d.addrs.set(src, 0);
  d.addrs.set(dst, 16);
  d.sport = sport;
  d.dport = dport;
  d.flags = 0x10;
  return d;
}

describe('pairs found by their bytes', () => {
  it('numbers the pairs, and says which way each packet went, as the table of names does (IPv4, IPv6, an endpoint to itself, shared addresses)', () => {
    const next = random(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const v4 = [
      [10, 0, 0, 1],
      [10, 0, 0, 2],
      [192, 168, 1, 1],
      [11, 0, 0, 1],
    ];
    const v6 = [
      [0x20, 0x01, 0x0d, 0xb8, ...Array(11).fill(0), 1],
      [0x20, 0x01, 0x0d, 0xb8, ...Array(11).fill(0), 2],
      [0xfe, 0x80, ...Array(13).fill(0), 1],
    ];
    const ports = [80, 443, 40000, 40001, 65535, 0];
    const byBytes = new SegmentColumns();
    const byNames = new SegmentColumns();
    for (let i = 0; i < 5000; i++) {
      const family = next() < 0.3 ? v6 : v4;
      const src = pick(family);
      // Now and then a packet from an endpoint to itself (a "land" packet).
      const self = next() < 0.02;
      const dst = self ? src : pick(family);
      const sport = pick(ports);
      const d = decoded(src, dst, sport, self ? sport : pick(ports));
      d.seq = i;
      byBytes.pushDecoded(d, i + 1, i / 1000);
      const s: CapturedSegment = d.segment(i + 1, i / 1000);
      byNames.push(s);
    }
    expect(byBytes.pairA.length).toBeGreaterThan(100);
    expect(byBytes.pairA).toEqual(byNames.pairA);
    expect(byBytes.pairB).toEqual(byNames.pairB);
    expect(byBytes.pairFirst).toEqual(byNames.pairFirst);
    expect(byBytes.pairLast).toEqual(byNames.pairLast);
    expect(byBytes.endpoints).toEqual(byNames.endpoints);
    for (let i = 0; i < byBytes.length; i++) {
      if (byBytes.reverse(i) !== byNames.reverse(i)) expect(`${i}: ${byBytes.reverse(i)}`).toBe(`${i}: ${byNames.reverse(i)}`);
      if (byBytes.links.get(i) !== byNames.links.get(i)) expect(`${i}: next ${byBytes.links.get(i)}`).toBe(`${i}: next ${byNames.links.get(i)}`);
    }
    expect(byBytes.toArray()).toEqual(byNames.toArray());
  });

  it('tells apart addresses that differ in any one bit, and keeps every pair as it grows past 200,000', () => {
    const table = new PairTable();
    const n = 200_000;
    // Addresses that differ only in their highest byte, or their lowest, or only in a port.
    const at = (k: number) => decoded([k & 255, 0, 0, (k >> 8) & 255], [10, 0, 0, 1], 1000 + (k >> 16), 80);
    for (let k = 0; k < n; k++) if (table.find(at(k)) !== k * 2) expect(`pair ${k}: ${table.find(at(k))}`).toBe(`pair ${k}: ${k * 2}`);
    expect(table.size).toBe(n);
    for (let k = 0; k < n; k += 997) {
      expect(table.find(at(k))).toBe(k * 2);
      const back = at(k);
      [back.sport, back.dport] = [back.dport, back.sport];
      back.addrs.copyWithin(0, 16, 20);
      back.addrs.set([k & 255, 0, 0, (k >> 8) & 255], 16);
      expect(table.find(back)).toBe(k * 2 + 1);
    }
    expect(table.size).toBe(n);
    // Under half full: 11 words a slot, a power of two of slots.
    expect(table.bytes).toBeLessThan(n * 2 * 2 * 11 * 4 + 2 * n);
  });

  it('keeps an IPv4 pair and an IPv6 pair of the same leading bytes apart', () => {
    const table = new PairTable();
    const four = decoded([10, 0, 0, 1], [10, 0, 0, 2], 1, 2);
    const six = decoded([10, 0, 0, 1, ...Array(12).fill(0)], [10, 0, 0, 2, ...Array(12).fill(0)], 1, 2);
    expect(table.find(four)).toBe(0);
    expect(table.find(six)).toBe(2);
    expect(table.find(four)).toBe(0);
  });

  it("refuses to mix segments given as objects with decoded ones in one capture's columns", () => {
    const c = new SegmentColumns();
    const d = decoded([10, 0, 0, 1], [10, 0, 0, 2], 1, 2);
    c.pushDecoded(d, 1, 0);
    expect(() => c.push(d.segment(2, 0))).toThrow(/all decoded or all given as objects/);
  });
});
