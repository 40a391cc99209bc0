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

const limits: Record<keyof FlagSettings, { label: string; max: number }> = {
  kpiMissingDays: { label: 'hari kerja tanpa catatan kinerja', max: 60 },
  disciplineMissesPerWeek: { label: 'pengingat disiplin terlewat per pekan', max: 7 },
  escalationWorkingHours: { label: 'jam kerja sebelum eskalasi', max: 400 },
};

/** HR changes thresholds; a value that would flag everyone or no one is refused with the reason. */
export async function updateFlagSettings(db: Database, changes: Partial<FlagSettings>): Promise<FlagSettings> {
  for (const [key, value] of Object.entries(changes) as [keyof FlagSettings, number | undefined][]) {
    if (value === undefined) continue;
    const { label, max } = limits[key];
    if (!Number.isInteger(value) || value < 1 || value > max)
      throw new RangeError(`Ambang ${label} harus bilangan bulat 1 sampai ${max}, tertulis ${value}`);
  }
  await db.prisma.flagSettings.upsert({ where: { id: 1 }, create: { id: 1, ...changes }, update: changes });
  return loadFlagSettings(db);
}
