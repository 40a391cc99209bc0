// The answer to `/asn minggu <NIP>`.

import { formatIndonesianDate, formatIndonesianDateRange, isoWeekday } from '../../../calendar/local-time.js';
import { countWeek, type DayRecord, type WeekCounts } from '../../../flags/team-week.js';
import { esc } from '../block-kit.js';

/** The answer to `/asn minggu <NIP>`: one mrkdwn line per day of the week, with the Indonesian weekday and date. */
export function weekSummaryText(input: {
  name: string;
  nip: string;
  weekStart: string;
  weekEnd: string;
  days: DayRecord[];
  /** The counts up to today (loadTeamWeek's); without them every listed day counts. */
  counts?: WeekCounts;
}): string {
  const lines = [
    `*${esc(input.name)}* (NIP ${esc(input.nip)}), pekan ${formatIndonesianDateRange(input.weekStart, input.weekEnd)}:`,
  ];
  for (const day of input.days) {
    const parts: string[] = [];
    if (day.leave !== null) parts.push(`cuti/izin: ${esc(day.leave)}`);
    else if (!day.working) parts.push(isoWeekday(day.date) >= 6 ? 'akhir pekan' : 'hari libur');
    if (day.working || day.kpiLogs > 0)
      parts.push(day.kpiLogs > 0 ? `${day.kpiLogs} catatan kinerja` : 'belum ada catatan kinerja');
    if (day.reminder !== null) parts.push(reminderTexts[day.reminder]);
    lines.push(`• ${formatIndonesianDate(day.date)}: ${parts.join(' · ')}`);
  }
  const counts = input.counts ?? countWeek(input.days);
  lines.push(
    `Jumlah: catatan kinerja ${counts.kpiDays}/${counts.workingDays} hari kerja · ` +
      `pengingat dijawab tepat waktu ${counts.remindersOnTime}/${counts.remindersSent}`,
  );
  return lines.join('\n');
}

const reminderTexts = {
  dijawab: 'pengingat dijawab',
  terlambat: 'pengingat dijawab terlambat',
  'tidak dijawab': 'pengingat tidak dijawab',
  'tidak dikirim': 'pengingat tidak dikirim',
} as const;
