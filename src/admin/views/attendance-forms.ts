// HR's two attendance forms (unexcused absence days, leave) with their values as typed and every
// problem the attendance service found beside its field. Pure: attendance-routes.ts reads and writes.
import { html } from 'hono/html';
import { csrfField } from '../auth/csrf-field.js';
import type { AttendanceField } from '../../attendance/attendance-error.js';
import { absenceLimits, leaveKindLabels, leaveKinds, leavePolicies } from '../../attendance/attendance-rules.js';
import { fieldError, fieldState, refusedNotice } from './field-errors.js';

/** Every message for a field, from the service's problems. */
export type FieldErrors = Partial<Record<AttendanceField, string[]>>;

export interface AbsenceFormValues {
  dates: string;
  note: string;
}

export interface LeaveFormValues {
  kind: string;
  start: string;
  end: string;
}

export const emptyAbsenceForm: AbsenceFormValues = { dates: '', note: '' };
export const emptyLeaveForm: LeaveFormValues = { kind: 'cuti', start: '', end: '' };

const refused = (what: string, errors: FieldErrors) =>
  refusedNotice(errors, (count) => `${what} belum dicatat: ${count} hal perlu diperbaiki. Tidak ada yang disimpan.`);

/** Unexcused absence days: one or several dates and a note. */
export function absenceForm(o: { employeeId: number; csrfToken: string; values: AbsenceFormValues; errors: FieldErrors }) {
  const e = o.errors;
  return html`${refused('Hari tidak masuk', e)}
    <form method="post" action="/admin/kehadiran/${o.employeeId}/tidak-masuk">
      ${csrfField(o.csrfToken)}
      <label for="tm-tanggal">Tanggal</label>
      <input
        id="tm-tanggal"
        name="tanggal"
        type="text"
        required
        value="${o.values.dates}"
        ${fieldState(e, 'dates', 'tm-tanggal')}
      />
      <p class="hint" id="tm-tanggal-petunjuk">
        Satu tanggal atau beberapa, dipisah koma atau spasi (TTTT-BB-HH atau HH-BB-TTTT), misalnya 2026-11-23, 2026-11-24; hari
        kerja saja, paling jauh ${absenceLimits.daysBack} hari ke belakang, paling banyak ${absenceLimits.maxDates} tanggal.
      </p>
      ${fieldError(e, 'dates', 'tm-tanggal')}
      <label for="tm-catatan">Catatan (tidak wajib)</label>
      <textarea id="tm-catatan" name="catatan" maxlength="${absenceLimits.maxNoteChars}" ${fieldState(e, 'note', 'tm-catatan')}>
${o.values.note}</textarea>
      <p class="hint" id="tm-catatan-petunjuk">
        Misalnya nomor surat atau hasil klarifikasi; paling panjang ${absenceLimits.maxNoteChars} karakter. Catatan tidak ikut
        masuk log audit.
      </p>
      ${fieldError(e, 'note', 'tm-catatan')}
      <button type="submit">Catat tidak masuk</button>
    </form>`;
}

/** Leave: its kind, first and last day. */
export function leaveForm(o: { employeeId: number; csrfToken: string; values: LeaveFormValues; errors: FieldErrors }) {
  const e = o.errors;
  return html`${refused('Cuti', e)}
    <form method="post" action="/admin/kehadiran/${o.employeeId}/cuti">
      ${csrfField(o.csrfToken)}
      <label for="cuti-jenis">Jenis</label>
      <select id="cuti-jenis" name="jenis" ${fieldState(e, 'kind', 'cuti-jenis', false)}>
        ${leaveKinds.map((k) => html`<option value="${k}" ${k === o.values.kind ? html`selected` : ''}>${leaveKindLabels[k]}</option>`)}
      </select>
      ${fieldError(e, 'kind', 'cuti-jenis')}
      <label for="cuti-mulai">Tanggal mulai</label>
      <input
        id="cuti-mulai"
        name="mulai"
        type="date"
        required
        value="${o.values.start}"
        ${fieldState(e, 'start', 'cuti-mulai')}
      />
      <p class="hint" id="cuti-mulai-petunjuk">
        Boleh tanggal yang sudah lewat (koreksi), paling jauh ${leavePolicies.hr.daysBack} hari ke belakang.
      </p>
      ${fieldError(e, 'start', 'cuti-mulai')}
      <label for="cuti-selesai">Tanggal selesai</label>
      <input id="cuti-selesai" name="selesai" type="date" value="${o.values.end}" ${fieldState(e, 'end', 'cuti-selesai')} />
      <p class="hint" id="cuti-selesai-petunjuk">
        Kosongkan untuk satu hari. Paling lama ${leavePolicies.hr.maxDays} hari sekaligus.
      </p>
      ${fieldError(e, 'end', 'cuti-selesai')}
      <button type="submit">Catat cuti</button>
    </form>`;
}
