/**
 * Pairs of endpoints found by their bytes: a packet's addresses and ports name its pair without a
 * string being made for it (a capture of millions of packets would make millions). An open-addressing
 * hash table over one Uint32Array: each slot holds a key of up to 10 words (the address family, the
 * lower side's address and the higher side's, both ports) and the pair's number. A pair is the same
 * whichever way its packet went: the key puts the two sides in order, and `find` says which way.
 */
import type { Decoded } from './decap';

/** Words a slot holds: the key (family and a port, the other port, the two addresses of up to 4 words each) and the pair. */
const SLOT = 11;
const EMPTY = 0xffffffff;

export class PairTable {
  /** Pairs found so far. */
  size = 0;
  private slots = new Uint32Array(SLOT * 64).fill(EMPTY);
  private mask = 63;
  /** Whether each pair's first packet went from the key's lower side (so which way a later one went can be told). */
  private firstFromLow = new Uint8Array(64);
  private readonly key = new Uint32Array(SLOT - 1);

  /**
   * The pair of the segment's endpoints, times 2, plus 1 when it went the other way from the pair's
   * first packet; a pair not seen before is numbered next (`size - 1`, with `size` grown).
   */
  find(s: Decoded): number {
    const words = s.family === 4 ? 1 : 4;
    const a = s.addrs;
    // Which side is lower: the source's address and port against the destination's.
    let order = 0;
    for (let k = 0; k < 4 * words && order === 0; k++) order = a[k]! - a[16 + k]!;
    if (order === 0) order = s.sport - s.dport;
    const fromLow = order <= 0;
    const low = fromLow ? 0 : 16;
    const high = fromLow ? 16 : 0;
    const key = this.key;
    key[0] = ((s.family << 28) | (fromLow ? s.sport : s.dport)) >>> 0;
    key[1] = fromLow ? s.dport : s.sport;
    for (let w = 0; w < words; w++) {
      key[2 + w] = word(a, low + 4 * w);
      key[2 + words + w] = word(a, high + 4 * w);
    }
    const n = 2 + 2 * words;
    const slots = this.slots;
    for (let i = hash(key, n) & this.mask; ; i = (i + 1) & this.mask) {
      const at = i * SLOT;
      if (slots[at] === EMPTY) break;
      let k = 0;
      while (k < n && slots[at + k] === key[k]) k++;
      if (k < n) continue;
      const pair = slots[at + SLOT - 1]!;
      // A packet from an endpoint to itself goes both ways: as a table of both directions' names
      // had it, its pair's first is one way and every later one the other.
      if (order === 0) return pair * 2 + 1;
      return pair * 2 + (fromLow === (this.firstFromLow[pair] === 1) ? 0 : 1);
    }
    const pair = this.size;
    this.size += 1;
    if (pair === this.firstFromLow.length) {
      const grown = new Uint8Array(pair * 2);
      grown.set(this.firstFromLow);
      this.firstFromLow = grown;
    }
    this.firstFromLow[pair] = fromLow ? 1 : 0;
    this.insert(key, n, pair);
    // Kept under half full.
    if (this.size * 2 > this.mask + 1) this.grow();
    return pair * 2;
  }

  /** Bytes held. */
  get bytes(): number {
    return this.slots.byteLength + this.firstFromLow.byteLength;
  }

  private insert(key: Uint32Array, n: number, pair: number): void {
    const slots = this.slots;
    let i = hash(key, n) & this.mask;
    while (slots[i * SLOT] !== EMPTY) i = (i + 1) & this.mask;
    for (let k = 0; k < n; k++) slots[i * SLOT + k] = key[k]!;
    slots[i * SLOT + SLOT - 1] = pair;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2).fill(EMPTY);
    this.mask = this.mask * 2 + 1;
    for (let at = 0; at < old.length; at += SLOT) {
      if (old[at] === EMPTY) continue;
      const n = old[at]! >>> 28 === 4 ? 4 : 10;
      this.insert(old.subarray(at, at + n), n, old[at + SLOT - 1]!);
    }
  }
}

/** MurmurHash3's 32-bit mix over the key's words (every bit of the key reaches the low bits the table takes). */
function hash(key: Uint32Array, n: number): number {
  let h = 0;
  for (let i = 0; i < n; i++) {
    let k = Math.imul(key[i]!, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
  }
  h ^= n * 4;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const word = (a: Uint8Array, at: number): number => ((a[at]! << 24) | (a[at + 1]! << 16) | (a[at + 2]! << 8) | a[at + 3]!) >>> 0;
