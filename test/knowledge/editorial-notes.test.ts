import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { answerQuestion, type AnsweringDeps } from '../../src/answering/answer-question.js';
import { LexiconCache } from '../../src/answering/lexicon.js';
import { knowledgeDir, loadKnowledge } from '../helpers/knowledge.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { openTestDatabase } from '../helpers/test-database.js';

/**
 * What a writer leaves for a later check and an employee must never read in an answer: "(nomor
 * pasal perlu dicek)", "perlu diverifikasi", "cek ulang", "belum pasti", TODO, a "?)" aside, a
 * heading that asks instead of naming its article.
 */
const editorialNotes: RegExp[] = [
  /perlu\s+(?:di)?(?:cek|periksa|verifikasi|diverifikasi|konfirmasi)\b/i,
  /\bcek\s+ulang\b/i,
  /\bbelum\s+pasti\b/i,
  /\b(?:TODO|FIXME|TBD|XXX)\b/,
  /\?\s*\)/,
  /\((?:check|cek|verify)[^)]*\)/i,
  /sumber berita menyebut/i,
  /^#{1,6}\s.*\?/m,
];

const noteIn = (text: string) => editorialNotes.find((p) => p.test(text));

describe('the default knowledge base has no editorial notes', () => {
  it('no knowledge file contains one, on any line', () => {
    const found = readdirSync(knowledgeDir)
      .filter((f) => f.endsWith('.md'))
      .flatMap((file) =>
        readFileSync(join(knowledgeDir, file), 'utf8')
          .split('\n')
          .flatMap((line, i) => (noteIn(line) ? [`${file}:${i + 1}: ${line.slice(0, 120)}`] : [])),
      );
    expect(found).toEqual([]);
  });

  it('recognises the notes the files used to carry', () => {
    for (const old of [
      '(Pasal 75, nomor pasal perlu dicek)',
      '(status PP gaji dan tunjangan perlu dicek)',
      '(penomoran butir perlu dicek)',
      '(nomor angka perlu dicek pada lampiran SKB)',
      '(perlu diverifikasi)',
      'cek ulang angkanya',
      'TODO: pasal',
      '(Pasal 6?)',
      '## Pasal 6? — Penyusunan SKP',
    ])
      expect(noteIn(old), old).toBeDefined();
    for (const fine of [
      'Bila Anda pejabat fungsional, cek aturan jabatan fungsional Anda.',
      'Jika ragu, jangan dibagikan.',
      'Menyebarkan informasi yang belum jelas kebenarannya dapat merusak kepercayaan publik.',
    ])
      expect(noteIn(fine), fine).toBeUndefined();
  });
});

describe('answers from the default knowledge base show no editorial note (offline, PGlite)', () => {
  let db: Database;
  let deps: AnsweringDeps;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    await loadKnowledge(db);
    deps = { db, lexicons: new LexiconCache(db), logger: silentLogger, maxQuestionChars: 2_000 };
  });
  afterAll(() => db?.close());

  // Each of these was answered with a "(... perlu dicek)" aside before the notes were resolved.
  it.each([
    ['hukdis sedang bentuknya apa sih? potong tukin brp persen', /PP 94\/2021 Pasal (8|42)\b/],
    ['keputusan hukuman disiplin kapan mulai berlaku kalau saya ajukan keberatan?', /PP 94\/2021 Pasal 38\b/],
    ['kalau PPPK melahirkan anak keempat dapat cuti melahirkan?', /PP 49\/2018 Pasal 88\b/],
    ['apa saja asas ASN dalam UU 20/2023?', /UU 20\/2023 Pasal 2\b/],
    ['ASN boleh pasang baliho bakal calon di rumah?', /SKB Netralitas ASN 2022/],
    ['PNS like komentar ujaran kebencian di medsos kena sanksi?', /Surat Kepala BKN/],
    ['kapan SKP disusun?', /PermenPANRB 6\/2022/],
  ])('%s', async (question, cites) => {
    const a = await answerQuestion(deps, { question, channel: 'test' });
    expect(a.grounded).toBe(true);
    expect(a.answer).toMatch(cites);
    expect(noteIn(a.answer), a.answer).toBeUndefined();
    for (const c of a.citations) expect(noteIn(`${c.section} ${c.snippet}`), c.snippet).toBeUndefined();
  });
});
