import { describe, expect, it } from 'vitest';
import { normalizePost, type NormalizeOptions } from '../../src/posts/normalize-post.js';
import { stemWord } from '../../src/posts/stem-word.js';

const options: NormalizeOptions = {
  spelling: new Map([
    ['yg', 'yang'],
    ['nomer', 'nomor'],
    ['jgn', 'jangan'],
  ]),
  numberedWords: new Set(['no', 'nomor', 'paslon', 'salam']),
};
const forms = (text: string) => normalizePost(text, options).map((t) => t.form);

describe('normalizePost: Indonesian social-media writing as tokens', () => {
  it('squeezes repeated letters and spells out slang', () => {
    expect(forms('PILIHHH yg cobloss!!! jgn lupa')).toEqual(['pilih', 'yang', 'coblos', 'jangan', 'lupa']);
  });

  it('reads numbers as they are meant: "no.2", "nomer dua", "01", "paslon02", "salam 3 jari"', () => {
    expect(forms('no.2')).toEqual(['no', '2']);
    expect(forms('nomer dua')).toEqual(['nomor', '2']);
    expect(forms('paslon 01')).toEqual(['paslon', '1']);
    expect(forms('paslon02')).toEqual(['paslon', '2']);
    expect(forms('salam tiga jari')).toEqual(['salam', '3', 'jari']);
  });

  it('tells a reduplication from a number and digits in disguise from a number', () => {
    expect(forms('rame2 siap2')).toEqual(['rame', 'siap']);
    expect(forms('c0bl0s b4ngs4t')).toEqual(['coblos', 'bangsat']);
  });

  it('keeps a hashtag whole and reads the words inside it', () => {
    expect(forms('#BudiRinaJilid1')).toEqual(['#budirinajilid1', 'budi', 'rina', 'jilid', '1']);
  });

  it('reads gesture emoji, phone numbers and 16-digit NIKs as words, and keeps the original span', () => {
    expect(forms('pilih ☝️ ya')).toEqual(['pilih', 'emojisatujari', 'ya']);
    expect(forms('salam ✌')).toEqual(['salam', 'emojiduajari']);
    expect(forms('WA 0812-3456-7890')).toContain('nomortelepon');
    expect(forms('NIK 3271011203850004')).toContain('nomornik');
    const text = 'Ayo COBLOSSS no 1';
    const token = normalizePost(text, options).find((t) => t.form === 'coblos')!;
    expect(text.slice(token.start, token.end)).toBe('COBLOSSS');
  });

  it('drops control characters and lone surrogates before reading', () => {
    expect(forms('pi\u0000lih \uD800coblos')).toEqual(['pilih', 'coblos']);
  });
});

describe('stemWord: the inflections that keep a word', () => {
  it.each([
    ['disebarkan', 'sebar'],
    ['menyebarkan', 'sebar'],
    ['memilih', 'pilih'],
    ['mendukung', 'dukung'],
    ['sebarin', 'sebar'],
    ['programnya', 'program'],
    ['menyukai', 'suka'],
  ])('%s -> %s', (word, stem) => expect(stemWord(word)).toBe(stem));

  it.each(['pelapor', 'terbatas', 'rekanan', 'berkas', 'terima', 'jangan'])('leaves %s a word of its own', (word) =>
    expect(stemWord(word)).toBe(word),
  );
});
