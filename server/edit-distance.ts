/** How far apart two names are, for "did you mean …?" hints (misspelled variables, unknown keys in the sites file). */

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions: OFFLAOD → OFFLOAD is 1).
 * With `atMost`, any distance above it is reported as `atMost + 1` without computing it: the lengths alone
 * rule most pairs out (start-up checks every environment variable against every name ssr-offload reads, and
 * a pod's environment holds dozens of other variables: 500 ms of start-up for 95 variables before this bound).
 */
export function editDistance(a: string, b: string, atMost = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > atMost) return atMost + 1;
  const width = b.length + 1;
  // Three rows of the table: two back for transpositions, one back, and the one being filled.
  let before = new Uint32Array(width);
  let previous = Uint32Array.from({ length: width }, (_, j) => j);
  let current = new Uint32Array(width);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowBest = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
      if (best < rowBest) rowBest = best;
    }
    // Every path to the last cell crosses this row, or skips it by one transposition (cost 1) from the row
    // above, whose smallest value is at least this row's minus 1: past `atMost` here means past it at the end.
    if (rowBest > atMost) return atMost + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length]!, atMost + 1);
}
