// The evidence of a flag in words, once for every channel: Slack renders these facts as mrkdwn,
// the admin UI as HTML. Keys a rule does not set, or of the wrong type, are left out: evidence is
// never dumped raw.

import { formatIndonesianDate, parseLocalDate } from '../calendar/local-time.js';
import { reportCategoryLabels } from './record-report.js';
import type { FlagView } from './flag-view.js';

/** One labelled fact: a short text, a list of local dates (rendered as a list), or both. */
export interface EvidenceFact {
  label: string;
  text?: string;
  dates?: string[];
  /** A side remark (a threshold, a count of what was received): shown smaller where the channel can. */
  aside?: boolean;
}

export function evidenceFacts(flag: Pick<FlagView, 'kind' | 'evidence'>): EvidenceFact[] {
  const e = flag.evidence;
  const facts: EvidenceFact[] = [];
  switch (flag.kind) {
    case 'kpi_missing': {
      const missing = dates(e.dates);
      if (missing.length > 0)
        facts.push({ label: `Hari kerja tanpa catatan kinerja (${num(e.days) ?? missing.length} hari)`, dates: missing });
      if (isDate(e.lastLoggedWorkingDay))
        facts.push({ label: 'Hari kerja terakhir dengan catatan kinerja', text: formatIndonesianDate(e.lastLoggedWorkingDay) });
      else if (e.lastLoggedWorkingDay === null)
        facts.push({ label: 'Hari kerja terakhir dengan catatan kinerja', text: 'tidak ditemukan' });
      if (num(e.threshold) !== undefined)
        facts.push({ label: 'Ambang tanda', text: `${num(e.threshold)} hari kerja tanpa catatan`, aside: true });
      break;
    }
    case 'discipline_unanswered': {
      if (isDate(e.weekStart) && isDate(e.weekEnd))
        facts.push({ label: 'Pekan', text: `${formatIndonesianDate(e.weekStart)} s.d. ${formatIndonesianDate(e.weekEnd)}` });
      const unanswered = dates(e.unansweredDates);
      const late = dates(e.lateDates);
      if (unanswered.length > 0) facts.push({ label: `Tidak dijawab (${unanswered.length} hari)`, dates: unanswered });
      if (late.length > 0) facts.push({ label: `Dijawab setelah batas waktu (${late.length} hari)`, dates: late });
      if (num(e.remindersReceived) !== undefined)
        facts.push({ label: 'Pengingat yang diterima pekan ini', text: `${num(e.remindersReceived)} hari`, aside: true });
      if (num(e.threshold) !== undefined)
        facts.push({ label: 'Ambang tanda', text: `${num(e.threshold)} kali dalam sepekan`, aside: true });
      break;
    }
    case 'absence_threshold': {
      const year = num(e.year);
      if (num(e.totalDays) !== undefined)
        facts.push({
          label: `Tanpa keterangan${year === undefined ? '' : ` tahun ${year}`}`,
          text: `${num(e.totalDays)} hari kerja`,
        });
      if (typeof e.band === 'string') {
        const range = e.band.endsWith('+') ? `${e.band.slice(0, -1)} hari kerja atau lebih` : `${e.band} hari kerja`;
        facts.push({ label: 'Rentang', text: typeof e.penalty === 'string' ? `${range} (${e.penalty})` : range });
      }
      const run = e.run as Record<string, unknown> | null | undefined;
      if (run && typeof run === 'object' && isDate(run.firstDate) && isDate(run.lastDate) && num(run.days) !== undefined)
        facts.push({
          label: 'Berturut-turut',
          text: `${num(run.days)} hari kerja (${formatIndonesianDate(run.firstDate)} s.d. ${formatIndonesianDate(run.lastDate)})`,
        });
      const counted = dates(e.dates);
      if (counted.length > 0) facts.push({ label: 'Tanggal', dates: counted });
      const ignored = dates(e.ignoredDates);
      if (ignored.length > 0) facts.push({ label: 'Tidak dihitung (libur, cuti atau belum lewat)', dates: ignored, aside: true });
      break;
    }
    case 'report':
      if (typeof e.category === 'string') facts.push({ label: 'Kategori', text: reportCategoryLabels[e.category] ?? e.category });
      if (typeof e.link === 'string') facts.push({ label: 'Tautan', text: e.link });
      if (num(e.screenshots) !== undefined) facts.push({ label: 'Tangkapan layar', text: `${num(e.screenshots)} berkas` });
      break;
  }
  return facts;
}

/** Explanations the rule attached (how the count was made, the salary rule). */
export function evidenceNotes(flag: Pick<FlagView, 'kind' | 'evidence'>): string[] {
  if (flag.kind !== 'absence_threshold') return [];
  return [flag.evidence.note, flag.evidence.salaryNote].filter((n): n is string => typeof n === 'string');
}

function isDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    parseLocalDate(value);
    return true;
  } catch {
    return false;
  }
}

const dates = (value: unknown): string[] => (Array.isArray(value) ? value.filter(isDate) : []);
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
