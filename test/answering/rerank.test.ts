/**
 * The optional reranker, end to end through the real clients and a fake OpenAI-compatible server
 * (vLLM's /v1/rerank and /v1/chat/completions): it reorders what the employee is cited, it is sent
 * the question and the best passages, and when it fails or talks nonsense the lexical order stands.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerQuestion, type AnsweringDeps } from '../../src/answering/answer-question.js';
import { LexiconCache } from '../../src/answering/lexicon.js';
import { loadPrompts, type Prompts } from '../../src/answering/prompts.js';
import {
  completeOrder,
  createChatReranker,
  createEndpointReranker,
  parseChatRanking,
  type Reranker,
} from '../../src/answering/rerank.js';
import { loadConfig, ConfigError } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { createChatModel } from '../../src/llm/openai-models.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.js';
import { loadKnowledge } from '../helpers/knowledge.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

const promptsDir = fileURLToPath(new URL('../../prompts/', import.meta.url));
const question = 'bolos 5 hari kerja dalam setahun kena hukuman apa?';

describe.each(backends)('reranking the best passages (%s)', (backend) => {
  let db: Database;
  let fake: FakeOpenAI;
  let prompts: Prompts;
  let lexicons: LexiconCache;
  const warnings: unknown[] = [];
  const logger = { ...silentLogger, warn: (o: unknown) => void warnings.push(o) } as unknown as AnsweringDeps['logger'];
  const deps = (reranker?: Reranker): AnsweringDeps => ({ db, lexicons, logger, maxQuestionChars: 2_000, reranker });
  const endpoint = () => createEndpointReranker({ url: `${fake.url}/v1/rerank`, model: 'bge-reranker', timeoutMs: 2_000 });
  const chat = () =>
    createChatReranker({
      model: createChatModel({ apiKey: 'test', baseURL: `${fake.url}/v1`, chatModel: 'gpt-test', timeoutMs: 2_000 }),
      modelName: 'gpt-test',
      prompts,
      timeoutMs: 2_000,
    });
  const cited = async (reranker?: Reranker) =>
    (await answerQuestion(deps(reranker), { question, channel: 'test' })).citations.map((c) => `${c.regulation} ${c.section}`);

  beforeAll(async () => {
    [db, fake] = await Promise.all([openTestDatabase(backend), startFakeOpenAI()]);
    await loadKnowledge(db);
    prompts = await loadPrompts(promptsDir);
    lexicons = new LexiconCache(db);
  });
  afterAll(async () => {
    await fake?.close();
    await db?.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
    warnings.length = 0;
    fake.onChat(() => 'OK');
    fake.onRerank((q, documents) => documents.map(() => 0));
  });

  it('cites first what a /rerank endpoint ranks first, and sends it the question and up to 20 passages', async () => {
    const lexical = await cited();
    expect(lexical[0]).toMatch(/PP 94\/2021 Pasal 9/);
    // The reranker prefers the article on the next band (Pasal 10): the answer follows it.
    fake.onRerank((_q, documents) => documents.map((d) => (d.startsWith('PP 94/2021 Pasal 10') ? 1 : 0)));
    const reranked = await cited(endpoint());
    expect(reranked[0]).toMatch(/^PP 94\/2021 Pasal 10/);
    const request = fake.requests.find((r) => r.path === '/v1/rerank')!;
    expect(request.body.query).toBe(question);
    expect(request.body.model).toBe('bge-reranker');
    expect(request.body.documents.length).toBeGreaterThan(1);
    expect(request.body.documents.length).toBeLessThanOrEqual(20);
    expect(warnings).toEqual([]);
  });

  it('cites first what the chat model ranks first (listwise, JSON), the passages fenced as data', async () => {
    let asked = '';
    fake.onChat((body: { messages: { content: string }[] }) => {
      asked = body.messages.map((m) => m.content).join('\n');
      const numbers = [...asked.matchAll(/number="(\d+)" article="([^"]*)"/g)];
      const wanted = numbers.find((m) => m[2]!.startsWith('PP 94/2021 Pasal 11'));
      return `Berikut urutannya:\n\`\`\`json\n{"ranking": [${wanted![1]}]}\n\`\`\``;
    });
    expect((await cited(chat()))[0]).toMatch(/^PP 94\/2021 Pasal 11/);
    expect(asked).toContain('You rank passages');
    expect(asked).toMatch(/<question-[0-9a-f]{12}>\nbolos 5 hari/);
  });

  it('keeps the lexical order, and still answers, when the reranker fails, is slow or talks nonsense', async () => {
    const lexical = await cited();
    fake.failNext(1, { status: 500 });
    expect(await cited(endpoint())).toEqual(lexical);
    expect(warnings).toHaveLength(1);
    fake.failNext(1, { delayMs: 3_000 });
    expect(await cited(endpoint())).toEqual(lexical);
    fake.onChat(() => 'Saya tidak tahu.');
    expect(await cited(chat())).toEqual(lexical);
  });

  it('changes nothing when it is off', async () => {
    await cited();
    expect(fake.requests).toEqual([]);
  });
});

describe('reading a reranker reply', () => {
  it('reads a JSON ranking inside prose and completes a partial or repeated order', () => {
    expect(parseChatRanking('ok: {"ranking": [3, 1]} done')).toEqual([3, 1]);
    expect(parseChatRanking('3 > 1 > 2')).toEqual([3, 1, 2]);
    expect(completeOrder([2, 2, 9, -1, 0], 4)).toEqual([2, 0, 1, 3]);
    expect(completeOrder([], 3)).toEqual([0, 1, 2]);
  });

  it('is configured from the environment, and a missing setting is named', () => {
    expect(loadConfig({}).rerank).toBeUndefined();
    expect(loadConfig({ RERANK: 'endpoint', RERANK_URL: 'http://127.0.0.1:8080/v1/rerank' }).rerank).toMatchObject({
      mode: 'endpoint',
      depth: 20,
    });
    expect(() => loadConfig({ RERANK: 'endpoint' })).toThrow(ConfigError);
    expect(() => loadConfig({ RERANK: 'endpoint' })).toThrow(/RERANK_URL/);
    expect(() => loadConfig({ RERANK: 'llm' })).toThrow(/OPENAI_API_KEY/);
    expect(loadConfig({ RERANK: 'llm', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' }).rerank).toMatchObject({ mode: 'llm' });
  });
});
