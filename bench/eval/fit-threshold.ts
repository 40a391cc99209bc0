/**
 * The baseline's refusal: it answers when its best chunk scores at least a threshold. The
 * threshold is fitted once, on a development split, and then applied unchanged to the test split.
 */

/** One development question as the fitting sees it. */
export interface FitPoint {
  /** The best chunk's score; 0 when no chunk shares a word with the question. */
  topScore: number;
  inScope: boolean;
  /** In scope and a right article among the top 5, were it answered. */
  foundAt5: boolean;
}

export interface FittedThreshold {
  threshold: number;
  /** in-scope recall@5 + out-of-scope refusal rate on the fitting set, at that threshold. */
  objective: number;
  recallAt5: number;
  refusalRate: number;
}

/** Answered when something matched and the best score reaches the threshold. */
export function answers(topScore: number, threshold: number): boolean {
  return topScore > 0 && topScore >= threshold;
}

/**
 * The threshold that maximises in-scope recall@5 plus out-of-scope refusal on the given questions.
 * Candidates sit halfway between neighbouring scores (and past the highest), so that a question
 * scoring exactly at the threshold on the test split is not decided by where the development
 * scores happened to fall; of equally good ones the lowest wins (answer rather than refuse).
 */
export function fitThreshold(points: FitPoint[]): FittedThreshold {
  const inScope = points.filter((p) => p.inScope);
  const outOfScope = points.filter((p) => !p.inScope);
  const scores = [...new Set(points.map((p) => p.topScore).filter((s) => s > 0))].sort((a, b) => a - b);
  const candidates = [0, ...scores.slice(1).map((s, i) => (scores[i]! + s) / 2), (scores.at(-1) ?? 0) + 1];
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  let best: FittedThreshold | undefined;
  for (const threshold of candidates) {
    const recallAt5 = ratio(inScope.filter((p) => p.foundAt5 && answers(p.topScore, threshold)).length, inScope.length);
    const refusalRate = ratio(outOfScope.filter((p) => !answers(p.topScore, threshold)).length, outOfScope.length);
    const objective = recallAt5 + refusalRate;
    if (!best || objective > best.objective + 1e-12) best = { threshold, objective, recallAt5, refusalRate };
  }
  return best!;
}
