// The Slack app answering questions, end to end: the real Bolt app on a Hono server, signed
// requests as Slack sends them, the fake Slack Web API, the default knowledge base, and answers
// composed by a chat model behind the fake OpenAI server (a reply that cites no passage falls back
// to quoting the passages, as in production). On both database backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQualityFigures } from '../../src/admin/quality/quality-figures.js';
import { loadReviewQueue } from '../../src/admin/quality/review-queue.js';
import { searchingStatus, suggestedPrompts } from '../../src/channels/slack/slack-assistant.js';
import { absenceRule } from '../../src/flags/flag-rules.js';
import { raiseFlag } from '../../src/flags/raise-flag.js';
import { postToSlackEndpoint } from '../helpers/slack-requests.js';
import { waitUntil } from '../helpers/telegram.js';
import { backends } from '../helpers/test-database.js';
import { dm, secret, startSlackHarness, users, type SlackHarness } from './slack-harness.js';
import {
  asnCommand,
  assistantThreadStarted,
  buttonsOf,
  dmEvent,
  eventCallback,
  mentionEvent,
  pressOn,
  shownText,
} from './slack-events.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const absenceQuestion = 'PNS bolos 5 hari sanksinya apa?';
/** A citation line of PP 94/2021 Pasal 9 (the light penalties, where the absence bands of 3-10 days are). */
const citesPasal9 = /📘 \*PP 94\/2021 Pasal 9( ayat \(2\))?\*/;

describe.each(backends)('questions on Slack (%s)', (backend) => {
  let h: SlackHarness;
  const send = (body: Parameters<typeof postToSlackEndpoint>[2], options?: Parameters<typeof postToSlackEndpoint>[3]) =>
    postToSlackEndpoint(h.endpoint, secret, body, options);
  const chatRequests = () => h.openai!.requests.filter((r) => r.path === '/v1/chat/completions');

  beforeAll(async () => {
    h = await startSlackHarness(backend, { answering: true });
    h.slack.addChannel('C_UMUM', { name: 'umum' });
  });
  afterAll(async () => {
    await h?.close();
  });

  const logOf = (asker: { id: string }) =>
    h.db.prisma.questionLog.findMany({ where: { asker: `slack:T0TEST:${asker.id}` }, orderBy: { id: 'asc' } });

  it('answers a DM question once, with the regulation and Pasal it rests on and the rating buttons', async () => {
    // Orang Lain is no employee on record: regulations are public, anyone in the workspace may ask.
    const typed = h.slack.userTyped(dm(users.stranger), users.stranger.id, absenceQuestion);
    expect((await send(dmEvent(typed))).status).toBe(200);
    const [answer] = await h.slack.waitForMessages(dm(users.stranger), 1, 10_000);
    await sleep(300);
    expect(h.slack.messages(dm(users.stranger))).toHaveLength(1);
    expect(answer!.thread_ts).toBeUndefined(); // a DM is answered in the DM itself
    const shown = shownText(answer!);
    expect(shown).toContain('teguran');
    expect(shown).toMatch(citesPasal9);
    expect(buttonsOf(answer!)).toEqual(['answer_rate_up', 'answer_rate_down', 'answer_handover']);
    const [logged] = await logOf(users.stranger);
    expect(logged).toMatchObject({ channel: 'slack', grounded: true, question: absenceQuestion, rating: null });
  });

  it('answers a question retried by Slack, or delivered as two events, once', async () => {
    const typed = h.slack.userTyped(dm(users.andi), users.andi.id, 'Berapa hari hak cuti tahunan PNS?');
    const event = dmEvent(typed);
    expect((await send(event)).status).toBe(200);
    // Slack's retry: the same event, signed anew, with X-Slack-Retry-Num; and the same message as a mention.
    const retry = await send(event, {
      timestamp: Math.floor(Date.now() / 1000) + 1,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    expect((await send(mentionEvent(typed))).status).toBe(200);
    await h.slack.waitForMessages(dm(users.andi), 1, 10_000);
    await sleep(800);
    expect(h.slack.messages(dm(users.andi))).toHaveLength(1);
    expect(await logOf(users.andi)).toHaveLength(1);
  });

  it('ignores its own messages and other bots', async () => {
    const before = h.slack.messages().length;
    const own = h.slack.userTyped(dm(users.sri), h.slack.botUserId, 'Jawaban sebelumnya');
    await send(
      eventCallback({
        type: 'message',
        channel: dm(users.sri),
        user: h.slack.botUserId,
        bot_id: h.slack.botId,
        text: own.text,
        ts: own.ts,
        channel_type: 'im',
      }),
    );
    await send(
      eventCallback({
        type: 'message',
        subtype: 'bot_message',
        channel: dm(users.sri),
        bot_id: 'B0LAIN',
        text: 'PNS bolos?',
        ts: `${own.ts}1`,
        channel_type: 'im',
      }),
    );
    await send(
      eventCallback({
        type: 'message',
        channel: dm(users.sri),
        user: 'U0BOTLAIN',
        bot_id: 'B0LAIN',
        text: 'PNS bolos?',
        ts: `${own.ts}2`,
        channel_type: 'im',
      }),
    );
    await sleep(800);
    expect(h.slack.messages()).toHaveLength(before);
  });

  it('answers a mention in its thread, and a follow-up there with the earlier turn as history', async () => {
    const mention = h.slack.userTyped('C_UMUM', users.sri.id, `<@${h.slack.botUserId}> ${absenceQuestion}`);
    await send(mentionEvent(mention));
    const [first] = await h.slack.waitForMessages('C_UMUM', 1, 10_000);
    expect(first!.thread_ts).toBe(mention.ts);
    expect(shownText(first!)).toMatch(/PP 94\/2021 Pasal 9\b/);
    // The app's mention is not part of the question.
    expect((await logOf(users.sri)).at(-1)!.question).toBe(absenceQuestion);

    h.openai!.requests.length = 0;
    h.openai!.onChat(() => 'Untuk 12 hari, hukumannya pemotongan tunjangan kinerja 25% selama 6 bulan [1].');
    const followUp = h.slack.userTyped('C_UMUM', users.sri.id, `<@${h.slack.botUserId}> kalau tidak masuk 12 hari?`, mention.ts);
    await send(mentionEvent(followUp));
    const thread = await h.slack.waitForMessages('C_UMUM', 2, 10_000);
    expect(thread[1]!.thread_ts).toBe(mention.ts);
    expect(shownText(thread[1]!)).toContain('pemotongan tunjangan kinerja 25% selama 6 bulan');
    // The model saw the first question and its answer before the follow-up.
    const prompt = JSON.stringify(chatRequests().at(-1)!.body.messages);
    expect(prompt).toContain(absenceQuestion);
    expect(prompt.indexOf(absenceQuestion)).toBeLessThan(prompt.indexOf('kalau tidak masuk 12 hari'));
    h.openai!.onChat(() => 'OK');
  });

  it('hands a question to the HR channel with a link to the thread, once, for the asker only', async () => {
    const mention = h.slack.userTyped('C_UMUM', users.bambang.id, `<@${h.slack.botUserId}> Apa larangan PNS menerima hadiah?`);
    await send(mentionEvent(mention));
    await waitUntil(() => h.slack.messages('C_UMUM').some((m) => m.thread_ts === mention.ts), 'the answer', 10_000);
    const answer = h.slack.messages('C_UMUM').find((m) => m.thread_ts === mention.ts)!;
    const hrBefore = h.slack.messages('C_HR').length;

    // Sri, who did not ask, is refused; Bambang's press reaches HR with the link, a second one does not.
    await send(pressOn(h.slack, { user: users.sri.id, actionId: 'answer_handover', message: answer }));
    await waitUntil(() => h.slack.ephemerals('C_UMUM').some((e) => e.user === users.sri.id), 'Sri told');
    expect(h.slack.ephemerals('C_UMUM').at(-1)!.text).toBe('Hanya penanya yang dapat meneruskan pertanyaan ini ke tim SDM.');
    await send(pressOn(h.slack, { user: users.bambang.id, actionId: 'answer_handover', message: answer }));
    const [handed] = (await h.slack.waitForMessages('C_HR', hrBefore + 1)).slice(hrBefore);
    const text = shownText(handed!);
    expect(text).toContain(`<@${users.bambang.id}>`);
    expect(text).toContain('Apa larangan PNS menerima hadiah?');
    expect(text).toContain(`https://asisten-asn-test.slack.com/archives/C_UMUM/p${answer.ts.replace('.', '')}`);
    await waitUntil(() => !buttonsOf(answer).includes('answer_handover'), 'the button gone');
    expect(shownText(answer)).toContain('sudah diteruskan ke tim SDM di <#C_HR>');
    await send(
      pressOn(h.slack, {
        user: users.bambang.id,
        actionId: 'answer_handover',
        message: {
          ...answer,
          blocks: [
            { type: 'actions', elements: [{ type: 'button', action_id: 'answer_handover', value: buttonValueOf(answer) }] },
          ],
        },
      }),
    );
    await waitUntil(
      () => h.slack.ephemerals('C_UMUM').some((e) => e.text === 'Pertanyaan ini sudah diteruskan ke tim SDM.'),
      'told once is enough',
    );
    expect(h.slack.messages('C_HR')).toHaveLength(hrBefore + 1);
  });

  it('refuses an out-of-scope question in the same words as Telegram, without rating buttons, and records it for HR', async () => {
    const typed = h.slack.userTyped(dm(users.bambang), users.bambang.id, 'Siapa juara piala dunia sepak bola 2022?');
    await send(dmEvent(typed));
    const [answer] = await h.slack.waitForMessages(dm(users.bambang), 1, 10_000);
    expect(shownText(answer!)).toContain(
      'basis pengetahuan belum memuat jawaban untuk pertanyaan ini, jadi saya tidak akan menebak',
    );
    expect(shownText(answer!)).not.toContain('📘');
    // Nothing to rate; HR may still be asked.
    expect(buttonsOf(answer!)).toEqual(['answer_handover']);
    expect((await logOf(users.bambang)).at(-1)).toMatchObject({ grounded: false, reason: 'not_found' });
    expect((await loadReviewQueue(h.db)).some((g) => g.question === 'Siapa juara piala dunia sepak bola 2022?')).toBe(true);
  });

  it("takes the asker's 👎 once, shows it on the message, and puts it in HR's quality review", async () => {
    const typed = h.slack.userTyped(dm(users.sri), users.sri.id, 'Bolehkah PNS menjadi anggota partai politik?');
    await send(dmEvent(typed));
    const [answer] = await h.slack.waitForMessages(dm(users.sri), 1, 10_000);
    const logId = (await logOf(users.sri)).at(-1)!.id;
    const downBefore = (await loadQualityFigures(h.db, new Date())).thumbsDown;

    // Someone else pressing (the message forwarded, a forged press) is refused and changes nothing.
    await send(pressOn(h.slack, { user: users.andi.id, actionId: 'answer_rate_up', message: answer! }));
    await waitUntil(() => h.slack.ephemerals(dm(users.sri)).some((e) => e.user === users.andi.id), 'Andi told');
    expect(h.slack.ephemerals(dm(users.sri)).at(-1)!.text).toBe('Hanya penanya yang dapat menilai jawaban ini.');
    expect((await h.db.prisma.questionLog.findUniqueOrThrow({ where: { id: logId } })).rating).toBeNull();

    const down = pressOn(h.slack, { user: users.sri.id, actionId: 'answer_rate_down', message: answer! });
    await send(down);
    await waitUntil(
      async () => (await h.db.prisma.questionLog.findUniqueOrThrow({ where: { id: logId } })).rating === -1,
      'the rating',
    );
    await waitUntil(() => !buttonsOf(answer!).includes('answer_rate_down'), 'the rating buttons gone');
    expect(shownText(answer!)).toContain('Terima kasih. Jawaban ini akan ditinjau tim SDM 👎');
    expect(buttonsOf(answer!)).toEqual(['answer_handover']);
    // A second press (a double tap on a copy not yet updated) keeps the first rating.
    await send(
      pressOn(h.slack, {
        user: users.sri.id,
        actionId: 'answer_rate_up',
        message: { ...answer!, blocks: down.payload.message!.blocks },
      }),
    );
    await waitUntil(
      () => h.slack.ephemerals(dm(users.sri)).some((e) => e.text === 'Penilaian sudah tercatat; penilaian pertama yang berlaku.'),
      'told',
    );
    expect((await h.db.prisma.questionLog.findUniqueOrThrow({ where: { id: logId } })).rating).toBe(-1);

    const queue = await loadReviewQueue(h.db);
    expect(queue.find((g) => g.ids.includes(logId))).toMatchObject({ thumbsDown: 1 });
    expect((await loadQualityFigures(h.db, new Date())).thumbsDown).toBe(downBefore + 1);
  });

  it('answers /asn tanya only to the asker, and shares it in the channel when asked', async () => {
    h.slack.addChannel('C_BIDANG', { name: 'bidang' });
    const response = await send(
      asnCommand(h.slack, { user: users.andi.id, channel: 'C_BIDANG', text: `tanya ${absenceQuestion}` }),
    );
    expect(response.status).toBe(200);
    const ack = (await response.json()) as { response_type: string; text: string; blocks: any[] };
    expect(ack.response_type).toBe('ephemeral');
    expect(shownText(ack)).toMatch(citesPasal9);
    expect(buttonsOf(ack)).toEqual(['answer_rate_up', 'answer_rate_down', 'answer_handover', 'answer_share']);
    expect(h.slack.messages('C_BIDANG')).toHaveLength(0);

    const ephemeral = { channel: 'C_BIDANG', ts: '1.000001', blocks: ack.blocks };
    await send(pressOn(h.slack, { user: users.andi.id, actionId: 'answer_share', message: ephemeral, ephemeral: true }));
    const [shared] = await h.slack.waitForMessages('C_BIDANG', 1, 10_000);
    expect(shownText(shared!)).toContain(`<@${users.andi.id}> membagikan jawaban atas pertanyaan: _${absenceQuestion}_`);
    expect(shownText(shared!)).toMatch(/PP 94\/2021 Pasal 9\b/);
    expect(buttonsOf(shared!)).toEqual(['answer_rate_up', 'answer_rate_down', 'answer_handover']);
    await waitUntil(() => h.slack.responses.some((r) => r.body?.delete_original === true), 'the private copy deleted');

    // Typed without a question, it says how to ask.
    const empty = await send(asnCommand(h.slack, { user: users.andi.id, channel: 'C_BIDANG', text: 'tanya' }));
    expect(((await empty.json()) as { text: string }).text).toContain('Tuliskan pertanyaan Anda');
  });

  it('answers "Aturan terkait" on a flag message in its thread: the absence band\'s article and what the supervisor must do', async () => {
    const dewi = await h.db.prisma.employee.findFirstOrThrow({ where: { name: 'Dewi Lestari' } });
    const dates = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-09', '2026-11-10'];
    const weekend = (d: string) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    const candidate = absenceRule({ today: '2026-11-30', unexcusedDates: dates, isOff: weekend })!;
    expect(candidate.article).toBe('PP 94/2021 Pasal 9 ayat (2) huruf b angka 3');
    const { flagId } = await raiseFlag(
      h.db,
      { candidate, employeeId: dewi.id, routingBase: dewi.id, tellEmployee: false },
      new Date('2026-11-30T02:00:00Z'),
    );
    await h.deliver();
    const flagMessage = h.messageTo(users.andi, flagId);
    expect(buttonsOf(flagMessage)).toContain('flag_rule');

    const before = h.slack.messages(dm(users.andi)).length;
    await send(pressOn(h.slack, { user: users.andi.id, actionId: 'flag_rule', message: flagMessage }));
    const [rule] = (await h.slack.waitForMessages(dm(users.andi), before + 1, 10_000)).slice(before);
    expect(rule!.thread_ts).toBe(flagMessage.ts);
    const shown = shownText(rule!);
    expect(shown).toContain('dasar tanda: PP 94/2021 Pasal 9 ayat (2) huruf b angka 3');
    expect(shown).toContain('PNS tidak masuk kerja tanpa alasan yang sah 7 hari dalam setahun');
    expect(shown).toMatch(citesPasal9);
    expect(shown).toContain('pernyataan tidak puas');
    expect(shown).toContain('Yang diharapkan dari Anda sebagai atasan');
    expect(shown).toContain('PP 94/2021 Pasal 26');
    expect(shown).toContain('PP 94/2021 Pasal 28');
    // A double click answers once.
    await send(pressOn(h.slack, { user: users.andi.id, actionId: 'flag_rule', message: flagMessage }));
    await waitUntil(
      () =>
        h.slack.ephemerals(dm(users.andi)).some((e) => e.text === 'Aturan terkait tanda ini sudah dijawab di utas pesan ini.'),
      'told',
    );
    expect(h.slack.messages(dm(users.andi))).toHaveLength(before + 1);
  });

  it('greets in the assistant pane with suggested prompts, shows "sedang mencari" and titles the thread', async () => {
    const threadTs = h.slack.userTyped(dm(users.bambang), users.bambang.id, '').ts;
    await send(assistantThreadStarted(users.bambang.id, dm(users.bambang), threadTs));
    await waitUntil(() => h.slack.assistant.prompts.some((p) => p.thread_ts === threadTs), 'the prompts');
    expect(h.slack.assistant.prompts.at(-1)!.prompts).toEqual(suggestedPrompts);
    const greeting = h.slack.messages(dm(users.bambang)).find((m) => m.thread_ts === threadTs)!;
    expect(greeting.text).toContain('Halo! Saya Asisten ASN');

    const asked = h.slack.userTyped(dm(users.bambang), users.bambang.id, suggestedPrompts[2]!.message, threadTs);
    await send(dmEvent(asked));
    await waitUntil(() => h.slack.messages(dm(users.bambang)).filter((m) => m.thread_ts === threadTs).length === 2, 'the answer');
    expect(h.slack.assistant.statuses.filter((s) => s.thread_ts === threadTs).map((s) => s.status)).toEqual([searchingStatus]);
    expect(h.slack.assistant.titles.find((t) => t.thread_ts === threadTs)?.title).toBe(suggestedPrompts[2]!.message);
    const answer = h.slack.messages(dm(users.bambang)).filter((m) => m.thread_ts === threadTs)[1]!;
    expect(shownText(answer)).toContain('PP 11/2017');
  });

  it('waits out a 429 with its Retry-After and answers once', async () => {
    h.slack.rateLimitNext(1, 'chat.postMessage', 1);
    const typed = h.slack.userTyped(dm(users.andi), users.andi.id, 'Bagaimana aturan ASN bermedia sosial?');
    const sent = Date.now();
    await send(dmEvent(typed));
    await waitUntil(() => h.slack.messages(dm(users.andi)).some((m) => m.text && m.ts > typed.ts), 'the answer', 10_000);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(1_000);
    const posts = h.slack.calls.filter(
      (c) => c.method === 'chat.postMessage' && c.body.channel === dm(users.andi) && c.at >= sent,
    );
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
  });

  it('refuses a forged signature with 401 and answers nothing', async () => {
    const typed = h.slack.userTyped(dm(users.sri), users.sri.id, 'Berapa lama cuti melahirkan?');
    const before = h.slack.messages(dm(users.sri)).length;
    const forged = await send(dmEvent(typed), { forge: true });
    expect(forged.status).toBe(401);
    await sleep(500);
    expect(h.slack.messages(dm(users.sri))).toHaveLength(before);
  });
});

function buttonValueOf(message: { blocks?: any[] }): string {
  const button = (message.blocks ?? []).flatMap((b) => b.elements ?? []).find((e: any) => typeof e.value === 'string');
  return button.value;
}

describe('questions on Slack when HR limits them to people on record', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness('pglite', { answering: true, allowUnlinked: false });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('tells someone not on record why, and answers an employee', async () => {
    for (const user of [users.stranger, users.andi]) {
      const typed = h.slack.userTyped(dm(user), user.id, absenceQuestion);
      await postToSlackEndpoint(h.endpoint, secret, dmEvent(typed));
    }
    const [refused] = await h.slack.waitForMessages(dm(users.stranger), 1, 10_000);
    expect(refused!.text).toContain('Tim SDM membatasi pertanyaan di Slack untuk pegawai yang tercatat');
    const [answered] = await h.slack.waitForMessages(dm(users.andi), 1, 10_000);
    expect(shownText(answered!)).toMatch(/PP 94\/2021 Pasal 9\b/);
    expect(await h.db.prisma.questionLog.count({ where: { asker: `slack:T0TEST:${users.stranger.id}` } })).toBe(0);
  });
});
