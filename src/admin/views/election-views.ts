import { html } from 'hono/html';
import type { AdminUserInfo } from '../admin-env.js';
import { csrfField } from '../auth/csrf-field.js';
import type { ElectionPeriodView } from '../../posts/election-periods.js';
import type { PostCheckStat } from '../../posts/record-post-check.js';
import { formatIndonesianDate } from '../../calendar/local-time.js';
import { viewerHint } from './people-views.js';

/** The form's fields as HR typed them (textareas one entry per line). */
export interface ElectionFormValues {
  name: string;
  unit: string;
  startDate: string;
  endDate: string;
  campaignStart: string;
  campaignEnd: string;
  votingDate: string;
  candidatesSetOn: string;
  region: string;
  candidates: string;
  parties: string;
  slogans: string;
  hashtags: string;
  reminder: boolean;
}

export const emptyElectionForm: ElectionFormValues = {
  name: '',
  unit: '',
  startDate: '',
  endDate: '',
  campaignStart: '',
  campaignEnd: '',
  votingDate: '',
  candidatesSetOn: '',
  region: '',
  candidates: '',
  parties: '',
  slogans: '',
  hashtags: '',
  reminder: true,
};

/** A period as the form shows it for editing. */
export function electionFormValues(p: ElectionPeriodView): ElectionFormValues {
  return {
    name: p.name,
    unit: p.scope === '*' ? '' : p.scope,
    startDate: p.startDate,
    endDate: p.endDate,
    campaignStart: p.campaignStart ?? '',
    campaignEnd: p.campaignEnd ?? '',
    votingDate: p.votingDate ?? '',
    candidatesSetOn: p.candidatesSetOn ?? '',
    region: p.region ?? '',
    candidates: p.candidates.map((c) => `${c.number === undefined ? '' : `${c.number}: `}${c.names.join(', ')}`).join('\n'),
    parties: p.parties.join('\n'),
    slogans: p.slogans.join('\n'),
    hashtags: p.hashtags.join('\n'),
    reminder: p.reminder,
  };
}

/** 'berlangsung', 'akan datang' or 'selesai' on a local date. */
export function periodState(p: Pick<ElectionPeriodView, 'startDate' | 'endDate'>, today: string): string {
  if (today < p.startDate) return 'akan datang';
  if (today > p.endDate) return 'selesai';
  return 'berlangsung';
}

export function electionListBody(o: {
  admin: AdminUserInfo;
  csrfToken: string;
  today: string;
  periods: ElectionPeriodView[];
  stats: PostCheckStat[];
  editing?: number;
  values: ElectionFormValues;
  errors: string[];
}) {
  const hr = o.admin.role === 'hr';
  return html`<p class="hint">
      Selama masa pemilu, pengingat netralitas terkirim dengan sendirinya kepada pegawai unit yang tercakup (bila dicentang), dan
      /cekpost mengenali nama calon, nomor, partai, slogan dan tagar yang diisi di sini. Setelah tanggal selesai, pengingat
      berhenti.
    </p>
    <h2 id="daftar">Masa pemilu (${o.periods.length})</h2>
    <div class="table-wrap">
      <table aria-labelledby="daftar">
        <thead>
          <tr>
            <th scope="col">Nama</th>
            <th scope="col">Berlaku untuk</th>
            <th scope="col">Masa</th>
            <th scope="col">Pemungutan suara</th>
            <th scope="col">Calon</th>
            <th scope="col">Pengingat</th>
            <th scope="col">Status</th>
            ${hr ? html`<th scope="col"><span class="visually-hidden">Tindakan</span></th>` : ''}
          </tr>
        </thead>
        <tbody>
          ${o.periods.map(
            (p) =>
              html`<tr>
                <td>${p.name}</td>
                <td>${p.scope === '*' ? 'semua unit' : `unit ${p.scope} dan sub-unitnya`}</td>
                <td>${formatIndonesianDate(p.startDate)} s.d. ${formatIndonesianDate(p.endDate)}</td>
                <td>${p.votingDate ? formatIndonesianDate(p.votingDate) : '-'}</td>
                <td>
                  ${
                    p.candidates.length === 0
                      ? '-'
                      : p.candidates.map(
                          (c) => html`${c.number === undefined ? '' : `${c.number}. `}${c.names.join(' – ')}<br />`,
                        )
                  }
                </td>
                <td>${p.reminder ? 'aktif' : 'tidak'}</td>
                <td>${periodState(p, o.today)}</td>
                ${
                  hr
                    ? html`<td>
                        <a href="/admin/masa-pemilu?ubah=${p.id}#form">Ubah</a>
                        <form method="post" action="/admin/masa-pemilu/${p.id}/hapus">
                          ${csrfField(o.csrfToken)}
                          <button type="submit" class="secondary" aria-label="Hapus ${p.name}">Hapus</button>
                        </form>
                      </td>`
                    : ''
                }
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <section class="card" aria-labelledby="form">
      <h2 id="form">${o.editing === undefined ? 'Tambah masa pemilu' : 'Ubah masa pemilu'}</h2>
      ${!hr ? viewerHint : electionForm(o)}
    </section>
    ${statsSection(o.stats)}`;
}

function electionForm(o: { csrfToken: string; editing?: number; values: ElectionFormValues; errors: string[] }) {
  const v = o.values;
  const input = (id: string, name: string, label: string, value: string, type = 'text', hint?: string) =>
    html`<label for="${id}">${label}</label>
      <input id="${id}" name="${name}" type="${type}" value="${value}" ${hint ? html`aria-describedby="${id}-petunjuk"` : ''} />
      ${hint ? html`<p class="hint" id="${id}-petunjuk">${hint}</p>` : ''}`;
  const area = (id: string, name: string, label: string, value: string, hint: string) =>
    html`<label for="${id}">${label}</label>
      <textarea id="${id}" name="${name}" rows="3" aria-describedby="${id}-petunjuk">${value}</textarea>
      <p class="hint" id="${id}-petunjuk">${hint}</p>`;
  return html`${
      o.errors.length
        ? html`<div class="notice bad" role="alert">
            <p>Masa pemilu belum disimpan:</p>
            <ul>
              ${o.errors.map((e) => html`<li>${e}</li>`)}
            </ul>
          </div>`
        : ''
    }
    <form method="post" action="/admin/masa-pemilu${o.editing === undefined ? '' : `/${o.editing}`}">
      ${csrfField(o.csrfToken)}
      ${input('pemilu-nama', 'nama', 'Nama', v.name, 'text', 'Misalnya: Pilkada Kota Sukamaju 2026 atau Pemilu 2029.')}
      ${input('pemilu-unit', 'unit', 'Kode unit (untuk pilkada)', v.unit, 'text', 'Kosongkan untuk semua pegawai. Sub-unitnya ikut.')}
      ${input('pemilu-mulai', 'mulai', 'Mulai masa netralitas', v.startDate, 'date')}
      ${input('pemilu-selesai', 'selesai', 'Selesai', v.endDate, 'date')}
      ${input('pemilu-kampanye-mulai', 'kampanye_mulai', 'Awal kampanye', v.campaignStart, 'date')}
      ${input('pemilu-kampanye-selesai', 'kampanye_selesai', 'Akhir kampanye', v.campaignEnd, 'date')}
      ${input('pemilu-coblos', 'pemungutan', 'Hari pemungutan suara', v.votingDate, 'date')}
      ${input(
        'pemilu-penetapan',
        'penetapan',
        'Penetapan calon oleh KPU',
        v.candidatesSetOn,
        'date',
        'Sebelum tanggal ini dukungan dinilai pelanggaran kode etik (bakal calon); sejak tanggal ini pelanggaran disiplin. Kosongkan bila calon sudah ditetapkan.',
      )}
      ${input('pemilu-wilayah', 'wilayah', 'Wilayah (untuk pilkada)', v.region, 'text', 'Misalnya: Kota Sukamaju.')}
      ${area('pemilu-calon', 'calon', 'Calon', v.candidates, 'Satu pasangan per baris: nomor urut, titik dua, lalu nama dipisah koma. Contoh: 1: Budi Santoso, Rina Wulandari')}
      ${area('pemilu-partai', 'partai', 'Partai', v.parties, 'Satu partai per baris.')}
      ${area('pemilu-slogan', 'slogan', 'Slogan', v.slogans, 'Satu slogan per baris.')}
      ${area('pemilu-tagar', 'tagar', 'Tagar', v.hashtags, 'Satu tagar per baris, misalnya #BudiRinaJilid1.')}
      <label
        ><input type="checkbox" name="pengingat" value="ya" ${v.reminder ? html`checked` : ''} /> Kirim pengingat netralitas
        selama masa ini</label
      >
      <button type="submit">${o.editing === undefined ? 'Tambah' : 'Simpan perubahan'}</button>
    </form>`;
}

const verdictNames: Record<string, string> = { aman: 'aman', 'hati-hati': 'hati-hati', melanggar: 'melanggar' };

/** HR's statistics of draft checks: counts only (the drafts themselves are never stored). */
function statsSection(stats: PostCheckStat[]) {
  const byKey = new Map<string, number>();
  for (const s of stats)
    byKey.set(`${s.month}|${s.verdict}|${s.category}`, (byKey.get(`${s.month}|${s.verdict}|${s.category}`) ?? 0) + s.count);
  const byUnit = new Map<string, number>();
  for (const s of stats) byUnit.set(s.unitCode || '(tanpa unit)', (byUnit.get(s.unitCode || '(tanpa unit)') ?? 0) + s.count);
  return html`<section class="card" aria-labelledby="statistik">
    <h2 id="statistik">Pemeriksaan draf postingan (/cekpost)</h2>
    <p class="hint">
      Hanya jumlah pemeriksaan per bulan, unit, putusan dan kategori. Teks draf dan siapa yang memeriksa tidak pernah disimpan.
    </p>
    ${
      stats.length === 0
        ? html`<p>Belum ada pemeriksaan dalam tiga bulan terakhir.</p>`
        : html`<div class="table-wrap">
              <table aria-label="Pemeriksaan per bulan, putusan dan kategori">
                <thead>
                  <tr>
                    <th scope="col">Bulan</th>
                    <th scope="col">Putusan</th>
                    <th scope="col">Kategori</th>
                    <th scope="col">Jumlah</th>
                  </tr>
                </thead>
                <tbody>
                  ${[...byKey].map(([key, count]) => {
                    const [month, verdict, category] = key.split('|') as [string, string, string];
                    return html`<tr>
                      <td>${month}</td>
                      <td>${verdictNames[verdict] ?? verdict}</td>
                      <td>${category}</td>
                      <td>${count}</td>
                    </tr>`;
                  })}
                </tbody>
              </table>
            </div>
            <div class="table-wrap">
              <table aria-label="Pemeriksaan per unit">
                <thead>
                  <tr>
                    <th scope="col">Unit</th>
                    <th scope="col">Jumlah</th>
                  </tr>
                </thead>
                <tbody>
                  ${[...byUnit].map(
                    ([unit, count]) =>
                      html`<tr>
                        <td>${unit}</td>
                        <td>${count}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
    }
  </section>`;
}
