import { describe, expect, it } from 'vitest';
import { cleanJson, cleanText } from '../../src/text/clean-text.js';

describe('cleanText', () => {
  it('drops NUL and other control characters but keeps tabs and line breaks', () => {
    expect(cleanText('cuti\u0000 besok\u0007\tya\r\nok\u007F')).toBe('cuti besok\tya\r\nok');
  });

  it('replaces lone surrogates and keeps real pairs (emoji)', () => {
    expect(cleanText('a\uD83Db')).toBe('a\uFFFDb');
    expect(cleanText('a\uDE00b')).toBe('a\uFFFDb');
    expect(cleanText('siap 👍 ya')).toBe('siap 👍 ya');
    expect(Buffer.from(cleanText('x\uD800'), 'utf8').toString('utf8')).toBe('x\uFFFD');
  });

  it('keeps Indonesian text as it is', () => {
    const text = 'Apakah PNS boleh ikut kampanye? Pasal 5 huruf n — “netralitas”.';
    expect(cleanText(text)).toBe(text);
  });
});

describe('cleanJson', () => {
  it('cleans every string of a nested update, keys included, and leaves numbers alone', () => {
    const update = { update_id: 7, message: { text: 'halo\u0000', entities: [{ type: 'bold\uD800' }], 'k\u0000': 1 } };
    expect(cleanJson(update)).toEqual({ update_id: 7, message: { text: 'halo', entities: [{ type: 'bold\uFFFD' }], k: 1 } });
  });

  it('passes files and other class instances on untouched', () => {
    const file = new File(['isi\u0000'], 'a.txt');
    const cleaned = cleanJson({ berkas: file, q: 'x\u0000' });
    expect(cleaned.berkas).toBe(file);
    expect(cleaned.q).toBe('x');
  });
});
