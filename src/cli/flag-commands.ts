import { AppError } from '../errors.js';
import { recordAbsences } from '../attendance/record-absence.js';
import { evaluateFlags } from '../flags/evaluate-flags.js';
import { loadFlagSettings, updateFlagSettings, type FlagSettings } from '../flags/flag-settings.js';
import { flagEventLabels, flagKindLabels, flagStatusLabels, type FlagStatus } from '../flags/flag-view.js';
import { loadFlagView, loadFlagViews } from '../flags/load-flag-view.js';
import { normalizeNip } from '../people/nip.js';
import { parseLocalDate } from '../calendar/local-time.js';
import { out } from './cli-io.js';
import { formatInstant, operatorZone, zonesOfEmployees } from './cli-time.js';
import { defineCommand, type OptionSpec } from './command-spec.js';
import { UsageError } from './usage-error.js';

const statuses: FlagStatus[] = ['open', 'escalated', 'acknowledged', 'resolved'];

function checkDate(text: string): string {
  try {
    parseLocalDate(text);
    return text;
  } catch {
    throw new UsageError(`Tanggal tidak valid: "${text}" (tulis TTTT-BB-HH, misalnya 2026-11-24)`);
  }
}

const flagsList = defineCommand({
  name: 'flags list',
  options: {
    status: { type: 'string', value: statuses.join('|'), help: 'Hanya tanda dengan status ini.' },
    json: { type: 'boolean', help: 'Mencetak tanda-tanda sebagai JSON (waktu ISO 8601).' },
  },
  summary: 'Tanda untuk atasan: siapa, apa, ditujukan kepada siapa, sejak kapan.',
  details: ['Kolom: nomor, status, jenis, pegawai, ditujukan kepada, judul, dibuat (zona waktu pegawai).'],
  plan(input) {
    const status = input.text('status') as FlagStatus | undefined;
    if (status !== undefined && !statuses.includes(status))
      throw new UsageError(`--status harus salah satu dari ${statuses.join(', ')}.`);
    return { status, json: input.flag('json') };
  },
  async run(ctx, { status, json }) {
    const views = await loadFlagViews(ctx.db, status ? { status: { in: [status] } } : {});
    if (json) {
      out(JSON.stringify(views));
      return 0;
    }
    if (views.length === 0) out('Belum ada tanda.');
    const zones = await zonesOfEmployees(
      ctx.db,
      views.flatMap((f) => (f.employee ? [f.employee.id] : [])),
    );
    for (const f of views) {
      const who = f.employee ? `${f.employee.name} (${f.employee.nip})` : 'laporan';
      const to = f.assignee ? f.assignee.name : 'Tim SDM';
      const raised = formatInstant(f.raisedAt, (f.employee && zones.get(f.employee.id)) || operatorZone());
      out(`#${f.id}\t${flagStatusLabels[f.status]}\t${flagKindLabels[f.kind]}\t${who}\t→ ${to}\t${f.title}\t${raised}`);
    }
    return 0;
  },
});

const flagsShow = defineCommand({
  name: 'flags show',
  args: ['<nomor>'],
  options: { json: { type: 'boolean', help: 'Mencetak tanda itu sebagai JSON (waktu ISO 8601).' } },
  summary: 'Satu tanda dengan dasarnya dan riwayatnya (kapan, apa, siapa).',
  details: ['Waktu ditulis dalam zona waktu pegawai yang bersangkutan.'],
  examples: ['asn flags show 12'],
  plan(input) {
    const id = Number(input.positionals[0]);
    if (!Number.isInteger(id) || id < 1) throw new UsageError('Sebutkan nomor tanda, misalnya: asn flags show 12');
    return { id, json: input.flag('json') };
  },
  async run(ctx, { id, json }) {
    const f = await loadFlagView(ctx.db, id);
    if (!f) throw new AppError('flag_not_found', `Tanda #${id} tidak ada.`);
    if (json) {
      out(JSON.stringify(f));
      return 0;
    }
    const zone = (f.employee && (await zonesOfEmployees(ctx.db, [f.employee.id])).get(f.employee.id)) || operatorZone();
    out(
      `Tanda #${f.id}: ${flagKindLabels[f.kind]} — ${flagStatusLabels[f.status]}${f.level > 0 ? ` (eskalasi tingkat ${f.level})` : ''}`,
    );
    if (f.employee) out(`Pegawai: ${f.employee.name} (NIP ${f.employee.nip})`);
    out(`Ditujukan kepada: ${f.assignee ? `${f.assignee.name} (NIP ${f.assignee.nip})` : 'Tim SDM'}`);
    out(f.title);
    if (f.article) out(`Dasar: ${f.article}`);
    if (f.resolution) out(`Penyelesaian: ${f.resolution}`);
    out('Riwayat:');
    for (const e of f.events) {
      const detail = Object.keys(e.detail).length > 0 ? `\t${JSON.stringify(e.detail)}` : '';
      out(`  ${formatInstant(e.at, zone)}\t${flagEventLabels[e.action]}\t${e.actorName ?? e.actor}${detail}`);
    }
    return 0;
  },
});

const settingOptions: Record<string, { key: keyof FlagSettings; option: OptionSpec }> = {
  'kpi-days': {
    key: 'kpiMissingDays',
    option: { type: 'string', value: '3', help: 'Hari kerja berturut-turut tanpa catatan kinerja.' },
  },
  'discipline-misses': {
    key: 'disciplineMissesPerWeek',
    option: { type: 'string', value: '3', help: 'Pengingat disiplin tak dijawab dalam sepekan.' },
  },
  'escalation-hours': {
    key: 'escalationWorkingHours',
    option: { type: 'string', value: '8', help: 'Jam kerja sebelum tanda dinaikkan ke atasan berikutnya.' },
  },
};

const flagsSettings = defineCommand({
  name: 'flags settings',
  options: Object.fromEntries(Object.entries(settingOptions).map(([name, s]) => [name, s.option])),
  summary: 'Menampilkan atau mengubah ambang aturan tanda dan batas eskalasi (jam kerja).',
  details: ['Tanpa opsi: menampilkan ambang yang berlaku. Nilai 0, pecahan atau terlalu besar ditolak.'],
  examples: ['asn flags settings --kpi-days 5 --escalation-hours 16'],
  plan(input) {
    const changes: Partial<FlagSettings> = {};
    for (const [name, { key }] of Object.entries(settingOptions)) {
      const text = input.text(name);
      if (text !== undefined) changes[key] = Number(text);
    }
    return changes;
  },
  async run(ctx, changes) {
    let settings: FlagSettings;
    try {
      settings = Object.keys(changes).length > 0 ? await updateFlagSettings(ctx.db, changes) : await loadFlagSettings(ctx.db);
    } catch (error) {
      // The limits live with the settings; a value outside them is the operator's wrong word.
      if (error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    }
    out(`Tanpa catatan kinerja: ${settings.kpiMissingDays} hari kerja berturut-turut`);
    out(`Pengingat disiplin terlewat: ${settings.disciplineMissesPerWeek} kali sepekan`);
    out(`Eskalasi bila tidak ditindaklanjuti: ${settings.escalationWorkingHours} jam kerja`);
    return 0;
  },
});

const flagsEvaluate = defineCommand({
  name: 'flags evaluate',
  options: { date: { type: 'string', value: 'TTTT-BB-HH', help: 'Menilai seolah-olah hari ini tanggal itu.' } },
  summary: 'Menjalankan aturan tanda sekarang (server menjalankannya sendiri tiap jam).',
  plan(input) {
    const date = input.text('date');
    return { date: date === undefined ? undefined : checkDate(date) };
  },
  async run(ctx, { date }) {
    const s = await evaluateFlags(ctx.db, { now: ctx.clock.now(), date });
    out(`${s.employees} pegawai diperiksa: ${s.raised} tanda baru, ${s.updated} diperbarui, ${s.unchanged} tetap.`);
    return 0;
  },
});

/** HR records unexcused absence days; the absence rule counts them against PP 94/2021. */
const absenceAdd = defineCommand({
  name: 'absence add',
  args: ['<NIP>', '<TTTT-BB-HH>...'],
  options: { note: { type: 'string', value: '"..."', help: 'Catatan untuk hari-hari itu.' } },
  summary: 'Mencatat hari tidak masuk kerja tanpa keterangan (dasar tanda PP 94/2021).',
  details: ['Hari yang sudah tercatat tidak dicatat dua kali.'],
  examples: ['asn absence add 198001012005011001 2026-11-02 2026-11-03'],
  plan(input) {
    const [nip, ...written] = input.positionals as [string, ...string[]];
    return { nip: normalizeNip(nip), dates: [...new Set(written)].map(checkDate), note: input.text('note') };
  },
  async run(ctx, { nip, dates, note }) {
    // The attendance service's rules, as in the admin UI: working days, not in the future, a year back at most.
    const { employee, added, alreadyRecorded } = await recordAbsences(ctx.db, {
      employee: { nip },
      dates,
      note,
      recordedBy: 'cli',
      now: ctx.clock.now(),
    });
    const known = alreadyRecorded.length;
    out(
      `${added.length} hari tidak masuk tanpa keterangan dicatat untuk ${employee.name}${known > 0 ? ` (${known} sudah tercatat)` : ''}.`,
    );
    return 0;
  },
});

/** Flags for supervisors, their thresholds, and the absences one rule counts. */
export const flagCommands = [flagsList, flagsShow, flagsSettings, flagsEvaluate, absenceAdd];
