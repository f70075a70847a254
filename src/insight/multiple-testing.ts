/**
 * Benjamini–Hochberg adjusted p-values (false discovery rate): when the dashboard tests every
 * step against every segment group, some comparisons come out "significant" by chance alone;
 * adjusting across everything shown keeps the share of false findings at the chosen level.
 * Same result as R's p.adjust(p, "BH"), in the input's order.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const count = pValues.length;
  for (const p of pValues) if (!(p >= 0 && p <= 1)) throw new RangeError(`A p-value lies between 0 and 1, not ${p}.`);
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
  const adjusted = Array<number>(count);
  let smallestSoFar = 1;
  for (let rank = count; rank >= 1; rank--) {
    const { p, index } = order[rank - 1]!;
    smallestSoFar = Math.min(smallestSoFar, (p * count) / rank);
    adjusted[index] = smallestSoFar;
  }
  return adjusted;
}
