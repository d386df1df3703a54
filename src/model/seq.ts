/**
 * Sequence numbers (RFC 9293 section 3.4): 32-bit, wrapping, so "less than" means "less than by a
 * signed 32-bit distance", never a plain comparison. `Seq` is branded so that a byte count or a
 * time cannot be passed where a sequence number is meant: a plain number becomes one only
 * through `toSeq` (reduced modulo 2^32) or `seqAdd`.
 */
declare const seqBrand: unique symbol;
export type Seq = number & { readonly [seqBrand]: true };

/** A number from outside (a script, a capture, a test), reduced modulo 2^32. */
export const toSeq = (n: number): Seq => (n >>> 0) as Seq;
export const seqAdd = (a: Seq, n: number): Seq => ((a + n) >>> 0) as Seq;
/** The signed distance from b to a: positive when a is after b. */
export const seqDiff = (a: Seq, b: Seq): number => (a - b) | 0;
/** How far a is past b, as an unsigned count (bytes between two sequence numbers). */
export const seqSpan = (from: Seq, to: Seq): number => (to - from) >>> 0;
export const seqLt = (a: Seq, b: Seq): boolean => seqDiff(a, b) < 0;
export const seqLe = (a: Seq, b: Seq): boolean => seqDiff(a, b) <= 0;
export const seqGt = (a: Seq, b: Seq): boolean => seqDiff(a, b) > 0;
export const seqGe = (a: Seq, b: Seq): boolean => seqDiff(a, b) >= 0;
