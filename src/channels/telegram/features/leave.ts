import { Composer } from 'grammy';
import { addDays, formatIndonesianDate, localDateOf } from '../../../reminders/local-time.js';
import type { BotContext, BotDeps } from '../context.js';
import { escapeHtml } from '../html.js';

const maxLeaveDays = 90;

/** "24-11-2026" or "2026-11-24" -> "2026-11-24"; "hari ini"/"besok" relative to today. */
export function parseLeaveDate(text: string, today: string): string | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'hari ini' || t === 'hariini') return today;
  if (t === 'besok') return addDays(today, 1);
  const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const [y, m, d] = dmy ? [dmy[3], dmy[2], dmy[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y) return undefined;
  const date = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date ? undefined : date;
}

/** /cuti <mulai> [selesai]: the employee records leave; no reminders on those days. */
export function leaveFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('cuti', async (ctx) => {
    const employee = ctx.state.employee;
    if (!employee) return void (await ctx.reply(ctx.t('need-link'), { parse_mode: 'HTML' }));
    const today = localDateOf(deps.now(), employee.zone);
    const parts = ctx.match
      .trim()
      .split(/\s+(?=\d)|\s+sampai\s+|\s+s\.?d\.?\s+/i)
      .filter(Boolean);
    const start = parts[0] ? parseLeaveDate(parts[0], today) : undefined;
    const end = parts[1] ? parseLeaveDate(parts[1], today) : start;
    const usage = ctx.t('leave-usage');
    if (!start || !end) return void (await ctx.reply(usage, { parse_mode: 'HTML' }));
    if (end < start) return void (await ctx.reply(ctx.t('leave-end-before-start')));
    if (start < today) return void (await ctx.reply(ctx.t('leave-past')));
    const days = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
    if (days > maxLeaveDays) return void (await ctx.reply(ctx.t('leave-too-long', { max: maxLeaveDays })));
    await deps.db.prisma.leave.create({
      data: {
        employeeId: employee.id,
        startDate: new Date(`${start}T00:00:00Z`),
        endDate: new Date(`${end}T00:00:00Z`),
        kind: 'cuti',
        source: 'pegawai',
      },
    });
    const range =
      start === end
        ? formatIndonesianDate(start)
        : ctx.t('leave-range', { start: formatIndonesianDate(start), end: formatIndonesianDate(end) });
    await ctx.reply(ctx.t('leave-saved', { range: escapeHtml(range) }));
  });
  return composer;
}
