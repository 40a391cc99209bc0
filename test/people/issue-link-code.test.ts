import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { AppError } from '../../src/errors.js';
import { issueLinkCode } from '../../src/people/issue-link-code.js';
import { backends, openTestDatabase } from '../helpers/test-database.js';

const now = new Date('2026-11-23T01:00:00Z');
const andi = '198505082010011003';
const codeShape = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

describe.each(backends)('issuing linking codes (%s)', (backend) => {
  let db: Database;
  let andiId: number;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    andiId = (await db.prisma.employee.create({ data: { nip: andi, name: 'Andi Pratama' } })).id;
    await db.prisma.employee.create({ data: { nip: '199002142015032001', name: 'Dewi Lestari', active: false } });
  });
  afterAll(() => db?.close());

  const codesOfAndi = () => db.prisma.linkCode.findMany({ where: { employeeId: andiId }, orderBy: { id: 'asc' } });

  it('gives an unambiguous XXXX-XXXX code for a week and keeps only its hash', async () => {
    const issued = await issueLinkCode(db, andi, { now });
    expect(issued.code).toMatch(codeShape);
    expect(issued.expiresAt).toEqual(new Date('2026-11-30T01:00:00Z'));
    expect(issued.employee).toEqual({ nip: andi, name: 'Andi Pratama' });
    const [stored] = await codesOfAndi();
    expect(stored!.codeHash).toBe(createHash('sha256').update(issued.code.replace('-', '')).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(issued.code.replace('-', ''));
  });

  it('ends the earlier unused codes of the employee, accepts spaces in the NIP and another lifetime', async () => {
    const later = new Date(now.getTime() + 60_000);
    const issued = await issueLinkCode(db, '19850508 201001 1 003', { now: later, ttlDays: 2 });
    expect(issued.expiresAt).toEqual(new Date('2026-11-25T01:01:00Z'));
    const [first, second] = await codesOfAndi();
    expect(first!.expiresAt).toEqual(later);
    expect(second!.expiresAt).toEqual(issued.expiresAt);
  });

  it('draws a different code each time', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) codes.add((await issueLinkCode(db, andi, { now })).code);
    expect(codes.size).toBe(5);
  });

  it('refuses, in Indonesian, an unknown, inactive or malformed NIP and a silly lifetime', async () => {
    const refusal = (nip: string, ttlDays?: number) =>
      issueLinkCode(db, nip, { now, ttlDays }).then(
        () => undefined,
        (e: AppError) => [e.code, e.userMessage],
      );
    expect(await refusal('199207302019031002')).toEqual([
      'employee_not_found',
      'Pegawai dengan NIP 199207302019031002 tidak ditemukan. Impor data pegawai dahulu.',
    ]);
    expect(await refusal('199002142015032001')).toEqual([
      'employee_inactive',
      'Pegawai Dewi Lestari (NIP 199002142015032001) tidak aktif; kode tidak dapat dibuat.',
    ]);
    expect(await refusal('12345')).toEqual(['invalid_nip', 'NIP 12345 tidak valid: harus 18 angka, tertulis 5 angka.']);
    expect(await refusal(andi, 0)).toEqual(['invalid_ttl', 'Masa berlaku kode harus 1 sampai 90 hari.']);
    await expect(issueLinkCode(db, '199207302019031002', { now })).rejects.toBeInstanceOf(AppError);
  });
});
