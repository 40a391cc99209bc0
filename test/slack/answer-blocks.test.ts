// An answer in Block Kit: escaped, the cited articles in bold, citations as context blocks, and a
// long answer split into messages Slack accepts (checked by the fake Slack Web API's own limits).
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answering/answer-types.js';
import { answerMessages, answerMrkdwn, withoutButtons } from '../../src/channels/slack/answer-blocks.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-server.js';
import { silentSlackLogger } from '../helpers/silent-logger.js';
import { buttonsOf, shownText } from './slack-events.js';

const citation = {
  source: 'pp-94-2021-disiplin-pns.md',
  title: 'PP 94/2021 tentang Disiplin PNS',
  regulation: 'PP 94/2021',
  section: 'Pasal 1',
  snippet: 'Pelanggaran disiplin adalah setiap ucapan, tulisan, atau perbuatan PNS <!channel>.',
};
const answered = (text: string, extra: Partial<Answer> = {}): Answer => ({
  answer: text,
  grounded: true,
  citations: [citation, { ...citation, section: 'Pasal 10' }],
  mode: 'extractive',
  reason: 'answered',
  logId: 42,
  ...extra,
});

describe('answerMessages', () => {
  let fake: FakeSlack;
  let client: WebClient;
  beforeAll(async () => {
    fake = await startFakeSlack();
    client = new WebClient(fake.token, {
      slackApiUrl: `${fake.url}/api/`,
      retryConfig: { retries: 0 },
      logger: silentSlackLogger,
    });
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('bolds each cited article once, never the start of a longer number, and escapes what could ping', () => {
    const text = answerMrkdwn(answered('Menurut PP 94/2021 Pasal 1 dan PP 94/2021 Pasal 10, <!here> & semua.'));
    expect(text).toBe('Menurut *PP 94/2021 Pasal 1* dan *PP 94/2021 Pasal 10*, &lt;!here&gt; &amp; semua.');
    const onlyFirst = answerMrkdwn({ answer: 'Lihat PP 94/2021 Pasal 10 dan PP 94/2021 Pasal 1.', citations: [citation] });
    expect(onlyFirst).toBe('Lihat PP 94/2021 Pasal 10 dan *PP 94/2021 Pasal 1*.');
  });

  it('shows the citations with a short quote and the buttons on the last message', () => {
    const [message] = answerMessages(answered('Jawaban singkat.'), { rate: true, handover: true });
    const shown = shownText(message!);
    expect(shown).toContain('📘 *PP 94/2021 Pasal 1* — PP 94/2021 tentang Disiplin PNS');
    expect(shown).toContain('&lt;!channel&gt;');
    expect(buttonsOf(message!)).toEqual(['answer_rate_up', 'answer_rate_down', 'answer_handover']);
    // A refusal is not rated; an unusable question is not handed to HR either.
    const refused = { ...answered('Maaf.'), grounded: false, citations: [], reason: 'not_found' as const };
    expect(buttonsOf(answerMessages(refused, { rate: true, handover: true })[0]!)).toEqual(['answer_handover']);
    expect(
      answerMessages({ ...refused, reason: 'injection' }, { rate: true, handover: true })[0]!.blocks.some(
        (b) => b.type === 'actions',
      ),
    ).toBe(false);
  });

  it('splits an answer of 200,000 characters into messages Slack accepts, every part posted, the buttons once at the end', async () => {
    const paragraph = `${'Kalimat panjang tentang disiplin PNS. '.repeat(70)}`;
    const messages = answerMessages(answered(Array(75).fill(paragraph).join('\n\n')), { rate: true, handover: true });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(50);
      await client.chat.postMessage({ channel: 'C_HR', ...m });
    }
    const posted = fake.messages('C_HR');
    expect(posted).toHaveLength(messages.length);
    expect(posted.filter((m) => buttonsOf(m).length > 0)).toEqual([posted.at(-1)]);
  });

  it('takes used buttons out and leaves a line in their place', () => {
    const [message] = answerMessages(answered('Jawaban.'), { rate: true, handover: true });
    const after = withoutButtons(message!.blocks, ['answer_rate_up', 'answer_rate_down'], 'Terima kasih');
    expect(buttonsOf({ blocks: after })).toEqual(['answer_handover']);
    expect(shownText({ blocks: after })).toContain('Terima kasih');
    expect(buttonsOf({ blocks: withoutButtons(after, ['answer_handover']) })).toEqual([]);
  });
});
