import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import { startFakeOpenAI, type FakeOpenAI } from './openai-server.js';

const API_KEY = 'sk-test-fake';

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
    na += (a[i] ?? 0) ** 2;
    nb += (b[i] ?? 0) ** 2;
  }
  return dot / Math.sqrt(na * nb);
}

describe('fake OpenAI server', () => {
  let fake: FakeOpenAI;
  let client: OpenAI;

  beforeEach(async () => {
    fake = await startFakeOpenAI({ requireApiKey: API_KEY });
    client = new OpenAI({ apiKey: API_KEY, baseURL: `${fake.url}/v1`, maxRetries: 0 });
  });
  afterEach(async () => {
    await fake.close();
  });

  describe('openai client', () => {
    it('chat completion: default reply, model echo, usage, recorded request', async () => {
      const res = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Halo apa kabar' }],
      });
      expect(res.object).toBe('chat.completion');
      expect(res.id).toMatch(/^chatcmpl-/);
      expect(res.model).toBe('gpt-4o-mini');
      expect(res.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'OK' });
      expect(res.choices[0]?.finish_reason).toBe('stop');
      expect(res.usage?.total_tokens).toBe((res.usage?.prompt_tokens ?? 0) + (res.usage?.completion_tokens ?? 0));
      expect(res.usage?.completion_tokens).toBe(1);

      expect(fake.requests).toHaveLength(1);
      const req = fake.requests[0]!;
      expect(req.path).toBe('/v1/chat/completions');
      expect(req.body.messages[0].content).toBe('Halo apa kabar');
      expect(req.headers.authorization).toBe(`Bearer ${API_KEY}`);
    });

    it('chat completion: onChat handler decides the reply; streaming yields chunks and [DONE]', async () => {
      fake.onChat(async (body) => `Jawaban untuk: ${body.messages.at(-1).content}`);
      const res = await client.chat.completions.create({
        model: 'gpt-4.1',
        messages: [{ role: 'user', content: 'cuti' }],
      });
      expect(res.choices[0]?.message.content).toBe('Jawaban untuk: cuti');
      expect(res.model).toBe('gpt-4.1');

      const stream = await client.chat.completions.create({
        model: 'gpt-4.1',
        messages: [{ role: 'user', content: 'pns' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = '';
      let chunks = 0;
      let finish: string | null | undefined;
      let usage: OpenAI.CompletionUsage | null | undefined;
      for await (const chunk of stream) {
        expect(chunk.object).toBe('chat.completion.chunk');
        chunks++;
        text += chunk.choices[0]?.delta.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
        if (chunk.usage) usage = chunk.usage;
      }
      expect(text).toBe('Jawaban untuk: pns');
      expect(chunks).toBeGreaterThan(3);
      expect(finish).toBe('stop');
      expect(usage?.completion_tokens).toBe(3);
    });

    it('embeddings: default (base64) path decodes to the same floats as encoding_format float', async () => {
      const b64 = await client.embeddings.create({
        model: 'text-embedding-3-small',
        input: ['cuti melahirkan', 'netralitas pemilu'],
      });
      // The client asks for base64 by default and decodes it itself.
      expect(fake.requests[0]!.body.encoding_format).toBe('base64');
      expect(b64.object).toBe('list');
      expect(b64.model).toBe('text-embedding-3-small');
      expect(b64.data.map((d) => d.index)).toEqual([0, 1]);
      expect(b64.data[0]!.embedding).toHaveLength(64);
      expect(Array.isArray(b64.data[0]!.embedding)).toBe(true);

      const flt = await client.embeddings.create({
        model: 'text-embedding-3-small',
        input: ['cuti melahirkan', 'netralitas pemilu'],
        encoding_format: 'float',
      });
      expect(flt.data[0]!.embedding).toEqual(b64.data[0]!.embedding);
      expect(flt.data[1]!.embedding).toEqual(b64.data[1]!.embedding);
      expect(cosine(flt.data[0]!.embedding, flt.data[0]!.embedding)).toBeCloseTo(1, 5);
      expect(flt.usage.prompt_tokens).toBe(4);

      const dims = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'abc', dimensions: 16 });
      expect(dims.data[0]!.embedding).toHaveLength(16);

      const tokens = await client.embeddings.create({
        model: 'text-embedding-3-small',
        input: [
          [1, 2, 3],
          [4, 5],
        ],
      });
      expect(tokens.data).toHaveLength(2);
    });

    it('models list', async () => {
      const page = await client.models.list();
      expect(page.data).toHaveLength(1);
      expect(page.data[0]).toMatchObject({ object: 'model', id: 'gpt-4o-mini' });
    });

    it('rejects a wrong API key with 401 invalid_api_key', async () => {
      const bad = new OpenAI({ apiKey: 'sk-wrong', baseURL: `${fake.url}/v1`, maxRetries: 0 });
      const err = await bad.models.list().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
      const e = err as InstanceType<typeof OpenAI.AuthenticationError>;
      expect(e.status).toBe(401);
      expect(e.code).toBe('invalid_api_key');
      expect(e.type).toBe('invalid_request_error');
      expect(e.message).toContain('Incorrect API key provided');
    });

    it('a 500 failure surfaces as an InternalServerError', async () => {
      fake.failNext(1, { status: 500, message: 'boom' });
      const err = await client.chat.completions
        .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.InternalServerError);
      expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(500);
      expect((err as Error).message).toContain('boom');
      expect((err as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({
        message: 'boom',
        type: 'server_error',
        param: null,
      });
      // The failure was consumed: the next request succeeds.
      const ok = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] });
      expect(ok.choices[0]?.message.content).toBe('OK');
    });

    it('a 429 carries retry-after; with retries the client honours it and succeeds', async () => {
      fake.failNext(1, { status: 429, message: 'Rate limit reached', retryAfterSeconds: 7 });
      const err = await client.embeddings.create({ model: 'm', input: 'x' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.RateLimitError);
      const e = err as InstanceType<typeof OpenAI.RateLimitError>;
      expect(e.status).toBe(429);
      expect(e.headers.get('retry-after')).toBe('7');
      expect(e.code).toBe('rate_limit_exceeded');

      const retrying = new OpenAI({ apiKey: API_KEY, baseURL: `${fake.url}/v1`, maxRetries: 1 });
      fake.failNext(1, { status: 429, retryAfterSeconds: 0.05 });
      const before = fake.requests.length;
      const t0 = Date.now();
      const res = await retrying.embeddings.create({ model: 'm', input: 'x' });
      expect(res.data).toHaveLength(1);
      expect(fake.requests.length - before).toBe(2);
      expect(Date.now() - t0).toBeLessThan(400); // used retry-after (50 ms), not the default back-off
    });

    it('times out when the response is delayed beyond the client timeout', async () => {
      fake.failNext(1, { delayMs: 2_000 });
      const t0 = Date.now();
      const err = await client.chat.completions
        .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }, { timeout: 100 })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
      expect(Date.now() - t0).toBeLessThan(1_000);
    });

    it('a short delay still answers normally', async () => {
      fake.failNext(1, { delayMs: 30 });
      const res = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] });
      expect(res.choices[0]?.message.content).toBe('OK');
    });

    it('close() is prompt even with a hanging request in flight', async () => {
      fake.failNext(1, { delayMs: 60_000 });
      const pending = client.models.list().then(
        () => 'resolved',
        (e: unknown) => e,
      );
      while (fake.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
      const t0 = Date.now();
      await fake.close();
      expect(Date.now() - t0).toBeLessThan(500);
      expect(await pending).toBeInstanceOf(OpenAI.APIConnectionError);
    });
  });

  describe('LangChain @langchain/openai', () => {
    it('ChatOpenAI.invoke (non-streaming) and ChatOpenAI.stream (SSE)', async () => {
      fake.onChat((body) => `Dijawab oleh ${body.model}`);
      const llm = new ChatOpenAI({
        model: 'gpt-4o-mini',
        apiKey: API_KEY,
        maxRetries: 0,
        configuration: { baseURL: `${fake.url}/v1` },
      });
      const msg = await llm.invoke('Berapa lama cuti melahirkan?');
      expect(msg.content).toBe('Dijawab oleh gpt-4o-mini');
      expect(msg.usage_metadata?.output_tokens).toBe(3);
      expect(fake.requests.at(-1)!.body.messages).toEqual([{ role: 'user', content: 'Berapa lama cuti melahirkan?' }]);

      // Note: `streaming: true` + invoke() makes LangChain estimate tokens with tiktoken, which
      // downloads its ranks from tiktoken.pages.dev (hangs offline) -- so exercise SSE via stream().
      let text = '';
      let outputTokens: number | undefined;
      for await (const chunk of await llm.stream('halo')) {
        text += typeof chunk.content === 'string' ? chunk.content : '';
        outputTokens = chunk.usage_metadata?.output_tokens ?? outputTokens;
      }
      expect(fake.requests.at(-1)!.body.stream).toBe(true);
      expect(text).toBe('Dijawab oleh gpt-4o-mini');
      expect(outputTokens).toBe(3);
    });

    it('ChatOpenAI surfaces a 500 as an error', async () => {
      fake.failNext(1, { status: 500, message: 'upstream down' });
      const llm = new ChatOpenAI({
        model: 'gpt-4o-mini',
        apiKey: API_KEY,
        maxRetries: 0,
        configuration: { baseURL: `${fake.url}/v1` },
      });
      await expect(llm.invoke('x')).rejects.toThrow(/upstream down/);
    });

    it('OpenAIEmbeddings.embedDocuments/embedQuery and similarity ordering', async () => {
      const emb = new OpenAIEmbeddings({
        model: 'text-embedding-3-small',
        apiKey: API_KEY,
        configuration: { baseURL: `${fake.url}/v1` },
      });
      const [pns, pemilu] = await emb.embedDocuments(['Ketentuan cuti melahirkan PNS', 'Netralitas ASN dalam pemilu']);
      const query = await emb.embedQuery('berapa lama cuti melahirkan');
      expect(query).toHaveLength(64);
      expect(pns).toHaveLength(64);
      expect(cosine(query, pns!)).toBeGreaterThan(cosine(query, pemilu!));
      expect(cosine(query, pns!)).toBeGreaterThanOrEqual(0.4);

      const [a, b, c] = await emb.embedDocuments(['cuti melahirkan', 'cuti melahirkan pns', 'netralitas pemilu']);
      expect(cosine(a!, b!)).toBeGreaterThan(cosine(a!, c!));
      // Deterministic.
      expect(await emb.embedQuery('cuti melahirkan')).toEqual(a);
      // Light Indonesian affix stripping: "kelahiran" ~ "melahirkan".
      const lahir = await emb.embedQuery('kelahiran');
      expect(cosine(lahir, a!)).toBeGreaterThan(cosine(lahir, c!));
    });
  });
});

describe('fake OpenAI server options', () => {
  it('custom dimensions; no API key required when not configured', async () => {
    const fake = await startFakeOpenAI({ dimensions: 8 });
    try {
      const client = new OpenAI({ apiKey: 'anything', baseURL: `${fake.url}/v1`, maxRetries: 0 });
      const res = await client.embeddings.create({ model: 'm', input: 'cuti melahirkan' });
      expect(res.data[0]!.embedding).toHaveLength(8);
      const norm = Math.sqrt(res.data[0]!.embedding.reduce((s, x) => s + x * x, 0));
      expect(norm).toBeCloseTo(1, 5);
    } finally {
      await fake.close();
    }
  });
});
