import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botDeps } from '../helpers/bot-deps.js';
import type { BotDeps } from '../../src/channels/telegram/context.js';
import type { LocalOutput } from '../../src/channels/telegram/local-transport.js';
import type { Database } from '../../src/db/database.js';
import { importPeople } from '../../src/people/import-people.js';
import { issueLinkCode } from '../../src/people/issue-link-code.js';
import { loadKnowledge } from '../helpers/knowledge.js';
import { openLocalChat } from '../helpers/local-chat.js';
import { openTestDatabase } from '../helpers/test-database.js';

const people = `nip,nama,unit_kode,unit_nama,jabatan,eselon,zona_waktu,nip_atasan
197003152000031001,Bambang Sutrisno,DKI,Dinas Komunikasi dan Informatika,Kepala Dinas,II.b,WITA,
199002142015032001,Dewi Lestari,DKI,Dinas Komunikasi dan Informatika,Pranata Komputer,,WITA,197003152000031001
`;

describe('the local chat page runs the same bot (no token)', () => {
  let db: Database;
  let deps: BotDeps;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    await loadKnowledge(db);
    const imported = await importPeople(db, people);
    expect(imported.ok).toBe(true);
    deps = botDeps(db, { messagesPerMinute: 100 });
  });
  afterAll(() => db?.close());

  it('greets, answers a question with its article in bold, and takes a rating', async () => {
    const chat = await openLocalChat(deps);
    const [welcome] = await chat.say('/start');
    expect(welcome).toMatchObject({ kind: 'message', html: expect.stringContaining('/daftar') });

    const replies = await chat.say('kalo sy bolos 5 hari dlm setahun kena hukuman apa?');
    const answer = replies.find((o) => o.kind === 'message')!;
    expect(answer.kind === 'message' && answer.html).toMatch(/<b>PP 94\/2021 Pasal \d+/);
    const buttons = answer.kind === 'message' ? answer.buttons.flat() : [];
    expect(buttons.map((b) => b.text)).toEqual(['👍 Membantu', '👎 Kurang tepat']);

    const rated = await chat.press(answer.kind === 'message' ? answer.messageId : 0, buttons[1]!.data);
    expect(rated).toContainEqual({ kind: 'notice', text: expect.stringContaining('ditinjau') });
    const logged = await db.prisma.questionLog.findFirst({ orderBy: { id: 'desc' } });
    expect(logged?.rating).toBe(-1);
  });

  it('links with a code from HR, shows the profile, and unlinks', async () => {
    const chat = await openLocalChat(deps);
    const { code } = await issueLinkCode(db, '199002142015032001', { now: new Date() });
    expect((await chat.say(`/daftar ${code}`))[0]).toMatchObject({ html: expect.stringContaining('Dewi Lestari') });
    const [profile] = await chat.say('/saya');
    expect(profile).toMatchObject({ html: expect.stringContaining('Bambang Sutrisno') });
    expect((await chat.say('/keluar'))[0]).toMatchObject({ html: expect.stringContaining('diputus') });
    expect((await chat.say('/saya'))[0]).toMatchObject({ html: expect.stringContaining('belum terhubung') });
  });

  it('walks through /lapor and stores the report', async () => {
    const chat = await openLocalChat(deps);
    const { code } = await issueLinkCode(db, '199002142015032001', { now: new Date() });
    await chat.say(`/daftar ${code}`);
    // Each step's buttons carry that step's token: press them by what they do.
    const press = async (output: LocalOutput | undefined, suffix: string) => {
      const message = output?.kind === 'message' ? output : undefined;
      const data = message?.buttons.flat().find((b) => b.data.endsWith(suffix))?.data ?? suffix;
      return chat.press(message?.messageId ?? 0, data);
    };
    const [start] = await chat.say('/lapor');
    await press(start, ':cat:pungli');
    await chat.say('Petugas loket perizinan');
    const [recipient] = await chat.say('Meminta uang tambahan Rp50.000 untuk mempercepat izin, Senin lalu.');
    expect(recipient).toMatchObject({ html: expect.stringContaining('dikirim ke siapa') });
    const [reveal] = await press(recipient, ':to:sdm');
    const [confirm] = await press(reveal, ':reveal:no');
    expect(confirm).toMatchObject({ html: expect.stringContaining('dirahasiakan') });
    const [sent] = await press(confirm, ':send:yes');
    expect(sent).toMatchObject({ html: expect.stringMatching(/Laporan #\d+ tercatat/) });
    const report = await db.prisma.report.findFirst({ orderBy: { id: 'desc' } });
    expect(report).toMatchObject({
      category: 'pungli',
      recipient: 'sdm',
      revealReporter: false,
      subject: 'Petugas loket perizinan',
    });
  });
});
