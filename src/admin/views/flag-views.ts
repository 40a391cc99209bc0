// How the flags list looks in the admin UI ("Tanda"): the filters and the flags, newest first.
// One flag is flag-detail-views.ts. Pure: flag-routes.ts reads the database.
import { html } from 'hono/html';
import { flagKindLabels, flagStatusLabels, type FlagKind, type FlagStatus } from '../../flags/flag-view.js';
import { formatDateTime } from './format.js';

/** The list's filters as the GET form sends them; `unit` includes its sub-units. */
export interface FlagFilters {
  unit?: number;
  kind?: FlagKind;
  status?: FlagStatus | 'unresolved';
  page: number;
}

export interface UnitOption {
  id: number;
  name: string;
  depth: number;
}

export interface FlagRow {
  id: number;
  kind: FlagKind;
  status: FlagStatus;
  level: number;
  raisedAt: Date;
  employeeName: string | null;
  employeeNip: string | null;
  unitName: string | null;
  assigneeName: string | null;
}

/** Where a flag stands in its chain: 0 is the direct supervisor. */
export const levelText = (level: number) => (level === 0 ? 'Atasan langsung' : `Eskalasi ${level}`);

export function statusTag(status: FlagStatus) {
  const kind = status === 'resolved' ? 'ok' : status === 'escalated' ? 'bad' : status === 'open' ? 'warn' : '';
  return html`<span class="tag ${kind}">${flagStatusLabels[status]}</span>`;
}

/** The query string of the list for these filters (page 1 unless given). */
export function flagListQuery(f: FlagFilters, page = 1): string {
  const q = new URLSearchParams();
  if (f.unit !== undefined) q.set('unit', String(f.unit));
  if (f.kind) q.set('jenis', f.kind);
  if (f.status) q.set('status', f.status);
  if (page > 1) q.set('halaman', String(page));
  const s = q.toString();
  return s ? `?${s}` : '';
}

function filterForm(f: FlagFilters, units: UnitOption[]) {
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}" ${selected ? html`selected` : ''}>${label}</option>`;
  return html`<form class="card" method="get" action="/admin/tanda" aria-label="Saring tanda">
    <label for="saring-unit">Unit kerja (termasuk sub-unit)</label>
    <select id="saring-unit" name="unit">
      ${option('', 'Semua unit', f.unit === undefined)}
      ${units.map((u) => option(String(u.id), `${'\u00a0\u00a0'.repeat(u.depth)}${u.name}`, u.id === f.unit))}
    </select>
    <label for="saring-jenis">Jenis</label>
    <select id="saring-jenis" name="jenis">
      ${option('', 'Semua jenis', !f.kind)}
      ${(Object.keys(flagKindLabels) as FlagKind[]).map((k) => option(k, flagKindLabels[k], k === f.kind))}
    </select>
    <label for="saring-status">Status</label>
    <select id="saring-status" name="status">
      ${option('', 'Semua status', !f.status)} ${option('unresolved', 'Belum selesai', f.status === 'unresolved')}
      ${(Object.keys(flagStatusLabels) as FlagStatus[]).map((s) => option(s, flagStatusLabels[s], s === f.status))}
    </select>
    <div>
      <button type="submit">Saring</button>
      <a class="button secondary" href="/admin/tanda">Hapus saringan</a>
    </div>
  </form>`;
}

/** The list page: filters, the flags newest first, and links to the other pages. */
export function flagListBody(o: { filters: FlagFilters; units: UnitOption[]; rows: FlagRow[]; total: number; pageSize: number }) {
  const { filters, rows, total } = o;
  const pages = Math.max(1, Math.ceil(total / o.pageSize));
  const first = (filters.page - 1) * o.pageSize + 1;
  return html`<p class="hint">
      Tanda yang dibuat bot untuk atasan (dan laporan pegawai), terbaru di atas. Tanda berisi fakta dari catatan, bukan keputusan
      hukuman. <a href="/admin/tanda/ambang">Ambang aturan tanda</a> (hari tanpa catatan kinerja, pengingat terlewat, jam
      eskalasi).
    </p>
    ${filterForm(filters, o.units)}
    ${
      rows.length === 0
        ? html`<p>Tidak ada tanda yang cocok dengan saringan ini.</p>`
        : html`<p aria-live="polite">Menampilkan ${first}–${first + rows.length - 1} dari ${total} tanda.</p>
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">
                  Daftar tanda
                </caption>
                <thead>
                  <tr>
                    <th scope="col">No.</th>
                    <th scope="col">Jenis</th>
                    <th scope="col">Pegawai</th>
                    <th scope="col">Unit</th>
                    <th scope="col">Ditujukan kepada</th>
                    <th scope="col">Tingkat</th>
                    <th scope="col">Status</th>
                    <th scope="col">Dibuat</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (r) =>
                      html`<tr>
                        <td><a href="/admin/tanda/${r.id}">#${r.id}</a></td>
                        <td>${flagKindLabels[r.kind] ?? r.kind}</td>
                        <td>
                          ${
                            r.employeeName === null
                              ? html`<span class="muted">laporan</span>`
                              : html`${r.employeeName}<br /><span class="muted">NIP ${r.employeeNip}</span>`
                          }
                        </td>
                        <td>${r.unitName ?? '—'}</td>
                        <td>${r.assigneeName ?? 'Tim SDM'}</td>
                        <td>${levelText(r.level)}</td>
                        <td>${statusTag(r.status)}</td>
                        <td>${formatDateTime(r.raisedAt)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
    }
    ${
      pages > 1
        ? html`<nav aria-label="Halaman daftar tanda">
            <p>
              ${filters.page > 1 ? html`<a href="/admin/tanda${flagListQuery(filters, filters.page - 1)}">« Sebelumnya</a> ·` : ''}
              Halaman ${filters.page} dari ${pages}
              ${filters.page < pages ? html`· <a href="/admin/tanda${flagListQuery(filters, filters.page + 1)}">Berikutnya »</a>` : ''}
            </p>
          </nav>`
        : ''
    }`;
}
