/** Whether `wanted` appears within `seen` in order, other items allowed between. */
export function appearsInOrder(wanted: readonly string[], seen: readonly string[]): boolean {
  let i = 0;
  for (const s of seen) if (s === wanted[i]) i++;
  return i === wanted.length;
}
