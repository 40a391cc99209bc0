import { html } from 'hono/html';
import type { AdminUserInfo } from '../admin-env.js';
import { csrfField } from '../auth/csrf-field.js';
import type { ChartUnit } from '../../people/load-org-chart.js';
import type { RowError } from '../../people/import-people.js';
import type { PersonListRow } from '../../people/search-people.js';
import { isZone, zoneLabel } from '../../calendar/local-time.js';
import { formatDateTime, formatMegabytes, formatNumber } from './format.js';
import type { Html } from './layout.js';
import { uploadForm } from './upload-form.js';

/** Where a flag about this person's subordinates goes in Slack. */
export function slackMapping(p: { slackUserId: string | null; email: string | null }) {
  if (p.slackUserId) return html`Slack <code>${p.slackUserId}</code>`;
  if (p.email) return html`lewat email ${p.email}`;
  return html`<span class="tag warn">belum ada: tanda dikirim ke kanal SDM</span>`;
}

const zoneOf = (zone: string | null) => (zone && isZone(zone) ? zoneLabel(zone) : 'WIB');

export const viewerHint = html`<p class="hint">Akun pemantau hanya dapat melihat; perubahan dilakukan oleh akun SDM.</p>`;

export const peopleSubmenu = html`<p>
  <a href="/admin/pegawai">Daftar pegawai</a> · <a href="/admin/pegawai/struktur">Struktur organisasi</a> ·
  <a href="/admin/pegawai/impor">Impor CSV</a>
</p>`;

export function peopleListBody(o: {
  admin: AdminUserInfo;
  csrfToken: string;
  query: string;
  page: number;
  total: number;
  rows: PersonListRow[];
  hasNext: boolean;
}) {
  const link = (page: number) => `/admin/pegawai?${new URLSearchParams({ q: o.query, halaman: String(page) })}`;
  const first = (o.page - 1) * 50 + 1;
  return html`${peopleSubmenu}
    <form method="get" action="/admin/pegawai" role="search" class="card">
      <label for="cari">Cari pegawai</label>
      <input id="cari" name="q" type="text" value="${o.query}" aria-describedby="cari-petunjuk" />
      <p class="hint" id="cari-petunjuk">Nama, NIP (atau awalnya), kode atau nama unit.</p>
      <button type="submit">Cari</button>
    </form>
    <p>
      ${formatNumber(o.total)} pegawai terdaftar.
      ${o.rows.length ? `Menampilkan ${first}–${first + o.rows.length - 1}` : ''}${o.query ? html` untuk “${o.query}”` : ''}.
    </p>
    ${
      o.rows.length === 0
        ? html`<p>Tidak ada pegawai yang cocok.</p>`
        : html`<div class="table-wrap">
            <table>
              <caption class="visually-hidden">
                Daftar pegawai
              </caption>
              <thead>
                <tr>
                  <th scope="col">Nama</th>
                  <th scope="col">NIP</th>
                  <th scope="col">Unit</th>
                  <th scope="col">Jabatan</th>
                  <th scope="col">Atasan</th>
                  <th scope="col">Zona</th>
                  <th scope="col">Telegram</th>
                  <th scope="col">Slack</th>
                  <th scope="col">Aktif</th>
                  ${o.admin.role === 'hr' ? html`<th scope="col">Kode tautan</th>` : ''}
                </tr>
              </thead>
              <tbody>
                ${o.rows.map(
                  (p) =>
                    html`<tr>
                      <th scope="row">${p.name}</th>
                      <td>${p.nip}</td>
                      <td>${p.unitCode ? html`${p.unitName} <span class="muted">(${p.unitCode})</span>` : '—'}</td>
                      <td>${p.position ?? '—'}</td>
                      <td>
                        ${p.supervisorName ? html`${p.supervisorName}<br /><span class="muted">${p.supervisorNip}</span>` : '—'}
                      </td>
                      <td>${zoneOf(p.timeZone)}</td>
                      <td>${p.linkedAt ? html`ya, ${formatDateTime(p.linkedAt)}` : 'belum'}</td>
                      <td>${slackMapping(p)}</td>
                      <td>${p.active ? 'ya' : html`<span class="tag warn">tidak</span>`}</td>
                      ${
                        o.admin.role === 'hr'
                          ? html`<td>
                              ${
                                p.active
                                  ? html`<form method="post" action="/admin/pegawai/${p.nip}/kode">
                                      ${csrfField(o.csrfToken)}
                                      <button type="submit" class="secondary" aria-label="Buat kode tautan untuk ${p.name}">
                                        Buat kode
                                      </button>
                                    </form>`
                                  : '—'
                              }
                            </td>`
                          : ''
                      }
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    <nav aria-label="Halaman daftar pegawai">
      ${o.page > 1 ? html`<a class="button secondary" href="${link(o.page - 1)}" rel="prev">← Sebelumnya</a>` : ''}
      ${o.hasNext ? html`<a class="button secondary" href="${link(o.page + 1)}" rel="next">Berikutnya →</a>` : ''}
    </nav>
    ${o.admin.role === 'hr' ? '' : viewerHint}`;
}

export function importForm(o: { csrfToken: string; maxBytes: number }) {
  return uploadForm({
    id: 'form-impor',
    action: '/admin/pegawai/impor',
    csrfToken: o.csrfToken,
    label: 'Berkas CSV',
    hint: `CSV (pemisah , atau ;) dengan kolom nip, nama, unit_kode, unit_nama, jabatan, eselon, dan bila perlu unit_induk, zona_waktu, nip_atasan, email, slack_id, aktif; paling besar ${formatMegabytes(o.maxBytes)}. Semua baris diperiksa dulu: bila ada yang salah, tidak ada yang diubah.`,
    accept: '.csv,text/csv',
    maxBytes: o.maxBytes,
    submitLabel: 'Impor',
  });
}

export function importErrorsBody(o: { errors: RowError[]; form: Html }) {
  const shown = o.errors.slice(0, 500);
  return html`<div class="notice bad" role="alert">
      <p><strong>Berkas ditolak: ${o.errors.length} masalah. Tidak ada yang diubah.</strong></p>
      <ul>
        ${shown.map((e) => html`<li>Baris ${e.line}: ${e.message}</li>`)}
      </ul>
      ${o.errors.length > shown.length ? html`<p>… dan ${o.errors.length - shown.length} masalah lain.</p>` : ''}
    </div>
    <section class="card" aria-labelledby="coba-lagi">
      <h2 id="coba-lagi">Perbaiki, lalu impor lagi</h2>
      ${o.form}
    </section>`;
}

export function linkCodeBody(o: { name: string; nip: string; code: string; expiresAt: Date; botUsername?: string }) {
  // Deep-link payloads allow only A-Z, a-z, 0-9, _ and -: the code's dash is fine.
  const deepLink = o.botUsername ? `https://t.me/${o.botUsername}?start=${o.code}` : undefined;
  return html`<div class="notice ok" role="status">
      <p>Kode tautan untuk <strong>${o.name}</strong> (NIP ${o.nip}):</p>
      <p class="link-code"><code>${o.code}</code></p>
      <p>
        Pegawai membuka bot Asisten ASN di Telegram dan mengirim <code>/daftar ${o.code}</code>. Berlaku sampai
        ${formatDateTime(o.expiresAt)}, sekali pakai; kode yang dibuat sebelumnya untuk pegawai ini tidak berlaku lagi.
      </p>
      ${
        deepLink
          ? html`<p>Atau buka tautan <a href="${deepLink}">${deepLink}</a> di ponsel, lalu tekan <strong>Mulai</strong>.</p>`
          : ''
      }
    </div>
    <p class="hint">
      Kode ini hanya ditampilkan sekali (yang disimpan hanya sidiknya). Catat atau serahkan sekarang; bila hilang, buat kode baru.
    </p>
    <p><a href="/admin/pegawai?q=${o.nip}">Kembali ke pegawai</a></p>`;
}

function unitTree(units: ChartUnit[]): Html {
  return html`<ul class="tree">
    ${units.map(
      (u) =>
        html`<li>
          <strong>${u.name}</strong> <span class="muted">(${u.code}, ${zoneOf(u.timeZone)})</span> · ${formatNumber(u.employees)}
          pegawai
          ${
            u.supervisors.length
              ? html`<details>
                  <summary>${u.supervisors.length} atasan</summary>
                  <ul>
                    ${u.supervisors.map(
                      (s) =>
                        html`<li>
                          ${s.name} <span class="muted">(NIP ${s.nip}${s.position ? `, ${s.position}` : ''})</span> ·
                          ${s.subordinates} bawahan · ${slackMapping(s)}
                        </li>`,
                    )}
                  </ul>
                </details>`
              : ''
          }
          ${u.children.length ? unitTree(u.children) : ''}
        </li>`,
    )}
  </ul>`;
}

export function orgChartBody(o: { units: ChartUnit[]; rootCode?: string }) {
  return html`${peopleSubmenu}
    <form method="get" action="/admin/pegawai/struktur" class="card">
      <label for="unit">Tampilkan satu unit dan bawahannya</label>
      <input id="unit" name="unit" type="text" value="${o.rootCode ?? ''}" aria-describedby="unit-petunjuk" />
      <p class="hint" id="unit-petunjuk">Kode unit, misalnya DISKOMINFO; kosongkan untuk semua unit.</p>
      <button type="submit">Tampilkan</button>
    </form>
    <p class="hint">
      Setiap unit dengan jumlah pegawainya, dan para atasan (pegawai yang punya bawahan) dengan akun Slack tempat tanda untuk
      bawahannya dikirim.
    </p>
    ${o.units.length ? unitTree(o.units) : html`<p>Belum ada unit. Impor data pegawai dahulu.</p>`}`;
}
