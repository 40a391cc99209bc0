// Written by `npm run eval -- --fit-gate` on 2026-12-04; do not edit by hand (see relevance-gate.ts).
import type { GateModel } from './relevance-gate.js';

export const relevanceGateModel: GateModel = {
  weights: {
    coverage: 4.963,
    knownCoverage: 1.4491,
    distinctive: 2.3613,
    unknownShare: -2.954,
    brevity: -2.0169,
  },
  bias: -4.3198,
  threshold: 0.4,
  fittedOn: 'corpus/dev.jsonl (174) + dev.jsonl (164)',
};
