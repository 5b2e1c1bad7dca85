// Sorted typed arrays of hashes (hash48 values) as compact sets and multisets for corpus checks:
// 8 bytes an entry where a Set or Map costs 50-100.

/** The distinct values of xs, sorted. */
export function sortedUnique(xs: Float64Array): Float64Array {
  const s = Float64Array.from(xs).sort();
  let n = 0;
  for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[i - 1]) s[n++] = s[i];
  return s.slice(0, n);
}

/** First position in a sorted array whose value is not below x. */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Position of x in a sorted array, or -1. */
export function indexOf(sorted: Float64Array, x: number): number {
  const i = lowerBound(sorted, x);
  return i < sorted.length && sorted[i] === x ? i : -1;
}

/** How many times x occurs in a sorted array. */
export function countOf(sorted: Float64Array, x: number): number {
  const i = lowerBound(sorted, x);
  let j = i;
  while (j < sorted.length && sorted[j] === x) j++;
  return j - i;
}
