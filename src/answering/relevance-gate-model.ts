// Written by `npm run eval -- --fit-gate` on 2026-12-04; do not edit by hand (see relevance-gate.ts).
import type { GateModel } from './relevance-gate.js';

export const relevanceGateModel: GateModel = {
  weights: {
    coverage: 1.858,
    bestCoverage: 2.0986,
    scoreShare: 3.0285,
    distinctive: 2.6223,
    unknownShare: -3.1775,
  },
  bias: -4.6016,
  threshold: 0.41,
  fittedOn: 'corpus/dev.jsonl (171) + dev.jsonl (165)',
};
