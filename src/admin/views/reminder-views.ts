import { html } from 'hono/html';
import type { AdminUserInfo } from '../admin-env.js';
import { csrfField } from '../auth/csrf-field.js';
import { describeDays, reminderKinds } from '../../reminders/reminder-schedules.js';
import { indonesianWeekdayName } from '../../calendar/local-time.js';
import type { PlanSchedule } from '../../reminders/plan-reminders.js';
import { describedBy, fieldError, fieldState, refusedNotice } from './field-errors.js';
import { formatDateTime } from './format.js';
import type { Html } from './layout.js';
import { viewerHint } from './people-views.js';

/** A schedule as planning reads it, and when it last changed. */
export interface ScheduleView extends PlanSchedule {
  updatedAt: Date;
}

/** What the edit form holds: the schedule's values, or what HR typed when it was refused. */
export interface ScheduleFormValues {
  localTime: string;
  days: number[];
  text: string;
  windowMinutes: string;
  active: boolean;
}

export type ScheduleFormErrors = Partial<Record<keyof ScheduleFormValues, string>>;

const scopeName = (scope: string) => (scope === '*' ? 'semua unit (bawaan)' : `unit ${scope}`);

export function scheduleListBody(o: { admin: AdminUserInfo; csrfToken: string; schedules: ScheduleView[]; today: string }) {
  const hr = o.admin.role === 'hr';
  return html`<p class="hint">
      Pengingat dikirim pada jam setempat pegawai (WIB, WITA, WIT), hanya pada hari kerja: akhir pekan, hari libur, dan hari cuti
      dilewati. Penggantian untuk satu unit berlaku juga bagi sub-unitnya.
    </p>
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">
          Jadwal pengingat
        </caption>
        <thead>
          <tr>
            <th scope="col">Jenis</th>
            <th scope="col">Berlaku untuk</th>
            <th scope="col">Jam</th>
            <th scope="col">Hari</th>
            <th scope="col">Jendela</th>
            <th scope="col">Status</th>
            <th scope="col">Teks</th>
            <th scope="col"><span class="visually-hidden">Tindakan</span></th>
          </tr>
        </thead>
        <tbody>
          ${o.schedules.map(
            (s) =>
              html`<tr>
                <th scope="row">${s.kind}</th>
                <td>${scopeName(s.scope)}</td>
                <td>${s.localTime}</td>
                <td>${describeDays(s.days)}</td>
                <td>${s.windowMinutes} menit</td>
                <td>${s.active ? html`<span class="tag ok">aktif</span>` : html`<span class="tag warn">nonaktif</span>`}</td>
                <td>${s.text}</td>
                <td>
                  <a href="/admin/pengingat/${s.id}"
                    >${hr ? 'Ubah' : 'Lihat'}<span class="visually-hidden"> ${s.kind} ${scopeName(s.scope)}</span></a
                  >
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <section class="card" aria-labelledby="pengganti">
      <h2 id="pengganti">Jadwal khusus untuk satu unit</h2>
      ${
        hr
          ? html`<form method="post" action="/admin/pengingat/unit">
              ${csrfField(o.csrfToken)}
              <label for="jenis-baru">Jenis pengingat</label>
              <select id="jenis-baru" name="jenis">
                ${reminderKinds.map((k) => html`<option value="${k}">${k}</option>`)}
              </select>
              <label for="unit-baru">Kode unit</label>
              <input id="unit-baru" name="unit" type="text" required aria-describedby="unit-baru-petunjuk" />
              <p class="hint" id="unit-baru-petunjuk">
                Dimulai sebagai salinan jadwal bawaan; ubah jam, hari atau teksnya sesudahnya.
              </p>
              <button type="submit">Buat jadwal unit</button>
            </form>`
          : viewerHint
      }
    </section>
    ${previewForm({ csrfToken: o.csrfToken, nip: '', date: o.today })}`;
}

export function previewForm(o: { csrfToken: string; nip: string; date: string }) {
  return html`<section class="card" aria-labelledby="pratinjau">
    <h2 id="pratinjau">Pratinjau</h2>
    <p class="hint">
      Apa yang diterima seorang pegawai pada satu hari, dan mengapa (tidak), sama dengan <code>asn reminders preview</code>.
    </p>
    <form method="post" action="/admin/pengingat/pratinjau">
      ${csrfField(o.csrfToken)}
      <label for="pratinjau-nip">NIP pegawai</label>
      <input id="pratinjau-nip" name="nip" type="text" inputmode="numeric" required value="${o.nip}" />
      <label for="pratinjau-tanggal">Tanggal</label>
      <input id="pratinjau-tanggal" name="tanggal" type="date" required value="${o.date}" />
      <button type="submit">Pratinjau</button>
    </form>
  </section>`;
}

export function previewResultBody(o: { csrfToken: string; nip: string; date: string; lines?: string[]; error?: string }) {
  return html`${o.error ? html`<div class="notice bad" role="alert">${o.error}</div>` : ''}
    ${
      o.lines
        ? html`<section class="card" aria-labelledby="hasil">
            <h2 id="hasil">Hasil pratinjau</h2>
            <pre class="wrap-lines">${o.lines.join('\n')}</pre>
          </section>`
        : ''
    }
    ${previewForm(o)}
    <p><a href="/admin/pengingat">Kembali ke jadwal</a></p>`;
}

export function scheduleEditBody(o: {
  admin: AdminUserInfo;
  csrfToken: string;
  schedule: ScheduleView;
  values: ScheduleFormValues;
  errors: ScheduleFormErrors;
}): Html {
  const s = o.schedule;
  const e = o.errors;
  const disabled = o.admin.role === 'hr' ? '' : html`disabled`;
  return html`${refusedNotice(e, (count) => `Jadwal belum disimpan: ${count} isian perlu diperbaiki.`)}
    <p><strong>${s.kind}</strong> untuk ${scopeName(s.scope)}; terakhir diubah ${formatDateTime(s.updatedAt)}.</p>
    ${o.admin.role === 'hr' ? '' : viewerHint}
    <form method="post" action="/admin/pengingat/${s.id}" class="card">
      ${csrfField(o.csrfToken)}
      <label for="jam">Jam (JJ:MM, waktu setempat pegawai)</label>
      <input
        id="jam"
        name="jam"
        type="text"
        inputmode="numeric"
        value="${o.values.localTime}"
        required
        ${disabled}
        ${fieldState(e, 'localTime', 'jam')}
      />
      <p class="hint" id="jam-petunjuk">Misalnya 07:15.</p>
      ${fieldError(e, 'localTime', 'jam')}
      <fieldset aria-describedby="${describedBy(e, 'days', 'hari', false)}">
        <legend>Hari</legend>
        ${[1, 2, 3, 4, 5, 6, 7].map(
          (d) =>
            html`<label class="choice">
              <input type="checkbox" name="hari" value="${d}" ${o.values.days.includes(d) ? html`checked` : ''} ${disabled} />
              ${indonesianWeekdayName(d)}
            </label>`,
        )}
        ${fieldError(e, 'days', 'hari')}
      </fieldset>
      <label for="teks">Teks pesan</label>
      <textarea id="teks" name="teks" required ${disabled} ${fieldState(e, 'text', 'teks')}>${o.values.text}</textarea>
      <p class="hint" id="teks-petunjuk">{nama} diganti nama pegawai, {tanggal} tanggal hari itu.</p>
      ${fieldError(e, 'text', 'teks')}
      <label for="jendela">Jendela kirim (menit)</label>
      <input
        id="jendela"
        name="jendela"
        type="number"
        min="5"
        max="720"
        value="${o.values.windowMinutes}"
        required
        ${disabled}
        ${fieldState(e, 'windowMinutes', 'jendela')}
      />
      <p class="hint" id="jendela-petunjuk">Berapa lama sesudah jamnya pengingat masih boleh dikirim (5 sampai 720).</p>
      ${fieldError(e, 'windowMinutes', 'jendela')}
      <label class="choice">
        <input type="checkbox" name="aktif" value="ya" ${o.values.active ? html`checked` : ''} ${disabled} /> Aktif
      </label>
      ${o.admin.role === 'hr' ? html`<button type="submit">Simpan</button>` : ''}
    </form>
    ${
      o.admin.role === 'hr' && s.scope !== '*'
        ? html`<form method="post" action="/admin/pengingat/${s.id}/hapus" class="card">
            ${csrfField(o.csrfToken)}
            <p>
              Hapus jadwal khusus ini bila ${scopeName(s.scope)} cukup memakai jadwal unit induknya atau jadwal bawaan. Berlaku
              mulai pengingat berikutnya; pengingat yang sudah terkirim tetap tercatat.
            </p>
            <button type="submit" class="danger">Hapus jadwal khusus unit</button>
          </form>`
        : ''
    }
    <p><a href="/admin/pengingat">Kembali ke jadwal</a></p>`;
}
