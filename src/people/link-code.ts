// Linking codes are read off a screen or paper and typed on a phone: no 0/O, 1/I/L to confuse.
import { createHash, randomInt } from 'node:crypto';

const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const length = 8;

/** A new random code, `XXXX-XXXX`: 31^8 ≈ 8.5e11 codes, and guessing is locked out after 5 tries. */
export function generateLinkCode(): string {
  let code = '';
  // randomInt draws without modulo bias.
  for (let i = 0; i < length; i++) code += alphabet[randomInt(alphabet.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** People type codes in lower case, without the dash, or with spaces: all mean the same code. */
export function normalizeLinkCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, '');
}

/** Whether the input can be a code at all, before looking it up. */
export function isWellFormedLinkCode(input: string): boolean {
  const code = normalizeLinkCode(input);
  return code.length === length && [...code].every((c) => alphabet.includes(c));
}

/** Only this hash is stored, so that a copy of the database cannot be used to link accounts. */
export function hashLinkCode(input: string): string {
  return createHash('sha256').update(normalizeLinkCode(input)).digest('hex');
}
