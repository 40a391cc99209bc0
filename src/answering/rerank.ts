/**
 * An optional second opinion on the order of the best passages, off by default (`RERANK`):
 * - `llm`: the configured OpenAI-compatible chat model ranks the top passages listwise;
 * - `endpoint`: a `/rerank` endpoint as self-hosted rerankers serve it (Cohere's and Jina's
 *   request and response, also served by vLLM, llama.cpp and Infinity).
 * The lexical ranking stays the fallback: a reranker that fails, is slow or answers nonsense
 * leaves the order as it was. It reorders, it never adds a passage or changes the relevance gate.
 */
import { randomBytes } from 'node:crypto';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { UnreachableError, UpstreamError } from '../errors.js';
import { askChatModel } from '../llm/ask-chat-model.js';
import { attribute, neutralize } from './compose-with-llm.js';
import type { Prompts } from './prompts.js';

/** What a reranker reads of a passage. */
export interface RerankCandidate {
  label: string;
  text: string;
}

export interface Reranker {
  /** `llm:<model>` or `endpoint:<url>`, for logs. */
  name: string;
  /** How many of the best passages it reorders. */
  depth: number;
  /** The candidates' indices, most relevant first (a permutation of 0..n-1). */
  rerank(question: string, candidates: RerankCandidate[]): Promise<number[]>;
}

/** A passage is cut to this many characters for the reranker: its heading and opening carry it. */
const maxCandidateChars = 1_200;

/** Listwise reranking by a chat model: one call, the passages numbered, a JSON ranking back. */
export function createChatReranker(options: {
  model: BaseChatModel;
  modelName: string;
  prompts: Prompts;
  timeoutMs: number;
  depth?: number;
}): Reranker {
  return {
    name: `llm:${options.modelName}`,
    depth: options.depth ?? 20,
    async rerank(question, candidates) {
      const fence = randomBytes(6).toString('hex');
      const passages = candidates
        .map(
          (c, i) =>
            `<passage-${fence} number="${i + 1}" article="${attribute(c.label, fence)}">\n${neutralize(c.text.slice(0, maxCandidateChars), fence)}\n</passage-${fence}>`,
        )
        .join('\n\n');
      const messages = await options.prompts.rerank.formatMessages({ passages, fence, question: neutralize(question, fence) });
      const content = await askChatModel(options.model, messages, options.timeoutMs);
      return completeOrder(
        parseChatRanking(content).map((n) => n - 1),
        candidates.length,
      );
    },
  };
}

/** `{"ranking": [3, 1, 2]}`, also inside a code fence or prose; numbers are 1-based. */
export function parseChatRanking(content: string): number[] {
  const json = /\{[\s\S]*\}/.exec(content)?.[0];
  if (json) {
    try {
      const value = JSON.parse(json) as { ranking?: unknown };
      if (Array.isArray(value.ranking)) return value.ranking.filter((n): n is number => Number.isInteger(n));
    } catch {
      // not JSON after all: read the numbers below
    }
  }
  return [...content.matchAll(/\d{1,3}/g)].map((m) => Number(m[0]));
}

/** A `/rerank` endpoint: `{model, query, documents, top_n}` -> `{results: [{index, relevance_score}]}`. */
export function createEndpointReranker(options: {
  url: string;
  model?: string;
  apiKey?: string;
  timeoutMs: number;
  depth?: number;
}): Reranker {
  return {
    name: `endpoint:${options.url}`,
    depth: options.depth ?? 20,
    async rerank(question, candidates) {
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
          },
          body: JSON.stringify({
            ...(options.model ? { model: options.model } : {}),
            query: question,
            documents: candidates.map((c) => `${c.label}\n${c.text.slice(0, maxCandidateChars)}`),
            top_n: candidates.length,
          }),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        throw new UnreachableError('rerank', (error as Error).message, { cause: error });
      }
      if (!response.ok) throw new UpstreamError('rerank', `HTTP ${response.status}`, response.status);
      const body = (await response.json().catch(() => undefined)) as
        | { results?: { index?: unknown; relevance_score?: unknown; score?: unknown }[] }
        | { index?: unknown; score?: unknown }[]
        | undefined;
      // Cohere/Jina/vLLM: {results: [...]}; Hugging Face TEI: a bare array with `score`.
      const results = Array.isArray(body) ? body : (body?.results ?? []);
      const scored = results
        .map((r) => ({ index: Number(r.index), score: Number('relevance_score' in r ? r.relevance_score : r.score) }))
        .filter((r) => Number.isInteger(r.index) && Number.isFinite(r.score))
        .sort((a, b) => b.score - a.score);
      return completeOrder(
        scored.map((r) => r.index),
        candidates.length,
      );
    },
  };
}

/**
 * A reranker's order made whole: indices out of range or repeated are dropped, candidates it left
 * out follow in their original order. An order with nothing valid is the original order.
 */
export function completeOrder(order: number[], n: number): number[] {
  const seen = new Set<number>();
  const result: number[] = [];
  for (const i of order) {
    if (!Number.isInteger(i) || i < 0 || i >= n || seen.has(i)) continue;
    seen.add(i);
    result.push(i);
  }
  for (let i = 0; i < n; i++) if (!seen.has(i)) result.push(i);
  return result;
}
