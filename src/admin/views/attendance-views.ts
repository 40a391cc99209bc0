// How the attendance pages look ("Kehadiran"): finding an employee, then their unexcused absences
// and leave, with HR's forms (attendance-forms.ts) and removal buttons. Pure: attendance-routes.ts
// reads and writes.
import { html } from 'hono/html';
import type { AdminUserInfo } from '../admin-env.js';
import { csrfField } from '../auth/csrf-field.js';
import { dateRangeText, isLeaveKind, leaveKindLabels } from '../../attendance/attendance-rules.js';
import type { AbsenceEntry, AttendanceList } from '../../attendance/list-attendance.js';
import type { LeaveEntry } from '../../attendance/record-leave.js';
import type { PersonListRow } from '../../people/search-people.js';
import { formatIndonesianDate, zoneLabel, type Zone } from '../../calendar/local-time.js';
import { absenceForm, leaveForm, type AbsenceFormValues, type FieldErrors, type LeaveFormValues } from './attendance-forms.js';
import { formatDateTime } from './format.js';
import type { Html } from './layout.js';
import { viewerHint } from './people-views.js';

export interface AttendanceSubject {
  id: number;
  nip: string;
  name: string;
  unitName: string | null;
  zone: Zone;
  active: boolean;
}

const kindName = (kind: string) => (isLeaveKind(kind) ? leaveKindLabels[kind] : kind);

/** The search page: one form, then the matching employees with a link to their attendance. */
export function attendanceSearchBody(o: { query: string; page: number; rows: PersonListRow[]; hasNext: boolean }) {
  const link = (page: number) => `/admin/kehadiran?${new URLSearchParams({ q: o.query, halaman: String(page) })}`;
  return html`<p class="hint">
      Tim SDM mencatat hari tidak masuk kerja tanpa keterangan (dasar tanda PP 94/2021) serta cuti, izin, sakit dan dinas luar
      (tidak ada pengingat pada hari-hari itu). Cari pegawainya dahulu.
    </p>
    <form method="get" action="/admin/kehadiran" role="search" class="card">
      <label for="cari-kehadiran">Cari pegawai</label>
      <input id="cari-kehadiran" name="q" type="text" value="${o.query}" aria-describedby="cari-kehadiran-petunjuk" />
      <p class="hint" id="cari-kehadiran-petunjuk">Nama, NIP (atau awalnya), kode atau nama unit.</p>
      <button type="submit">Cari</button>
    </form>
    ${
      o.query === ''
        ? ''
        : o.rows.length === 0
          ? html`<p>Tidak ada pegawai yang cocok dengan “${o.query}”.</p>`
          : html`<div class="table-wrap">
                <table>
                  <caption class="visually-hidden">
                    Pegawai yang cocok
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Nama</th>
                      <th scope="col">NIP</th>
                      <th scope="col">Unit</th>
                      <th scope="col">Aktif</th>
                      <th scope="col"><span class="visually-hidden">Tindakan</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${o.rows.map(
                      (p) =>
                        html`<tr>
                          <th scope="row">${p.name}</th>
                          <td>${p.nip}</td>
                          <td>${p.unitName ?? '—'}</td>
                          <td>${p.active ? 'ya' : html`<span class="tag warn">tidak</span>`}</td>
                          <td>
                            <a href="/admin/kehadiran/${p.id}">Kehadiran<span class="visually-hidden"> ${p.name}</span></a>
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
              <nav aria-label="Halaman hasil pencarian">
                ${o.page > 1 ? html`<a class="button secondary" href="${link(o.page - 1)}" rel="prev">← Sebelumnya</a>` : ''}
                ${o.hasNext ? html`<a class="button secondary" href="${link(o.page + 1)}" rel="next">Berikutnya →</a>` : ''}
              </nav>`
    }`;
}

const deleteButton = (action: string, csrfToken: string, label: string) =>
  html`<form method="post" action="${action}">
    ${csrfField(csrfToken)}
    <button type="submit" class="secondary" aria-label="${label}">Hapus</button>
  </form>`;

function absenceTable(o: {
  employeeId: number;
  hr: boolean;
  csrfToken: string;
  rows: AbsenceEntry[];
  actor: (by: string) => string;
}) {
  if (o.rows.length === 0) return html`<p>Belum ada hari tidak masuk tanpa keterangan yang tercatat.</p>`;
  return html`<div class="table-wrap">
    <table aria-labelledby="daftar-tidak-masuk">
      <thead>
        <tr>
          <th scope="col">Tanggal</th>
          <th scope="col">Catatan</th>
          <th scope="col">Dicatat oleh</th>
          <th scope="col">Dicatat pada</th>
          ${o.hr ? html`<th scope="col"><span class="visually-hidden">Tindakan</span></th>` : ''}
        </tr>
      </thead>
      <tbody>
        ${o.rows.map(
          (a) =>
            html`<tr>
              <th scope="row">${formatIndonesianDate(a.date)}</th>
              <td class="wrap-lines">${a.note ?? '—'}</td>
              <td>${o.actor(a.recordedBy)}</td>
              <td>${formatDateTime(a.createdAt)}</td>
              ${
                o.hr
                  ? html`<td>
                      ${deleteButton(
                        `/admin/kehadiran/${o.employeeId}/tidak-masuk/${a.id}/hapus`,
                        o.csrfToken,
                        `Hapus tidak masuk ${formatIndonesianDate(a.date)}`,
                      )}
                    </td>`
                  : ''
              }
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function leaveTable(o: { employeeId: number; hr: boolean; csrfToken: string; rows: LeaveEntry[] }) {
  if (o.rows.length === 0) return html`<p>Belum ada cuti, izin, sakit atau dinas luar yang tercatat.</p>`;
  return html`<div class="table-wrap">
    <table aria-labelledby="daftar-cuti">
      <thead>
        <tr>
          <th scope="col">Jenis</th>
          <th scope="col">Tanggal</th>
          <th scope="col">Lama</th>
          <th scope="col">Dicatat oleh</th>
          <th scope="col">Dicatat pada</th>
          ${o.hr ? html`<th scope="col"><span class="visually-hidden">Tindakan</span></th>` : ''}
        </tr>
      </thead>
      <tbody>
        ${o.rows.map(
          (l) =>
            html`<tr>
              <th scope="row">${kindName(l.kind)}</th>
              <td>${dateRangeText(l.start, l.end)}</td>
              <td>${l.days} hari</td>
              <td>${l.source === 'pegawai' ? 'pegawai (Telegram)' : 'tim SDM'}</td>
              <td>${formatDateTime(l.createdAt)}</td>
              ${
                o.hr
                  ? html`<td>
                      ${deleteButton(
                        `/admin/kehadiran/${o.employeeId}/cuti/${l.id}/hapus`,
                        o.csrfToken,
                        `Hapus ${kindName(l.kind).toLowerCase()} ${dateRangeText(l.start, l.end)}`,
                      )}
                    </td>`
                  : ''
              }
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** One employee: who, HR's two forms (or the viewer's hint), and the recent entries with their removal. */
export function attendanceEmployeeBody(o: {
  admin: AdminUserInfo;
  csrfToken: string;
  employee: AttendanceSubject;
  today: string;
  list: AttendanceList;
  /** 'cli' or 'admin:<id>' as people read it. */
  actor: (recordedBy: string) => string;
  absence: { values: AbsenceFormValues; errors: FieldErrors };
  leave: { values: LeaveFormValues; errors: FieldErrors };
}): Html {
  const hr = o.admin.role === 'hr';
  const p = o.employee;
  const common = { employeeId: p.id, csrfToken: o.csrfToken };
  return html`<p><a href="/admin/kehadiran">← Cari pegawai lain</a></p>
    <dl class="facts">
      <dt><strong>NIP</strong></dt>
      <dd>${p.nip}</dd>
      <dt><strong>Unit</strong></dt>
      <dd>${p.unitName ?? '—'}${p.active ? '' : html` <span class="tag warn">tidak aktif</span>`}</dd>
      <dt><strong>Hari ini (${zoneLabel(p.zone)})</strong></dt>
      <dd>${formatIndonesianDate(o.today)}; tanggal dibaca menurut zona waktu pegawai.</dd>
    </dl>
    ${hr ? '' : viewerHint}
    ${
      hr
        ? html`<div class="side-by-side">
            <section class="card" aria-labelledby="catat-tidak-masuk">
              <h2 id="catat-tidak-masuk">Catat tidak masuk tanpa keterangan</h2>
              ${absenceForm({ ...common, ...o.absence })}
            </section>
            <section class="card" aria-labelledby="catat-cuti">
              <h2 id="catat-cuti">Catat cuti, izin, sakit atau dinas luar</h2>
              ${leaveForm({ ...common, ...o.leave })}
            </section>
          </div>`
        : ''
    }
    <h2 id="daftar-tidak-masuk">
      Tidak masuk tanpa keterangan (${o.list.absences.length}${o.list.moreAbsences ? ' terbaru' : ''})
    </h2>
    ${absenceTable({ ...common, hr, rows: o.list.absences, actor: o.actor })}
    <h2 id="daftar-cuti">Cuti, izin, sakit dan dinas luar (${o.list.leaves.length}${o.list.moreLeaves ? ' terbaru' : ''})</h2>
    ${leaveTable({ ...common, hr, rows: o.list.leaves })}`;
}
