import { parseArgs } from 'node:util';
import type { AppContext } from '../app-context.js';
import { AppError } from '../errors.js';
import { evaluateFlags } from '../flags/evaluate-flags.js';
import { loadFlagSettings, updateFlagSettings, type FlagSettings } from '../flags/flag-settings.js';
import { flagKindLabels, flagStatusLabels, type FlagStatus } from '../flags/flag-view.js';
import { loadFlagView, loadFlagViews } from '../flags/load-flag-view.js';
import { normalizeNip } from '../people/nip.js';
import { parseLocalDate } from '../reminders/local-time.js';
import { out, parse } from './cli-io.js';
import { UsageError } from './usage-error.js';

interface Command {
  run(ctx: AppContext, args: string[]): Promise<number>;
}

const statuses: FlagStatus[] = ['open', 'escalated', 'acknowledged', 'resolved'];

const flagsList: Command = {
  async run(ctx, args) {
    const { values } = parse(() => parseArgs({ args, options: { status: { type: 'string' }, json: { type: 'boolean' } } }));
    const status = values.status as FlagStatus | undefined;
    if (status !== undefined && !statuses.includes(status))
      throw new UsageError(`--status harus salah satu dari ${statuses.join(', ')}`);
    const views = await loadFlagViews(ctx.db, status ? { status: { in: [status] } } : {});
    if (values.json) {
      out(JSON.stringify(views));
      return 0;
    }
    if (views.length === 0) out('Belum ada tanda.');
    for (const f of views) {
      const who = f.employee ? `${f.employee.name} (${f.employee.nip})` : 'laporan';
      const to = f.assignee ? f.assignee.name : 'Tim SDM';
      out(`#${f.id}\t${flagStatusLabels[f.status]}\t${flagKindLabels[f.kind]}\t${who}\t→ ${to}\t${f.title}`);
    }
    return 0;
  },
};

const flagsShow: Command = {
  async run(ctx, args) {
    const id = Number(args[0]);
    if (!Number.isInteger(id) || id < 1) throw new UsageError('Sebutkan nomor tanda, misalnya: asn flags show 12');
    const f = await loadFlagView(ctx.db, id);
    if (!f) throw new AppError('flag_not_found', `Tanda #${id} tidak ada.`);
    out(
      `Tanda #${f.id}: ${flagKindLabels[f.kind]} — ${flagStatusLabels[f.status]}${f.level > 0 ? ` (eskalasi tingkat ${f.level})` : ''}`,
    );
    if (f.employee) out(`Pegawai: ${f.employee.name} (NIP ${f.employee.nip})`);
    out(`Ditujukan kepada: ${f.assignee ? `${f.assignee.name} (NIP ${f.assignee.nip})` : 'Tim SDM'}`);
    out(f.title);
    if (f.article) out(`Dasar: ${f.article}`);
    if (f.resolution) out(`Penyelesaian: ${f.resolution}`);
    out('Riwayat:');
    for (const e of f.events) out(`  ${e.at.toISOString()}\t${e.action}\t${e.actorName ?? e.actor}\t${JSON.stringify(e.detail)}`);
    return 0;
  },
};

const settingOptions: Record<string, keyof FlagSettings> = {
  'kpi-days': 'kpiMissingDays',
  'discipline-misses': 'disciplineMissesPerWeek',
  'escalation-hours': 'escalationWorkingHours',
};

const flagsSettings: Command = {
  async run(ctx, args) {
    const { values } = parse(() =>
      parseArgs({ args, options: Object.fromEntries(Object.keys(settingOptions).map((k) => [k, { type: 'string' as const }])) }),
    );
    const changes: Partial<FlagSettings> = {};
    for (const [option, key] of Object.entries(settingOptions)) {
      const text = (values as Record<string, string | undefined>)[option];
      if (text !== undefined) changes[key] = Number(text);
    }
    let settings: FlagSettings;
    try {
      settings = Object.keys(changes).length > 0 ? await updateFlagSettings(ctx.db, changes) : await loadFlagSettings(ctx.db);
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    }
    out(`Tanpa catatan kinerja: ${settings.kpiMissingDays} hari kerja berturut-turut`);
    out(`Pengingat disiplin terlewat: ${settings.disciplineMissesPerWeek} kali sepekan`);
    out(`Eskalasi bila tidak ditindaklanjuti: ${settings.escalationWorkingHours} jam kerja`);
    return 0;
  },
};

const flagsEvaluate: Command = {
  async run(ctx, args) {
    const { values } = parse(() => parseArgs({ args, options: { date: { type: 'string' } } }));
    if (values.date !== undefined) checkDate(values.date);
    const s = await evaluateFlags(ctx.db, { now: new Date(), date: values.date });
    out(`${s.employees} pegawai diperiksa: ${s.raised} tanda baru, ${s.updated} diperbarui, ${s.unchanged} tetap.`);
    return 0;
  },
};

/** HR records unexcused absence days; the absence rule counts them against PP 94/2021. */
const absenceAdd: Command = {
  async run(ctx, args) {
    const { values, positionals } = parse(() =>
      parseArgs({ args, allowPositionals: true, options: { note: { type: 'string' } } }),
    );
    const [nipText, ...written] = positionals;
    const dates = [...new Set(written)];
    if (!nipText || dates.length === 0) throw new UsageError('Pemakaian: asn absence add <NIP> <TTTT-BB-HH>... [--note "..."]');
    dates.forEach(checkDate);
    const employee = await ctx.db.prisma.employee.findUnique({ where: { nip: normalizeNip(nipText) } });
    if (!employee) throw new AppError('employee_not_found', `Pegawai dengan NIP ${normalizeNip(nipText)} tidak ada.`);
    const added = await ctx.db.prisma.absence.createMany({
      data: dates.map((d) => ({
        employeeId: employee.id,
        localDate: new Date(`${d}T00:00:00Z`),
        note: values.note,
        recordedBy: 'cli',
      })),
      skipDuplicates: true,
    });
    out(
      `${added.count} hari tidak masuk tanpa keterangan dicatat untuk ${employee.name}${added.count < dates.length ? ` (${dates.length - added.count} sudah tercatat)` : ''}.`,
    );
    return 0;
  },
};

function checkDate(text: string): void {
  try {
    parseLocalDate(text);
  } catch {
    throw new UsageError(`Tanggal tidak valid: "${text}" (tulis TTTT-BB-HH, misalnya 2026-11-24)`);
  }
}

export const flagCommands: Record<string, Command> = {
  'flags list': flagsList,
  'flags show': flagsShow,
  'flags settings': flagsSettings,
  'flags evaluate': flagsEvaluate,
  'absence add': absenceAdd,
};

export const flagUsage = `  flags list [--status open|escalated|acknowledged|resolved] [--json]
                        Tanda untuk atasan: siapa, apa, ditujukan kepada siapa.
  flags show <nomor>    Satu tanda dengan riwayatnya (siapa, kapan, apa).
  flags settings [--kpi-days 3] [--discipline-misses 3] [--escalation-hours 8]
                        Ambang aturan tanda dan batas eskalasi (jam kerja).
  flags evaluate [--date TTTT-BB-HH]
                        Menjalankan aturan tanda sekarang (biasanya berjalan sendiri tiap jam).
  absence add <NIP> <TTTT-BB-HH>... [--note "..."]
                        Mencatat hari tidak masuk kerja tanpa keterangan (dasar tanda PP 94/2021).
`;
