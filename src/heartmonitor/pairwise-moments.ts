/**
 * Pairwise moments of the rapportcijfer and the step feelings: for every pair of variables the
 * count, sums, squares and cross-product over the responses that gave BOTH (pairwise deletion).
 * A step the citizen was not asked, or answered "niet van toepassing", is simply absent from that
 * response, so it adds nothing to any pair it belongs to — and nothing is imputed.
 *
 * Pure. Kept packed (a triangle of pairs in a Float64Array) because one blob per roll-up row
 * costs one statement per response, where a row per pair of steps would cost dozens.
 */

/** The variable id of the rapportcijfer; the steps use their touchpoint ids, which are positive. */
export const GRADE_ID = 0;

/** Per pair: n, Σx, Σy, Σx², Σy², Σxy, where x is the variable listed first of the two. */
export const PAIR_FIELDS = 6;

export interface PairwiseMoments {
  /** The variables in the order their pairs are packed. */
  ids: number[];
  /** PAIR_FIELDS numbers per pair (i ≤ j), pair (i, j) at pairIndex(i, j); (i, i) holds the variable alone. */
  values: Float64Array;
}

/** Packed by the later variable, so adding a variable appends pairs and never moves the old ones. */
export const pairIndex = (i: number, j: number) => (i <= j ? (j * (j + 1)) / 2 + i : (i * (i + 1)) / 2 + j);
const pairCount = (k: number) => (k * (k + 1)) / 2;

export function emptyPairwise(ids: number[] = []): PairwiseMoments {
  return { ids: [...ids], values: new Float64Array(pairCount(ids.length) * PAIR_FIELDS) };
}

/** The moments of one response: the grade and every feeling it gave (null: "niet van toepassing"). */
export function responseMoments(grade: number, feelings: { id: number; value: number | null }[]): PairwiseMoments {
  const given = [{ id: GRADE_ID, value: grade }, ...feelings.filter((f): f is { id: number; value: number } => f.value !== null)];
  const moments = emptyPairwise(given.map((variable) => variable.id));
  for (let j = 0; j < given.length; j++) {
    for (let i = 0; i <= j; i++) {
      const x = given[i]!.value;
      const y = given[j]!.value;
      moments.values.set([1, x, y, x * x, y * y, x * y], pairIndex(i, j) * PAIR_FIELDS);
    }
  }
  return moments;
}

/**
 * Adds `source` into `target` and returns the result: `target` itself when it already knows all
 * of source's variables, else a grown copy. Pairs are turned around where the two list their
 * variables in a different order.
 */
export function addPairwise(target: PairwiseMoments, source: PairwiseMoments): PairwiseMoments {
  const position = new Map(target.ids.map((id, index) => [id, index]));
  const missing = source.ids.filter((id) => !position.has(id));
  let result = target;
  if (missing.length > 0) {
    result = emptyPairwise([...target.ids, ...missing]);
    result.values.set(target.values);
    missing.forEach((id, offset) => position.set(id, target.ids.length + offset));
  }
  const at = source.ids.map((id) => position.get(id)!);
  const into = result.values;
  const from = source.values;
  for (let j = 0; j < source.ids.length; j++) {
    for (let i = 0; i <= j; i++) {
      const s = pairIndex(i, j) * PAIR_FIELDS;
      const t = pairIndex(at[i]!, at[j]!) * PAIR_FIELDS;
      const swapped = at[i]! > at[j]!;
      into[t]! += from[s]!;
      into[t + 1]! += from[s + (swapped ? 2 : 1)]!;
      into[t + 2]! += from[s + (swapped ? 1 : 2)]!;
      into[t + 3]! += from[s + (swapped ? 4 : 3)]!;
      into[t + 4]! += from[s + (swapped ? 3 : 4)]!;
      into[t + 5]! += from[s + 5]!;
    }
  }
  return result;
}

export interface PairStatistics {
  n: number;
  sumX: number;
  sumY: number;
  sumXX: number;
  sumYY: number;
  sumXY: number;
}

/** The moments of variables `a` (as x) and `b` (as y); zeros when either never occurred. */
export function pairOf(moments: PairwiseMoments, a: number, b: number): PairStatistics {
  const i = moments.ids.indexOf(a);
  const j = moments.ids.indexOf(b);
  if (i < 0 || j < 0) return { n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 };
  const v = moments.values.subarray(pairIndex(i, j) * PAIR_FIELDS, pairIndex(i, j) * PAIR_FIELDS + PAIR_FIELDS);
  return i <= j
    ? { n: v[0]!, sumX: v[1]!, sumY: v[2]!, sumXX: v[3]!, sumYY: v[4]!, sumXY: v[5]! }
    : { n: v[0]!, sumX: v[2]!, sumY: v[1]!, sumXX: v[4]!, sumYY: v[3]!, sumXY: v[5]! };
}

/**
 * The pairs of `ids` (in that order, missing variables as zeros) as one flat array in the same
 * packing: the fixed layout that days are summed in when they are resampled.
 */
export function alignPairwise(moments: PairwiseMoments, ids: number[]): Float64Array {
  const out = new Float64Array(pairCount(ids.length) * PAIR_FIELDS);
  for (let j = 0; j < ids.length; j++) {
    for (let i = 0; i <= j; i++) {
      const pair = pairOf(moments, ids[i]!, ids[j]!);
      out.set([pair.n, pair.sumX, pair.sumY, pair.sumXX, pair.sumYY, pair.sumXY], pairIndex(i, j) * PAIR_FIELDS);
    }
  }
  return out;
}

/** Stored as doubles: the count of variables, their ids, then the packed pairs (integers, exact in a double). */
export function encodePairwise(moments: PairwiseMoments): Buffer {
  const k = moments.ids.length;
  const packed = new Float64Array(1 + k + moments.values.length);
  packed[0] = k;
  packed.set(moments.ids, 1);
  packed.set(moments.values, 1 + k);
  return Buffer.from(packed.buffer);
}

export function decodePairwise(blob: Uint8Array): PairwiseMoments {
  // A copy: a blob from SQLite need not be aligned for a Float64Array view.
  const packed = new Float64Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
  const k = packed[0]!;
  return { ids: Array.from(packed.subarray(1, 1 + k)), values: packed.subarray(1 + k) };
}
