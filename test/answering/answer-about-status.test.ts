import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion, type AnsweringDeps } from '../../src/answering/answer-question.js';
import { LexiconCache } from '../../src/answering/lexicon.js';
import type { Database } from '../../src/db/database.js';
import { ingestDocument } from '../../src/knowledge/ingest-document.js';
import { ingestPaths } from '../../src/knowledge/ingest-paths.js';
import { reviewRelation } from '../../src/knowledge/legal-status/review-relation.js';
import { hasCorpus } from '../helpers/knowledge.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';
import { neutralCorpus } from '../knowledge/legal-status/corpus-files.js';

/** Everyday discipline questions an employee asks; PP 53/2010 answers them all, but is revoked. */
const disciplineQuestions = [
  'Apa hukuman disiplin bagi PNS yang tidak masuk kerja tanpa alasan yang sah?',
  'Apa saja jenis hukuman disiplin berat bagi PNS?',
  'Siapa pejabat yang berwenang menghukum PNS?',
  'Kapan keputusan hukuman disiplin mulai berlaku?',
  'Apa hukuman bagi PNS yang menerima hadiah yang berhubungan dengan jabatannya?',
  'Bagaimana pemanggilan PNS yang diduga melakukan pelanggaran disiplin?',
];

const depsFor = (db: Database): AnsweringDeps => ({
  db,
  lexicons: new LexiconCache(db),
  logger: silentLogger,
  maxQuestionChars: 2_000,
});

describe.skipIf(!hasCorpus).each(backends)('answers over the corpus under neutral names (%s)', (backend) => {
  let db: Database;
  let deps: AnsweringDeps;
  let corpus: ReturnType<typeof neutralCorpus>;
  const ask = (question: string) => answerQuestion(deps, { question, channel: 'test' });

  beforeAll(async () => {
    corpus = neutralCorpus();
    db = await openTestDatabase(backend);
    const outcomes = await ingestPaths(db, [corpus.dir]);
    expect(outcomes.filter((o) => 'error' in o)).toEqual([]);
    deps = depsFor(db);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    corpus?.remove();
  });

  it('rests discipline questions on PP 94/2021 and never cites PP 53/2010', async () => {
    for (const question of disciplineQuestions) {
      const answer = await ask(question);
      expect(answer.grounded, question).toBe(true);
      expect(answer.citations[0]?.source, question).toBe('pp-94-2021.txt');
      expect(
        answer.citations.map((c) => c.source),
        question,
      ).not.toContain('pp-53-2010.txt');
    }
  });

  for (const question of [
    'PP 53/2010 masih berlaku?',
    'PP 53 tahun 2010 masih berlaku?',
    'Apakah Peraturan Pemerintah Nomor 53 Tahun 2010 sudah dicabut?',
  ]) {
    it(`answers "${question}": revoked, by what, which article, what is kept`, async () => {
      const answer = await ask(question);
      expect(answer.grounded).toBe(true);
      expect(answer.answer).toMatch(
        /^Tidak\. PP 53\/2010 sudah dicabut dan dinyatakan tidak berlaku oleh PP 94\/2021 Pasal 45\./,
      );
      expect(answer.answer).toContain('Yang masih berlaku darinya hanya jenis Hukuman Disiplin sedang');
      expect(answer.citations[0]).toMatchObject({ source: 'pp-94-2021.txt', section: 'Pasal 45', regulation: 'PP 94/2021' });
      expect(answer.citations[0]!.snippet).toContain('dicabut dan dinyatakan tidak berlaku');
    });
  }

  it('answers a question resting on PP 53 with the note that it is revoked, then from PP 94/2021', async () => {
    const answer = await ask('hukuman disiplin menurut PP 53');
    expect(answer.grounded).toBe(true);
    expect(answer.answer).toMatch(/^Catatan: PP 53\/2010 sudah dicabut dan dinyatakan tidak berlaku oleh PP 94\/2021 Pasal 45\./);
    expect(answer.citations[0]).toMatchObject({ source: 'pp-94-2021.txt', section: 'Pasal 45' });
    expect(answer.citations.length).toBeGreaterThan(1);
    expect(answer.citations.map((c) => c.source)).not.toContain('pp-53-2010.txt');
  });

  it('says a regulation nothing revokes is in force', async () => {
    const answer = await ask('Apakah UU 5/2014 masih berlaku?');
    expect(answer.answer).toMatch(/^UU 5\/2014 masih berlaku menurut basis pengetahuan/);
  });

  it('cites PP 53/2010 again once HR rejects the detected revocation', async () => {
    const relation = await db.prisma.regulationRelation.findFirstOrThrow({ where: { target: 'PP 53/2010', kind: 'revokes' } });
    await reviewRelation(db, relation.id, { review: 'rejected' });
    try {
      const sources = [];
      for (const question of disciplineQuestions) sources.push(...(await ask(question)).citations.map((c) => c.source));
      expect(sources).toContain('pp-53-2010.txt');
      expect((await ask('PP 53/2010 masih berlaku?')).answer).toMatch(/^PP 53\/2010 masih berlaku/);
    } finally {
      await reviewRelation(db, relation.id, { review: 'confirmed' });
    }
    expect((await ask('PP 53/2010 masih berlaku?')).answer).toMatch(/^Tidak\./);
  });
});

const text = (lines: string[]) => new TextEncoder().encode(lines.join('\n'));

/** A small regulation on leave, and the one amending it: both synthetic, as HR might upload them. */
const leaveRegulation = text([
  'PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 11 TAHUN 2017 TENTANG MANAJEMEN PEGAWAI NEGERI SIPIL',
  'Pasal 1',
  'Cuti terdiri atas cuti tahunan, cuti besar, cuti sakit, cuti melahirkan, dan cuti karena alasan penting.',
  'Pasal 2',
  'PNS yang telah bekerja paling kurang 1 (satu) tahun secara terus menerus berhak atas cuti tahunan selama 12 (dua belas) hari kerja.',
]);
const amendment = text([
  'PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 17 TAHUN 2020 TENTANG PERUBAHAN ATAS PERATURAN PEMERINTAH NOMOR 11 TAHUN 2017 TENTANG MANAJEMEN PEGAWAI NEGERI SIPIL',
  'Pasal I',
  'Beberapa ketentuan dalam Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil diubah sebagai berikut: Ketentuan Pasal 241 diubah.',
  'Pasal II',
  'Peraturan Pemerintah ini mulai berlaku pada tanggal diundangkan.',
]);
const revoking = text([
  'PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 99 TAHUN 2030 TENTANG CUTI PEGAWAI NEGERI SIPIL',
  'Pasal 1',
  'PNS berhak atas cuti tahunan selama 15 (lima belas) hari kerja setiap tahun.',
  'Pasal 2',
  'Pada saat Peraturan Pemerintah ini mulai berlaku, Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil dicabut dan dinyatakan tidak berlaku.',
]);

describe.each(backends)('status in answers from small texts (%s)', (backend) => {
  let db: Database;
  let deps: AnsweringDeps;
  const ask = (question: string) => answerQuestion(deps, { question, channel: 'test' });
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    deps = depsFor(db);
  });
  afterAll(async () => db?.close());

  it('cites an amended regulation with its amendment, whichever is ingested first', async () => {
    await ingestDocument(db, { fileName: 'pp-17-2020.txt', content: amendment });
    await ingestDocument(db, { fileName: 'pp-11-2017.txt', content: leaveRegulation });
    const answer = await ask('Berapa hari cuti tahunan PNS?');
    expect(answer.citations[0]).toMatchObject({ source: 'pp-11-2017.txt', section: 'Pasal 2' });
    expect(answer.citations[0]!.title).toMatch(/ \(diubah dengan PP 17\/2020\)$/);
    expect((await ask('PP 11/2017 masih berlaku?')).answer).toContain('Telah diubah dengan PP 17/2020.');
  });

  it('stops citing a regulation the moment a text revoking it is published', async () => {
    await ingestDocument(db, { fileName: 'pp-99-2030.txt', content: revoking });
    const answer = await ask('Berapa hari cuti tahunan PNS?');
    expect(answer.citations.map((c) => c.source)).not.toContain('pp-11-2017.txt');
    expect(answer.citations[0]).toMatchObject({ source: 'pp-99-2030.txt' });
    const status = await ask('PP 11/2017 masih berlaku?');
    expect(status.answer).toMatch(/^Tidak\. PP 11\/2017 sudah dicabut dan dinyatakan tidak berlaku oleh PP 99\/2030 Pasal 2\./);
  });

  it('adds nothing to questions that name no revoked regulation', async () => {
    const answer = await ask('Apa saja jenis cuti PNS?');
    expect(answer.answer).not.toMatch(/^Catatan/);
  });
});
