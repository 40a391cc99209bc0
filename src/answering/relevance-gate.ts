/**
 * The relevance gate: whether the best passages found are about the question, or the question
 * lies outside the knowledge base and must be refused. A logistic model over a few properties of
 * the search, fitted on the development splits (`npm run eval -- --fit-gate`, never by hand) and
 * reported on the test splits; its coefficients live in relevance-gate-model.ts.
 */
import { relevanceGateModel } from './relevance-gate-model.js';

/**
 * What the gate looks at, each in 0..1. The set was chosen by 5-fold cross-validation on the dev
 * points (recall@5 + refusal 1.719, against 1.679 with the top score's share, the best coverage in
 * the top ten and the top five's focus on one document as well): properties of the words matched,
 * not of scores, whose scale differs between short summaries and long OCR'd articles.
 */
export interface GateFeatures {
  /** Share of the question's weight (rare words weigh more) held by the top passage. */
  coverage: number;
  /** Share of the weight of the question's known words held by the top passage. */
  knownCoverage: number;
  /** The top passage's distinctive words (not found nearly everywhere), four or more counting 1. */
  distinctive: number;
  /** Share of the question's weight in words the knowledge base never uses ("BPJS", "sepak bola"). */
  unknownShare: number;
  /** 1 / the number of the question's concepts: a long story matches less of itself. */
  brevity: number;
}

export const gateFeatureNames = ['coverage', 'knownCoverage', 'distinctive', 'unknownShare', 'brevity'] as const;

export interface GateModel {
  weights: Record<(typeof gateFeatureNames)[number], number>;
  bias: number;
  /** The probability from which a question is answered. */
  threshold: number;
  /** Where and how it was fitted, for the README's figures. */
  fittedOn: string;
}

/** The model's probability that the search found what answers the question. */
export function gateProbability(features: GateFeatures, model: GateModel = relevanceGateModel): number {
  let z = model.bias;
  for (const name of gateFeatureNames) z += model.weights[name] * features[name];
  return 1 / (1 + Math.exp(-z));
}

export function passesGate(features: GateFeatures, model: GateModel = relevanceGateModel): boolean {
  return gateProbability(features, model) >= model.threshold;
}

/** One development question: its gate features, and whether answering it would be right. */
export interface GatePoint {
  features: GateFeatures;
  inScope: boolean;
  /** In scope and a right article among the top 5, were it answered. */
  foundAt5: boolean;
}

/**
 * Fits the gate: logistic regression (L2-regularised gradient descent) separating in-scope
 * questions whose right article was found from out-of-scope ones (in-scope questions the
 * ranking missed teach nothing about relevance and are left out), then the threshold that
 * maximises in-scope recall@5 plus out-of-scope refusal, each set weighing the same.
 */
export function fitGate(points: GatePoint[], fittedOn: string): GateModel & { objective: number } {
  const training = points.filter((p) => !p.inScope || p.foundAt5);
  const x = training.map((p) => gateFeatureNames.map((n) => p.features[n]));
  const y = training.map((p) => (p.inScope ? 1 : 0));
  // Each class weighs the same in the loss: out-of-scope questions are far fewer.
  const positives = y.filter((v) => v === 1).length || 1;
  const negatives = y.length - positives || 1;
  const classWeight = (v: number) => (v === 1 ? y.length / (2 * positives) : y.length / (2 * negatives));
  const w = gateFeatureNames.map(() => 0);
  let b = 0;
  const lambda = 1e-3;
  for (let step = 0; step < 20_000; step++) {
    const gw = w.map(() => 0);
    let gb = 0;
    x.forEach((row, i) => {
      const z = b + row.reduce((s, v, j) => s + v * w[j]!, 0);
      const error = (1 / (1 + Math.exp(-z)) - y[i]!) * classWeight(y[i]!);
      row.forEach((v, j) => (gw[j]! += error * v));
      gb += error;
    });
    const rate = 0.5;
    w.forEach((_, j) => (w[j]! -= rate * (gw[j]! / x.length + lambda * w[j]!)));
    b -= (rate * gb) / x.length;
  }
  const model: GateModel = {
    weights: Object.fromEntries(gateFeatureNames.map((n, j) => [n, round(w[j]!)])) as GateModel['weights'],
    bias: round(b),
    threshold: 0.5,
    fittedOn,
  };
  const inScope = points.filter((p) => p.inScope);
  const outOfScope = points.filter((p) => !p.inScope);
  const ratio = (a: number, n: number) => (n === 0 ? 1 : a / n);
  let best = { threshold: 0.5, objective: -1 };
  // Of equally good thresholds the lowest wins: answer rather than refuse.
  for (let t = 0.05; t <= 0.951; t += 0.01) {
    const candidate = { ...model, threshold: round(t) };
    const recall = ratio(inScope.filter((p) => p.foundAt5 && passesGate(p.features, candidate)).length, inScope.length);
    const refusal = ratio(outOfScope.filter((p) => !passesGate(p.features, candidate)).length, outOfScope.length);
    if (recall + refusal > best.objective + 1e-9) best = { threshold: candidate.threshold, objective: recall + refusal };
  }
  return { ...model, threshold: best.threshold, objective: best.objective };
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
