import { Hono, type Context } from 'hono';
import { listHolidaysOfYear } from '../../calendar/list-holidays.js';
import { localDateOf, parseLocalDate, officeZone } from '../../calendar/local-time.js';
import { holidayKinds, saveHoliday } from '../../reminders/reminder-schedules.js';
import type { HolidayKind } from '../../calendar/holiday-calendar.js';
import type { AdminDeps, AdminEnv, AdminRouteModule } from '../admin-env.js';
import { recordAudit } from '../audit-log.js';
import { requireHr } from '../auth/require-role.js';
import { holidayListBody, type HolidayFormValues } from '../views/holiday-views.js';
import { flash, messagePage, render } from '../views/layout.js';

const field = (value: unknown) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : '');
const emptyForm: HolidayFormValues = { date: '', name: '', kind: 'cuti_bersama', unit: '' };

/** Checks HR's new day off; every problem in Indonesian. */
async function checkHoliday(deps: AdminDeps, v: HolidayFormValues): Promise<string[]> {
  const errors: string[] = [];
  let dateOk = true;
  try {
    parseLocalDate(v.date);
  } catch {
    dateOk = false;
    errors.push(`Tanggal "${v.date}" tidak ada di kalender; pilih tanggal (TTTT-BB-HH).`);
  }
  if (dateOk) {
    const year = Number(v.date.slice(0, 4));
    const thisYear = Number(localDateOf(deps.now(), officeZone).slice(0, 4));
    if (year < thisYear - 1 || year > thisYear + 5)
      errors.push(`Tahun ${year} di luar jangkauan (${thisYear - 1} sampai ${thisYear + 5}).`);
  }
  if (v.name === '') errors.push('Nama hari libur tidak boleh kosong.');
  else if (v.name.length > 200) errors.push('Nama hari libur paling panjang 200 karakter.');
  if (!(holidayKinds as readonly string[]).includes(v.kind))
    errors.push('Pilih jenis: cuti bersama, libur daerah atau libur nasional.');
  if (v.kind === 'daerah' && v.unit === '') errors.push('Libur daerah berlaku untuk satu unit: isi kode unitnya.');
  if (v.unit !== '' && !(await deps.db.prisma.orgUnit.findUnique({ where: { code: v.unit } })))
    errors.push(`Unit ${v.unit} tidak ditemukan.`);
  return errors;
}

/** Days off: the computed national holidays and HR's rows for a year; HR adds and deletes its rows. */
export const holidayRoutes: AdminRouteModule = {
  menu: { label: 'Hari libur', path: '/hari-libur' },
  routes: (deps) => {
    const app = new Hono<AdminEnv>();
    const { db } = deps;
    const thisYear = () => Number(localDateOf(deps.now(), officeZone).slice(0, 4));

    const page = async (
      c: Context<AdminEnv>,
      year: number,
      form: { values: HolidayFormValues; errors: string[] } = { values: emptyForm, errors: [] },
    ) => {
      const now = thisYear();
      const years = [...new Set([now - 1, now, now + 1, now + 2, year])].sort((a, b) => a - b);
      return render(
        c,
        {
          title: 'Hari libur',
          body: holidayListBody({
            admin: c.get('admin'),
            csrfToken: c.get('csrfToken'),
            year,
            years,
            holidays: await listHolidaysOfYear(db, year),
            ...form,
          }),
        },
        form.errors.length ? 422 : 200,
      );
    };

    app.get('/hari-libur', (c) => {
      const text = c.req.query('tahun') ?? '';
      const year = /^\d{4}$/.test(text) && Math.abs(Number(text) - thisYear()) <= 10 ? Number(text) : thisYear();
      return page(c, year);
    });

    app.post('/hari-libur', requireHr, async (c) => {
      const body = await c.req.parseBody();
      const values: HolidayFormValues = {
        date: field(body.tanggal),
        name: field(body.nama),
        kind: field(body.jenis),
        unit: field(body.unit),
      };
      const errors = await checkHoliday(deps, values);
      if (errors.length) {
        const year = /^\d{4}/.test(values.date) ? Number(values.date.slice(0, 4)) : thisYear();
        return page(c, Math.abs(year - thisYear()) <= 10 ? year : thisYear(), { values, errors });
      }
      const scope = values.unit || '*';
      const saved = await saveHoliday(db, { date: values.date, name: values.name, kind: values.kind as HolidayKind, scope });
      await recordAudit(
        db,
        {
          actor: c.get('admin'),
          action: 'holiday.add',
          target: `holiday:${saved.id}`,
          detail: { date: values.date, name: values.name, kind: values.kind, scope },
        },
        deps.now(),
      );
      flash(c, `Hari libur disimpan: ${values.date}, ${values.name}. Tidak ada pengingat pada hari itu.`);
      return c.redirect(`/admin/hari-libur?tahun=${values.date.slice(0, 4)}`, 303);
    });

    app.post('/hari-libur/:id/hapus', requireHr, async (c) => {
      const idText = c.req.param('id');
      const holiday = /^\d{1,9}$/.test(idText) ? await db.prisma.holiday.findUnique({ where: { id: Number(idText) } }) : null;
      if (!holiday) return messagePage(c, 404, 'Hari libur tidak ditemukan', 'Hari libur ini tidak ada (mungkin sudah dihapus).');
      await db.prisma.holiday.delete({ where: { id: holiday.id } });
      const date = holiday.date.toISOString().slice(0, 10);
      await recordAudit(
        db,
        {
          actor: c.get('admin'),
          action: 'holiday.delete',
          target: `holiday:${holiday.id}`,
          detail: { date, name: holiday.name, kind: holiday.kind, scope: holiday.scope },
        },
        deps.now(),
      );
      flash(c, `Hari libur ${date} (${holiday.name}) dihapus.`);
      return c.redirect(`/admin/hari-libur?tahun=${date.slice(0, 4)}`, 303);
    });

    return app;
  },
};
