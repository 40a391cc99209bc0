// Reading HR's employee list (CSV, as Excel or SIMPEG exports it) into checked rows. Pure: what
// needs the database (supervisors and parent units that exist, cycles) is checked by importPeople.
import { parse } from 'csv-parse/sync';
import { zoneLabel, zoneOfLabel, type Zone } from '../calendar/local-time.js';
import { normalizeNip, validateNip } from './nip.js';

export const peopleColumns = [
  'nip',
  'nama',
  'unit_kode',
  'unit_nama',
  'unit_induk',
  'jabatan',
  'eselon',
  'zona_waktu',
  'nip_atasan',
  'email',
  'slack_id',
  'aktif',
] as const;
export type PeopleColumn = (typeof peopleColumns)[number];
const requiredColumns: PeopleColumn[] = ['nip', 'nama', 'unit_kode', 'unit_nama', 'jabatan', 'eselon'];

const activeValues: Record<string, boolean> = { ya: true, y: true, tidak: false, t: false };

/** A problem in the file, at a line as an editor or Excel numbers it (the header is line 1). */
export interface RowError {
  line: number;
  message: string;
}

/**
 * One employee as the file says. For an optional column the file lacks, the field is undefined
 * and the import leaves it as it is; an empty cell in a column the file has clears it.
 */
export interface PersonRow {
  line: number;
  nip: string;
  name: string;
  unitCode: string;
  position: string | null;
  grade: string | null;
  supervisorNip?: string | null;
  email?: string | null;
  slackUserId?: string | null;
  active?: boolean;
}

/** A unit as the rows of its employees describe it; a parent or zone given on none stays as it is. */
export interface UnitRow {
  code: string;
  name: string;
  line: number;
  parentCode?: string;
  parentLine?: number;
  timeZone?: Zone;
  timeZoneLine?: number;
}

export interface ParsedPeople {
  rows: PersonRow[];
  units: Map<string, UnitRow>;
  /** Every well-formed NIP in the file, also on rows with other errors (so they are not "unknown"). */
  nips: Set<string>;
  columns: Set<PeopleColumn>;
  errors: RowError[];
}

/** Parses and checks the file; every problem is reported, not only the first. */
export function parsePeopleCsv(csvText: string): ParsedPeople {
  const result: ParsedPeople = { rows: [], units: new Map(), nips: new Set(), columns: new Set(), errors: [] };
  // csv-parse miscounts lines when a quoted cell holds a CRLF: give it plain newlines.
  const text = csvText.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const headerLine = text.split('\n').find((l) => l.trim() !== '');
  if (headerLine === undefined) {
    result.errors.push({ line: 1, message: 'berkas kosong; baris pertama harus berisi nama kolom' });
    return result;
  }
  // Excel writes `;` where the decimal separator is a comma (as in Indonesia), `,` elsewhere.
  const delimiter = count(headerLine, ';') > count(headerLine, ',') ? ';' : ',';

  let records: { record: string[]; line: number }[];
  try {
    records = (
      parse(text, { delimiter, info: true, raw: true, relax_column_count: true, trim: true }) as unknown as {
        record: string[];
        raw: string;
        info: { lines: number };
      }[]
    )
      .map((r) => ({ record: r.record, line: r.info.lines - count(r.raw.replace(/\n$/, ''), '\n') }))
      // Blank lines and the `;;;;` rows Excel leaves below a table carry nothing.
      .filter((r) => r.record.some((cell) => cell !== ''));
  } catch (error) {
    const e = error as { lines?: number; message: string };
    result.errors.push({ line: e.lines ?? 1, message: `format CSV rusak: ${e.message}` });
    return result;
  }

  const [header, ...body] = records;
  const index = readHeader(header!, result);
  if (!index) return result;
  if (body.length === 0) {
    result.errors.push({ line: header!.line, message: 'tidak ada data pegawai di bawah baris judul' });
    return result;
  }

  const firstLineOfNip = new Map<string, number>();
  for (const { record, line } of body) {
    const fail = (message: string) => result.errors.push({ line, message });
    if (record.length !== header!.record.length) {
      fail(`jumlah kolom ${record.length}, seharusnya ${header!.record.length}`);
      continue;
    }
    const cell = (c: PeopleColumn) => (index.has(c) ? record[index.get(c)!]!.replace(/\s+/g, ' ') : undefined);
    const optional = (c: PeopleColumn) => (index.has(c) ? cell(c) || null : undefined);
    const errorsBefore = result.errors.length;

    const nipText = cell('nip')!;
    const nip = normalizeNip(nipText);
    const nipError = validateNip(nip);
    if (nip === '') fail('NIP kosong');
    else if (nipError) fail(`NIP ${nipText} tidak valid: ${nipError}`);
    else if (firstLineOfNip.has(nip)) fail(`NIP ${nip} sudah ada di baris ${firstLineOfNip.get(nip)}`);
    else {
      firstLineOfNip.set(nip, line);
      result.nips.add(nip);
    }

    const name = cell('nama')!;
    if (name === '') fail('nama kosong');

    const supervisorText = optional('nip_atasan');
    const supervisorNip = supervisorText ? normalizeNip(supervisorText) : supervisorText;
    if (supervisorNip) {
      const reason = validateNip(supervisorNip);
      if (reason) fail(`nip_atasan ${supervisorText} tidak valid: ${reason}`);
      else if (supervisorNip === nip) fail('pegawai tidak boleh menjadi atasannya sendiri');
    }

    const email = optional('email');
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail(`email "${email}" tidak valid`);

    const activeText = optional('aktif');
    const active = activeText === undefined ? undefined : activeText === null ? true : activeValues[activeText.toLowerCase()];
    if (active === undefined && activeText) fail(`aktif "${activeText}" tidak dikenal; gunakan ya atau tidak`);

    const unitCode = cell('unit_kode')!;
    if (unitCode === '') fail('unit_kode kosong');
    else readUnit(unitCode, line, cell, result);

    if (result.errors.length > errorsBefore) continue;
    result.rows.push({
      line,
      nip,
      name,
      unitCode,
      position: cell('jabatan') || null,
      grade: cell('eselon') || null,
      supervisorNip,
      email,
      slackUserId: optional('slack_id'),
      active,
    });
  }
  return result;
}

function readHeader(header: { record: string[]; line: number }, result: ParsedPeople): Map<PeopleColumn, number> | undefined {
  const index = new Map<PeopleColumn, number>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  header.record.forEach((raw, i) => {
    const name = raw.toLowerCase().replace(/[\s-]+/g, '_');
    if (!(peopleColumns as readonly string[]).includes(name)) unknown.push(raw);
    else if (index.has(name as PeopleColumn)) repeated.push(raw);
    else index.set(name as PeopleColumn, i);
  });
  const missing = requiredColumns.filter((c) => !index.has(c));
  const fail = (message: string) => result.errors.push({ line: header.line, message });
  if (missing.length) fail(`kolom wajib tidak ada: ${missing.join(', ')}`);
  // A misspelt optional column (nip_atsan) would otherwise be ignored and its data silently lost.
  if (unknown.length) fail(`kolom tidak dikenal: ${unknown.join(', ')} (kolom yang dikenal: ${peopleColumns.join(', ')})`);
  if (repeated.length) fail(`kolom ganda: ${repeated.join(', ')}`);
  for (const c of index.keys()) result.columns.add(c);
  return result.errors.length ? undefined : index;
}

/** A unit is described on each of its employees' rows: the rows must agree. */
function readUnit(code: string, line: number, cell: (c: PeopleColumn) => string | undefined, result: ParsedPeople): void {
  const fail = (message: string) => result.errors.push({ line, message });
  const name = cell('unit_nama')!;
  const parentCode = cell('unit_induk') || undefined;
  const zoneText = cell('zona_waktu') || undefined;
  const timeZone = zoneText ? zoneOfLabel(zoneText) : undefined;
  if (name === '') fail('unit_nama kosong');
  if (zoneText && !timeZone) fail(`zona_waktu "${zoneText}" tidak dikenal; gunakan WIB, WITA, atau WIT`);
  if (parentCode === code) fail(`unit ${code} tidak boleh menjadi induknya sendiri`);

  const unit = result.units.get(code);
  if (!unit) {
    result.units.set(code, {
      code,
      name,
      line,
      parentCode,
      parentLine: parentCode ? line : undefined,
      timeZone,
      timeZoneLine: timeZone ? line : undefined,
    });
    return;
  }
  if (name && unit.name && name !== unit.name)
    fail(`unit ${code} bernama "${unit.name}" di baris ${unit.line}, di sini "${name}"`);
  if (parentCode && unit.parentCode && parentCode !== unit.parentCode)
    fail(`unit ${code} berinduk ${unit.parentCode} di baris ${unit.parentLine}, di sini ${parentCode}`);
  if (timeZone && unit.timeZone && timeZone !== unit.timeZone)
    fail(`unit ${code} berzona ${zoneLabel(unit.timeZone)} di baris ${unit.timeZoneLine}, di sini ${zoneText!.toUpperCase()}`);
  unit.name ||= name;
  if (parentCode && !unit.parentCode) Object.assign(unit, { parentCode, parentLine: line });
  if (timeZone && !unit.timeZone) Object.assign(unit, { timeZone, timeZoneLine: line });
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
