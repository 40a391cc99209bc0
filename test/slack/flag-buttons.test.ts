// The flag buttons as an impatient or outdated supervisor presses them: twice, four times at once,
// on a copy of the message older than the flag, or in a modal opened before someone else acted.
// Each press is applied only on the state it was rendered with; every other press is told so and
// changes nothing. Through the real Bolt app, signed requests and the fake Slack Web API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonPress, buttonValue, postToSlackEndpoint, resolveSubmission } from '../helpers/slack-requests.js';
import { waitUntil } from '../helpers/telegram.js';
import { backends } from '../helpers/test-database.js';
import { dm, secret, startSlackHarness, users, type SlackHarness } from './slack-harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(backends)('flag buttons pressed twice, at once or late (%s)', (backend) => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness(backend);
  });
  afterAll(async () => {
    await h?.close();
  });

  const flagOf = (id: number) => h.db.prisma.flag.findUniqueOrThrow({ where: { id } });
  const eventsOf = async (id: number) =>
    (await h.db.prisma.flagEvent.findMany({ where: { flagId: id }, orderBy: { id: 'asc' } }))
      .filter((e) => e.action !== 'delivered')
      .map((e) => `${e.action} ${e.actor}`);
  const press = (user: { id: string }, actionId: string, value: string, extra: { ts?: string } = {}) =>
    postToSlackEndpoint(h.endpoint, secret, {
      payload: buttonPress({ user: user.id, actionId, value, channel: dm(user), ...extra }),
    });
  const ephemeralsTo = (user: { id: string }) => h.slack.ephemerals().filter((e) => e.user === user.id);
  const lastAnswerTo = (user: { id: string }) => ephemeralsTo(user).at(-1)?.text ?? '';

  it('applies one of four copies of one signed Eskalasi sent at once and refuses the other three as replays', async () => {
    const id = await h.raiseReport('Loket A');
    const value = buttonValue(h.messageTo(users.andi, id).blocks, 'flag_escalate');
    expect(value).toBe(`${id}:open:0`);
    const payload = buttonPress({ user: users.andi.id, actionId: 'flag_escalate', value, channel: dm(users.andi) });
    const timestamp = Math.floor(Date.now() / 1000);
    const statuses = await Promise.all(
      [1, 2, 3, 4].map(async () => (await postToSlackEndpoint(h.endpoint, secret, { payload }, { timestamp })).status),
    );
    await waitUntil(async () => (await flagOf(id)).level > 0, 'the escalation');
    await sleep(500); // room for any further step to land, which it must not
    expect(statuses.sort()).toEqual([200, 401, 401, 401]);
    expect(await flagOf(id)).toMatchObject({ status: 'escalated', level: 1 });
    expect(await eventsOf(id)).toEqual(['raised sistem', `escalated slack:${users.andi.id}`]);
  });

  it('applies one of four presses of one Eskalasi button at once; the three others are told it was done, by whom', async () => {
    const id = await h.raiseReport('Loket B');
    const value = buttonValue(h.messageTo(users.andi, id).blocks, 'flag_escalate');
    const before = ephemeralsTo(users.andi).length;
    // Four separate presses (a double click twice over): each its own signed request.
    const statuses = await Promise.all([1, 2, 3, 4].map(async () => (await press(users.andi, 'flag_escalate', value)).status));
    expect(statuses).toEqual([200, 200, 200, 200]);
    await waitUntil(() => ephemeralsTo(users.andi).length === before + 3, 'three answers to the extra presses');
    await sleep(200);
    expect(await flagOf(id)).toMatchObject({ status: 'escalated', level: 1 });
    expect(await eventsOf(id)).toEqual(['raised sistem', `escalated slack:${users.andi.id}`]);
    // One alert to the next level, not three.
    expect(await h.db.prisma.notification.count({ where: { flagId: id, kind: 'flag_alert' } })).toBe(2);
    for (const answer of ephemeralsTo(users.andi).slice(before)) {
      expect(answer.text).toContain('Tanda ini sudah ditindaklanjuti: dieskalasi oleh Anda.');
      expect(answer.text).toContain('Sekarang: Dieskalasi, eskalasi tingkat 1.');
      expect(answer.text).toContain('tidak ada yang diubah');
      // Andi is below the new addressee now: he is told so, and not who it is.
      expect(answer.text).toContain('tidak lagi menunggu tindakan Anda');
      expect(answer.text).not.toContain('Sri');
    }
  });

  it('refuses a second Tindak lanjuti and a late Eskalasi pressed on the state before; the first press stands', async () => {
    const id = await h.raiseReport('Loket C');
    await press(users.andi, 'flag_escalate', buttonValue(h.messageTo(users.andi, id).blocks, 'flag_escalate'));
    await waitUntil(async () => (await flagOf(id)).level === 1, 'the escalation to Sri');
    await h.deliver();
    const sriCopy = h.messageTo(users.sri, id);
    const acknowledge = buttonValue(sriCopy.blocks, 'flag_acknowledge');
    expect(acknowledge).toBe(`${id}:escalated:1`);

    await press(users.sri, 'flag_acknowledge', acknowledge);
    await waitUntil(async () => (await flagOf(id)).status === 'acknowledged', 'the acknowledgement');
    const acknowledged = await flagOf(id);
    const before = ephemeralsTo(users.sri).length;

    // Sri presses Tindak lanjuti again, then Eskalasi, on her copy as it was (not yet refreshed).
    await press(users.sri, 'flag_acknowledge', acknowledge);
    await waitUntil(() => ephemeralsTo(users.sri).length === before + 1, 'the answer to the second press');
    await press(users.sri, 'flag_escalate', buttonValue(sriCopy.blocks, 'flag_escalate'));
    await waitUntil(() => ephemeralsTo(users.sri).length === before + 2, 'the answer to the late Eskalasi');
    for (const answer of ephemeralsTo(users.sri).slice(before)) {
      expect(answer.text).toContain('Tanda ini sudah ditindaklanjuti: ditindaklanjuti oleh Anda.');
      expect(answer.text).toContain('Sekarang: Ditindaklanjuti, eskalasi tingkat 1.');
      expect(answer.text).toContain('Periksa pesan yang sudah diperbarui');
    }
    expect(await flagOf(id)).toEqual(acknowledged);
    expect(await eventsOf(id)).toEqual([
      'raised sistem',
      `escalated slack:${users.andi.id}`,
      `acknowledged slack:${users.sri.id}`,
    ]);

    // Andi, who lost the flag to the escalation, presses Tindak lanjuti on his first copy.
    await press(users.andi, 'flag_acknowledge', `${id}:open:0`);
    await waitUntil(() => lastAnswerTo(users.andi).includes('tidak lagi menunggu tindakan Anda'), 'Andi told');
    expect(await flagOf(id)).toEqual(acknowledged);
  });

  it('does not save a resolution from a modal opened before the flag was escalated', async () => {
    const id = await h.raiseReport('Loket D');
    await press(users.andi, 'flag_resolve', buttonValue(h.messageTo(users.andi, id).blocks, 'flag_resolve'));
    await waitUntil(() => h.slack.views.opened.some((v) => v.view.private_metadata === `${id}:open:0`), 'the resolve modal');
    // While Andi types, the flag is escalated past him (another copy, another press).
    await press(users.andi, 'flag_escalate', `${id}:open:0`);
    await waitUntil(async () => (await flagOf(id)).level === 1, 'the escalation');

    const note = 'Sudah diperiksa dan petugas loket dibina.';
    const submitted = await postToSlackEndpoint(h.endpoint, secret, {
      payload: resolveSubmission({ user: users.andi.id, flagId: id, note, metadata: `${id}:open:0` }),
    });
    expect(submitted.status).toBe(200);
    await waitUntil(() => lastAnswerTo(users.andi).includes('dieskalasi oleh Anda'), 'Andi told');
    expect(await flagOf(id)).toMatchObject({ status: 'escalated', level: 1, resolution: null });

    // Sri, the addressee now, resolves through a modal opened on the current state.
    await h.deliver();
    await press(users.sri, 'flag_resolve', buttonValue(h.messageTo(users.sri, id).blocks, 'flag_resolve'));
    await waitUntil(() => h.slack.views.opened.some((v) => v.view.private_metadata === `${id}:escalated:1`), 'her modal');
    await postToSlackEndpoint(h.endpoint, secret, {
      payload: resolveSubmission({ user: users.sri.id, flagId: id, note, metadata: `${id}:escalated:1` }),
    });
    await waitUntil(async () => (await flagOf(id)).status === 'resolved', 'the resolution');
    expect((await flagOf(id)).resolution).toBe(note);
  });

  it('keeps buttons of messages posted before states were carried safe: Tindak lanjuti re-checked, Eskalasi refused and the message renewed', async () => {
    const id = await h.raiseReport('Loket E');
    const copy = h.messageTo(users.andi, id);
    const before = ephemeralsTo(users.andi).length;

    // An old message's Eskalasi carries only the id: not applied, the pressed message re-rendered.
    await press(users.andi, 'flag_escalate', String(id), { ts: copy.ts });
    await waitUntil(() => ephemeralsTo(users.andi).length === before + 1, 'the answer');
    expect(lastAnswerTo(users.andi)).toContain('berasal dari versi pesan yang lama, jadi tidak dijalankan');
    expect(await flagOf(id)).toMatchObject({ status: 'open', level: 0 });
    expect(buttonValue(h.messageTo(users.andi, id).blocks, 'flag_escalate')).toBe(`${id}:open:0`);

    // An old Tindak lanjuti: applied once on the state as it is; pressed again, refused.
    await press(users.andi, 'flag_acknowledge', String(id));
    await waitUntil(async () => (await flagOf(id)).status === 'acknowledged', 'the acknowledgement');
    await press(users.andi, 'flag_acknowledge', String(id));
    await waitUntil(() => ephemeralsTo(users.andi).length === before + 2, 'the answer to the second press');
    expect(lastAnswerTo(users.andi)).toContain('sudah ditindaklanjuti sebelumnya');
    expect(await eventsOf(id)).toEqual(['raised sistem', `acknowledged slack:${users.andi.id}`]);

    // Someone outside the chain gets the refusal, on old and new values alike.
    for (const value of [String(id), `${id}:acknowledged:0`]) {
      await postToSlackEndpoint(h.endpoint, secret, {
        payload: buttonPress({ user: users.stranger.id, actionId: 'flag_escalate', value, channel: 'C_HR' }),
      });
    }
    await waitUntil(() => ephemeralsTo(users.stranger).length === 2, 'two refusals');
    for (const refusal of ephemeralsTo(users.stranger)) expect(refusal.text).toContain('tidak berwenang');
    expect(await flagOf(id)).toMatchObject({ status: 'acknowledged', level: 0 });
  });
});
