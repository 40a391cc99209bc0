import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/admin/auth/password.js';

describe('admin password hashing (scrypt)', () => {
  it('verifies the right password only, with a random salt each time', async () => {
    const a = await hashPassword('kata-sandi-rahasia');
    const b = await hashPassword('kata-sandi-rahasia');
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[\w+/=]+\$[\w+/=]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('kata-sandi-rahasia', a)).toBe(true);
    expect(await verifyPassword('kata-sandi-rahasiA', a)).toBe(false);
  });

  it('keeps working when the parameters change, and never matches a malformed hash', async () => {
    const cheap = await hashPassword('kata-sandi-rahasia', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('kata-sandi-rahasia', cheap)).toBe(true);
    for (const stored of ['', 'plain', 'scrypt$x$8$1$AAAA$AAAA', 'bcrypt$1$2$3$4$5']) {
      expect(await verifyPassword('kata-sandi-rahasia', stored)).toBe(false);
    }
  });
});
