import type { Database } from '../db/database.js';
import type { RuleThresholds } from './flag-rules.js';

export interface FlagSettings extends RuleThresholds {
  /** Working hours an addressed supervisor has before the flag goes one level up. */
  escalationWorkingHours: number;
}

/** The one settings row (the migration creates it with the defaults: 3 days, 3 misses, 8 hours). */
export async function loadFlagSettings(db: Database): Promise<FlagSettings> {
  const row = await db.prisma.flagSettings.findUnique({ where: { id: 1 } });
  return {
    kpiMissingDays: row?.kpiMissingDays ?? 3,
    disciplineMissesPerWeek: row?.disciplineMissesPerWeek ?? 3,
    escalationWorkingHours: row?.escalationWorkingHours ?? 8,
  };
}

/** What each threshold means and the values it may take (1 to `max`), for every form that edits them. */
export const flagSettingLimits: Readonly<Record<keyof FlagSettings, { label: string; max: number }>> = Object.freeze({
  kpiMissingDays: { label: 'hari kerja tanpa catatan kinerja', max: 60 },
  disciplineMissesPerWeek: { label: 'pengingat disiplin terlewat per pekan', max: 7 },
  escalationWorkingHours: { label: 'jam kerja sebelum eskalasi', max: 400 },
});

/** Why `value` cannot be this threshold, in Indonesian, or undefined when it can. */
export function flagSettingProblem(key: keyof FlagSettings, value: number): string | undefined {
  const { label, max } = flagSettingLimits[key];
  if (!Number.isInteger(value) || value < 1 || value > max)
    return `Ambang ${label} harus bilangan bulat 1 sampai ${max}, tertulis ${value}`;
  return undefined;
}

/** HR changes thresholds; a value that would flag everyone or no one is refused with the reason. */
export async function updateFlagSettings(db: Database, changes: Partial<FlagSettings>): Promise<FlagSettings> {
  for (const [key, value] of Object.entries(changes) as [keyof FlagSettings, number | undefined][]) {
    if (value === undefined) continue;
    const problem = flagSettingProblem(key, value);
    if (problem) throw new RangeError(problem);
  }
  await db.prisma.flagSettings.upsert({ where: { id: 1 }, create: { id: 1, ...changes }, update: changes });
  return loadFlagSettings(db);
}
