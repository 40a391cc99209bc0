/** What kind of answer a question asks for, and how the ranking prefers the passages that give it. */
import { describe, expect, it } from 'vitest';
import { normalizeQuestion } from '../../src/answering/normalize-question.js';
import { correctSpelling } from '../../src/answering/lexicon.js';
import { preferDefinitions, preferTimes, statesAmount, type PassageHit } from '../../src/answering/search-passages.js';

const hit = (section: string, text: string, score: number): PassageHit => ({
  id: score,
  source: 'pp-30-2019.txt',
  title: 'PP 30/2019',
  regulation: 'PP 30/2019',
  section,
  path: `PP 30/2019 > ${section}`,
  text,
  coverage: 1,
  score,
});

describe('question types', () => {
  it('recognises definition and "when" questions, in Indonesian and English', () => {
    expect(normalizeQuestion('apa itu SKP?').asksDefinition).toBe(true);
    expect(normalizeQuestion('Apa yang dimaksud dengan Disiplin PNS?').asksDefinition).toBe(true);
    expect(normalizeQuestion('hukuman bolos 3 hari apa?').asksDefinition).toBe(false);
    expect(normalizeQuestion('SKP itu dinilai kapan aja?').asksWhen).toBe(true);
    expect(normalizeQuestion('When is the performance assessment done?').asksWhen).toBe(true);
    expect(normalizeQuestion('berapa lama cuti besar?').asksWhen).toBe(false);
  });

  it('recognises a question asking for an amount of money, and a passage stating one', () => {
    expect(normalizeQuestion('brp besaran pensiun PNS gol III/c?').asksAmount).toBe(true);
    expect(normalizeQuestion('tukin kelas jabatan 9 berapa rupiah?').asksAmount).toBe(true);
    expect(normalizeQuestion('How much is the family allowance?').asksAmount).toBe(true);
    expect(normalizeQuestion('gaji PNS yang bolos 46 hari distop gak?').asksAmount).toBe(false);
    expect(normalizeQuestion('berapa lama cuti besar?').asksAmount).toBe(false);
    expect(statesAmount('dipotong sebesar 25% (dua puluh lima persen)')).toBe(true);
    expect(statesAmount('capaian 7Oo/o dari target')).toBe(true);
    expect(statesAmount('PNS berhak atas gaji dan tunjangan')).toBe(false);
  });

  it('restores the vowels chat leaves out, only to a known word with exactly those consonants', () => {
    const lexicon = {
      passages: 10,
      averageLengths: { a: 1, b: 1, c: 1 },
      documentFrequency: new Map([
        ['ringan', 5],
        ['rangin', 2],
        ['sedang', 4],
        ['hukum', 9],
      ]),
      byInitial: new Map([
        ['r', ['ringan', 'rangin']],
        ['s', ['sedang']],
        ['h', ['hukum']],
      ]),
    };
    expect(correctSpelling(lexicon, 'ringn')).toBe('ringan'); // the commoner of ringan / rangin
    expect(correctSpelling(lexicon, 'sdng')).toBe('sedang');
    expect(correctSpelling(lexicon, 'hkm')).toBe('hukum');
    expect(correctSpelling(lexicon, 'rngr')).toBeUndefined(); // other consonants
    expect(correctSpelling(lexicon, 'hk')).toBeUndefined(); // too little to tell words apart
  });

  it('drops the words that name a regulation, keeping its number as one concept', () => {
    const q = normalizeQuestion('Apa yang dimaksud dengan Disiplin PNS menurut Peraturan Pemerintah Nomor 94 Tahun 2021?');
    expect(q.concepts.map((c) => c.term)).toEqual(['94/2021', 'disiplin', 'pns']);
    // Any kind of regulation named by number: a mayor's regulation too.
    const local = normalizeQuestion('Apa yang dimaksud dengan apel pagi menurut Peraturan Wali Kota Nomor 7 Tahun 2024?');
    expect(local.concepts.map((c) => c.term)).toEqual(['7/2024', 'apel', 'pagi']);
  });

  it('moves the definition, or the passage naming a time, ahead of close neighbours only when asked', () => {
    const passages = [hit('Pasal 24', 'SKP disusun oleh PNS.', 10), hit('Pasal 1 angka 3', 'SKP adalah rencana kinerja.', 8)];
    expect(preferDefinitions(passages, normalizeQuestion('apa itu SKP'))[0]!.section).toBe('Pasal 1 angka 3');
    expect(preferDefinitions(passages, normalizeQuestion('SKP disusun siapa'))[0]!.section).toBe('Pasal 24');
    const timed = [
      hit('Pasal 8', 'SKP disusun oleh PNS.', 10),
      hit('Pasal 42', 'Penilaian dilakukan paling lambat akhir Januari.', 9),
    ];
    expect(preferTimes(timed, normalizeQuestion('SKP dinilai kapan'))[0]!.section).toBe('Pasal 42');
    expect(preferTimes(timed, normalizeQuestion('SKP dinilai siapa'))[0]!.section).toBe('Pasal 8');
  });
});
