import type { Database } from '../db/database.js';
import type { Prisma } from '../generated/prisma/client.js';
import { findCycles } from './find-cycles.js';
import { parsePeopleCsv, type ParsedPeople, type PersonRow, type RowError } from './parse-people-csv.js';

export type { RowError } from './parse-people-csv.js';

export type ImportReport =
  | {
      ok: true;
      created: number;
      updated: number;
      unchanged: number;
      units: { created: number; updated: number };
    }
  | { ok: false; errors: RowError[] };

type Tx = Prisma.TransactionClient;

/** What the database holds before the import, as far as the file's checks need it. */
interface Snapshot {
  units: Map<string, { id: number; name: string; timeZone: string; parentId: number | null }>;
  unitCodeById: Map<number, string>;
  employeeNips: Set<string>;
  /** Every employee's supervisor by NIP: a cycle may run through people not in the file. */
  supervisorOf: Map<string, string>;
}

/**
 * Imports HR's employee list: org units, employees and their direct supervisors. All or nothing:
 * when any row is wrong, every problem is returned with its line and nothing is written. Only
 * what differs is written, so the same file twice changes nothing; people not in the file stay.
 */
export async function importPeople(db: Database, csvText: string): Promise<ImportReport> {
  const parsed = parsePeopleCsv(csvText);
  if (parsed.rows.length === 0 && parsed.errors.length) return { ok: false, errors: parsed.errors };
  // A province imports tens of thousands of rows: Prisma's 5-second default is far too short.
  return db.prisma.$transaction(
    async (tx) => {
      const snapshot = await readSnapshot(tx);
      const errors = [...parsed.errors, ...checkReferences(parsed, snapshot)].sort((a, b) => a.line - b.line);
      if (errors.length) return { ok: false as const, errors };
      const units = await applyUnits(tx, parsed, snapshot);
      const people = await applyEmployees(tx, parsed, units.idByCode);
      return { ok: true as const, ...people, units: { created: units.created, updated: units.updated } };
    },
    { timeout: 10 * 60_000, maxWait: 30_000 },
  );
}

async function readSnapshot(tx: Tx): Promise<Snapshot> {
  const units = await tx.orgUnit.findMany({ select: { id: true, code: true, name: true, timeZone: true, parentId: true } });
  const employees = await tx.employee.findMany({ select: { id: true, nip: true, supervisorId: true } });
  const nipById = new Map(employees.map((e) => [e.id, e.nip]));
  const supervisorOf = new Map<string, string>();
  for (const e of employees) if (e.supervisorId !== null) supervisorOf.set(e.nip, nipById.get(e.supervisorId)!);
  return {
    units: new Map(units.map((u) => [u.code, u])),
    unitCodeById: new Map(units.map((u) => [u.id, u.code])),
    employeeNips: new Set(nipById.values()),
    supervisorOf,
  };
}

/** Supervisors and parent units must exist, in the file or already, and must not go round in circles. */
function checkReferences(parsed: ParsedPeople, snapshot: Snapshot): RowError[] {
  const errors: RowError[] = [];
  const rowByNip = new Map(parsed.rows.map((r) => [r.nip, r]));
  for (const row of parsed.rows) {
    if (row.supervisorNip && !parsed.nips.has(row.supervisorNip) && !snapshot.employeeNips.has(row.supervisorNip))
      errors.push({ line: row.line, message: `nip_atasan ${row.supervisorNip} tidak ada di berkas maupun di basis data` });
  }
  for (const unit of parsed.units.values()) {
    if (unit.parentCode && !parsed.units.has(unit.parentCode) && !snapshot.units.has(unit.parentCode))
      errors.push({ line: unit.parentLine!, message: `unit_induk ${unit.parentCode} tidak ada di berkas maupun di basis data` });
  }

  const supervisorAfter = (nip: string): string | undefined => {
    const row = rowByNip.get(nip);
    return row && row.supervisorNip !== undefined ? (row.supervisorNip ?? undefined) : snapshot.supervisorOf.get(nip);
  };
  for (const cycle of findCycles(supervisorAfter, rowByNip.keys())) {
    const shown = startAtFirstLine(cycle, (nip) => rowByNip.get(nip)?.line);
    const names = [...shown, shown[0]!].map((nip) => (rowByNip.has(nip) ? `${rowByNip.get(nip)!.name} (${nip})` : nip));
    errors.push({ line: rowByNip.get(shown[0]!)!.line, message: `rantai atasan melingkar: ${names.join(' → ')}` });
  }

  const parentAfter = (code: string): string | undefined => {
    const unit = parsed.units.get(code);
    if (unit?.parentCode) return unit.parentCode;
    const parentId = snapshot.units.get(code)?.parentId;
    return parentId == null ? undefined : snapshot.unitCodeById.get(parentId);
  };
  for (const cycle of findCycles(parentAfter, parsed.units.keys())) {
    const shown = startAtFirstLine(cycle, (code) => parsed.units.get(code)?.parentLine);
    errors.push({
      line: parsed.units.get(shown[0]!)!.parentLine!,
      message: `unit_induk melingkar: ${[...shown, shown[0]].join(' → ')}`,
    });
  }
  return errors;
}

/** Shows a cycle from its member written first in the file, so that the message is stable. */
function startAtFirstLine<K>(cycle: K[], lineOf: (k: K) => number | undefined): K[] {
  let first = 0;
  cycle.forEach((k, i) => {
    if ((lineOf(k) ?? Infinity) < (lineOf(cycle[first]!) ?? Infinity)) first = i;
  });
  return [...cycle.slice(first), ...cycle.slice(0, first)];
}

/** Units first, since employees point to them; parents in a second pass, as a parent may come later. */
async function applyUnits(tx: Tx, parsed: ParsedPeople, snapshot: Snapshot) {
  const idByCode = new Map([...snapshot.units].map(([code, u]) => [code, u.id]));
  const changed = new Set<string>();
  let created = 0;
  for (const unit of parsed.units.values()) {
    const existing = snapshot.units.get(unit.code);
    if (!existing) {
      const row = await tx.orgUnit.create({
        data: { code: unit.code, name: unit.name, ...(unit.timeZone ? { timeZone: unit.timeZone } : {}) },
      });
      idByCode.set(unit.code, row.id);
      created++;
      continue;
    }
    const data = differences(existing, { name: unit.name, timeZone: unit.timeZone });
    if (data) {
      await tx.orgUnit.update({ where: { id: existing.id }, data });
      changed.add(unit.code);
    }
  }
  for (const unit of parsed.units.values()) {
    if (!unit.parentCode) continue;
    const parentId = idByCode.get(unit.parentCode)!;
    const existing = snapshot.units.get(unit.code);
    if (existing?.parentId === parentId) continue;
    await tx.orgUnit.update({ where: { code: unit.code }, data: { parentId } });
    if (existing) changed.add(unit.code);
  }
  return { idByCode, created, updated: changed.size };
}

/** Employees, then supervisors in a second pass: a supervisor may be further down the file. */
async function applyEmployees(tx: Tx, parsed: ParsedPeople, unitIdByCode: Map<string, number>) {
  const nips = parsed.rows.map((r) => r.nip);
  const existing = new Map(
    (await tx.employee.findMany({ where: { nip: { in: nips } }, include: { supervisor: { select: { nip: true } } } })).map(
      (e) => [e.nip, e],
    ),
  );
  const fieldsOf = (row: PersonRow) => ({
    name: row.name,
    unitId: unitIdByCode.get(row.unitCode)!,
    position: row.position,
    grade: row.grade,
    email: row.email,
    slackUserId: row.slackUserId,
    active: row.active,
  });

  const fresh = parsed.rows.filter((r) => !existing.has(r.nip));
  // Optional fields left out take the schema's defaults (active) or stay empty.
  await tx.employee.createMany({ data: fresh.map((row) => ({ nip: row.nip, ...fieldsOf(row) })) });
  const changed = new Set<string>();
  for (const row of parsed.rows) {
    const current = existing.get(row.nip);
    const data = current && differences(current, fieldsOf(row));
    if (!current || !data) continue;
    await tx.employee.update({ where: { id: current.id }, data });
    changed.add(row.nip);
  }

  const wanted = parsed.rows.filter(
    (r) => r.supervisorNip !== undefined && (existing.get(r.nip)?.supervisor?.nip ?? null) !== r.supervisorNip,
  );
  if (wanted.length) {
    const involved = [...new Set(wanted.flatMap((r) => (r.supervisorNip ? [r.nip, r.supervisorNip] : [r.nip])))];
    const idByNip = new Map(
      (await tx.employee.findMany({ where: { nip: { in: involved } }, select: { id: true, nip: true } })).map((e) => [
        e.nip,
        e.id,
      ]),
    );
    const pairs = wanted.map((row) => ({
      id: idByNip.get(row.nip)!,
      supervisorId: row.supervisorNip ? idByNip.get(row.supervisorNip)! : null,
    }));
    // One statement per chunk: a province's first import sets tens of thousands of supervisors,
    // and one UPDATE per employee takes about a millisecond each.
    for (let i = 0; i < pairs.length; i += 5_000) {
      const chunk = pairs.slice(i, i + 5_000);
      await tx.$executeRaw`UPDATE employee AS e SET supervisor_id = v.supervisor_id, updated_at = now()
        FROM (SELECT unnest(${chunk.map((p) => p.id)}::int[]) AS id,
                     unnest(${chunk.map((p) => p.supervisorId)}::int[]) AS supervisor_id) AS v
        WHERE e.id = v.id`;
    }
    for (const row of wanted) if (existing.has(row.nip)) changed.add(row.nip);
  }
  return { created: fresh.length, updated: changed.size, unchanged: existing.size - changed.size };
}

/** The fields of `wanted` that are given and differ from `current`, or undefined when none do. */
function differences<W extends object>(current: { [K in keyof W]: unknown }, wanted: W): Partial<W> | undefined {
  const data: Partial<W> = {};
  for (const key of Object.keys(wanted) as (keyof W)[]) {
    if (wanted[key] !== undefined && wanted[key] !== current[key]) data[key] = wanted[key];
  }
  return Object.keys(data).length ? data : undefined;
}
