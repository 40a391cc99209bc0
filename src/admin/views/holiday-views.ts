import { html } from 'hono/html';
import type { AdminUserInfo } from '../admin-env.js';
import { csrfField } from '../auth/csrf-field.js';
import type { YearHoliday } from '../../calendar/list-holidays.js';
import { formatIndonesianDate } from '../../calendar/local-time.js';
import { viewerHint } from './people-views.js';

export const holidayKindNames: Record<string, string> = {
  cuti_bersama: 'Cuti bersama',
  daerah: 'Libur daerah',
  nasional: 'Libur nasional (koreksi SDM)',
};

export interface HolidayFormValues {
  date: string;
  name: string;
  kind: string;
  unit: string;
}

export function holidayListBody(o: {
  admin: AdminUserInfo;
  csrfToken: string;
  year: number;
  years: number[];
  holidays: YearHoliday[];
  values: HolidayFormValues;
  errors: string[];
}) {
  const hr = o.admin.role === 'hr';
  return html`<p class="hint">
      Pada hari libur tidak ada pengingat. Libur nasional dihitung otomatis; tim SDM menambahkan cuti bersama, libur daerah (untuk
      satu unit dan sub-unitnya) dan koreksi libur nasional.
    </p>
    <form method="get" action="/admin/hari-libur" class="card">
      <label for="tahun">Tahun</label>
      <select id="tahun" name="tahun">
        ${o.years.map((y) => html`<option value="${y}" ${y === o.year ? html`selected` : ''}>${y}</option>`)}
      </select>
      <button type="submit">Tampilkan</button>
    </form>
    <h2 id="daftar">Hari libur ${o.year} (${o.holidays.length})</h2>
    <div class="table-wrap">
      <table aria-labelledby="daftar">
        <thead>
          <tr>
            <th scope="col">Tanggal</th>
            <th scope="col">Nama</th>
            <th scope="col">Jenis</th>
            <th scope="col">Berlaku untuk</th>
            ${hr ? html`<th scope="col"><span class="visually-hidden">Tindakan</span></th>` : ''}
          </tr>
        </thead>
        <tbody>
          ${o.holidays.map(
            (h) =>
              html`<tr>
                <td>${formatIndonesianDate(h.date)}</td>
                <td>${h.name}</td>
                <td>${h.id === undefined ? 'Libur nasional (dihitung)' : (holidayKindNames[h.kind] ?? h.kind)}</td>
                <td>${h.scope === '*' ? 'semua unit' : `unit ${h.scope}`}</td>
                ${
                  hr
                    ? html`<td>
                        ${
                          h.id === undefined
                            ? ''
                            : html`<form method="post" action="/admin/hari-libur/${h.id}/hapus">
                                ${csrfField(o.csrfToken)}
                                <button type="submit" class="secondary" aria-label="Hapus ${h.name} ${h.date}">Hapus</button>
                              </form>`
                        }
                      </td>`
                    : ''
                }
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <section class="card" aria-labelledby="tambah">
      <h2 id="tambah">Tambah hari libur</h2>
      ${
        !hr
          ? viewerHint
          : html`${
                o.errors.length
                  ? html`<div class="notice bad" role="alert">
                      <p>Hari libur belum disimpan:</p>
                      <ul>
                        ${o.errors.map((e) => html`<li>${e}</li>`)}
                      </ul>
                    </div>`
                  : ''
              }
              <form method="post" action="/admin/hari-libur">
                ${csrfField(o.csrfToken)}
                <label for="libur-tanggal">Tanggal</label>
                <input id="libur-tanggal" name="tanggal" type="date" required value="${o.values.date}" />
                <label for="libur-nama">Nama</label>
                <input id="libur-nama" name="nama" type="text" required maxlength="200" value="${o.values.name}" />
                <label for="libur-jenis">Jenis</label>
                <select id="libur-jenis" name="jenis">
                  ${Object.entries(holidayKindNames).map(
                    ([k, name]) => html`<option value="${k}" ${k === o.values.kind ? html`selected` : ''}>${name}</option>`,
                  )}
                </select>
                <label for="libur-unit">Kode unit (hanya untuk libur daerah)</label>
                <input id="libur-unit" name="unit" type="text" value="${o.values.unit}" aria-describedby="libur-unit-petunjuk" />
                <p class="hint" id="libur-unit-petunjuk">Kosongkan untuk semua unit. Sub-unitnya ikut libur.</p>
                <button type="submit">Tambah</button>
              </form>`
      }
    </section>`;
}
