import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import type { Config } from '../config.js';
import type { Embedder } from '../answering/search-passages.js';

type LlmConfig = NonNullable<Config['llm']>;

/** The chat model of OpenAI or of any OpenAI-compatible server (`OPENAI_BASE_URL`). */
export function createChatModel(llm: LlmConfig): ChatOpenAI {
  return new ChatOpenAI({
    model: llm.chatModel,
    apiKey: llm.apiKey,
    configuration: { baseURL: llm.baseURL },
    temperature: 0,
    // One quick retry at most: a slow model is replaced by the extractive answer, not waited for.
    maxRetries: 1,
    timeout: llm.timeoutMs,
  });
}

/** Passage and question embeddings, when an embeddings model is configured. */
export function createEmbedder(
  llm: LlmConfig,
): (Embedder & { embedDocuments(texts: string[]): Promise<number[][]> }) | undefined {
  if (!llm.embeddingsModel) return undefined;
  const embeddings = new OpenAIEmbeddings({
    model: llm.embeddingsModel,
    apiKey: llm.apiKey,
    configuration: { baseURL: llm.baseURL },
    maxRetries: 1,
    timeout: llm.timeoutMs,
    batchSize: 64,
  });
  return {
    model: llm.embeddingsModel,
    embedQuery: (text) => embeddings.embedQuery(text),
    embedDocuments: (texts) => embeddings.embedDocuments(texts),
  };
}
