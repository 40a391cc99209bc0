// Written by `npm run eval -- --fit-gate` on 2026-12-04; do not edit by hand (see relevance-gate.ts).
import type { GateModel } from './relevance-gate.js';

export const relevanceGateModel: GateModel = {
  weights: {
    coverage: 3.0893,
    bestCoverage: 2.1675,
    scoreShare: 2.9083,
    distinctive: 1.6618,
    unknownShare: -2.8928,
    knownCoverage: -0.3036,
    brevity: -2.4626,
    focus: 2.4301,
  },
  bias: -5.5835,
  threshold: 0.51,
  fittedOn: 'corpus/dev.jsonl (174) + dev.jsonl (164)',
};
