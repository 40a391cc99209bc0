import { recordLeave } from '../attendance/record-leave.js';
import type { HolidayKind } from '../calendar/holiday-calendar.js';
import { formatIndonesianDate, localDateOfColumn, parseLocalDate } from '../calendar/local-time.js';
import { formatPreview, previewReminders } from '../reminders/preview-reminders.js';
import {
  describeDays,
  holidayKinds,
  inUse,
  isLocalTime,
  reminderKinds,
  removeUnitSchedule,
  saveHoliday,
  saveReminderSchedule,
  type ReminderKind,
} from '../reminders/reminder-schedules.js';
import { out } from './cli-io.js';
import { defineCommand } from './command-spec.js';
import { UsageError } from './usage-error.js';

const kinds: readonly string[] = reminderKinds;
const kindArg = `<${reminderKinds.join('|')}>`;
const leaveKinds = ['cuti', 'izin', 'sakit', 'dl'];

/** A real YYYY-MM-DD date (Date.parse would take 2026-02-30 for 2 March). */
function isCalendarDate(text: string): boolean {
  try {
    parseLocalDate(text);
    return true;
  } catch {
    return false;
  }
}

function checkKind(kind: string): ReminderKind {
  if (!kinds.includes(kind)) throw new UsageError(`Sebutkan jenis pengingat: ${kinds.join(', ')}.`);
  return kind as ReminderKind;
}

/** "1-5", "1,3,5", "5" -> ISO weekdays. */
function parseDays(text: string): number[] {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const range = /^([1-7])(?:-([1-7]))?$/.exec(part.trim());
    if (!range) throw new UsageError(`--days: "${part}" bukan hari 1 (Senin) sampai 7 (Minggu)`);
    for (let d = Number(range[1]); d <= Number(range[2] ?? range[1]); d++) days.add(d);
  }
  return [...days].sort();
}

const scopeName = (scope: string) => (scope === '*' ? 'semua unit' : `unit ${scope}`);

const remindersList = defineCommand({
  name: 'reminders list',
  summary: 'Jadwal pengingat, bawaan dan per unit; jam dalam zona waktu masing-masing pegawai.',
  details: ['Kolom: jenis, cakupan, jam, hari, aktif/nonaktif, jendela jawaban, teks.'],
  async run(ctx) {
    const schedules = await ctx.db.prisma.reminderSchedule.findMany({
      where: inUse,
      orderBy: [{ kind: 'asc' }, { scope: 'asc' }],
    });
    for (const s of schedules) {
      const days = describeDays(s.days);
      out(
        `${s.kind}\t${scopeName(s.scope)}\t${s.localTime}\t${days}\t${s.active ? 'aktif' : 'nonaktif'}\t${s.windowMinutes} menit\t${s.text}`,
      );
    }
    return 0;
  },
});

const remindersSet = defineCommand({
  name: 'reminders set',
  args: [kindArg],
  options: {
    unit: { type: 'string', value: 'KODE', help: 'Membuat atau mengubah jadwal khusus unit ini (dan unit di bawahnya).' },
    time: { type: 'string', value: '07:15', help: 'Jam kirim JJ:MM, dalam zona waktu pegawai.' },
    days: { type: 'string', value: '1-5', help: 'Hari kirim, 1 = Senin sampai 7 = Minggu: "1-5", "1,3,5".' },
    text: { type: 'string', value: '"..."', help: 'Teks pengingat; {nama} dan {tanggal} diisi.' },
    window: { type: 'string', value: '120', help: 'Berapa menit jawaban masih diterima, 5 sampai 720.' },
    on: { type: 'boolean', help: 'Mengaktifkan jadwal.' },
    off: { type: 'boolean', help: 'Menonaktifkan jadwal.' },
  },
  summary: 'Mengubah jadwal pengingat; dengan --unit, jadwal khusus unit itu.',
  examples: ['asn reminders set disiplin --unit BDG --time 07:00', 'asn reminders set netralitas --on'],
  plan(input) {
    const kind = checkKind(input.positionals[0]!);
    const time = input.text('time');
    if (time && !isLocalTime(time)) throw new UsageError('--time harus JJ:MM, misalnya 07:15.');
    if (input.flag('on') && input.flag('off')) throw new UsageError('Pilih --on atau --off, tidak keduanya.');
    const window = input.text('window');
    const windowMinutes = window === undefined ? undefined : Number(window);
    if (windowMinutes !== undefined && (!Number.isInteger(windowMinutes) || windowMinutes < 5 || windowMinutes > 720))
      throw new UsageError('--window harus 5 sampai 720 menit.');
    const days = input.text('days');
    return {
      kind,
      scope: input.text('unit') ?? '*',
      changes: {
        localTime: time,
        days: days ? parseDays(days) : undefined,
        text: input.text('text') || undefined,
        windowMinutes,
        active: input.flag('on') ? true : input.flag('off') ? false : undefined,
      },
    };
  },
  async run(ctx, { kind, scope, changes }) {
    const saved = await saveReminderSchedule(ctx.db, kind, scope, changes);
    out(
      `Tersimpan: ${saved.kind} untuk ${scopeName(scope)}, ${saved.localTime}, hari ${describeDays(saved.days)}, ${saved.active ? 'aktif' : 'nonaktif'}.`,
    );
    return 0;
  },
});

const remindersRemove = defineCommand({
  name: 'reminders remove',
  args: [kindArg],
  options: { unit: { type: 'string', value: 'KODE', required: true, help: 'Unit yang jadwal khususnya dihapus.' } },
  summary: 'Menghapus jadwal khusus unit: unit kembali memakai jadwal induk atau bawaan.',
  details: ['Jadwal bawaan tidak dapat dihapus, hanya dinonaktifkan: asn reminders set <jenis> --off.'],
  plan(input) {
    return { kind: checkKind(input.positionals[0]!), unit: input.text('unit')! };
  },
  async run(ctx, { kind, unit }) {
    await removeUnitSchedule(ctx.db, kind, unit, ctx.clock.now());
    out(`Jadwal ${kind} khusus unit ${unit} dihapus; unit itu kembali memakai jadwal unit induknya atau jadwal bawaan.`);
    return 0;
  },
});

const remindersPreview = defineCommand({
  name: 'reminders preview',
  args: ['<NIP>'],
  restInLast: true,
  options: {
    date: { type: 'string', value: '2026-11-24', help: 'Hari yang dilihat, TTTT-BB-HH (bawaan hari ini di zona pegawai).' },
  },
  summary: 'Apa yang akan diterima seorang pegawai pada hari itu, dan mengapa (tidak).',
  plan(input) {
    const date = input.text('date');
    if (date !== undefined && !isCalendarDate(date)) throw new UsageError('--date harus TTTT-BB-HH, misalnya 2026-11-24.');
    return { nip: input.positionals.join(''), date };
  },
  async run(ctx, { nip, date }) {
    const preview = await previewReminders(ctx.db, { nip, date, now: ctx.clock.now() });
    for (const line of formatPreview(preview)) out(line);
    return 0;
  },
});

const holidaysAdd = defineCommand({
  name: 'holidays add',
  args: ['<TTTT-BB-HH>', '<nama>'],
  restInLast: true,
  options: {
    kind: { type: 'string', value: 'cuti_bersama|daerah|nasional', default: 'cuti_bersama', help: 'Jenis hari libur.' },
    unit: { type: 'string', value: 'KODE', help: 'Hanya untuk unit ini (dan unit di bawahnya).' },
  },
  summary: 'Menambah hari libur di atas kalender nasional (cuti bersama, libur daerah).',
  examples: ['asn holidays add 2026-12-24 Cuti bersama Natal'],
  plan(input) {
    const [date, ...name] = input.positionals as [string, ...string[]];
    if (!isCalendarDate(date)) throw new UsageError('Tanggal harus TTTT-BB-HH.');
    const kind = input.text('kind')!;
    if (!(holidayKinds as readonly string[]).includes(kind)) throw new UsageError('--kind: cuti_bersama, daerah atau nasional.');
    return { date, name: name.join(' '), kind: kind as HolidayKind, scope: input.text('unit') ?? '*' };
  },
  async run(ctx, holiday) {
    await saveHoliday(ctx.db, holiday);
    const where = holiday.scope === '*' ? '' : `, unit ${holiday.scope}`;
    out(`Hari libur tersimpan: ${formatIndonesianDate(holiday.date)}, ${holiday.name} (${holiday.kind}${where}).`);
    return 0;
  },
});

const holidaysList = defineCommand({
  name: 'holidays list',
  summary: 'Hari libur yang dimasukkan tim SDM (libur nasional dihitung otomatis).',
  details: ['Kolom: tanggal, jenis, cakupan (* = semua unit), nama.'],
  async run(ctx) {
    const rows = await ctx.db.prisma.holiday.findMany({ orderBy: { date: 'asc' } });
    if (rows.length === 0) out('Belum ada hari libur yang dimasukkan tim SDM (libur nasional dihitung otomatis).');
    for (const h of rows) out(`${formatIndonesianDate(localDateOfColumn(h.date))}\t${h.kind}\t${h.scope}\t${h.name}`);
    return 0;
  },
});

/** HR records an employee's leave (the employee can also use /cuti): no reminders on those days. */
const leaveAdd = defineCommand({
  name: 'leave add',
  args: ['<NIP>', '<mulai>', '[selesai]'],
  options: { kind: { type: 'string', value: 'cuti|izin|sakit|dl', default: 'cuti', help: 'Jenis ketidakhadiran.' } },
  summary: 'Mencatat cuti atau izin pegawai (tanggal TTTT-BB-HH): tanpa pengingat pada hari-hari itu.',
  examples: ['asn leave add 198001012005011001 2026-12-21 2026-12-22 --kind cuti'],
  plan(input) {
    const [nip, start, end = start] = input.positionals as [string, string, string?];
    if (!isCalendarDate(start) || !isCalendarDate(end)) throw new UsageError('Tanggal harus TTTT-BB-HH, misalnya 2026-12-24.');
    if (end < start) throw new UsageError('Tanggal selesai tidak boleh sebelum tanggal mulai.');
    const kind = input.text('kind')!;
    if (!leaveKinds.includes(kind)) throw new UsageError(`--kind: ${leaveKinds.join(', ')}.`);
    return { nip, start, end, kind };
  },
  async run(ctx, { nip, start, end, kind }) {
    // The attendance service's rules, as in the admin UI (HR may correct the past, up to a year).
    const { employee, created } = await recordLeave(ctx.db, {
      employee: { nip },
      kind,
      start,
      end,
      source: 'hr',
      now: ctx.clock.now(),
    });
    const range =
      start === end ? formatIndonesianDate(start) : `${formatIndonesianDate(start)} sampai ${formatIndonesianDate(end)}`;
    if (!created) out(`Sudah tercatat ${kind} untuk ${employee.name}: ${range}; tidak dicatat dua kali.`);
    else out(`Tercatat ${kind} untuk ${employee.name}: ${range}. Tidak ada pengingat pada hari-hari itu.`);
    return 0;
  },
});

/** Reminder schedules, the days off that stop them, and an employee's leave. */
export const reminderCommands = [
  remindersList,
  remindersSet,
  remindersRemove,
  remindersPreview,
  holidaysAdd,
  holidaysList,
  leaveAdd,
];
