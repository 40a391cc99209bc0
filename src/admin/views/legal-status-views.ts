import { html } from 'hono/html';
import { describeAbsent, type AbsentRegulation } from '../../knowledge/legal-status/absent-regulations.js';
import { describeRelation, type RelationView } from '../../knowledge/legal-status/legal-status.js';
import type { AdminUserInfo } from '../admin-env.js';
import { csrfField } from '../auth/csrf-field.js';

const kindLabels = { revokes: 'mencabut', partly_revokes: 'mencabut sebagian', amends: 'mengubah' } as const;
const reviewTags = {
  detected: html`<span class="tag warn">Terdeteksi</span>`,
  confirmed: html`<span class="tag ok">Dikonfirmasi SDM</span>`,
  rejected: html`<span class="tag bad">Ditolak SDM</span>`,
} as const;

/** The three ways HR answers a detection: right, wrong, or right once corrected. */
function reviewForms(r: RelationView, csrfToken: string) {
  const action = `/admin/status-hukum/${r.id}`;
  return html`<form method="post" action="${action}" class="inline">
      ${csrfField(csrfToken)}<input type="hidden" name="aksi" value="konfirmasi" />
      <button type="submit">Benar</button>
    </form>
    <form method="post" action="${action}" class="inline">
      ${csrfField(csrfToken)}<input type="hidden" name="aksi" value="tolak" />
      <button type="submit" class="secondary">Salah, abaikan</button>
    </form>
    <details>
      <summary>Koreksi</summary>
      <form method="post" action="${action}">
        ${csrfField(csrfToken)}<input type="hidden" name="aksi" value="koreksi" />
        <label>Peraturan yang mencabut/mengubah <input name="pelaku" value="${r.actor}" required /></label>
        <label
          >Hubungan
          <select name="jenis">
            ${(Object.keys(kindLabels) as (keyof typeof kindLabels)[]).map(
              (k) => html`<option value="${k}" ${k === r.kind ? 'selected' : ''}>${kindLabels[k]}</option>`,
            )}
          </select></label
        >
        <label>Peraturan yang dicabut/diubah <input name="sasaran" value="${r.target}" required /></label>
        <label>Yang tetap berlaku (pengecualian) <input name="tetap" value="${r.keeps ?? ''}" /></label>
        <label>Bagian yang dicabut (pencabutan sebagian) <input name="lingkup" value="${r.scope ?? ''}" /></label>
        <button type="submit">Simpan koreksi</button>
      </form>
    </details>`;
}

/** Every relation the texts state, with its evidence, and the regulations named but absent. */
export function legalStatusBody(o: {
  admin: AdminUserInfo;
  csrfToken: string;
  relations: RelationView[];
  absent: AbsentRegulation[];
}) {
  return html`<section aria-labelledby="relasi">
      <h2 id="relasi">Pencabutan dan perubahan yang dibaca dari teks (${o.relations.length})</h2>
      <p class="hint">
        Dibaca dari pasal peraturan yang terbit. Peraturan yang dicabut tidak pernah dikutip sebagai hukum yang berlaku. Relasi
        yang ditolak tidak lagi memengaruhi status.
      </p>
      ${
        o.relations.length === 0
          ? html`<p>Belum ada pencabutan atau perubahan yang terbaca dari teks.</p>`
          : html`<div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Peraturan</th>
                    <th scope="col">Status</th>
                    <th scope="col">Bukti</th>
                    <th scope="col">Tinjauan</th>
                  </tr>
                </thead>
                <tbody>
                  ${o.relations.map(
                    (r) =>
                      html`<tr id="relasi-${r.id}">
                        <td><strong>${r.target}</strong></td>
                        <td>${describeRelation(r)}</td>
                        <td>
                          <a href="/admin/pengetahuan/${r.statedIn.documentId}">${r.statedIn.regulation ?? r.statedIn.title}</a>
                          ${r.section}: <q>${r.evidence}</q>
                        </td>
                        <td>${reviewTags[r.review]} ${o.admin.role === 'hr' ? reviewForms(r, o.csrfToken) : ''}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>
    <section aria-labelledby="belum-ada">
      <h2 id="belum-ada">Disebut tetapi belum ada di basis pengetahuan (${o.absent.length})</h2>
      ${
        o.absent.length === 0
          ? html`<p>Semua peraturan yang disebut sudah ada.</p>`
          : html`<ul>
              ${o.absent.map((a) => html`<li>${describeAbsent(a)}</li>`)}
            </ul>`
      }
    </section>`;
}
