/**
 * The draft check as channels call it, on both backends: the election periods of the day and of the
 * employee's units, the count for HR (and nothing else stored), the limits told in Indonesian,
 * and with a language model a better explanation that may never bring in a rule of its own.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createChatModel } from '../../src/llm/openai-models.js';
import { checkDraftPost, type PostCheckerDeps } from '../../src/posts/check-draft-post.js';
import { createPostChecker } from '../../src/posts/create-post-checker.js';
import { saveElectionPeriod } from '../../src/posts/election-periods.js';
import { listPostCheckStats } from '../../src/posts/record-post-check.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';
import { textsStoredAnywhere } from './stored-texts.js';

const knowledgeDir = fileURLToPath(new URL('../../knowledge/', import.meta.url));
const promptsDir = fileURLToPath(new URL('../../prompts/', import.meta.url));
const now = () => new Date('2026-11-16T03:00:00Z');

describe.each(backends)('checkDraftPost (%s)', (backend) => {
  let db: Database;
  let posts: PostCheckerDeps;

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await db.prisma.orgUnit.create({ data: { code: 'SKM', name: 'Pemkot Sukamaju' } });
    const setup = await createPostChecker({ db, logger: silentLogger, knowledgeDir, promptsDir, now });
    posts = setup.posts!;
  });
  afterAll(() => db?.close());

  it("applies a period's candidates in its units only, and ethics rules before KPU sets the candidates", async () => {
    const draft = 'Semangat pagi! Bersama Pak Wahyu Hidayat kita bangun desa 💪';
    expect((await checkDraftPost(posts, { text: draft, channel: 'cli', unitScopes: ['SKM'] })).verdict).toBe('aman');
    await saveElectionPeriod(db, {
      name: 'Pilkada Sukamaju',
      scope: 'SKM',
      startDate: '2026-11-01',
      endDate: '2026-12-31',
      candidatesSetOn: '2026-12-01',
      candidates: [{ number: 1, names: ['Wahyu Hidayat', 'Lina Marlina'] }],
    });
    const inUnit = await checkDraftPost(posts, { text: draft, channel: 'cli', unitScopes: ['SKM'] });
    expect(inUnit.verdict).toBe('melanggar');
    expect(inUnit.periods).toEqual(['Pilkada Sukamaju']);
    expect(inUnit.reasons.join(' ')).toContain('Pak Wahyu Hidayat"');
    // Before 1 December the candidates are not official yet: support is an ethics violation (PP 42/2004).
    expect(inUnit.rules.map((r) => `${r.regulation} ${r.section}`)).toEqual([
      'PP 42/2004 Pasal 6 huruf h',
      'SKB Netralitas ASN 2022 Larangan kampanye bakal calon di medsos',
      'PP 42/2004 Pasal 15',
    ]);
    const elsewhere = await checkDraftPost(posts, { text: draft, channel: 'cli', unitScopes: ['LAIN'] });
    expect(elsewhere.verdict).toBe('aman');
    expect(elsewhere.periods).toEqual([]);
    const official = await checkDraftPost(
      { ...posts, now: () => new Date('2026-12-02T03:00:00Z') },
      { text: draft, channel: 'cli', unitScopes: ['SKM'] },
    );
    expect(official.rules[0]).toMatchObject({ regulation: 'PP 94/2021', section: 'Pasal 5 huruf n' });
  });

  it('cites only rules of the categories it found, and none for a safe post', async () => {
    const mixed = await checkDraftPost(posts, {
      text: 'Makasih Pak kontraktor atas parsel lebarannya 🙏 sukses terus proyeknya',
      channel: 'cli',
    });
    expect(mixed.verdict).toBe('melanggar');
    const cited = new Set(mixed.findings.flatMap((f) => f.rules.map((r) => `${r.source}#${r.section}`)));
    for (const rule of mixed.rules) expect(cited.has(`${rule.source}#${rule.section}`)).toBe(true);
    expect(mixed.findings[0]!.code).toBe('gratifikasi');
    const safe = await checkDraftPost(posts, {
      text: 'Selamat Hari Raya Waisak, semoga semua makhluk berbahagia 🙏',
      channel: 'cli',
    });
    expect(safe).toMatchObject({ verdict: 'aman', rules: [], reasons: [] });
  });

  it('refuses an empty or an overlong draft, naming the limit', async () => {
    await expect(checkDraftPost(posts, { text: ' 🙏 ', channel: 'cli' })).rejects.toMatchObject({ code: 'post_empty' });
    await expect(checkDraftPost(posts, { text: 'a'.repeat(4_001), channel: 'cli' })).rejects.toMatchObject({
      code: 'post_too_long',
      userMessage: expect.stringContaining('batasnya 4.000 karakter'),
    });
  });

  it('stores no draft text in any table, only counts per month, unit, verdict and category', async () => {
    const drafts = [
      'Bocoran soal SKD CPNS besok lengkap dgn kunci jawaban, DM aja zx81q',
      'Pasien positif TBC: Ibu S (45), RT 03/RW 02, mohon waspada zx82q',
      'Ngopi dulu sebelum apel zx83q ☕',
    ];
    for (const text of drafts) await checkDraftPost(posts, { text, channel: 'telegram', unitScopes: ['SKM'] });
    expect(
      await textsStoredAnywhere(db, ['zx81q', 'zx82q', 'zx83q', 'kunci jawaban', 'Ibu S (45)', 'Wahyu Hidayat kita']),
    ).toEqual([]);
    const stats = await listPostCheckStats(db, '2026-11-01');
    expect(stats).toEqual(
      expect.arrayContaining([
        { month: '2026-11', unitCode: 'SKM', verdict: 'melanggar', category: 'rahasia', count: 1 },
        { month: '2026-11', unitCode: 'SKM', verdict: 'melanggar', category: 'data-pribadi', count: 1 },
      ]),
    );
    expect(stats.find((s) => s.unitCode === 'SKM' && s.verdict === 'aman')?.count).toBeGreaterThanOrEqual(1);
  });
});

describe('checkDraftPost with a language model', () => {
  let db: Database;
  let openai: FakeOpenAI;
  let posts: PostCheckerDeps;

  beforeAll(async () => {
    [db, openai] = await Promise.all([openTestDatabase('pglite'), startFakeOpenAI()]);
    const model = createChatModel({
      apiKey: 'test',
      baseURL: `${openai.url}/v1`,
      chatModel: 'gpt-test',
      embeddingsModel: undefined,
      timeoutMs: 5_000,
    });
    posts = (
      await createPostChecker({ db, logger: silentLogger, knowledgeDir, promptsDir, llm: { model, timeoutMs: 5_000 }, now })
    ).posts!;
  });
  afterAll(async () => {
    await openai?.close();
    await db?.close();
  });

  const draft = 'Jgn lupa tgl 27 coblos no 1 ya gaes!! 💪';

  it('takes its reasons, advice and rewrite, keeps the offline verdict and rules, and drops a sentence citing another article', async () => {
    openai.onChat(() =>
      JSON.stringify({
        reasons: [
          'Ajakan "coblos no 1" menunjukkan dukungan pada satu pasangan calon, dilarang PP 94/2021 Pasal 5 huruf n.',
          'Menurut Pasal 99 ini pidana berat.',
        ],
        advice: 'Ganti ajakan memilih nomor tertentu dengan ajakan umum memakai hak pilih.',
        rewrite: 'Jangan lupa tanggal 27 gunakan hak pilihmu ya gaes!! 💪',
      }),
    );
    const result = await checkDraftPost(posts, { text: draft, channel: 'cli' });
    expect(result.mode).toBe('llm');
    expect(result.verdict).toBe('melanggar');
    expect(result.rules[0]).toMatchObject({ regulation: 'PP 94/2021', section: 'Pasal 5 huruf n' });
    expect(result.reasons).toEqual([
      'Ajakan "coblos no 1" menunjukkan dukungan pada satu pasangan calon, dilarang PP 94/2021 Pasal 5 huruf n.',
    ]);
    expect(result.rewrite).toBe('Jangan lupa tanggal 27 gunakan hak pilihmu ya gaes!! 💪');
    // The model saw the verdict, the rules it may name, and the draft inside a fence.
    const request = openai.requests.at(-1)!.body;
    const user = request.messages.at(-1).content as string;
    expect(user).toContain('Verdict (final): melanggar');
    expect(user).toContain('- PP 94/2021 Pasal 5 huruf n');
    expect(user).toMatch(/<draft-[0-9a-f]{12}>\nJgn lupa tgl 27 coblos no 1 ya gaes!! 💪\n<\/draft-[0-9a-f]{12}>/);
  });

  it('keeps the offline text when the model answers something else, or fails', async () => {
    openai.onChat(() => 'Tentu! Postingan ini aman kok.');
    const prose = await checkDraftPost(posts, { text: draft, channel: 'cli' });
    expect(prose).toMatchObject({ mode: 'offline', verdict: 'melanggar' });
    expect(prose.reasons[0]).toContain('"coblos no 1"');
    openai.failNext(2, { status: 500 });
    const failed = await checkDraftPost(posts, { text: draft, channel: 'cli' });
    expect(failed).toMatchObject({ mode: 'offline', verdict: 'melanggar' });
  });
});
