// Election periods HR enters (admin page "Masa Pemilu"): a Pemilu for everyone or a Pilkada for one
// region's units, with its dates, candidates, parties, slogans and hashtags. The neutrality
// reminder follows them (plan-outbox.ts) and the draft-post checker looks for their entries.

import { z } from 'zod';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { localDateOfColumn, parseLocalDate } from '../calendar/local-time.js';
import { cleanText } from '../text/clean-text.js';
import type { ElectionContext } from './check-post.js';

const localDate = z
  .string()
  .trim()
  .refine((s) => {
    try {
      parseLocalDate(s);
      return true;
    } catch {
      return false;
    }
  }, 'tanggal harus berbentuk TTTT-BB-HH, misalnya 2026-11-27');

const optionalDate = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), localDate.optional());

const candidate = z.object({
  number: z.number().int().min(1).max(99).optional(),
  names: z.array(z.string().trim().min(2).max(80)).min(1).max(4),
});

/** What HR enters for a period; the admin form and tests go through it. */
export const electionPeriodInput = z
  .object({
    name: z.string().trim().min(3, 'nama masa pemilu terlalu pendek').max(120, 'nama paling panjang 120 karakter'),
    scope: z.string().trim().min(1).max(40).default('*'),
    startDate: localDate,
    endDate: localDate,
    campaignStart: optionalDate,
    campaignEnd: optionalDate,
    votingDate: optionalDate,
    candidatesSetOn: optionalDate,
    region: z.string().trim().max(80).optional(),
    candidates: z.array(candidate).max(20, 'paling banyak 20 pasangan calon').default([]),
    parties: z.array(z.string().trim().min(2).max(80)).max(50).default([]),
    slogans: z.array(z.string().trim().min(3).max(120)).max(50).default([]),
    hashtags: z
      .array(
        z
          .string()
          .trim()
          .regex(/^#?[\p{L}\p{N}_]{2,60}$/u, 'tagar hanya huruf, angka dan _'),
      )
      .max(50)
      .default([]),
    reminder: z.boolean().default(true),
  })
  .refine((p) => p.startDate <= p.endDate, { message: 'tanggal selesai tidak boleh sebelum tanggal mulai', path: ['endDate'] });

export type ElectionPeriodInput = z.input<typeof electionPeriodInput>;

export interface ElectionPeriodView {
  id: number;
  name: string;
  scope: string;
  startDate: string;
  endDate: string;
  campaignStart?: string;
  campaignEnd?: string;
  votingDate?: string;
  candidatesSetOn?: string;
  region?: string;
  candidates: { number?: number; names: string[] }[];
  parties: string[];
  slogans: string[];
  hashtags: string[];
  reminder: boolean;
}

const day = (s: string) => new Date(`${s}T00:00:00Z`);
const dayOrNull = (s: string | undefined) => (s ? day(s) : null);

/**
 * Creates a period, or replaces the one with `id`. Throws AppError `bad_election_period` naming the
 * field at fault, `unknown_unit` for a scope that is not a unit code, `not_found` for an unknown id.
 */
export async function saveElectionPeriod(db: Database, input: ElectionPeriodInput, id?: number): Promise<ElectionPeriodView> {
  const parsed = electionPeriodInput.safeParse(input);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `${fieldLabel(i.path)}: ${i.message}`);
    throw new AppError('bad_election_period', `Masa pemilu tidak disimpan. ${reasons.join('; ')}.`);
  }
  const p = parsed.data;
  if (p.scope !== '*' && !(await db.prisma.orgUnit.findUnique({ where: { code: p.scope } })))
    throw new AppError('unknown_unit', `Unit ${p.scope} tidak ditemukan; tulis * untuk semua pegawai.`);
  const data = {
    name: cleanText(p.name),
    scope: p.scope,
    startDate: day(p.startDate),
    endDate: day(p.endDate),
    campaignStart: dayOrNull(p.campaignStart),
    campaignEnd: dayOrNull(p.campaignEnd),
    votingDate: dayOrNull(p.votingDate),
    candidatesSetOn: dayOrNull(p.candidatesSetOn),
    region: p.region ? cleanText(p.region) : null,
    candidates: p.candidates.map((c) => ({ ...c, names: c.names.map(cleanText) })),
    parties: p.parties.map(cleanText),
    slogans: p.slogans.map(cleanText),
    hashtags: p.hashtags.map((h) => (h.startsWith('#') ? h : `#${h}`)),
    reminder: p.reminder,
  };
  if (id === undefined) return toView(await db.prisma.electionPeriod.create({ data }));
  const existing = await db.prisma.electionPeriod.findUnique({ where: { id } });
  if (!existing) throw new AppError('not_found', `Masa pemilu #${id} tidak ditemukan.`);
  return toView(await db.prisma.electionPeriod.update({ where: { id }, data }));
}

/** Removes a period. Throws AppError `not_found` for an unknown id. */
export async function removeElectionPeriod(db: Database, id: number): Promise<void> {
  const { count } = await db.prisma.electionPeriod.deleteMany({ where: { id } });
  if (count === 0) throw new AppError('not_found', `Masa pemilu #${id} tidak ditemukan.`);
}

/** Every period, the latest first. */
export async function listElectionPeriods(db: Database): Promise<ElectionPeriodView[]> {
  const rows = await db.prisma.electionPeriod.findMany({ orderBy: [{ startDate: 'desc' }, { id: 'desc' }] });
  return rows.map(toView);
}

/** One period, or undefined. */
export async function findElectionPeriod(db: Database, id: number): Promise<ElectionPeriodView | undefined> {
  const row = await db.prisma.electionPeriod.findUnique({ where: { id } });
  return row ? toView(row) : undefined;
}

/**
 * The periods that cover a local date, for everyone or for one of `unitScopes` (the employee's unit
 * and its ancestors). Without `unitScopes` (the CLI, an unlinked account) every period of the date.
 */
export async function periodsOn(db: Database, localDate: string, unitScopes?: readonly string[]): Promise<ElectionPeriodView[]> {
  const date = day(localDate);
  const rows = await db.prisma.electionPeriod.findMany({
    where: {
      startDate: { lte: date },
      endDate: { gte: date },
      ...(unitScopes ? { scope: { in: ['*', ...unitScopes] } } : {}),
    },
    orderBy: { startDate: 'asc' },
  });
  return rows.map(toView);
}

/** What the checker needs of a period on a date: the candidates are official from `candidatesSetOn` (or always, when HR left it empty). */
export function electionContext(period: ElectionPeriodView, localDate: string): ElectionContext {
  return {
    name: period.name,
    candidatesOfficial: period.candidatesSetOn === undefined || period.candidatesSetOn <= localDate,
    candidates: period.candidates,
    parties: period.parties,
    slogans: period.slogans,
    hashtags: period.hashtags,
    region: period.region,
  };
}

type PeriodRow = Awaited<ReturnType<Database['prisma']['electionPeriod']['findFirstOrThrow']>>;

function toView(row: PeriodRow): ElectionPeriodView {
  const optional = (d: Date | null) => (d ? localDateOfColumn(d) : undefined);
  const candidates = z.array(candidate).safeParse(row.candidates);
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    startDate: localDateOfColumn(row.startDate),
    endDate: localDateOfColumn(row.endDate),
    campaignStart: optional(row.campaignStart),
    campaignEnd: optional(row.campaignEnd),
    votingDate: optional(row.votingDate),
    candidatesSetOn: optional(row.candidatesSetOn),
    region: row.region ?? undefined,
    candidates: candidates.success ? candidates.data : [],
    parties: row.parties,
    slogans: row.slogans,
    hashtags: row.hashtags,
    reminder: row.reminder,
  };
}

const labels: Record<string, string> = {
  name: 'Nama',
  scope: 'Cakupan',
  startDate: 'Tanggal mulai',
  endDate: 'Tanggal selesai',
  campaignStart: 'Awal kampanye',
  campaignEnd: 'Akhir kampanye',
  votingDate: 'Hari pemungutan suara',
  candidatesSetOn: 'Tanggal penetapan calon',
  region: 'Wilayah',
  candidates: 'Calon',
  parties: 'Partai',
  slogans: 'Slogan',
  hashtags: 'Tagar',
};

function fieldLabel(path: readonly PropertyKey[]): string {
  const head = labels[String(path[0])] ?? String(path[0] ?? 'Isian');
  return path.length > 1 ? `${head} baris ${Number(path[1]) + 1}` : head;
}
