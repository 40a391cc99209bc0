import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodedSize } from '../../src/knowledge/parse-sandbox/stream-filters.js';
import { lzwBomb, lzwEncode } from './hostile-documents.js';

const MB = 1024 * 1024;
const text = Buffer.from('Pasal 1 Pegawai wajib masuk kerja dan menaati ketentuan jam kerja. '.repeat(200));

describe('decodedSize: what a PDF stream decodes to, counted up to a cap', () => {
  it('counts Flate, stopping at the cap', async () => {
    expect(await decodedSize(deflateSync(text), ['FlateDecode'], 10 * MB)).toBe(text.length);
    const bomb = deflateSync(Buffer.alloc(64 * MB));
    const capped = await decodedSize(bomb, ['Fl'], 1 * MB);
    expect(capped).toBeGreaterThanOrEqual(1 * MB);
    expect(capped).toBeLessThan(2 * MB);
  });

  it('decodes LZW as the PDF reference writes it, and counts an LZW bomb without building it', async () => {
    // PDF 1.7 reference, 7.4.4.2: "-----A---B".
    expect(lzwEncode(Buffer.from('-----A---B'))).toEqual(Buffer.from([0x80, 0x0b, 0x60, 0x50, 0x22, 0x0c, 0x0c, 0x85, 0x01]));
    expect(await decodedSize(lzwEncode(Buffer.from('-----A---B')), ['LZWDecode'], 100)).toBe(10);
    expect(await decodedSize(lzwEncode(text), ['LZW'], 10 * MB)).toBe(text.length);
    // LZW first in a chain is decoded for real: its output must be the Flate data that follows.
    expect(await decodedSize(lzwEncode(deflateSync(text)), ['LZWDecode', 'FlateDecode'], 10 * MB)).toBe(text.length);
    const bomb = lzwBomb(1024 * MB);
    expect(bomb.length).toBeLessThan(500_000);
    const start = performance.now();
    const capped = await decodedSize(bomb, ['LZWDecode'], 32 * MB);
    expect(capped).toBeGreaterThanOrEqual(32 * MB);
    expect(performance.now() - start).toBeLessThan(2_000);
  });

  it('counts RunLength, and decodes ASCII85 and ASCIIHex ahead of the filter that follows', async () => {
    // 129 repeats the next byte 128 times; 2 copies the next three bytes; 128 ends.
    expect(await decodedSize(Buffer.from([129, 0x41, 2, 1, 2, 3, 128, 9, 9]), ['RunLengthDecode'], 1_000)).toBe(131);
    expect(await decodedSize(Buffer.from('9jqo^zz~>'), ['ASCII85Decode'], 1_000)).toBe(12);
    const hex = Buffer.from(`${deflateSync(text).toString('hex')}>`);
    expect(await decodedSize(hex, ['AHx', 'Fl'], 10 * MB)).toBe(text.length);
  });

  it('stops at a filter it does not know, an image codec, and leaves broken data at what it decoded', async () => {
    expect(await decodedSize(Buffer.from('jpeg'), ['DCTDecode'], 1_000)).toBe(4);
    let seed = 1;
    const varied = Buffer.from(Array.from({ length: 20_000 }, () => 97 + ((seed = (seed * 48271) % 2147483647) % 26)));
    const cut = deflateSync(varied).subarray(0, 2_000);
    const partial = await decodedSize(cut, ['FlateDecode'], 10 * MB);
    expect(partial).toBeGreaterThan(1_000);
    expect(partial).toBeLessThan(varied.length);
  });
});
