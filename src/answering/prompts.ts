import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChatPromptTemplate } from '@langchain/core/prompts';

/** The prompt templates of `prompts/`, read once at start so that a missing file stops start-up. */
export interface Prompts {
  answer: ChatPromptTemplate;
}

export function loadPrompts(dir: string): Prompts {
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  return {
    answer: ChatPromptTemplate.fromMessages(
      [
        ['system', read('answer-system.md')],
        ['human', read('answer-user.md')],
      ],
      { templateFormat: 'mustache' },
    ),
  };
}
