import { describe, expect, it } from 'vitest';
import { HolidayCalendar } from '../../src/calendar/holiday-calendar.js';
import {
  createDayPlanner,
  effectiveSchedules,
  planDay,
  renderReminderText,
  type PlanEmployee,
  type PlanSchedule,
} from '../../src/reminders/plan-reminders.js';

// Nov-Dec 2026: Monday 23 Nov, Friday 27 Nov, weekend 28-29 Nov, Thursday 24 Dec (cuti bersama
// by HR's row), Friday 25 Dec (Natal, computed).
const monday = '2026-11-23';
const friday = '2026-11-27';
const weekdays = [1, 2, 3, 4, 5];

const schedule = (fields: Partial<PlanSchedule> & Pick<PlanSchedule, 'id' | 'kind'>): PlanSchedule => ({
  scope: '*',
  localTime: '07:15',
  days: weekdays,
  text: 'Pengingat untuk {nama}',
  active: true,
  windowMinutes: 120,
  ...fields,
});

const schedules: PlanSchedule[] = [
  schedule({ id: 1, kind: 'disiplin', text: 'Selamat pagi {nama}, jangan lupa apel pagi hari ini, {tanggal}.' }),
  schedule({ id: 2, kind: 'kinerja', localTime: '15:30', text: '{nama}, sudah isi e-Kinerja untuk {tanggal}?' }),
  schedule({ id: 3, kind: 'ringkasan', localTime: '16:00', days: [5], windowMinutes: 60, text: 'Ringkasan pekan ini, {nama}.' }),
  schedule({ id: 4, kind: 'netralitas', localTime: '09:00', days: [1], text: 'Ingat netralitas ASN, {nama}.' }),
  // DISHUB holds its apel at 07:00; its child DISHUB-LLAJ inherits that.
  schedule({ id: 5, kind: 'disiplin', scope: 'DISHUB', localTime: '07:00', text: 'Apel DISHUB pukul 07.00, {nama}.' }),
  // The hospital logs performance in its own system: no kinerja reminders there.
  schedule({ id: 6, kind: 'kinerja', scope: 'RSUD', active: false }),
];

const calendar = new HolidayCalendar([
  { date: '2026-12-24', name: 'Cuti Bersama Hari Raya Natal', kind: 'cuti_bersama', scope: '*' },
]);

const employee = (fields: Partial<PlanEmployee> = {}): PlanEmployee => ({
  id: 1,
  name: 'Budi Santoso',
  zone: 'Asia/Jakarta',
  unitScopes: ['BAPPEDA'],
  active: true,
  linked: true,
  leaves: [],
  ...fields,
});

const dueTimes = (plan: ReturnType<typeof planDay>) =>
  Object.fromEntries(plan.due.map((d) => [d.kind, [d.dueAt.toISOString(), d.expiresAt.toISOString()]]));
const reasons = (plan: ReturnType<typeof planDay>) => Object.fromEntries(plan.skipped.map((s) => [s.kind, s.reason]));

describe('effectiveSchedules', () => {
  const ids = (unitScopes: string[]) => effectiveSchedules(schedules, unitScopes).map((s) => s.id);

  it("uses the unit's own override, then the nearest ancestor's, then the default", () => {
    expect(ids(['DISHUB'])).toEqual([5, 2, 3, 4]);
    expect(ids(['DISHUB-LLAJ', 'DISHUB'])).toEqual([5, 2, 3, 4]);
    expect(ids(['BAPPEDA'])).toEqual([1, 2, 3, 4]);
    expect(ids([])).toEqual([1, 2, 3, 4]);
  });

  it('lets an inactive override switch its kind off for the unit and its descendants only', () => {
    expect(ids(['RSUD'])).toEqual([1, 3, 4]);
    expect(ids(['RSUD-IGD', 'RSUD'])).toEqual([1, 3, 4]);
    expect(ids(['BAPPEDA'])).toContain(2);
  });

  it('lets an active override switch a kind on where the default is off', () => {
    const off = [schedule({ id: 7, kind: 'netralitas', active: false }), schedule({ id: 8, kind: 'netralitas', scope: 'KPU' })];
    expect(effectiveSchedules(off, ['KPU']).map((s) => s.id)).toEqual([8]);
    expect(effectiveSchedules(off, ['BAPPEDA'])).toEqual([]);
  });
});

describe('planDay', () => {
  it('plans every kind that runs on a Monday, at the local time of the zone', () => {
    const plan = planDay(employee(), schedules, monday, calendar);
    expect(dueTimes(plan)).toEqual({
      disiplin: ['2026-11-23T00:15:00.000Z', '2026-11-23T02:15:00.000Z'],
      kinerja: ['2026-11-23T08:30:00.000Z', '2026-11-23T10:30:00.000Z'],
      netralitas: ['2026-11-23T02:00:00.000Z', '2026-11-23T04:00:00.000Z'],
    });
    expect(reasons(plan)).toEqual({ ringkasan: 'bukan hari jadwal (hanya Jumat)' });
    expect(plan.due.every((d) => d.localDate === monday)).toBe(true);
    expect(plan.due.find((d) => d.kind === 'disiplin')?.scheduleId).toBe(1);
  });

  it('puts the same 07:15 at three UTC instants for WIB, WITA and WIT', () => {
    const disiplinAt = (zone: PlanEmployee['zone']) =>
      planDay(employee({ zone }), schedules, monday, calendar)
        .due.find((d) => d.kind === 'disiplin')!
        .dueAt.toISOString();
    expect(disiplinAt('Asia/Jakarta')).toBe('2026-11-23T00:15:00.000Z');
    expect(disiplinAt('Asia/Makassar')).toBe('2026-11-22T23:15:00.000Z');
    expect(disiplinAt('Asia/Jayapura')).toBe('2026-11-22T22:15:00.000Z');
  });

  it("follows a unit's override, inherited by its child, and the default elsewhere", () => {
    const disiplin = (fields: Partial<PlanEmployee>) =>
      planDay(employee(fields), schedules, monday, calendar).due.find((d) => d.kind === 'disiplin')!;
    expect(disiplin({ unitScopes: ['DISHUB'] })).toMatchObject({ scheduleId: 5, dueAt: new Date('2026-11-23T00:00:00Z') });
    expect(disiplin({ unitScopes: ['DISHUB-LLAJ', 'DISHUB'], zone: 'Asia/Makassar' })).toMatchObject({
      scheduleId: 5,
      dueAt: new Date('2026-11-22T23:00:00Z'),
    });
    expect(disiplin({ unitScopes: ['BAPPEDA'] })).toMatchObject({ scheduleId: 1, dueAt: new Date('2026-11-23T00:15:00Z') });
  });

  it('skips a kind switched off for the unit', () => {
    const plan = planDay(employee({ unitScopes: ['RSUD-IGD', 'RSUD'] }), schedules, monday, calendar);
    expect(plan.due.map((d) => d.kind)).toEqual(['disiplin', 'netralitas']);
    expect(reasons(plan)).toEqual({ kinerja: 'jadwal tidak aktif', ringkasan: 'bukan hari jadwal (hanya Jumat)' });
  });

  it('sends the Friday-only summary on Friday, with its own window', () => {
    const plan = planDay(employee(), schedules, friday, calendar);
    expect(dueTimes(plan).ringkasan).toEqual(['2026-11-27T09:00:00.000Z', '2026-11-27T10:00:00.000Z']);
    expect(reasons(plan)).toEqual({ netralitas: 'bukan hari jadwal (hanya Senin)' });
  });

  it('sends nothing on Saturday or Sunday, whatever the days of a schedule say', () => {
    const everyDay = [...schedules, schedule({ id: 9, kind: 'apel-sabtu', days: [1, 2, 3, 4, 5, 6, 7] })];
    for (const weekend of ['2026-11-28', '2026-11-29']) {
      const plan = planDay(employee(), everyDay, weekend, calendar);
      expect(plan.due).toEqual([]);
      expect(new Set(plan.skipped.map((s) => s.reason))).toEqual(new Set(['akhir pekan']));
      expect(plan.skipped).toHaveLength(5);
    }
  });

  it('sends nothing on Natal, a Friday, and names the holiday', () => {
    const plan = planDay(employee(), schedules, '2026-12-25', calendar);
    expect(plan.due).toEqual([]);
    expect(reasons(plan)).toEqual({
      disiplin: 'hari libur: Hari Raya Natal',
      kinerja: 'hari libur: Hari Raya Natal',
      ringkasan: 'hari libur: Hari Raya Natal',
      netralitas: 'bukan hari jadwal (hanya Senin)',
    });
  });

  it("sends nothing on HR's cuti bersama day", () => {
    const plan = planDay(employee({ unitScopes: ['DISHUB'] }), schedules, '2026-12-24', calendar);
    expect(plan.due).toEqual([]);
    expect(reasons(plan).disiplin).toBe('hari libur: Cuti Bersama Hari Raya Natal');
    // The day before is an ordinary Wednesday.
    expect(planDay(employee(), schedules, '2026-12-23', calendar).due.map((d) => d.kind)).toEqual(['disiplin', 'kinerja']);
  });

  it('honours a regional holiday for the unit only', () => {
    const regional = new HolidayCalendar([{ date: monday, name: 'Hari Jadi Kota', kind: 'daerah', scope: 'DISHUB' }]);
    expect(planDay(employee({ unitScopes: ['DISHUB-LLAJ', 'DISHUB'] }), schedules, monday, regional).due).toEqual([]);
    expect(planDay(employee(), schedules, monday, regional).due).toHaveLength(3);
  });

  it('skips the days of a leave, both ends included', () => {
    const onLeave = employee({
      leaves: [
        { startDate: '2026-11-02', endDate: '2026-11-03', kind: 'sakit' },
        { startDate: '2026-11-24', endDate: '2026-11-26', kind: 'cuti' },
      ],
    });
    const dueKinds = (date: string) => planDay(onLeave, schedules, date, calendar).due.map((d) => d.kind);
    expect(dueKinds(monday)).toEqual(['disiplin', 'kinerja', 'netralitas']);
    for (const date of ['2026-11-24', '2026-11-25', '2026-11-26']) {
      const plan = planDay(onLeave, schedules, date, calendar);
      expect(plan.due).toEqual([]);
      expect(reasons(plan)).toEqual({
        disiplin: 'cuti (cuti) 24-26 November',
        kinerja: 'cuti (cuti) 24-26 November',
        ringkasan: 'bukan hari jadwal (hanya Jumat)',
        netralitas: 'bukan hari jadwal (hanya Senin)',
      });
    }
    expect(dueKinds(friday)).toEqual(['disiplin', 'kinerja', 'ringkasan']);
  });

  it('describes one-day leaves and leaves across months and years', () => {
    const reasonOn = (date: string, leave: PlanEmployee['leaves'][number]) =>
      reasons(planDay(employee({ leaves: [leave] }), schedules, date, calendar)).disiplin;
    expect(reasonOn('2026-12-01', { startDate: '2026-12-01', endDate: '2026-12-01', kind: 'izin' })).toBe(
      'cuti (izin) 1 Desember',
    );
    expect(reasonOn('2026-12-01', { startDate: '2026-11-30', endDate: '2026-12-02', kind: 'dinas luar' })).toBe(
      'cuti (dinas luar) 30 November-2 Desember',
    );
    expect(reasonOn('2026-12-31', { startDate: '2026-12-28', endDate: '2027-01-08', kind: 'cuti' })).toBe(
      'cuti (cuti) 28 Desember 2026-8 Januari 2027',
    );
  });

  it('skips every kind of an inactive employee and of one without a linked Telegram account', () => {
    const inactive = planDay(employee({ active: false }), schedules, monday, calendar);
    expect(inactive.due).toEqual([]);
    expect(inactive.skipped).toEqual(
      ['disiplin', 'kinerja', 'ringkasan', 'netralitas'].map((kind) => ({ kind, reason: 'pegawai tidak aktif' })),
    );
    const unlinked = planDay(employee({ linked: false }), schedules, monday, calendar);
    expect(unlinked.due).toEqual([]);
    expect(new Set(unlinked.skipped.map((s) => s.reason))).toEqual(new Set(['akun Telegram belum terhubung']));
    expect(unlinked.skipped).toHaveLength(4);
  });

  it('accounts for every kind: each is due or skipped with a reason, once', () => {
    for (const date of [monday, friday, '2026-11-28', '2026-12-24', '2026-12-25'])
      for (const unitScopes of [['BAPPEDA'], ['DISHUB-LLAJ', 'DISHUB'], ['RSUD']]) {
        const plan = planDay(employee({ unitScopes }), schedules, date, calendar);
        const kinds = [...plan.due.map((d) => d.kind), ...plan.skipped.map((s) => s.kind)].sort();
        expect(kinds).toEqual(['disiplin', 'kinerja', 'netralitas', 'ringkasan']);
      }
  });

  it("fills in the employee's name and the date", () => {
    const plan = planDay(employee(), schedules, monday, calendar);
    expect(plan.due.map((d) => d.text)).toEqual([
      'Selamat pagi Budi Santoso, jangan lupa apel pagi hari ini, Senin, 23 November 2026.',
      'Budi Santoso, sudah isi e-Kinerja untuk Senin, 23 November 2026?',
      'Ingat netralitas ASN, Budi Santoso.',
    ]);
  });

  it('refuses schedules it cannot plan, naming the schedule', () => {
    const plan = (bad: PlanSchedule[]) => planDay(employee(), bad, monday, calendar);
    expect(() => plan([schedule({ id: 11, kind: 'disiplin', localTime: '25:00' })])).toThrow(/Jadwal 11 .*Jam tidak valid/);
    expect(() => plan([schedule({ id: 12, kind: 'disiplin', days: [8] })])).toThrow(/Jadwal 12 .*hari 8 tidak ada/);
    expect(() => plan([schedule({ id: 13, kind: 'disiplin', windowMinutes: 0 })])).toThrow(/Jadwal 13 .*jendela kirim/);
    expect(() => plan([schedule({ id: 14, kind: 'disiplin' }), schedule({ id: 15, kind: 'disiplin' })])).toThrow(/Jadwal ganda/);
    expect(() => planDay(employee(), schedules, '2026-02-30', calendar)).toThrow(/Tanggal tidak valid/);
  });

  it('plans again with a new schedules array, a new calendar or another date', () => {
    const kinds = (plan: ReturnType<typeof planDay>) => plan.due.map((d) => d.kind);
    expect(kinds(planDay(employee(), schedules, monday, calendar))).toEqual(['disiplin', 'kinerja', 'netralitas']);
    const withoutKinerja = schedules.map((s) => (s.kind === 'kinerja' ? { ...s, active: false } : s));
    expect(kinds(planDay(employee(), withoutKinerja, monday, calendar))).toEqual(['disiplin', 'netralitas']);
    const mondayOff = new HolidayCalendar([{ date: monday, name: 'Libur', kind: 'cuti_bersama', scope: '*' }]);
    expect(kinds(planDay(employee(), schedules, monday, mondayOff))).toEqual([]);
    expect(kinds(planDay(employee(), schedules, friday, calendar))).toEqual(['disiplin', 'kinerja', 'ringkasan']);
    expect(kinds(planDay(employee(), schedules, monday, calendar))).toEqual(['disiplin', 'kinerja', 'netralitas']);
  });

  it('plans employees of zones on different dates, as around midnight, each on their own date', () => {
    const wib = employee({ zone: 'Asia/Jakarta' });
    const wit = employee({ id: 2, zone: 'Asia/Jayapura' });
    const sunday = '2026-11-29';
    for (let round = 0; round < 3; round++) {
      expect(planDay(wib, schedules, sunday, calendar).due).toEqual([]);
      expect(planDay(wit, schedules, monday, calendar).due.map((d) => d.kind)).toEqual(['disiplin', 'kinerja', 'netralitas']);
    }
  });

  it('gives each reminder its own Date objects, so one changed by a caller changes no other', () => {
    const planner = createDayPlanner(schedules, monday, calendar);
    const first = planner.plan(employee({ id: 1 }));
    first.due[0]!.dueAt.setTime(0);
    first.skipped[0]!.reason = 'diubah';
    const second = planner.plan(employee({ id: 2 }));
    expect(second.due[0]!.dueAt.toISOString()).toBe('2026-11-23T00:15:00.000Z');
    expect(second.skipped[0]!.reason).toBe('bukan hari jadwal (hanya Jumat)');
  });
});

describe('createDayPlanner', () => {
  it('plans the same as planDay', () => {
    const planner = createDayPlanner(schedules, friday, calendar);
    const people = [
      employee(),
      employee({ id: 2, name: 'Sari', zone: 'Asia/Makassar', unitScopes: ['DISHUB-LLAJ', 'DISHUB'] }),
      employee({ id: 3, name: 'Yohanes', zone: 'Asia/Jayapura', unitScopes: ['RSUD'] }),
      employee({ id: 4, leaves: [{ startDate: friday, endDate: friday, kind: 'sakit' }] }),
      employee({ id: 5, linked: false }),
    ];
    for (const person of people) expect(planner.plan(person)).toEqual(planDay(person, schedules, friday, calendar));
  });

  it('plans 100,000 employees with 4 schedules for one date', () => {
    const zones = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
    let due = 0;
    let skipped = 0;
    for (let i = 0; i < 100_000; i++) {
      const unit = i % 300;
      const plan = planDay(
        {
          id: i,
          name: `Pegawai ${i}`,
          zone: zones[i % 3]!,
          // 300 units under 30 offices; none is RSUD, so every unit has all four kinds.
          unitScopes: [`UNIT-${unit}`, `OPD-${unit % 30}`],
          active: true,
          linked: true,
          // Every tenth employee is on leave today.
          leaves: i % 10 === 0 ? [{ startDate: '2026-11-26', endDate: '2026-11-30', kind: 'cuti' }] : [],
        },
        schedules,
        friday,
        calendar,
      );
      due += plan.due.length;
      skipped += plan.skipped.length;
    }
    // On a Friday disiplin, kinerja and ringkasan run, netralitas (Mondays) does not.
    expect(due).toBe(90_000 * 3);
    expect(skipped).toBe(90_000 * 1 + 10_000 * 4);
  });
});

describe('renderReminderText', () => {
  const values = { nama: 'Budi', tanggal: 'Senin, 23 November 2026' };

  it('fills {nama} and {tanggal}, as often as they appear', () => {
    expect(renderReminderText('Halo {nama}! {tanggal}. Sampai jumpa, {nama}.', values)).toBe(
      'Halo Budi! Senin, 23 November 2026. Sampai jumpa, Budi.',
    );
  });

  it('leaves unknown placeholders as written', () => {
    expect(renderReminderText('{salam} {nama}, {jam} {constructor} {NAMA} {nama', values)).toBe(
      '{salam} Budi, {jam} {constructor} {NAMA} {nama',
    );
  });

  it('does not fill placeholders inside the values', () => {
    expect(renderReminderText('{nama}: {tanggal}', { nama: 'Si {tanggal}', tanggal: '{nama}' })).toBe('Si {tanggal}: {nama}');
  });

  it('keeps a template without placeholders unchanged', () => {
    expect(renderReminderText('Jangan lupa apel pagi.', values)).toBe('Jangan lupa apel pagi.');
  });
});
