import { Hono, type Context } from 'hono';
import { AppError } from '../../errors.js';
import { localDateOf, parseLocalDate, officeZone } from '../../calendar/local-time.js';
import { formatPreview, previewReminders } from '../../reminders/preview-reminders.js';
import {
  inUse,
  isLocalTime,
  reminderKinds,
  removeUnitSchedule,
  saveReminderSchedule,
  type ReminderKind,
  type ScheduleChanges,
} from '../../reminders/reminder-schedules.js';
import type { AdminEnv, AdminRouteModule } from '../admin-env.js';
import { recordAudit } from '../audit-log.js';
import { requireHr } from '../auth/require-role.js';
import { flash, messagePage, render } from '../views/layout.js';
import {
  previewResultBody,
  scheduleEditBody,
  scheduleListBody,
  type ScheduleFormErrors,
  type ScheduleFormValues,
} from '../views/reminder-views.js';

const idOf = (raw: string | undefined) => (raw && /^\d{1,9}$/.test(raw) ? Number(raw) : undefined);
const field = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** A real 'YYYY-MM-DD', or undefined. */
function calendarDate(text: string): string | undefined {
  try {
    parseLocalDate(text);
    return text;
  } catch {
    return undefined;
  }
}

/** Reads and checks the edit form: every field's problem, in Indonesian, or the changes to save. */
export function readScheduleForm(body: Record<string, unknown>): {
  values: ScheduleFormValues;
  errors: ScheduleFormErrors;
  changes: ScheduleChanges;
} {
  const rawDays = ([] as unknown[]).concat(body.hari ?? body['hari[]'] ?? []);
  const values: ScheduleFormValues = {
    localTime: field(body.jam),
    days: [...new Set(rawDays.map((d) => Number(d)).filter((d) => Number.isInteger(d) && d >= 1 && d <= 7))].sort(),
    text: typeof body.teks === 'string' ? body.teks.trim().replace(/\r\n?/g, '\n') : '',
    windowMinutes: field(body.jendela),
    active: body.aktif === 'ya',
  };
  const errors: ScheduleFormErrors = {};
  if (!isLocalTime(values.localTime))
    errors.localTime = `Jam "${values.localTime}" tidak valid: tulis JJ:MM antara 00:00 dan 23:59, misalnya 07:15.`;
  if (values.days.length === 0) errors.days = 'Pilih paling sedikit satu hari.';
  const unknown = [...values.text.matchAll(/\{(\w*)\}/g)].map((m) => m[0]).filter((p) => p !== '{nama}' && p !== '{tanggal}');
  if (values.text === '') errors.text = 'Teks pesan tidak boleh kosong.';
  else if (values.text.length > 1_000)
    errors.text = `Teks pesan terlalu panjang: ${values.text.length} karakter, paling banyak 1000.`;
  else if (unknown.length)
    errors.text = `Isian ${unknown.join(', ')} tidak dikenal; yang dapat dipakai hanya {nama} dan {tanggal}.`;
  const windowMinutes = Number(values.windowMinutes);
  if (!/^\d+$/.test(values.windowMinutes) || windowMinutes < 5 || windowMinutes > 720)
    errors.windowMinutes = 'Jendela kirim harus bilangan bulat 5 sampai 720 menit.';
  return {
    values,
    errors,
    changes: { localTime: values.localTime, days: values.days, text: values.text, windowMinutes, active: values.active },
  };
}

/** Reminder schedules: the defaults and unit overrides, editing, new overrides, and the preview. */
export const reminderRoutes: AdminRouteModule = {
  menu: { label: 'Pengingat', path: '/pengingat' },
  routes: (deps) => {
    const app = new Hono<AdminEnv>();
    const { db } = deps;
    const today = () => localDateOf(deps.now(), officeZone);
    const load = (c: Context<AdminEnv>) => {
      const id = idOf(c.req.param('id'));
      // A removed unit schedule is kept for history only: not found here.
      return id === undefined ? null : db.prisma.reminderSchedule.findFirst({ where: { id, ...inUse } });
    };
    const notFound = (c: Context<AdminEnv>) => messagePage(c, 404, 'Jadwal tidak ditemukan', 'Jadwal pengingat ini tidak ada.');

    app.get('/pengingat', async (c) => {
      const schedules = await db.prisma.reminderSchedule.findMany({
        where: inUse,
        orderBy: [{ kind: 'asc' }, { scope: 'asc' }],
      });
      return render(c, {
        title: 'Pengingat',
        body: scheduleListBody({ admin: c.get('admin'), csrfToken: c.get('csrfToken'), schedules, today: today() }),
      });
    });

    app.post('/pengingat/pratinjau', async (c) => {
      const body = await c.req.parseBody();
      const nip = field(body.nip).slice(0, 40);
      const dateText = field(body.tanggal);
      const date = calendarDate(dateText);
      const show = (o: { lines?: string[]; error?: string }, status: 200 | 404 | 422 = 200) =>
        render(
          c,
          {
            title: 'Pratinjau pengingat',
            body: previewResultBody({ csrfToken: c.get('csrfToken'), nip, date: date ?? today(), ...o }),
          },
          status,
        );
      if (!date)
        return show({ error: `Tanggal "${dateText}" tidak valid: pilih tanggal yang ada di kalender (TTTT-BB-HH).` }, 422);
      try {
        return await show({ lines: formatPreview(await previewReminders(db, { nip, date, now: deps.now() })) });
      } catch (error) {
        if (error instanceof AppError) return show({ error: error.userMessage }, 404);
        // A schedule the planner cannot read (written outside this form): say which, not "error".
        if (error instanceof RangeError) return show({ error: error.message }, 422);
        throw error;
      }
    });

    app.post('/pengingat/unit', requireHr, async (c) => {
      const body = await c.req.parseBody();
      const kind = field(body.jenis);
      const unit = field(body.unit);
      if (!(reminderKinds as readonly string[]).includes(kind))
        return messagePage(c, 422, 'Jadwal tidak dibuat', `Jenis pengingat harus salah satu dari: ${reminderKinds.join(', ')}.`);
      if (unit === '' || unit === '*') return messagePage(c, 422, 'Jadwal tidak dibuat', 'Isi kode unit.');
      const existing = await db.prisma.reminderSchedule.findUnique({ where: { kind_scope: { kind, scope: unit } } });
      if (existing && !existing.removedAt) {
        flash(c, `Unit ${unit} sudah punya jadwal ${kind} sendiri; ubah di sini.`, 'warn');
        return c.redirect(`/admin/pengingat/${existing.id}`, 303);
      }
      let saved;
      try {
        saved = await saveReminderSchedule(db, kind as ReminderKind, unit, {});
      } catch (error) {
        if (error instanceof AppError) return messagePage(c, 422, 'Jadwal tidak dibuat', error.userMessage);
        throw error;
      }
      await recordAudit(
        db,
        {
          actor: c.get('admin'),
          action: 'reminder_schedule.create',
          target: `reminder_schedule:${saved.id}`,
          detail: { kind, scope: unit },
        },
        deps.now(),
      );
      flash(c, `Jadwal ${kind} untuk unit ${unit} dibuat sebagai salinan jadwal bawaan. Ubah sesuai kebutuhan.`);
      return c.redirect(`/admin/pengingat/${saved.id}`, 303);
    });

    app.post('/pengingat/:id/hapus', requireHr, async (c) => {
      const schedule = await load(c);
      if (!schedule) return notFound(c);
      try {
        await removeUnitSchedule(db, schedule.kind as ReminderKind, schedule.scope, deps.now());
      } catch (error) {
        if (error instanceof AppError) return messagePage(c, 422, 'Jadwal tidak dihapus', error.userMessage);
        throw error;
      }
      await recordAudit(
        db,
        {
          actor: c.get('admin'),
          action: 'reminder_schedule.remove',
          target: `reminder_schedule:${schedule.id}`,
          detail: { kind: schedule.kind, scope: schedule.scope },
        },
        deps.now(),
      );
      flash(
        c,
        `Jadwal ${schedule.kind} khusus unit ${schedule.scope} dihapus; unit itu kembali memakai jadwal unit induknya atau jadwal bawaan.`,
      );
      return c.redirect('/admin/pengingat', 303);
    });

    app.get('/pengingat/:id', async (c) => {
      const schedule = await load(c);
      if (!schedule) return notFound(c);
      return render(c, {
        title: `Jadwal ${schedule.kind}`,
        body: scheduleEditBody({
          admin: c.get('admin'),
          csrfToken: c.get('csrfToken'),
          schedule,
          values: { ...schedule, windowMinutes: String(schedule.windowMinutes) },
          errors: {},
        }),
      });
    });

    app.post('/pengingat/:id', requireHr, async (c) => {
      const schedule = await load(c);
      if (!schedule) return notFound(c);
      const { values, errors, changes } = readScheduleForm(await c.req.parseBody({ all: true }));
      if (Object.keys(errors).length) {
        return render(
          c,
          {
            title: `Jadwal ${schedule.kind}`,
            body: scheduleEditBody({ admin: c.get('admin'), csrfToken: c.get('csrfToken'), schedule, values, errors }),
          },
          422,
        );
      }
      await saveReminderSchedule(db, schedule.kind as ReminderKind, schedule.scope, changes);
      const before = {
        localTime: schedule.localTime,
        days: schedule.days,
        windowMinutes: schedule.windowMinutes,
        active: schedule.active,
      };
      const after = {
        localTime: changes.localTime,
        days: changes.days,
        windowMinutes: changes.windowMinutes,
        active: changes.active,
      };
      await recordAudit(
        db,
        {
          actor: c.get('admin'),
          action: 'reminder_schedule.update',
          target: `reminder_schedule:${schedule.id}`,
          detail: { kind: schedule.kind, scope: schedule.scope, before, after, textChanged: changes.text !== schedule.text },
        },
        deps.now(),
      );
      flash(c, `Jadwal ${schedule.kind} untuk ${schedule.scope === '*' ? 'semua unit' : `unit ${schedule.scope}`} disimpan.`);
      return c.redirect('/admin/pengingat', 303);
    });

    return app;
  },
};
