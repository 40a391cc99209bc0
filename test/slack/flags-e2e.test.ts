// A missed-KPI flag from the first rule run to its resolution, through the real Bolt app on the
// shared web server, the fake Slack Web API and the fake Telegram Bot API, on an injected clock.
import { readFileSync } from 'node:fs';
import { serve, type ServerType } from '@hono/node-server';
import { Bot } from 'grammy';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { importPeople } from '../../src/people/import-people.js';
import { createSlackApp } from '../../src/channels/slack/slack-app.js';
import { slackNotificationSender } from '../../src/channels/slack/slack-sender.js';
import { telegramNoticeSender } from '../../src/channels/telegram/notice-sender.js';
import type { BotContext } from '../../src/channels/telegram/context.js';
import { startFlagScheduler, type FlagScheduler } from '../../src/flags/start-flag-scheduler.js';
import { startOutboxDispatcher, type OutboxDispatcher } from '../../src/outbox/start-outbox-dispatcher.js';
import { recordReport } from '../../src/flags/record-report.js';
import { startFakeSlack, type FakeSlack, type SlackMessage } from '../fakes/slack-server.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-server.js';
import { fixturesDir } from '../helpers/knowledge.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { buttonPress, buttonValue, postToSlackEndpoint, resolveSubmission } from '../helpers/slack-requests.js';
import { waitForText, waitUntil } from '../helpers/telegram.js';
import { openTestDatabase } from '../helpers/test-database.js';

const secret = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const nip = { dewi: '199002142015032001', andi: '198505082010011003', sri: '197811202005012002' };
const users = {
  andi: { id: 'U0ANDI', email: 'andi.pratama@samarindakota.go.id', name: 'andi' },
  sri: { id: 'U01SRIWAHYU', email: 'sri.wahyuni@samarindakota.go.id', name: 'sri' },
  stranger: { id: 'U0ORANGLAIN', email: 'orang.lain@example.org', name: 'orang' },
};
const dewiTelegram = { id: 7001, first_name: 'Dewi' };

describe('a missed KPI flag climbs the chain and is resolved in Slack', () => {
  let db: Database;
  let slack: FakeSlack;
  let telegram: FakeTelegram;
  let server: ServerType;
  let endpoint: string;
  let scheduler: FlagScheduler;
  let outbox: OutboxDispatcher;
  let clock = new Date('2026-11-27T01:00:00Z');

  const dm = (user: { id: string }) => `D${user.id}`;
  const flag = () =>
    db.prisma.flag.findFirstOrThrow({ where: { kind: 'kpi_missing' }, include: { events: { orderBy: { id: 'asc' } } } });
  const textOf = (m: SlackMessage) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');
  const at = async (iso: string) => {
    clock = new Date(iso);
    await scheduler.tick();
  };

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    const imported = await importPeople(db, readFileSync(`${fixturesDir}/people.csv`, 'utf8'));
    expect(imported.ok).toBe(true);
    slack = await startFakeSlack();
    for (const u of Object.values(users)) slack.addUser(u);
    telegram = await startFakeTelegram();
    telegram.sendText(dewiTelegram, 'halo'); // the chat exists once Dewi has written to the bot
    const dewi = await db.prisma.employee.findUniqueOrThrow({ where: { nip: nip.dewi } });
    await db.prisma.telegramAccount.create({
      data: {
        telegramUserId: BigInt(dewiTelegram.id),
        chatId: BigInt(dewiTelegram.id),
        employeeId: dewi.id,
        linkedAt: new Date('2026-11-20T02:00:00Z'),
      },
    });
    // Logged on Monday 23 November, then nothing on Tuesday, Wednesday and Thursday.
    await db.prisma.kpiLog.create({
      data: { employeeId: dewi.id, localDate: new Date('2026-11-23T00:00:00Z'), activity: 'Rapat koordinasi' },
    });

    const web = new Hono();
    const app = createSlackApp(web, {
      settings: { botToken: slack.token, signingSecret: secret, apiUrl: `${slack.url}/api/`, hrChannel: 'C_HR', hrUsers: [] },
      db,
      logger: silentLogger,
      now: () => clock,
      onChange: () => outbox.kick(),
    });
    const bot = new Bot<BotContext>(telegram.token, {
      client: { apiRoot: telegram.url },
      botInfo: { id: 123456, is_bot: true, first_name: 'Asisten ASN', username: 'test_bot' } as never,
    });
    outbox = startOutboxDispatcher({
      db,
      log: silentLogger,
      now: () => clock,
      cron: false,
      senders: {
        notifications: {
          slack: slackNotificationSender({
            db,
            client: app.client,
            directory: app.directory,
            hrChannel: 'C_HR',
            now: () => clock,
          }),
          telegram: telegramNoticeSender(bot, db),
        },
      },
    });
    scheduler = startFlagScheduler({ db, log: silentLogger, now: () => clock, cron: false, outbox });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: web.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}/slack/events`;
  });
  afterAll(async () => {
    await scheduler?.stop();
    await outbox?.stop();
    await new Promise((resolve) => server?.close(resolve));
    await slack?.close();
    await telegram?.close();
    await db?.close();
  });

  it('raises one flag after three working days without a log: one Slack message to the supervisor, a Telegram notice to the employee', async () => {
    await at('2026-11-27T01:00:00Z'); // Friday 09:00 WITA: Thursday is the last complete day
    const raised = await flag();
    expect(raised).toMatchObject({ status: 'open', level: 0, title: expect.stringContaining('3 hari kerja berturut-turut') });
    const messages = slack.messages(dm(users.andi));
    expect(messages).toHaveLength(1);
    expect(textOf(messages[0]!)).toContain('Dewi Lestari');
    expect(textOf(messages[0]!)).toContain('24 November 2026');
    const notice = await waitForText(telegram, dewiTelegram.id, 'Pemberitahuan');
    expect(notice.text).toContain('Belum mengisi catatan kinerja 3 hari kerja');
    expect(notice.text).toContain('bukan keputusan hukuman');

    // The rule fires again the same afternoon: the open flag stays as it is, no second message.
    await at('2026-11-27T07:00:00Z');
    expect(await db.prisma.flag.count()).toBe(1);
    expect(slack.messages(dm(users.andi))).toHaveLength(1);
    expect(telegram.messages(dewiTelegram.id).filter((m) => m.text.includes('Pemberitahuan'))).toHaveLength(1);
  });

  it('waits out the weekend, then escalates to the next level; Slack down for an hour delays it, loses and doubles nothing', async () => {
    await at('2026-11-28T03:00:00Z'); // Saturday: no working hours pass
    await at('2026-11-30T00:30:00Z'); // Monday 08:30 WITA: 7.5 working hours
    expect((await flag()).status).toBe('open');

    slack.down(true);
    await at('2026-11-30T01:05:00Z'); // 8 working hours and 5 minutes: escalated while Slack is down
    const escalated = await flag();
    expect(escalated).toMatchObject({ status: 'escalated', level: 1 });
    expect(escalated.title).toContain('4 hari kerja'); // Friday went without a log too
    await at('2026-11-30T01:35:00Z');
    await at('2026-11-30T02:00:00Z');
    expect(slack.messages(dm(users.sri))).toHaveLength(0);
    const waiting = await db.prisma.notification.count({ where: { channel: 'slack', status: 'pending' } });
    expect(waiting).toBeGreaterThan(0);

    slack.down(false);
    await at('2026-11-30T02:10:00Z');
    await at('2026-11-30T02:20:00Z');
    const sri = slack.messages(dm(users.sri));
    expect(sri).toHaveLength(1);
    expect(textOf(sri[0]!)).toContain('Dewi Lestari');
    // Andi's copy shows where the flag went, and the new count.
    const andi = slack.messages(dm(users.andi));
    expect(andi).toHaveLength(1);
    expect(textOf(andi[0]!)).toContain('Sri Wahyuni');
    expect(textOf(andi[0]!)).toContain('4 hari kerja');
    expect(await db.prisma.notification.count({ where: { status: { not: 'sent' } } })).toBe(0);
  });

  /** The value of `actionId` on `user`'s copy of the flag message, as Slack sends it back when pressed. */
  const valueOn = (user: { id: string }, actionId: string) => buttonValue(slack.messages(dm(user))[0]!.blocks, actionId);

  it('refuses forged and stale requests before any handler runs', async () => {
    const value = valueOn(users.sri, 'flag_acknowledge');
    const press = {
      payload: buttonPress({ user: users.sri.id, actionId: 'flag_acknowledge', value, channel: dm(users.sri) }),
    };
    expect((await postToSlackEndpoint(endpoint, secret, press, { forge: true })).status).toBe(401);
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    expect((await postToSlackEndpoint(endpoint, secret, press, { timestamp: tenMinutesAgo })).status).toBe(401);
    expect((await flag()).status).toBe('escalated');
  });

  it('lets only the addressee, those above or HR act: the supervisor below and a stranger get an ephemeral refusal', async () => {
    // Andi presses the button on his own copy (up to date: it shows the escalation); the stranger
    // on a copy in the HR channel.
    const value = valueOn(users.andi, 'flag_acknowledge');
    expect(value).toBe(`${(await flag()).id}:escalated:1`);
    for (const [user, channel] of [
      [users.andi, dm(users.andi)],
      [users.stranger, 'C_HR'],
    ] as const) {
      const response = await postToSlackEndpoint(endpoint, secret, {
        payload: buttonPress({ user: user.id, actionId: 'flag_acknowledge', value, channel }),
      });
      expect(response.status).toBe(200);
    }
    await waitUntil(() => slack.ephemerals().length === 2, 'two refusals');
    expect(slack.ephemerals().map((e) => e.user)).toEqual([users.andi.id, users.stranger.id]);
    expect(slack.ephemerals()[0]!.text).toContain('tidak berwenang');
    expect((await flag()).status).toBe('escalated');
  });

  it('acknowledges within the 3-second ack and updates every copy of the message', async () => {
    const value = valueOn(users.sri, 'flag_acknowledge');
    const started = Date.now();
    const response = await postToSlackEndpoint(endpoint, secret, {
      payload: buttonPress({ user: users.sri.id, actionId: 'flag_acknowledge', value, channel: dm(users.sri) }),
    });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3_000);
    await waitUntil(async () => (await flag()).status === 'acknowledged', 'the flag acknowledged');
    await waitUntil(
      () => !JSON.stringify(slack.messages(dm(users.sri))[0]!.blocks).includes('flag_acknowledge'),
      'the button gone',
    );
    expect(textOf(slack.messages(dm(users.sri))[0]!)).toContain('Ditindaklanjuti');
  });

  it('resolves through the modal: a short note is refused in the modal, a real one closes the flag with the note', async () => {
    const id = (await flag()).id;
    const trigger = slack.issueTriggerId();
    await postToSlackEndpoint(endpoint, secret, {
      payload: buttonPress({
        user: users.sri.id,
        actionId: 'flag_resolve',
        value: valueOn(users.sri, 'flag_resolve'),
        channel: dm(users.sri),
        triggerId: trigger,
      }),
    });
    await waitUntil(() => slack.views.opened.length === 1, 'the resolve modal');
    const modal = slack.views.opened[0]!.view as { callback_id: string; private_metadata: string };
    expect(modal).toMatchObject({ callback_id: 'flag_resolve_modal', private_metadata: `${id}:acknowledged:1` });
    const metadata = modal.private_metadata;

    const short = await postToSlackEndpoint(endpoint, secret, {
      payload: resolveSubmission({ user: users.sri.id, flagId: id, note: 'ok', metadata }),
    });
    expect(await short.json()).toMatchObject({
      response_action: 'errors',
      errors: { resolution: expect.stringContaining('5 karakter') },
    });
    expect((await flag()).status).toBe('acknowledged');

    const note = 'Sudah dibina; catatan kinerja diisi kembali sejak Senin.';
    const done = await postToSlackEndpoint(endpoint, secret, {
      payload: resolveSubmission({ user: users.sri.id, flagId: id, note, metadata }),
    });
    expect(done.status).toBe(200);
    await waitUntil(async () => (await flag()).status === 'resolved', 'the flag resolved');
    const copies = () => [...slack.messages(dm(users.andi)), ...slack.messages(dm(users.sri))];
    await waitUntil(() => copies().every((m) => textOf(m).includes('diisi kembali')), 'every copy showing the note');
    // Only "Aturan terkait" is left on a resolved flag.
    const buttonsOf = (m: { blocks?: any[] }) =>
      m.blocks!.filter((b) => b.type === 'actions').flatMap((b) => b.elements.map((e: { action_id: string }) => e.action_id));
    for (const copy of copies()) expect(buttonsOf(copy)).toEqual(['flag_rule']);

    const trail = (await flag()).events.map((e) => `${e.action} ${e.actor}`);
    expect(trail).toEqual([
      'raised sistem',
      'delivered sistem',
      'updated sistem',
      'escalated sistem',
      'delivered sistem',
      `acknowledged slack:${users.sri.id}`,
      `resolved slack:${users.sri.id}`,
    ]);
  });

  it("answers /asn in the ack, ephemeral: a person's week for their supervisor chain, nothing for anyone else", async () => {
    const ask = async (user: string, text: string) => {
      const response = await postToSlackEndpoint(endpoint, secret, {
        command: {
          command: '/asn',
          text,
          user_id: user,
          team_id: 'T0TEST',
          channel_id: 'C_HR',
          response_url: 'http://127.0.0.1:9/x',
          trigger_id: 't',
        },
      });
      return (await response.json()) as { response_type: string; text: string };
    };
    const week = await ask(users.sri.id, `minggu ${nip.dewi}`);
    expect(week.response_type).toBe('ephemeral');
    expect(week.text).toContain('Dewi Lestari');
    expect((await ask(users.andi.id, `minggu ${nip.sri}`)).text).toContain('Tidak ada bawahan Anda');
    expect((await ask(users.stranger.id, 'status')).text).toContain('belum tercatat sebagai pegawai');
  });

  it('escalates by hand: a report to Andi goes to Sri when he presses Eskalasi, with its reporter still hidden', async () => {
    const dewi = await db.prisma.employee.findUniqueOrThrow({ where: { nip: nip.dewi } });
    const { flagId } = await recordReport(
      db,
      {
        reporterId: dewi.id,
        category: 'pungli',
        subject: 'Petugas loket perizinan',
        description: 'Meminta uang tambahan untuk mempercepat izin.',
        recipient: 'atasan',
        revealReporter: false,
      },
      clock,
    );
    await at('2026-11-30T03:00:00Z');
    const toAndi = slack.messages(dm(users.andi)).find((m) => textOf(m).includes('Petugas loket'));
    expect(toAndi).toBeDefined();
    expect(textOf(toAndi!)).not.toContain('Dewi');

    const before = slack.messages(dm(users.sri)).length;
    await postToSlackEndpoint(endpoint, secret, {
      payload: buttonPress({
        user: users.andi.id,
        actionId: 'flag_escalate',
        value: buttonValue(toAndi!.blocks, 'flag_escalate'),
        channel: dm(users.andi),
        ts: toAndi!.ts,
      }),
    });
    await waitUntil(() => slack.messages(dm(users.sri)).length === before + 1, 'the report at the next level');
    const toSri = slack.messages(dm(users.sri)).at(-1)!;
    expect(textOf(toSri)).toContain('Petugas loket');
    expect(textOf(toSri)).not.toContain('Dewi');
    expect(await db.prisma.flag.findUniqueOrThrow({ where: { id: flagId } })).toMatchObject({ status: 'escalated', level: 1 });
  });
});
