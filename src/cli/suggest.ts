import { distance } from 'fastest-levenshtein';

/**
 * The candidate that what was typed most likely meant: a few letters off (one per three letters
 * of the candidate) or its beginning (`--stat` for `--status`); undefined when none is that close.
 */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  const word = typed.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const score = word.length >= 2 && candidate.startsWith(word) ? 0.5 : distance(word, candidate);
    if (score <= Math.max(1, Math.floor(candidate.length / 3)) && score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
