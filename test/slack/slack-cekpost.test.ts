/**
 * The Slack side of issue 16, through the real Bolt app on its HTTP endpoint and the fake Slack
 * Web API: `/asn cekpost <teks>` answered only to the caller, with the unit's Pilkada applied; the
 * Home tab shows the election period; a report's link and screenshots reach the supervisor's flag
 * message (the link in the message, the files in its thread, once).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackRunning } from '../../src/channels/slack/slack-app.js';
import { slackNotificationSender } from '../../src/channels/slack/slack-sender.js';
import type { Database } from '../../src/db/database.js';
import { recordReport } from '../../src/flags/record-report.js';
import { dispatchNotifications } from '../../src/outbox/notifications.js';
import { importPeople } from '../../src/people/import-people.js';
import { createPostChecker } from '../../src/posts/create-post-checker.js';
import { saveElectionPeriod } from '../../src/posts/election-periods.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-server.js';
import { fixturesDir } from '../helpers/knowledge.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { postToSlackEndpoint } from '../helpers/slack-requests.js';
import { waitUntil } from '../helpers/telegram.js';
import { openTestDatabase } from '../helpers/test-database.js';
import { textsStoredAnywhere } from '../posts/stored-texts.js';

const secret = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const knowledgeDir = fileURLToPath(new URL('../../knowledge/', import.meta.url));
const promptsDir = fileURLToPath(new URL('../../prompts/', import.meta.url));
const andi = { id: 'U0ANDI', email: 'andi.pratama@samarindakota.go.id', name: 'andi' };
const stranger = { id: 'U0ORANGLAIN', email: 'orang.lain@example.org', name: 'orang' };
const now = () => new Date('2026-11-30T02:00:00Z');

describe('Slack: /asn cekpost, the election period on Home, a report with evidence', () => {
  let db: Database;
  let slack: FakeSlack;
  let app: SlackRunning;
  let server: ServerType;
  let endpoint: string;

  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    expect((await importPeople(db, readFileSync(`${fixturesDir}/people.csv`, 'utf8'))).ok).toBe(true);
    // A Pilkada of the Dinas (DKI) and its sub-units: Andi's section is one of them.
    await saveElectionPeriod(db, {
      name: 'Pilkada Kota Samarinda 2026',
      scope: 'DKI',
      startDate: '2026-09-01',
      endDate: '2026-12-31',
      votingDate: '2026-12-09',
      candidates: [{ number: 3, names: ['Wahyu Hidayat', 'Lina Marlina'] }],
      hashtags: ['#WahyuLinaMenang'],
    });
    slack = await startFakeSlack();
    for (const u of [andi, stranger]) slack.addUser(u);
    const posts = await createPostChecker({ db, logger: silentLogger, knowledgeDir, promptsDir, now });
    const web = new Hono();
    const settings = {
      botToken: slack.token,
      signingSecret: secret,
      appToken: undefined,
      apiUrl: `${slack.url}/api/`,
      hrChannel: 'C_HR',
      hrUsers: [],
      allowUnlinked: true,
    };
    app = createSlackApp(web, { settings, db, logger: silentLogger, now, onChange: () => undefined, posts });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: web.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}/slack/events`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await slack?.close();
    await db?.close();
  });

  const command = async (user: string, text: string) => {
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
    expect(response.status).toBe(200);
    return (await response.json()) as { response_type: string; text: string };
  };

  it('answers /asn cekpost only to the caller, with the rule, the words and the Pilkada of their unit', async () => {
    const reply = await command(andi.id, 'cekpost Semangat pagi! Dukung terus Pak Wahyu Hidayat 💪 #WahyuLinaMenang');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('*⛔ MELANGGAR*');
    expect(reply.text).toContain('• PP 94/2021 Pasal 5 huruf n');
    expect(reply.text).toContain('#WahyuLinaMenang');
    expect(reply.text).toContain('Masa pemilu yang diperhitungkan: Pilkada Kota Samarinda 2026.');
    // Someone outside the records gets the general check: the Dinas' Pilkada is not theirs.
    const outside = await command(stranger.id, 'cekpost Semangat pagi! Bersama Wahyu Hidayat kita bisa');
    expect(outside.text).toContain('AMAN');
    expect((await command(andi.id, 'cekpost')).text).toContain('Tuliskan draf postingan Anda');
    expect(await textsStoredAnywhere(db, ['Dukung terus Pak Wahyu', 'Bersama Wahyu Hidayat kita'])).toEqual([]);
    expect(slack.messages()).toEqual([]);
  });

  it('shows the running election period on the Home tab', async () => {
    const event = {
      token: 'legacy',
      team_id: 'T0TEST',
      api_app_id: 'A0APP',
      type: 'event_callback',
      event_id: 'Ev0CEKPOST01',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_home_opened', user: andi.id, channel: `D${andi.id}`, tab: 'home', event_ts: '1.000100' },
    };
    expect((await postToSlackEndpoint(endpoint, secret, { event })).status).toBe(200);
    await waitUntil(() => slack.views.published.some((p) => p.user_id === andi.id), 'the Home tab published');
    const home = JSON.stringify(slack.views.published.find((p) => p.user_id === andi.id)!.view.blocks);
    expect(home).toContain('*Masa pemilu berlangsung*');
    expect(home).toContain('Pilkada Kota Samarinda 2026');
    expect(home).toContain('pemungutan suara Rabu, 9 Desember 2026 · pengingat netralitas aktif');
  });

  it("puts a report's link in the supervisor's flag message and its screenshots in the thread, once", async () => {
    const dewi = await db.prisma.employee.findFirstOrThrow({ where: { name: 'Dewi Lestari' } });
    await recordReport(
      db,
      {
        reporterId: dewi.id,
        category: 'medsos',
        subject: 'Akun Instagram seorang kepala seksi',
        description: 'Mengunggah twibbon dukungan untuk paslon 3.',
        recipient: 'atasan',
        revealReporter: false,
        link: 'https://instagram.com/p/Cx123/',
        evidence: [
          { telegramFileId: 'tg-1', fileName: 'tangkapan-layar-1.jpg', mimeType: 'image/jpeg', content: Buffer.from('jpeg-one') },
          { telegramFileId: 'tg-2', fileName: 'tangkapan-layar-2.jpg', mimeType: 'image/jpeg', content: Buffer.from('jpeg-two') },
        ],
      },
      now(),
    );
    const sender = slackNotificationSender({ db, client: app.client, directory: app.directory, hrChannel: 'C_HR', now });
    await dispatchNotifications(db, { slack: sender }, { now });
    const [message] = slack.messages(`D${andi.id}`);
    expect(message).toBeDefined();
    const shown = JSON.stringify(message!.blocks);
    expect(shown).toContain('https://instagram.com/p/Cx123/');
    expect(shown).toContain('2 berkas');
    expect(shown).not.toContain('Dewi');
    const uploads = slack.uploads();
    expect(uploads.map((u) => [u.filename, u.content.toString(), u.channel, u.thread_ts])).toEqual([
      ['tangkapan-layar-1.jpg', 'jpeg-one', `D${andi.id}`, message!.ts],
      ['tangkapan-layar-2.jpg', 'jpeg-two', `D${andi.id}`, message!.ts],
    ]);
    expect(uploads[0]!.initial_comment).toMatch(/^Tangkapan layar dari pelapor \(laporan #\d+\)\.$/);
    // Delivered again (a crash before it was marked sent): neither the message nor the files twice.
    await dispatchNotifications(db, { slack: sender }, { now });
    expect(slack.messages(`D${andi.id}`)).toHaveLength(1);
    expect(slack.uploads()).toHaveLength(2);
  });
});
