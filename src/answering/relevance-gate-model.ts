// Written by `npm run eval -- --fit-gate` on 2026-12-04; do not edit by hand (see relevance-gate.ts).
import type { GateModel } from './relevance-gate.js';

export const relevanceGateModel: GateModel = {
  weights: {
    coverage: 4.8255,
    knownCoverage: 1.3426,
    distinctive: 1.9404,
    unknownShare: -3.331,
    brevity: -2.2416,
  },
  bias: -3.8525,
  threshold: 0.42,
  fittedOn: 'corpus/dev.jsonl (174) + dev.jsonl (164)',
};
