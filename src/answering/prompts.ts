import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatPromptTemplate } from '@langchain/core/prompts';

/** The prompt templates of `prompts/`, read once at start so that a missing file stops start-up. */
export interface Prompts {
  answer: ChatPromptTemplate;
  /** The listwise reranker's (used only when `RERANK=llm`). */
  rerank: ChatPromptTemplate;
}

/**
 * Reads the templates; LangChain's prompt module (half a second to load) is loaded only here, so a
 * process without a language model never pays for it.
 */
export async function loadPrompts(dir: string): Promise<Prompts> {
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  const { ChatPromptTemplate } = await import('@langchain/core/prompts');
  return {
    answer: ChatPromptTemplate.fromMessages(
      [
        ['system', read('answer-system.md')],
        ['human', read('answer-user.md')],
      ],
      { templateFormat: 'mustache' },
    ),
    rerank: ChatPromptTemplate.fromMessages(
      [
        ['system', read('rerank-system.md')],
        ['human', read('rerank-user.md')],
      ],
      { templateFormat: 'mustache' },
    ),
  };
}
