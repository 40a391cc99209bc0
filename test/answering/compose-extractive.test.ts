import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { answerQuestion, type AnsweringDeps } from '../../src/answering/answer-question.js';
import { composeExtractive } from '../../src/answering/compose-extractive.js';
import { LexiconCache, type Lexicon } from '../../src/answering/lexicon.js';
import { normalizeQuestion } from '../../src/answering/normalize-question.js';
import { scoreSentence, sentenceQuery, splitSentences } from '../../src/answering/pick-sentences.js';
import type { PassageHit } from '../../src/answering/search-passages.js';
import { maxMessageChars } from '../../src/channels/telegram/format-answer.js';
import { loadKnowledge } from '../helpers/knowledge.js';
import { silentLogger } from '../helpers/silent-logger.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

/** The article on maternity leave as our knowledge base holds it. */
const maternity =
  'Menurut PP 11/2017 Pasal 325, PNS berhak atas cuti melahirkan untuk kelahiran anak pertama sampai anak ketiga selama menjadi PNS. ' +
  'Untuk kelahiran anak keempat dan seterusnya, PNS diberikan cuti besar. ' +
  'Lamanya cuti melahirkan, maupun cuti besar untuk anak keempat dan seterusnya, adalah 3 bulan.';

/** A lexicon where "pns" and "cuti" are common and "melahirkan" (stem "lahir") is rare. */
const lexicon: Lexicon = {
  passages: 100,
  averageLengths: { a: 10, b: 50, c: 0 },
  documentFrequency: new Map([
    ['pns', 80],
    ['cuti', 30],
    ['lahir', 3],
    ['lama', 20],
    ['hukum', 40],
  ]),
  byInitial: new Map(),
};

function hit(text: string, section: string, score = 1, regulation = 'PP 11/2017'): PassageHit {
  return {
    id: 1,
    source: 'pp-11-2017-cuti-pns.md',
    title: 'PP 11/2017',
    regulation,
    section,
    path: section,
    text,
    coverage: 1,
    score,
  };
}

describe('splitting regulation text into sentences', () => {
  it('does not end a sentence at "No.", "s.d." or inside a numbered list, but does after "huruf a."', () => {
    expect(
      splitSentences(
        'Diatur dalam PP No. 11 Tahun 2017 untuk cuti 1 s.d. 14 hari. Rinciannya ada pada Pasal 5 ayat (1) huruf a. Selanjutnya PNS mengajukan permintaan.',
      ),
    ).toEqual([
      'Diatur dalam PP No. 11 Tahun 2017 untuk cuti 1 s.d. 14 hari.',
      'Rinciannya ada pada Pasal 5 ayat (1) huruf a.',
      'Selanjutnya PNS mengajukan permintaan.',
    ]);
  });

  it('keeps a list introduced by a colon with its items, numbered or lettered', () => {
    expect(splitSentences('Predikatnya: 1. Sangat Baik; 2. Baik; 3. Cukup. Nilai 115 tetap Baik.')).toEqual([
      'Predikatnya: 1. Sangat Baik; 2. Baik; 3. Cukup.',
      'Nilai 115 tetap Baik.',
    ]);
    expect(splitSentences('Hukuman berat berupa:\n\na. penurunan jabatan;\nb. pembebasan dari jabatan.')).toEqual([
      'Hukuman berat berupa: a. penurunan jabatan; b. pembebasan dari jabatan.',
    ]);
    expect(splitSentences('PNS wajib: (a) hadir; (b) menaati jam kerja. Ini berlaku umum.')).toEqual([
      'PNS wajib: (a) hadir; (b) menaati jam kerja.',
      'Ini berlaku umum.',
    ]);
  });
});

describe('scoring sentences against the question', () => {
  it('prefers the sentence stating the asked duration over one with more common words', () => {
    const query = sentenceQuery(normalizeQuestion('berapa lama cuti melahirkan PNS?'), lexicon);
    const sentences = splitSentences(maternity);
    const scores = sentences.map((s) => scoreSentence(s, query));
    const best = sentences[scores.indexOf(Math.max(...scores))];
    expect(best).toContain('adalah 3 bulan');
  });

  it('weighs a rare word of the question above a common one', () => {
    const query = sentenceQuery(normalizeQuestion('cuti melahirkan PNS'), lexicon);
    expect(scoreSentence('Cuti melahirkan diajukan tertulis.', query)).toBeGreaterThan(
      scoreSentence('Cuti PNS diajukan tertulis.', query),
    );
  });

  it('gives no duration bonus when the question does not ask for one', () => {
    const query = sentenceQuery(normalizeQuestion('syarat cuti melahirkan PNS'), lexicon);
    expect(scoreSentence('Cuti melahirkan 3 bulan.', query)).toBe(scoreSentence('Cuti melahirkan diberikan.', query));
  });
});

describe('composing an offline answer', () => {
  it('opens with the answering sentence and its article, then quotes the rest whole', () => {
    const { answer, citations } = composeExtractive(
      [hit(maternity, 'Pasal 325')],
      normalizeQuestion('berapa lama cuti melahirkan PNS?'),
      lexicon,
      'id',
    );
    expect(answer.split('\n\n')[0]).toBe(
      'Lamanya cuti melahirkan, maupun cuti besar untuk anak keempat dan seterusnya, adalah 3 bulan (PP 11/2017 Pasal 325).',
    );
    expect(answer).toContain('Menurut PP 11/2017 Pasal 325:\nPNS berhak atas cuti melahirkan');
    expect(citations.map((c) => c.section)).toEqual(['Pasal 325']);
  });

  it('leaves out a colon with no items and a sentence the passage cuts off', () => {
    const text =
      'Nilai kinerja PNS adalah gabungan nilai SKP dan nilai perilaku kerja. Predikatnya:\n\nHasil penilaian kinerja PNS dipakai untuk kenaikan pangkat dan';
    const { answer } = composeExtractive(
      [hit(text, 'Pasal 41', 1, 'PP 30/2019')],
      normalizeQuestion('nilai kinerja PNS'),
      lexicon,
      'id',
    );
    expect(answer).not.toContain('Predikatnya');
    expect(answer).not.toContain('kenaikan pangkat dan');
    expect(answer).toContain('Nilai kinerja PNS adalah gabungan nilai SKP dan nilai perilaku kerja (PP 30/2019 Pasal 41).');
  });

  it("opens with the elucidation's sentence when it answers better, cited as that article's Penjelasan", () => {
    const article = { ...hit('PNS berhak atas cuti sesuai ketentuan peraturan perundang-undangan.', 'Pasal 325') };
    article.elucidation = 'Cuti melahirkan diberikan paling lama 3 bulan untuk kelahiran anak pertama sampai ketiga.';
    const { answer, citations } = composeExtractive(
      [article],
      normalizeQuestion('berapa lama cuti melahirkan PNS?'),
      lexicon,
      'id',
    );
    expect(answer.split('\n\n')[0]).toBe(
      'Cuti melahirkan diberikan paling lama 3 bulan untuk kelahiran anak pertama sampai ketiga (PP 11/2017 Penjelasan Pasal 325).',
    );
    // The citation stays the article itself; its body is still quoted below.
    expect(citations.map((c) => c.section)).toEqual(['Pasal 325']);
    expect(answer).toContain('Menurut PP 11/2017 Pasal 325:\nPNS berhak atas cuti');
  });

  it('stays within one Telegram message however long the passages are', () => {
    const long = Array.from(
      { length: 60 },
      (_, i) => `Kalimat cuti melahirkan nomor ${i + 1} menjelaskan ketentuan yang panjang sekali.`,
    ).join(' ');
    const { answer } = composeExtractive(
      [hit(long, 'Pasal 325', 1), hit(long, 'Pasal 88', 1, 'PP 49/2018')],
      normalizeQuestion('cuti melahirkan'),
      lexicon,
      'id',
    );
    expect(answer.length).toBeLessThanOrEqual(maxMessageChars);
  });
});

describe.each(backends)('a direct answer from the default knowledge base (%s)', (backend) => {
  let db: Database;
  let deps: AnsweringDeps;
  const ask = (question: string) => answerQuestion(deps, { question, channel: 'test' });

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await loadKnowledge(db);
    deps = { db, lexicons: new LexiconCache(db), logger: silentLogger, maxQuestionChars: 2_000 };
  });
  afterAll(() => db?.close());

  it('opens "berapa lama cuti melahirkan PNS?" with the sentence saying 3 months, citing PP 11/2017', async () => {
    const a = await ask('berapa lama cuti melahirkan PNS?');
    expect(a.mode).toBe('extractive');
    const firstSentence = a.answer.split(/(?<=\.)\s/)[0]!;
    expect(firstSentence).toMatch(/3 bulan \(PP 11\/2017 Pasal 325\)\.$/);
    expect(a.citations.map((c) => `${c.source} ${c.section}`)).toContain('pp-11-2017-cuti-pns.md Pasal 325');
  });

  it('never ends a quote with a colon or mid-sentence', async () => {
    for (const question of [
      'bagaimana nilai kinerja dan predikat SKP PNS?',
      'berapa lama cuti melahirkan PNS?',
      'kalo sy bolos 5 hari dlm setahun kena hukuman apa?',
      'apa saja hukuman disiplin berat?',
    ]) {
      const a = await ask(question);
      expect(a.grounded).toBe(true);
      const quotes = a.answer.split('\n\n').slice(0, -1);
      for (const quote of quotes) {
        const body = quote.replace(/^(Menurut|According to) [^\n]*:\n/, '');
        expect(body, question).toMatch(/[.?!)"”]$/);
        expect(body, question).not.toMatch(/:$/);
      }
      expect(a.answer.length).toBeLessThanOrEqual(maxMessageChars);
    }
  });
});
