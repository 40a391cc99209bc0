import { constants, createInflate } from 'node:zlib';

/**
 * How many bytes a PDF stream decodes to through its filter chain, counted up to `cap` and no
 * further: the filters that can multiply their input (Flate, LZW, RunLength, ASCII85's `z`) are
 * all measured, the last one only counted, the ones before it decoded up to `cap` bytes. A filter
 * this does not know (an image codec, Crypt) ends the count with what came out so far. Broken
 * data counts what decoded before the break, as pdf.js reads it.
 */
export async function decodedSize(data: Uint8Array, filters: string[], cap: number): Promise<number> {
  let bytes = data;
  for (const [i, filter] of filters.entries()) {
    const last = i === filters.length - 1;
    const decode = decoders[filter];
    if (!decode) return bytes.length;
    const out = await decode(bytes, cap, last);
    if (typeof out === 'number') return out;
    if (out.length >= cap) return out.length;
    bytes = out;
  }
  return bytes.length;
}

/** A decoder returns its output (capped) when `count` is false, else only the output's length. */
type Decoder = (data: Uint8Array, cap: number, count: boolean) => Promise<Uint8Array | number>;

const flate: Decoder = (data, cap, count) =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // A sync flush at the end accepts a stream cut short, as pdf.js does.
    const inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH, chunkSize: 64 * 1024 });
    const done = () => resolve(count ? size : Buffer.concat(chunks).subarray(0, cap));
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (!count) chunks.push(chunk);
      if (size >= cap) inflate.destroy();
    });
    inflate.on('end', done).on('error', done).on('close', done);
    inflate.end(data);
  });

/** Collects output bytes up to the cap, or only counts them. */
function sink(cap: number, count: boolean) {
  let buffer = count ? undefined : new Uint8Array(Math.min(cap, 1 << 16));
  let size = 0;
  /** Room for `n` more bytes, up to the cap; returns how many fit. */
  const room = (n: number) => {
    if (!buffer) return 0;
    if (size + n > buffer.length && buffer.length < cap) {
      const grown = new Uint8Array(Math.min(cap, Math.max(buffer.length * 2, size + n)));
      grown.set(buffer.subarray(0, size));
      buffer = grown;
    }
    return Math.max(0, Math.min(n, buffer.length - size));
  };
  return {
    full: () => size >= cap,
    push(byte: number, times = 1) {
      buffer?.fill(byte, size, size + room(times));
      size += times;
    },
    /** Repeats `length` bytes of earlier output from `from` (LZW); only the length matters when counting. */
    copy(from: number, length: number) {
      const fit = room(length);
      for (let k = 0; k < fit; k++) buffer![size + k] = buffer![from + k]!;
      size += length;
    },
    result: (): Uint8Array | number => (buffer ? buffer.subarray(0, Math.min(size, buffer.length)) : size),
    get size() {
      return size;
    },
  };
}

/** LZW as PDF writes it (early change 1), the way pdf.js's LZWStream reads it. */
const lzw: Decoder = async (data, cap, count) => {
  const out = sink(cap, count);
  const lengths = new Uint16Array(4096).fill(1);
  const starts = new Float64Array(4096); // where each code's string last appeared in the output
  let codeLength = 9;
  let nextCode = 258;
  let prevCode = -1;
  let prevLength = 0;
  let bitBuffer = 0;
  let bits = 0;
  for (let i = 0; i < data.length && !out.full(); i++) {
    bitBuffer = ((bitBuffer << 8) | data[i]!) >>> 0;
    bits += 8;
    while (bits >= codeLength && !out.full()) {
      const code = (bitBuffer >>> (bits - codeLength)) & ((1 << codeLength) - 1);
      bits -= codeLength;
      bitBuffer &= (1 << bits) - 1;
      if (code === 256) {
        codeLength = 9;
        nextCode = 258;
        prevCode = -1;
        prevLength = 0;
        continue;
      }
      if (code === 257) return out.result();
      const start = out.size;
      let length: number;
      if (code < 256) {
        length = 1;
        out.push(code);
      } else if (code < nextCode) {
        length = lengths[code]!;
        out.copy(starts[code]!, length);
      } else {
        // The code being defined: the previous string and its own first byte.
        if (prevCode < 0) return out.result();
        length = prevLength + 1;
        out.copy(start - prevLength, prevLength);
        out.copy(start - prevLength, 1);
      }
      if (prevCode >= 0 && nextCode < 4096) {
        lengths[nextCode] = prevLength + 1;
        starts[nextCode] = start - prevLength;
        nextCode++;
        if (((nextCode + 1) & nextCode) === 0 && codeLength < 12) codeLength++;
      }
      if (code < nextCode) starts[code] = start;
      prevCode = code;
      prevLength = length;
    }
  }
  return out.result();
};

const runLength: Decoder = async (data, cap, count) => {
  const out = sink(cap, count);
  for (let i = 0; i < data.length && !out.full(); ) {
    const n = data[i++]!;
    if (n === 128) break;
    if (n < 128) {
      for (let k = 0; k <= n && i < data.length; k++) out.push(data[i++]!);
    } else if (i < data.length) {
      out.push(data[i++]!, 257 - n);
    }
  }
  return out.result();
};

/** ASCII85: at most 4 bytes per character (`z`), so it is decoded, never a bomb by itself. */
const ascii85: Decoder = async (data, cap, count) => {
  const out = sink(cap, count);
  const group: number[] = [];
  const flush = (n: number) => {
    let value = 0;
    for (let k = 0; k < 5; k++) value = value * 85 + (group[k] ?? 84);
    for (let k = 0; k < n - 1; k++) out.push((value >>> (24 - 8 * k)) & 0xff);
    group.length = 0;
  };
  for (let i = 0; i < data.length && !out.full(); i++) {
    const c = data[i]!;
    if (c === 0x7e) break; // ~> ends the data
    if (c === 0x7a && group.length === 0) out.push(0, 4);
    else if (c >= 0x21 && c <= 0x75) {
      group.push(c - 0x21);
      if (group.length === 5) flush(5);
    }
  }
  if (group.length > 1) flush(group.length);
  return out.result();
};

const asciiHex: Decoder = async (data, cap, count) => {
  const out = sink(cap, count);
  let high = -1;
  for (let i = 0; i < data.length && !out.full(); i++) {
    const c = data[i]!;
    if (c === 0x3e) break; // > ends the data
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1;
    if (digit < 0) continue;
    if (high < 0) high = digit;
    else {
      out.push((high << 4) | digit);
      high = -1;
    }
  }
  if (high >= 0) out.push(high << 4);
  return out.result();
};

const decoders: Partial<Record<string, Decoder>> = {
  FlateDecode: flate,
  Fl: flate,
  LZWDecode: lzw,
  LZW: lzw,
  RunLengthDecode: runLength,
  RL: runLength,
  ASCII85Decode: ascii85,
  A85: ascii85,
  ASCIIHexDecode: asciiHex,
  AHx: asciiHex,
};
