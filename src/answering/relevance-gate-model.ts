// Written by `npm run eval -- --fit-gate` on 2026-12-04; do not edit by hand (see relevance-gate.ts).
import type { GateModel } from './relevance-gate.js';

export const relevanceGateModel: GateModel = {
  weights: {
    coverage: 2.9131,
    bestCoverage: 2.0769,
    scoreShare: 2.9755,
    distinctive: 1.7018,
    unknownShare: -2.8972,
    knownCoverage: -0.5972,
    brevity: -2.5661,
    focus: 2.1205,
  },
  bias: -4.9993,
  threshold: 0.37,
  fittedOn: 'corpus/dev.jsonl (174) + dev.jsonl (164)',
};
