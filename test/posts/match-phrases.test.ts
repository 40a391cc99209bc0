/**
 * The phrase language HR writes: `a & b` finds both parts near each other in either order (new
 * writing seldom keeps a fixed order), and an inflected phrase word finds the verb's other forms.
 */
import { describe, expect, it } from 'vitest';
import { compilePhrase, findPhrase, nearWindow } from '../../src/posts/match-phrases.js';
import { normalizePost, type NormalizeOptions } from '../../src/posts/normalize-post.js';

const options: NormalizeOptions = { spelling: new Map([['no', 'nomor']]), numberedWords: new Set(['nomor', 'paslon']) };
const finds = (phrase: string, text: string) =>
  findPhrase(compilePhrase(phrase, options), normalizePost(text, options), {}) !== undefined;

describe('a & b: both parts within a few words, in any order', () => {
  it('finds a ballot number and a voting verb whichever comes first', () => {
    expect(finds('coblos & nomor {nomor}', 'coblos yang nomor 2 ya')).toBe(true);
    expect(finds('coblos & nomor {nomor}', 'No 2 pokoknya, jangan salah coblos')).toBe(true);
    expect(finds('coblos .. nomor {nomor}', 'No 2 pokoknya, jangan salah coblos')).toBe(false);
  });

  it('does not join parts that are far apart, nor a part with itself', () => {
    const filler = Array.from({ length: nearWindow + 2 }, () => 'kata').join(' ');
    expect(finds('coblos & nomor {nomor}', `coblos ${filler} nomor 2`)).toBe(false);
    expect(finds('pilih & pilih*', 'pilih')).toBe(false);
  });
});

describe('an inflected phrase word', () => {
  it('finds the same verb with other affixes, not the bare stem', () => {
    expect(finds('sebarkan', 'tolong disebarin ke grup')).toBe(true);
    expect(finds('sebarkan', 'jangan menyebar kabar')).toBe(true);
    expect(finds('bagikan', 'bagi yang belum tahu')).toBe(false);
    // A possessive is not an inflection: "pilihmu" stays itself.
    expect(finds('pilihmu', 'memilih')).toBe(false);
  });
});
