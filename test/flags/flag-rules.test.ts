import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  absenceRule,
  defaultThresholds,
  disciplineRule,
  isoWeek,
  kpiMissingRule,
  lastWorkingDays,
  type FlagCandidate,
} from '../../src/flags/flag-rules.js';
import { HolidayCalendar } from '../../src/calendar/holiday-calendar.js';
import { addDays } from '../../src/calendar/local-time.js';

// December 2026: Tuesday 1 Dec; weekends 5-6, 12-13, 19-20, 26-27; Thursday 24 Dec cuti bersama
// (HR's row), Friday 25 Dec Natal (computed by the calendar); Friday 1 Jan 2027 Tahun Baru.
// September to November 2026 have no national holiday.
const calendar = new HolidayCalendar([
  { date: '2026-12-24', name: 'Cuti Bersama Hari Raya Natal', kind: 'cuti_bersama', scope: '*' },
]);
const unit = ['DISKOMINFO'];

/** Off on holidays and, when given, on the employee's leave days; weekends are the rules' job. */
function offDays(leave: readonly string[] = []): (date: string) => boolean {
  const onLeave = new Set(leave);
  return (date) => onLeave.has(date) || calendar.holidayOn(date, unit) !== undefined;
}
const isOff = offDays();

/** Every calendar date from `start` to `end`, both included. */
function datesFrom(start: string, end: string): string[] {
  const dates: string[] = [];
  for (let date = start; date <= end; date = addDays(date, 1)) dates.push(date);
  return dates;
}

describe('lastWorkingDays', () => {
  it('skips the weekend, cuti bersama and Natal, newest last', () => {
    expect(lastWorkingDays('2026-12-29', 5, isOff)).toEqual([
      '2026-12-21',
      '2026-12-22',
      '2026-12-23',
      '2026-12-28',
      '2026-12-29',
    ]);
  });

  it('starts from the last working day when today is off', () => {
    expect(lastWorkingDays('2026-12-27', 3, isOff)).toEqual(['2026-12-21', '2026-12-22', '2026-12-23']);
    expect(lastWorkingDays('2026-12-25', 1, isOff)).toEqual(['2026-12-23']);
  });

  it("skips the employee's leave", () => {
    expect(lastWorkingDays('2026-12-28', 3, offDays(['2026-12-22', '2026-12-23']))).toEqual([
      '2026-12-18',
      '2026-12-21',
      '2026-12-28',
    ]);
  });

  it('counts 24 December as a working day when HR has no cuti bersama row', () => {
    const nationalOnly = new HolidayCalendar([]);
    expect(lastWorkingDays('2026-12-28', 2, (date) => nationalOnly.holidayOn(date, unit) !== undefined)).toEqual([
      '2026-12-24',
      '2026-12-28',
    ]);
  });

  it('returns nothing for 0 days, and stops when no working day is left', () => {
    expect(lastWorkingDays('2026-12-29', 0, isOff)).toEqual([]);
    expect(lastWorkingDays('2026-12-29', 3, () => true)).toEqual([]);
  });

  it('rejects a bad date or count', () => {
    expect(() => lastWorkingDays('2026-12-32', 3, isOff)).toThrow(/Tanggal tidak valid/);
    expect(() => lastWorkingDays('2026-12-29', -1, isOff)).toThrow(/bilangan bulat/);
    expect(() => lastWorkingDays('2026-12-29', 1.5, isOff)).toThrow(/bilangan bulat/);
  });
});

describe('kpiMissingRule', () => {
  // Logged every working day up to Friday 18 December.
  const logsTo18 = new Set(lastWorkingDays('2026-12-18', 20, isOff));
  const kpi = (today: string, extra: Partial<Parameters<typeof kpiMissingRule>[0]> = {}) =>
    kpiMissingRule({ today, kpiLogDates: logsTo18, isOff, thresholds: defaultThresholds, ...extra });

  it('fires on the third working day without a log, naming the days', () => {
    expect(kpi('2026-12-22')).toBeUndefined();
    expect(kpi('2026-12-23')).toEqual({
      kind: 'kpi_missing',
      period: '2026-12-21',
      title: 'Belum mengisi catatan kinerja 3 hari kerja berturut-turut (21-23 Desember 2026)',
      evidence: {
        dates: ['2026-12-21', '2026-12-22', '2026-12-23'],
        days: 3,
        lastLoggedWorkingDay: '2026-12-18',
        threshold: 3,
      },
      severity: 'info',
    } satisfies FlagCandidate);
  });

  it('keeps the period of a growing run across cuti bersama, Natal and the weekend', () => {
    // 24-27 December are off: on those days and on Monday 28 the same flag is updated.
    expect(kpi('2026-12-26')?.evidence.days).toBe(3);
    const monday = kpi('2026-12-28');
    expect(monday?.period).toBe('2026-12-21');
    expect(monday?.title).toBe('Belum mengisi catatan kinerja 4 hari kerja berturut-turut (21-28 Desember 2026)');
    expect(monday?.evidence.dates).toEqual(['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-28']);
  });

  it('resets the streak on a log, and a new run raises a new flag', () => {
    const withLog28 = new Set([...logsTo18, '2026-12-28']);
    expect(kpi('2026-12-29', { kpiLogDates: withLog28 })).toBeUndefined();
    expect(kpi('2026-12-30', { kpiLogDates: withLog28 })).toBeUndefined();
    const flag = kpi('2026-12-31', { kpiLogDates: withLog28 });
    expect(flag?.period).toBe('2026-12-29');
    expect(flag?.title).toBe('Belum mengisi catatan kinerja 3 hari kerja berturut-turut (29-31 Desember 2026)');
    expect(flag?.evidence.lastLoggedWorkingDay).toBe('2026-12-28');
  });

  it('ignores a log on a Saturday: the run is of working days', () => {
    expect(kpi('2026-12-23', { kpiLogDates: new Set([...logsTo18, '2026-12-19']) })?.period).toBe('2026-12-21');
  });

  it("does not count the employee's leave as missing", () => {
    const onLeave = offDays(['2026-12-22', '2026-12-23']);
    expect(kpi('2026-12-28', { isOff: onLeave })).toBeUndefined();
    const flag = kpi('2026-12-29', { isOff: onLeave });
    expect(flag?.evidence.dates).toEqual(['2026-12-21', '2026-12-28', '2026-12-29']);
    expect(flag?.title).toBe('Belum mengisi catatan kinerja 3 hari kerja berturut-turut (21-29 Desember 2026)');
  });

  it('follows the threshold HR sets', () => {
    const five = { kpiMissingDays: 5, disciplineMissesPerWeek: 3 };
    expect(kpi('2026-12-28', { thresholds: five })).toBeUndefined();
    expect(kpi('2026-12-29', { thresholds: five })?.evidence).toMatchObject({ days: 5, threshold: 5 });
    const one = { kpiMissingDays: 1, disciplineMissesPerWeek: 3 };
    expect(kpi('2026-12-21', { thresholds: one })?.title).toBe('Belum mengisi catatan kinerja 1 hari kerja (21 Desember 2026)');
  });

  it('rejects a threshold that would flag everyone or no one', () => {
    for (const kpiMissingDays of [0, -3, 2.5, Number.NaN])
      expect(() => kpi('2026-12-23', { thresholds: { kpiMissingDays, disciplineMissesPerWeek: 3 } })).toThrow(
        /Ambang kpiMissingDays/,
      );
  });

  it('keeps one period for someone who never logged', () => {
    // The walk stops at 1 January of the previous year; 1 January 2025 is Tahun Baru.
    const never = new Set<string>();
    const tuesday = kpi('2026-12-22', { kpiLogDates: never });
    const wednesday = kpi('2026-12-23', { kpiLogDates: never });
    expect(tuesday?.period).toBe('2025-01-02');
    expect(wednesday?.period).toBe('2025-01-02');
    expect(wednesday?.evidence.lastLoggedWorkingDay).toBeNull();
  });
});

describe('isoWeek', () => {
  it.each([
    ['2026-12-21', '2026-W52'],
    ['2026-12-27', '2026-W52'],
    ['2026-12-28', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2025-12-29', '2026-W01'],
    ['2026-01-01', '2026-W01'],
    ['2021-01-03', '2020-W53'],
  ])('%s is in %s', (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });
});

describe('disciplineRule', () => {
  type Reminder = Parameters<typeof disciplineRule>[0]['reminders'][number];
  const sent = (localDate: string, answer: 'none' | 'on_time' | 'late'): Reminder => ({
    localDate,
    status: 'sent',
    answered: answer !== 'none',
    ...(answer === 'none' ? {} : { answeredLate: answer === 'late' }),
  });
  const rule = (today: string, reminders: Reminder[], thresholds = defaultThresholds) =>
    disciplineRule({ today, reminders, thresholds });

  it('counts unanswered and late answers in the week before Natal', () => {
    const reminders = [
      sent('2026-12-18', 'none'), // the week before: not counted
      sent('2026-12-21', 'none'),
      sent('2026-12-22', 'late'),
      sent('2026-12-23', 'none'),
    ];
    expect(rule('2026-12-22', reminders)).toBeUndefined();
    expect(rule('2026-12-23', reminders)).toEqual({
      kind: 'discipline_unanswered',
      period: '2026-W52',
      title: 'Pengingat disiplin pagi 2 kali tidak dijawab dan 1 kali dijawab setelah batas waktu pada pekan 21-27 Desember 2026',
      evidence: {
        week: '2026-W52',
        weekStart: '2026-12-21',
        weekEnd: '2026-12-27',
        unansweredDates: ['2026-12-21', '2026-12-23'],
        lateDates: ['2026-12-22'],
        misses: 3,
        remindersReceived: 3,
        threshold: 3,
      },
      severity: 'info',
    } satisfies FlagCandidate);
    // Over the days off the flag is the same one.
    expect(rule('2026-12-27', reminders)?.period).toBe('2026-W52');
  });

  it('counts late answers as misses', () => {
    const flag = rule('2026-12-10', [sent('2026-12-07', 'late'), sent('2026-12-08', 'late'), sent('2026-12-09', 'late')]);
    expect(flag?.title).toBe('Pengingat disiplin pagi 3 kali dijawab setelah batas waktu pada pekan 7-13 Desember 2026');
    expect(flag?.evidence).toMatchObject({ unansweredDates: [], lateDates: ['2026-12-07', '2026-12-08', '2026-12-09'] });
  });

  it('does not count answers in time, nor reminders that never reached the employee', () => {
    const reminders: Reminder[] = [
      sent('2026-12-07', 'on_time'),
      sent('2026-12-08', 'on_time'),
      // 'missed' is the bot's miss: the reminder was not sent within its window.
      { localDate: '2026-12-09', status: 'missed', answered: false },
      { localDate: '2026-12-10', status: 'blocked', answered: false },
      { localDate: '2026-12-11', status: 'failed', answered: false },
      sent('2026-12-11', 'none'),
    ];
    expect(rule('2026-12-11', reminders)).toBeUndefined();
    const statuses = ['missed', 'pending', 'skipped', 'blocked', 'failed'] as const;
    expect(
      rule(
        '2026-12-11',
        statuses.map((status, i) => ({ localDate: datesFrom('2026-12-07', '2026-12-11')[i]!, status, answered: false })),
      ),
    ).toBeUndefined();
  });

  it('lets an answer in time stand when a day has two reminders', () => {
    const reminders = [
      sent('2026-12-07', 'none'),
      sent('2026-12-07', 'on_time'),
      sent('2026-12-08', 'none'),
      sent('2026-12-09', 'none'),
    ];
    expect(rule('2026-12-09', reminders)).toBeUndefined();
    expect(rule('2026-12-10', [...reminders, sent('2026-12-10', 'late'), sent('2026-12-10', 'none')])?.evidence).toMatchObject({
      unansweredDates: ['2026-12-08', '2026-12-09'],
      lateDates: ['2026-12-10'],
      misses: 3,
    });
  });

  it('ignores reminders after today', () => {
    const reminders = [sent('2026-12-07', 'none'), sent('2026-12-08', 'none'), sent('2026-12-09', 'none')];
    expect(rule('2026-12-08', reminders)).toBeUndefined();
  });

  it('follows the threshold HR sets', () => {
    const reminders = [sent('2026-12-14', 'none'), sent('2026-12-15', 'late'), sent('2026-12-16', 'none')];
    expect(rule('2026-12-15', reminders, { kpiMissingDays: 3, disciplineMissesPerWeek: 2 })?.evidence.misses).toBe(2);
    expect(rule('2026-12-18', reminders, { kpiMissingDays: 3, disciplineMissesPerWeek: 4 })).toBeUndefined();
    expect(() => rule('2026-12-18', reminders, { kpiMissingDays: 3, disciplineMissesPerWeek: 0 })).toThrow(
      /Ambang disciplineMissesPerWeek/,
    );
  });

  it('names the ISO week across New Year', () => {
    const reminders = [sent('2026-12-28', 'none'), sent('2026-12-29', 'none'), sent('2026-12-30', 'late')];
    const flag = rule('2026-12-31', reminders);
    expect(flag?.period).toBe('2026-W53');
    expect(flag?.title).toBe(
      'Pengingat disiplin pagi 2 kali tidak dijawab dan 1 kali dijawab setelah batas waktu pada pekan 28 Desember 2026-3 Januari 2027',
    );
  });
});

describe('absenceRule', () => {
  const today = '2026-12-31';
  // Every other working day counted back from 31 December: never two in a row, so only the
  // cumulative count applies.
  const apart = lastWorkingDays(today, 80, isOff)
    .reverse()
    .filter((_, i) => i % 2 === 0);
  const scattered = (days: number) => apart.slice(0, days).reverse();
  const absence = (unexcusedDates: string[], extra: Partial<Parameters<typeof absenceRule>[0]> = {}) =>
    absenceRule({ today, unexcusedDates, isOff, ...extra });

  it('has no flag below 3 days', () => {
    expect(absence([])).toBeUndefined();
    expect(absence(scattered(2))).toBeUndefined();
  });

  const ringan = 'PP 94/2021 Pasal 9 ayat (2) huruf b';
  const sedang = 'PP 94/2021 Pasal 10 ayat (2) huruf f';
  const berat = 'PP 94/2021 Pasal 11 ayat (2) huruf d';
  it.each([
    [3, '3', 'ringan', `${ringan} angka 1`, 'teguran lisan untuk 3 hari kerja'],
    [4, '4-6', 'ringan', `${ringan} angka 2`, 'teguran tertulis untuk 4-6 hari kerja'],
    [6, '4-6', 'ringan', `${ringan} angka 2`, 'teguran tertulis untuk 4-6 hari kerja'],
    [7, '7-10', 'ringan', `${ringan} angka 3`, 'pernyataan tidak puas secara tertulis untuk 7-10 hari kerja'],
    [10, '7-10', 'ringan', `${ringan} angka 3`, 'pernyataan tidak puas secara tertulis untuk 7-10 hari kerja'],
    [11, '11-13', 'sedang', `${sedang} angka 1`, 'pemotongan tunjangan kinerja 25% selama 6 bulan untuk 11-13 hari kerja'],
    [13, '11-13', 'sedang', `${sedang} angka 1`, 'pemotongan tunjangan kinerja 25% selama 6 bulan untuk 11-13 hari kerja'],
    [14, '14-16', 'sedang', `${sedang} angka 2`, 'pemotongan tunjangan kinerja 25% selama 9 bulan untuk 14-16 hari kerja'],
    [16, '14-16', 'sedang', `${sedang} angka 2`, 'pemotongan tunjangan kinerja 25% selama 9 bulan untuk 14-16 hari kerja'],
    [17, '17-20', 'sedang', `${sedang} angka 3`, 'pemotongan tunjangan kinerja 25% selama 12 bulan untuk 17-20 hari kerja'],
    [20, '17-20', 'sedang', `${sedang} angka 3`, 'pemotongan tunjangan kinerja 25% selama 12 bulan untuk 17-20 hari kerja'],
    [21, '21-24', 'berat', `${berat} angka 1`, 'penurunan jabatan setingkat lebih rendah selama 12 bulan untuk 21-24 hari kerja'],
    [24, '21-24', 'berat', `${berat} angka 1`, 'penurunan jabatan setingkat lebih rendah selama 12 bulan untuk 21-24 hari kerja'],
    [
      25,
      '25-27',
      'berat',
      `${berat} angka 2`,
      'pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan untuk 25-27 hari kerja',
    ],
    [
      27,
      '25-27',
      'berat',
      `${berat} angka 2`,
      'pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan untuk 25-27 hari kerja',
    ],
    [
      28,
      '28+',
      'berat',
      `${berat} angka 3`,
      'pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS untuk 28 hari kerja atau lebih',
    ],
    [
      40,
      '28+',
      'berat',
      `${berat} angka 3`,
      'pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS untuk 28 hari kerja atau lebih',
    ],
  ])('%i days: band %s, %s, %s', (days, band, severity, article, rule) => {
    const dates = scattered(days);
    const flag = absence(dates);
    expect(flag).toMatchObject({ kind: 'absence_threshold', period: `2026:${band}`, severity, article });
    expect(flag?.title).toBe(
      `Tercatat ${days} hari kerja tidak masuk tanpa keterangan pada tahun 2026; PP 94/2021: ${rule} dalam setahun`,
    );
    expect(flag?.evidence).toMatchObject({ year: 2026, totalDays: days, dates, band, longestRunDays: 1, ignoredDates: [] });
    expect(flag?.evidence.note).toMatch(/setelah pemeriksaan oleh atasan langsung/);
  });

  it('updates the flag within a band and raises a new one at the next band', () => {
    const periods = [3, 4, 5, 6, 7].map((days) => absence(scattered(days))?.period);
    expect(periods).toEqual(['2026:3', '2026:4-6', '2026:4-6', '2026:4-6', '2026:7-10']);
  });

  // 14-18 and 21-23 December, then 28-29 December: ten working days in a row across cuti bersama,
  // Natal and the weekend.
  const tenInARow = ['2026-12-14', '2026-12-15', '2026-12-16', '2026-12-17', '2026-12-18'].concat([
    '2026-12-21',
    '2026-12-22',
    '2026-12-23',
    '2026-12-28',
    '2026-12-29',
  ]);

  it('flags 10 consecutive working days as berat, with the salary note', () => {
    const flag = absence(tenInARow);
    expect(flag).toMatchObject({
      kind: 'absence_threshold',
      period: '2026:10-berturut:2026-12-14',
      severity: 'berat',
      article: 'PP 94/2021 Pasal 11 ayat (2) huruf d angka 4 dan Pasal 15 ayat (2)',
      title:
        'Tercatat tidak masuk kerja tanpa keterangan 10 hari kerja berturut-turut (14-29 Desember 2026); ' +
        'PP 94/2021: pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS untuk 10 hari kerja berturut-turut',
    });
    expect(flag?.evidence).toMatchObject({
      totalDays: 10,
      band: '7-10',
      longestRunDays: 10,
      run: { firstDate: '2026-12-14', lastDate: '2026-12-29', days: 10, dates: tenInARow },
    });
    expect(flag?.evidence.salaryNote).toMatch(/Pasal 15 ayat \(2\).*sejak bulan berikutnya/);
  });

  it('keeps the period while the run goes on', () => {
    const flag = absence([...tenInARow, '2026-12-30']);
    expect(flag?.period).toBe('2026:10-berturut:2026-12-14');
    expect(flag?.evidence).toMatchObject({ totalDays: 11, band: '11-13', run: { days: 11, lastDate: '2026-12-30' } });
  });

  it('does not flag 9 days in a row as berat', () => {
    const flag = absence(tenInARow.slice(0, 9));
    expect(flag).toMatchObject({ period: '2026:7-10', severity: 'ringan' });
    expect(flag?.evidence.longestRunDays).toBe(9);
  });

  it('breaks the run on a day the employee came to work', () => {
    const flag = absence(tenInARow.filter((date) => date !== '2026-12-17'));
    expect(flag).toMatchObject({ period: '2026:7-10', severity: 'ringan' });
    expect(flag?.evidence).toMatchObject({ totalDays: 9, longestRunDays: 6 });
  });

  it('breaks the run on a day of leave when isLeave is given', () => {
    // Absent 7-11 December, on leave 14-18, absent again 21-29.
    const leave = datesFrom('2026-12-14', '2026-12-18');
    const dates = datesFrom('2026-12-07', '2026-12-11').concat(tenInARow.slice(5));
    const withLeave = absence(dates, { isOff: offDays(leave), isLeave: (date) => leave.includes(date) });
    expect(withLeave).toMatchObject({ period: '2026:7-10', severity: 'ringan' });
    expect(withLeave?.evidence.longestRunDays).toBe(5);
    // Without isLeave the leave days are just days off, like a holiday, and the run goes through.
    expect(absence(dates, { isOff: offDays(leave) })).toMatchObject({ period: '2026:10-berturut:2026-12-07', severity: 'berat' });
  });

  it('raises the band reached after a run ended as its own flag', () => {
    // Ten working days in a row in October (no holidays then), then one more day in December.
    const october = lastWorkingDays('2026-10-16', 10, isOff);
    expect(october[0]).toBe('2026-10-05');
    expect(absence(october)?.period).toBe('2026:10-berturut:2026-10-05');
    const flag = absence([...october, '2026-12-03']);
    expect(flag).toMatchObject({
      period: '2026:11-13',
      severity: 'sedang',
      article: 'PP 94/2021 Pasal 10 ayat (2) huruf f angka 1',
    });
    expect(flag?.evidence).toMatchObject({ run: { firstDate: '2026-10-05', lastDate: '2026-10-16', days: 10 } });
  });

  it('follows a run across New Year, and counts each year on its own', () => {
    // 17 December 2026 to 4 January 2027; 1 January is Tahun Baru.
    const across = ['2026-12-17', '2026-12-18', '2026-12-21', '2026-12-22', '2026-12-23'].concat([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-04',
    ]);
    const flag = absenceRule({ today: '2027-01-04', unexcusedDates: across, isOff });
    expect(flag).toMatchObject({ period: '2026:10-berturut:2026-12-17', severity: 'berat' });
    expect(flag?.evidence).toMatchObject({ year: 2027, totalDays: 1, dates: ['2027-01-04'], band: null });
    expect(flag?.title).toContain('(17 Desember 2026-4 Januari 2027)');
    // Last year's days, run or not, do not count in the new year.
    expect(absenceRule({ today: '2027-01-05', unexcusedDates: tenInARow, isOff })).toBeUndefined();
    expect(
      absenceRule({ today: '2027-01-05', unexcusedDates: [...scattered(8), '2027-01-04', '2027-01-05'], isOff }),
    ).toBeUndefined();
  });

  it('counts only working days up to today, each once', () => {
    const dates = scattered(3);
    const flag = absence([...dates, dates[0]!, '2026-12-25', '2026-12-24', '2026-12-26', '2027-01-04']);
    expect(flag?.period).toBe('2026:3');
    expect(flag?.evidence).toMatchObject({
      totalDays: 3,
      ignoredDates: ['2026-12-24', '2026-12-25', '2026-12-26', '2027-01-04'],
    });
  });

  it('rejects a date that is not a date', () => {
    expect(() => absence(['2026-02-30'])).toThrow(/Tanggal tidak valid/);
  });
});

// The thresholds above, checked against the published text of PP 94/2021 in ../shared/corpus.
// A clone outside this workplace has no ../shared: this block is skipped there, and the table of
// band edges above still pins every number.
const corpusPath = fileURLToPath(new URL('../../../shared/corpus/pp-94-2021-disiplin-pns.txt', import.meta.url));
describe.skipIf(!existsSync(corpusPath))('absence bands against the text of PP 94/2021', () => {
  const text = existsSync(corpusPath) ? readFileSync(corpusPath, 'utf8') : '';
  // The OCR writes "kerja" as "keda" in places.
  const matches = [
    ...text.matchAll(/kumulatif selama (\d+) \([a-z ]+\)(?: sampai dengan (\d+) \([a-z ]+\))? hari ke(?:rj|d)a( atau lebih)?/g),
  ];

  it('finds the nine bands, and the rule starts and ends each where the text does', () => {
    expect(matches).toHaveLength(9);
    const severities = ['ringan', 'ringan', 'ringan', 'sedang', 'sedang', 'sedang', 'berat', 'berat', 'berat'];
    matches.forEach((match, i) => {
      const min = Number(match[1]);
      const max = match[3] !== undefined ? 60 : Number(match[2] ?? match[1]);
      const atMin = absenceRule({ today: '2026-12-31', unexcusedDates: apartDates(min), isOff });
      const atMax = absenceRule({ today: '2026-12-31', unexcusedDates: apartDates(max), isOff });
      const below = absenceRule({ today: '2026-12-31', unexcusedDates: apartDates(min - 1), isOff });
      expect(atMin?.severity).toBe(severities[i]);
      expect(atMax?.period).toBe(atMin?.period);
      expect(below?.period).not.toBe(atMin?.period);
    });
  });

  it('puts the bands in Pasal 9, 10 and 11, and the 10 days in a row in Pasal 11 and 15', () => {
    const at = (i: number) => matches[i]!.index;
    expect(text.slice(at(2), at(3))).toMatch(/Pasal 10/);
    expect(text.slice(at(5), at(6))).toMatch(/Pasal 1 ?1/);
    expect(text).toMatch(/terus menerus selama 10 \(sepuluh\) hari kerja/);
    expect(text).toMatch(
      /terus menerus selama 1[0O] \(sepuluh\) hari kerja sebagaimana dimaksud dalam Pasal 11 ayat \(2\) huruf d angka 4\)/,
    );
  });

  /** `days` working days of 2026 with a working day between each two. */
  function apartDates(days: number): string[] {
    return lastWorkingDays('2026-12-31', 2 * days, isOff).filter((_, i) => i % 2 === 1);
  }
});
