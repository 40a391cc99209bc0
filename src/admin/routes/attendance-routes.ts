import { Hono, type Context } from 'hono';
import { AttendanceError } from '../../attendance/attendance-error.js';
import { findAttendanceEmployee } from '../../attendance/attendance-employee.js';
import { dateRangeText, leaveKindLabels, isLeaveKind } from '../../attendance/attendance-rules.js';
import { listAttendance } from '../../attendance/list-attendance.js';
import { recordAbsences } from '../../attendance/record-absence.js';
import { recordLeave } from '../../attendance/record-leave.js';
import { removeAbsence, removeLeave } from '../../attendance/remove-attendance.js';
import { splitDateList } from '../../attendance/written-dates.js';
import { searchPeople } from '../../people/search-people.js';
import { formatIndonesianDate, localDateOf } from '../../calendar/local-time.js';
import type { AdminEnv, AdminRouteModule } from '../admin-env.js';
import { recordAudit } from '../audit-log.js';
import { requireHr } from '../auth/require-role.js';
import {
  emptyAbsenceForm,
  emptyLeaveForm,
  type AbsenceFormValues,
  type FieldErrors,
  type LeaveFormValues,
} from '../views/attendance-forms.js';
import { attendanceEmployeeBody, attendanceSearchBody } from '../views/attendance-views.js';
import { flash, messagePage, render } from '../views/layout.js';

const idOf = (raw: string | undefined) => (raw && /^\d{1,9}$/.test(raw) ? Number(raw) : undefined);
const field = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The service's problems, grouped by the form field they belong to. */
function fieldErrors(error: AttendanceError): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of error.problems) (errors[p.field] ??= []).push(p.message);
  return errors;
}

const kindText = (kind: string) => (isLeaveKind(kind) ? leaveKindLabels[kind] : kind);

/**
 * Attendance ("Kehadiran"): HR finds an employee, records unexcused absence days and leave, and
 * removes a wrong entry; viewers see the same pages without the forms. Checking is the attendance
 * service's (src/attendance/), the same rules as the CLI and Telegram; every change is audited.
 */
export const attendanceRoutes: AdminRouteModule = {
  menu: { label: 'Kehadiran', path: '/kehadiran' },
  routes: (deps) => {
    const app = new Hono<AdminEnv>();
    const { db } = deps;
    const notFound = (c: Context<AdminEnv>) =>
      messagePage(c, 404, 'Pegawai tidak ditemukan', 'Pegawai ini tidak ada (mungkin sudah dihapus dari data pegawai).');

    app.get('/kehadiran', async (c) => {
      const query = (c.req.query('q') ?? '').trim().slice(0, 200);
      const pageText = c.req.query('halaman') ?? '1';
      const page = /^\d{1,6}$/.test(pageText) && Number(pageText) > 0 ? Number(pageText) : 1;
      const { rows, hasNext } = query ? await searchPeople(db, { query, page }) : { rows: [], hasNext: false };
      return render(c, { title: 'Kehadiran', body: attendanceSearchBody({ query, page, rows, hasNext }) });
    });

    /** The employee's page; after a refused form, again with what was typed and why (422). */
    const showEmployee = async (
      c: Context<AdminEnv>,
      forms: {
        absence?: { values: AbsenceFormValues; errors: FieldErrors };
        leave?: { values: LeaveFormValues; errors: FieldErrors };
      } = {},
    ) => {
      const id = idOf(c.req.param('id'));
      if (id === undefined) return notFound(c);
      let employee;
      try {
        employee = await findAttendanceEmployee(db.prisma, { id });
      } catch (error) {
        if (error instanceof AttendanceError) return notFound(c);
        throw error;
      }
      const [unit, list] = await Promise.all([
        employee.unitId === null
          ? null
          : db.prisma.orgUnit.findUnique({ where: { id: employee.unitId }, select: { name: true } }),
        listAttendance(db, { employeeId: id }),
      ]);
      const adminIds = [
        ...new Set(list.absences.flatMap((a) => (/^admin:\d+$/.test(a.recordedBy) ? [Number(a.recordedBy.slice(6))] : []))),
      ];
      const admins = adminIds.length
        ? await db.prisma.adminUser.findMany({ where: { id: { in: adminIds } }, select: { id: true, email: true } })
        : [];
      const emails = new Map(admins.map((a) => [`admin:${a.id}`, a.email]));
      const actor = (by: string) => (by === 'cli' ? 'admin (CLI)' : emails.has(by) ? `admin ${emails.get(by)}` : by);
      const refused = Boolean(forms.absence ?? forms.leave);
      return render(
        c,
        {
          title: `Kehadiran: ${employee.name}`,
          body: attendanceEmployeeBody({
            admin: c.get('admin'),
            csrfToken: c.get('csrfToken'),
            employee: { ...employee, unitName: unit?.name ?? null },
            today: localDateOf(deps.now(), employee.zone),
            list,
            actor,
            absence: forms.absence ?? { values: emptyAbsenceForm, errors: {} },
            leave: forms.leave ?? { values: emptyLeaveForm, errors: {} },
          }),
        },
        refused ? 422 : 200,
      );
    };

    app.get('/kehadiran/:id', (c) => showEmployee(c));

    app.post('/kehadiran/:id/tidak-masuk', requireHr, async (c) => {
      const id = idOf(c.req.param('id'));
      if (id === undefined) return notFound(c);
      const body = await c.req.parseBody();
      const values: AbsenceFormValues = {
        dates: field(body.tanggal).slice(0, 2_000),
        note: typeof body.catatan === 'string' ? body.catatan.trim().replace(/\r\n?/g, '\n').slice(0, 5_000) : '',
      };
      const admin = c.get('admin');
      let result;
      try {
        result = await recordAbsences(db, {
          employee: { id },
          dates: splitDateList(values.dates),
          note: values.note,
          recordedBy: `admin:${admin.id}`,
          now: deps.now(),
        });
      } catch (error) {
        if (!(error instanceof AttendanceError)) throw error;
        if (error.code === 'employee_not_found') return notFound(c);
        return showEmployee(c, { absence: { values, errors: fieldErrors(error) } });
      }
      const { added, alreadyRecorded } = result;
      if (added.length) {
        // Dates and counts only: the note may name people and stays in the record itself.
        await recordAudit(
          db,
          {
            actor: admin,
            action: 'absence.add',
            target: `employee:${id}`,
            detail: { dates: added, alreadyRecorded: alreadyRecorded.length },
          },
          deps.now(),
        );
      }
      const known = alreadyRecorded.length
        ? ` ${alreadyRecorded.map(formatIndonesianDate).join('; ')} sudah tercatat sebelumnya.`
        : '';
      flash(
        c,
        added.length
          ? `${added.length} hari tidak masuk tanpa keterangan dicatat: ${added.map(formatIndonesianDate).join('; ')}.${known}`
          : `Tidak ada yang ditambahkan:${known}`,
        added.length ? 'ok' : 'warn',
      );
      return c.redirect(`/admin/kehadiran/${id}`, 303);
    });

    app.post('/kehadiran/:id/cuti', requireHr, async (c) => {
      const id = idOf(c.req.param('id'));
      if (id === undefined) return notFound(c);
      const body = await c.req.parseBody();
      const values: LeaveFormValues = {
        kind: field(body.jenis).slice(0, 40),
        start: field(body.mulai).slice(0, 40),
        end: field(body.selesai).slice(0, 40),
      };
      let result;
      try {
        result = await recordLeave(db, { employee: { id }, ...values, source: 'hr', now: deps.now() });
      } catch (error) {
        if (!(error instanceof AttendanceError)) throw error;
        if (error.code === 'employee_not_found') return notFound(c);
        return showEmployee(c, { leave: { values, errors: fieldErrors(error) } });
      }
      const { leave, created, overlapping } = result;
      const what = `${kindText(leave.kind)} ${dateRangeText(leave.start, leave.end)}`;
      if (!created) {
        flash(c, `Sudah tercatat: ${what}; tidak ada yang ditambahkan.`, 'warn');
        return c.redirect(`/admin/kehadiran/${id}`, 303);
      }
      await recordAudit(
        db,
        {
          actor: c.get('admin'),
          action: 'leave.add',
          target: `leave:${leave.id}`,
          detail: { employeeId: id, kind: leave.kind, start: leave.start, end: leave.end, days: leave.days },
        },
        deps.now(),
      );
      const overlap = overlapping.length
        ? ` Bertumpang tindih dengan ${overlapping.map((l) => `${kindText(l.kind).toLowerCase()} ${dateRangeText(l.start, l.end)}`).join(', ')}; hapus yang keliru bila perlu.`
        : '';
      flash(
        c,
        `Tercatat ${what} (${leave.days} hari). Tidak ada pengingat pada hari-hari itu.${overlap}`,
        overlap ? 'warn' : 'ok',
      );
      return c.redirect(`/admin/kehadiran/${id}`, 303);
    });

    app.post('/kehadiran/:id/tidak-masuk/:entry/hapus', requireHr, async (c) => {
      const id = idOf(c.req.param('id'));
      const entry = idOf(c.req.param('entry'));
      const removed =
        id === undefined || entry === undefined ? null : await removeAbsence(db, { employeeId: id, absenceId: entry });
      if (!removed)
        return messagePage(c, 404, 'Catatan tidak ditemukan', 'Catatan tidak masuk ini tidak ada (mungkin sudah dihapus).');
      await recordAudit(
        db,
        {
          actor: c.get('admin'),
          action: 'absence.delete',
          target: `absence:${removed.id}`,
          detail: { employeeId: id, date: removed.date },
        },
        deps.now(),
      );
      flash(c, `Catatan tidak masuk ${formatIndonesianDate(removed.date)} dihapus.`);
      return c.redirect(`/admin/kehadiran/${id}`, 303);
    });

    app.post('/kehadiran/:id/cuti/:entry/hapus', requireHr, async (c) => {
      const id = idOf(c.req.param('id'));
      const entry = idOf(c.req.param('entry'));
      const removed = id === undefined || entry === undefined ? null : await removeLeave(db, { employeeId: id, leaveId: entry });
      if (!removed) return messagePage(c, 404, 'Catatan tidak ditemukan', 'Catatan cuti ini tidak ada (mungkin sudah dihapus).');
      await recordAudit(
        db,
        {
          actor: c.get('admin'),
          action: 'leave.delete',
          target: `leave:${removed.id}`,
          detail: { employeeId: id, kind: removed.kind, start: removed.start, end: removed.end, source: removed.source },
        },
        deps.now(),
      );
      flash(c, `${kindText(removed.kind)} ${dateRangeText(removed.start, removed.end)} dihapus.`);
      return c.redirect(`/admin/kehadiran/${id}`, 303);
    });

    return app;
  },
};
