// Written by `npm run eval -- --fit-gate` on 2026-12-04; do not edit by hand (see relevance-gate.ts).
import type { GateModel } from './relevance-gate.js';

export const relevanceGateModel: GateModel = {
  weights: {
    coverage: 4.9502,
    knownCoverage: 1.4168,
    distinctive: 2.3258,
    unknownShare: -2.9711,
    brevity: -2.0509,
  },
  bias: -4.2474,
  threshold: 0.41,
  fittedOn: 'corpus/dev.jsonl (174) + dev.jsonl (164)',
};
