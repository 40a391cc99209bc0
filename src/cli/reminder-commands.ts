import { parseArgs } from 'node:util';
import type { AppContext } from '../app-context.js';
import { AppError } from '../errors.js';
import { normalizeNip } from '../people/nip.js';
import type { HolidayKind } from '../reminders/holiday-calendar.js';
import { formatIndonesianDate, parseLocalDate } from '../reminders/local-time.js';
import { formatPreview, previewReminders } from '../reminders/preview-reminders.js';
import {
  describeDays,
  holidayKinds,
  inUse,
  isLocalTime,
  reminderKinds,
  saveHoliday,
  removeUnitSchedule,
  saveReminderSchedule,
  type ReminderKind,
} from '../reminders/reminder-schedules.js';
import { out, parse } from './cli-io.js';
import { UsageError } from './usage-error.js';

interface Command {
  run(ctx: AppContext, args: string[]): Promise<number>;
}

const kinds: readonly string[] = reminderKinds;

/** A real YYYY-MM-DD date (Date.parse would take 2026-02-30 for 2 March). */
function isCalendarDate(text: string): boolean {
  try {
    parseLocalDate(text);
    return true;
  } catch {
    return false;
  }
}

/** "1-5", "1,3,5", "5" -> ISO weekdays. */
export function parseDays(text: string): number[] {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const range = /^([1-7])(?:-([1-7]))?$/.exec(part.trim());
    if (!range) throw new UsageError(`--days: "${part}" bukan hari 1 (Senin) sampai 7 (Minggu)`);
    for (let d = Number(range[1]); d <= Number(range[2] ?? range[1]); d++) days.add(d);
  }
  return [...days].sort();
}

const remindersList: Command = {
  async run(ctx) {
    const schedules = await ctx.db.prisma.reminderSchedule.findMany({
      where: inUse,
      orderBy: [{ kind: 'asc' }, { scope: 'asc' }],
    });
    for (const s of schedules) {
      const days = describeDays(s.days);
      out(
        `${s.kind}\t${s.scope === '*' ? 'semua unit' : `unit ${s.scope}`}\t${s.localTime}\t${days}\t${s.active ? 'aktif' : 'nonaktif'}\t${s.windowMinutes} menit\t${s.text}`,
      );
    }
    return 0;
  },
};

const remindersSet: Command = {
  async run(ctx, args) {
    const { values, positionals } = parse(() =>
      parseArgs({
        args,
        allowPositionals: true,
        options: {
          unit: { type: 'string' },
          time: { type: 'string' },
          days: { type: 'string' },
          text: { type: 'string' },
          window: { type: 'string' },
          on: { type: 'boolean' },
          off: { type: 'boolean' },
        },
      }),
    );
    const kind = positionals[0];
    if (!kind || !kinds.includes(kind)) throw new UsageError(`Sebutkan jenis pengingat: ${kinds.join(', ')}.`);
    if (values.time && !isLocalTime(values.time)) throw new UsageError('--time harus JJ:MM, misalnya 07:15.');
    if (values.on && values.off) throw new UsageError('Pilih --on atau --off, tidak keduanya.');
    const windowMinutes = values.window === undefined ? undefined : Number(values.window);
    if (windowMinutes !== undefined && (!Number.isInteger(windowMinutes) || windowMinutes < 5 || windowMinutes > 720)) {
      throw new UsageError('--window harus 5 sampai 720 menit.');
    }
    const scope = values.unit ?? '*';
    const saved = await saveReminderSchedule(ctx.db, kind as ReminderKind, scope, {
      localTime: values.time,
      days: values.days ? parseDays(values.days) : undefined,
      text: values.text || undefined,
      windowMinutes,
      active: values.on ? true : values.off ? false : undefined,
    });
    out(
      `Tersimpan: ${saved.kind} untuk ${scope === '*' ? 'semua unit' : `unit ${scope}`}, ${saved.localTime}, hari ${describeDays(saved.days)}, ${saved.active ? 'aktif' : 'nonaktif'}.`,
    );
    return 0;
  },
};

const remindersRemove: Command = {
  async run(ctx, args) {
    const { values, positionals } = parse(() =>
      parseArgs({ args, allowPositionals: true, options: { unit: { type: 'string' } } }),
    );
    const kind = positionals[0];
    if (!kind || !kinds.includes(kind)) throw new UsageError(`Sebutkan jenis pengingat: ${kinds.join(', ')}.`);
    if (!values.unit) throw new UsageError('Sebutkan --unit KODE; jadwal bawaan tidak dihapus, hanya dinonaktifkan (--off).');
    await removeUnitSchedule(ctx.db, kind as ReminderKind, values.unit, new Date());
    out(`Jadwal ${kind} khusus unit ${values.unit} dihapus; unit itu kembali memakai jadwal unit induknya atau jadwal bawaan.`);
    return 0;
  },
};

const remindersPreview: Command = {
  async run(ctx, args) {
    const { values, positionals } = parse(() =>
      parseArgs({ args, allowPositionals: true, options: { date: { type: 'string' } } }),
    );
    if (values.date !== undefined && !isCalendarDate(values.date))
      throw new UsageError('--date harus TTTT-BB-HH, misalnya 2026-11-24.');
    const preview = await previewReminders(ctx.db, { nip: positionals[0] ?? '', date: values.date, now: new Date() });
    for (const line of formatPreview(preview)) out(line);
    return 0;
  },
};

const holidaysAdd: Command = {
  async run(ctx, args) {
    const { values, positionals } = parse(() =>
      parseArgs({
        args,
        allowPositionals: true,
        options: { kind: { type: 'string', default: 'cuti_bersama' }, unit: { type: 'string' } },
      }),
    );
    const [date, ...name] = positionals;
    if (!date || !isCalendarDate(date)) throw new UsageError('Tanggal harus TTTT-BB-HH.');
    if (name.length === 0) throw new UsageError('Sebutkan nama hari libur.');
    if (!(holidayKinds as readonly string[]).includes(values.kind!))
      throw new UsageError('--kind: cuti_bersama, daerah atau nasional.');
    const scope = values.unit ?? '*';
    await saveHoliday(ctx.db, { date, name: name.join(' '), kind: values.kind as HolidayKind, scope });
    out(
      `Hari libur tersimpan: ${formatIndonesianDate(date)}, ${name.join(' ')} (${values.kind}${scope === '*' ? '' : `, unit ${scope}`}).`,
    );
    return 0;
  },
};

const holidaysList: Command = {
  async run(ctx) {
    const rows = await ctx.db.prisma.holiday.findMany({ orderBy: { date: 'asc' } });
    if (rows.length === 0) out('Belum ada hari libur yang dimasukkan tim SDM (libur nasional dihitung otomatis).');
    for (const h of rows) out(`${h.date.toISOString().slice(0, 10)}\t${h.kind}\t${h.scope}\t${h.name}`);
    return 0;
  },
};

const leaveKinds = ['cuti', 'izin', 'sakit', 'dl'];

/** HR records an employee's leave (the employee can also use /cuti): no reminders on those days. */
const leaveAdd: Command = {
  async run(ctx, args) {
    const { values, positionals } = parse(() =>
      parseArgs({ args, allowPositionals: true, options: { kind: { type: 'string', default: 'cuti' } } }),
    );
    const [nipInput, start, end = start] = positionals;
    if (!nipInput || !start || !end)
      throw new UsageError('Pemakaian: asn leave add <NIP> <TTTT-BB-HH mulai> [TTTT-BB-HH selesai] [--kind cuti]');
    if (!isCalendarDate(start) || !isCalendarDate(end)) throw new UsageError('Tanggal harus TTTT-BB-HH, misalnya 2026-12-24.');
    if (end < start) throw new UsageError('Tanggal selesai tidak boleh sebelum tanggal mulai.');
    if (!leaveKinds.includes(values.kind!)) throw new UsageError(`--kind: ${leaveKinds.join(', ')}.`);
    const employee = await ctx.db.prisma.employee.findUnique({ where: { nip: normalizeNip(nipInput) } });
    if (!employee) throw new AppError('employee_not_found', `Pegawai dengan NIP ${nipInput} tidak ditemukan.`);
    await ctx.db.prisma.leave.create({
      data: {
        employeeId: employee.id,
        startDate: new Date(`${start}T00:00:00Z`),
        endDate: new Date(`${end}T00:00:00Z`),
        kind: values.kind!,
        source: 'hr',
      },
    });
    const range =
      start === end ? formatIndonesianDate(start) : `${formatIndonesianDate(start)} sampai ${formatIndonesianDate(end)}`;
    out(`Tercatat ${values.kind} untuk ${employee.name}: ${range}. Tidak ada pengingat pada hari-hari itu.`);
    return 0;
  },
};

export const reminderCommands: Record<string, Command> = {
  'leave add': leaveAdd,
  'reminders list': remindersList,
  'reminders set': remindersSet,
  'reminders remove': remindersRemove,
  'reminders preview': remindersPreview,
  'holidays add': holidaysAdd,
  'holidays list': holidaysList,
};
