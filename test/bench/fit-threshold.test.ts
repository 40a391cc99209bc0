import { describe, expect, it } from 'vitest';
import { answers, fitThreshold, type FitPoint } from '../../bench/eval/fit-threshold.js';

describe("the baseline's refusal threshold, fitted on a development split", () => {
  const dev: FitPoint[] = [
    { topScore: 9, inScope: true, foundAt5: true },
    { topScore: 7, inScope: true, foundAt5: true },
    { topScore: 4, inScope: true, foundAt5: false },
    { topScore: 3, inScope: true, foundAt5: true },
    { topScore: 5, inScope: false, foundAt5: false },
    { topScore: 2, inScope: false, foundAt5: false },
    { topScore: 0, inScope: false, foundAt5: false },
  ];

  it('maximises in-scope recall@5 plus out-of-scope refusal, halfway between neighbouring scores', () => {
    // Answer all (threshold 0): recall 3/4 + refusal 1/3 (only the score-0 one) = 1.083.
    // Between 2 and 3 (2.5): recall 3/4 + refusal 2/3 = 1.417.
    // Between 5 and 7 (6):   recall 2/4 + refusal 3/3 = 1.5, the best.
    // Above 9 (10):          recall 0 + refusal 1 = 1.
    const fitted = fitThreshold(dev);
    expect(fitted.threshold).toBe(6);
    expect(fitted.recallAt5).toBe(0.5);
    expect(fitted.refusalRate).toBe(1);
    expect(fitted.objective).toBe(1.5);
  });

  it('prefers the lowest of equally good thresholds, and never answers a question nothing matched', () => {
    // Refusing the out-of-scope 2 only (2.5) is as good as refusing both out-of-scope ones (7): the lower wins.
    const tie = fitThreshold([
      { topScore: 3, inScope: true, foundAt5: true },
      { topScore: 8, inScope: true, foundAt5: true },
      { topScore: 2, inScope: false, foundAt5: false },
      { topScore: 6, inScope: false, foundAt5: false },
    ]);
    // 0: 1 + 0 = 1; 2.5: 1 + 1/2 = 1.5; 4.5: 1/2 + 1/2 = 1; 7: 1/2 + 1 = 1.5; 9: 0 + 1 = 1.
    expect(tie.threshold).toBe(2.5);
    expect(tie.objective).toBe(1.5);
    expect(answers(0, 0)).toBe(false);
    expect(answers(2.5, 2.5)).toBe(true);
    expect(answers(2.4, 2.5)).toBe(false);
  });
});
