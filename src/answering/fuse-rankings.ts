/**
 * Reciprocal rank fusion: merges several rankings of the same items without comparing their
 * scores, which live on different scales (text rank vs. cosine similarity).
 */
export function fuseRankings<T>(rankings: T[][], k = 60): { item: T; score: number }[] {
  const scores = new Map<T, number>();
  for (const ranking of rankings) {
    for (const [index, item] of ranking.entries()) scores.set(item, (scores.get(item) ?? 0) + 1 / (k + index + 1));
  }
  return [...scores.entries()].sort((a, b) => b[1] - a[1]).map(([item, score]) => ({ item, score }));
}
