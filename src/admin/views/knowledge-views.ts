import { html } from 'hono/html';
import type { AdminUserInfo } from '../admin-env.js';
import { csrfField } from '../auth/csrf-field.js';
import { formatDateTime, formatMegabytes } from './format.js';
import { notice, type Html } from './layout.js';
import { uploadForm } from './upload-form.js';

export const acceptedUploads = '.pdf,.docx,.md,.markdown,.txt,.html,.htm';

export interface DocumentRow {
  id: number;
  source: string;
  title: string;
  regulation: string | null;
  status: 'berlaku' | 'dicabut';
  replacedBy: string | null;
  /** The legal status, metadata and texts together, with its evidence ("dicabut oleh PP 94/2021 Pasal 45"). */
  legalStatus?: 'berlaku' | 'dicabut';
  statusEvidence?: string;
  publishedVersion: number | null;
  drafts: number;
  passages: number;
}

export interface VersionRow {
  version: number;
  format: string;
  pageCount: number | null;
  createdAt: Date;
  published: boolean;
  publishedAt: Date | null;
  passages: number;
}

export interface PassageView {
  section: string;
  path: string;
  text: string;
}

/** Published, draft (never published) or archived (published once, replaced or withdrawn). */
export function versionState(v: Pick<VersionRow, 'published' | 'publishedAt'>) {
  if (v.published) return html`<span class="tag ok">Terbit</span>`;
  if (!v.publishedAt) return html`<span class="tag warn">Draf</span>`;
  return html`<span class="tag">Arsip</span>`;
}

export function statusTag(d: Pick<DocumentRow, 'status' | 'replacedBy' | 'legalStatus' | 'statusEvidence'>) {
  if (d.legalStatus && d.statusEvidence) {
    const tag =
      d.legalStatus === 'berlaku' ? html`<span class="tag ok">Berlaku</span>` : html`<span class="tag bad">Dicabut</span>`;
    return d.statusEvidence === 'berlaku' ? tag : html`${tag} <span class="muted">${d.statusEvidence}</span>`;
  }
  return d.status === 'berlaku'
    ? html`<span class="tag ok">Berlaku</span>`
    : html`<span class="tag bad">Dicabut</span>${d.replacedBy ? html` <span class="muted">diganti ${d.replacedBy}</span>` : ''}`;
}

const hrOnly = (admin: AdminUserInfo, content: Html) =>
  admin.role === 'hr' ? content : html`<p class="hint">Akun pemantau hanya dapat melihat; perubahan dilakukan oleh akun SDM.</p>`;

export function documentUploadForm(o: { csrfToken: string; maxBytes: number; replaceOf?: { id: number; title: string } }) {
  return uploadForm({
    id: o.replaceOf ? 'form-ganti' : 'form-unggah',
    action: '/admin/pengetahuan/unggah',
    csrfToken: o.csrfToken,
    label: o.replaceOf ? 'Berkas versi baru' : 'Berkas peraturan',
    hint: `PDF, DOCX, Markdown, TXT atau HTML, paling besar ${formatMegabytes(o.maxBytes)}. Berkas diperiksa dan dipecah per pasal dulu; belum dipakai untuk menjawab sebelum Anda terbitkan.`,
    accept: acceptedUploads,
    maxBytes: o.maxBytes,
    submitLabel: o.replaceOf ? 'Unggah versi baru' : 'Unggah dan pratinjau',
    extraFields: o.replaceOf ? html`<input type="hidden" name="dokumen" value="${o.replaceOf.id}" />` : undefined,
  });
}

export function documentListBody(o: { admin: AdminUserInfo; csrfToken: string; maxBytes: number; documents: DocumentRow[] }) {
  return html`<section class="card" aria-labelledby="unggah">
      <h2 id="unggah">Unggah dokumen</h2>
      ${hrOnly(o.admin, documentUploadForm(o))}
    </section>
    <section aria-labelledby="daftar">
      <h2 id="daftar">Dokumen (${o.documents.length})</h2>
      ${
        o.documents.length === 0
          ? html`<p>Belum ada dokumen. Unggah peraturan pertama di atas.</p>`
          : html`<div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Dokumen</th>
                    <th scope="col">Peraturan</th>
                    <th scope="col">Status</th>
                    <th scope="col">Versi terbit</th>
                    <th scope="col">Bagian</th>
                  </tr>
                </thead>
                <tbody>
                  ${o.documents.map(
                    (d) =>
                      html`<tr>
                        <td><a href="/admin/pengetahuan/${d.id}">${d.title}</a><br /><span class="muted">${d.source}</span></td>
                        <td>${d.regulation ?? '—'}</td>
                        <td>${statusTag(d)}</td>
                        <td>
                          ${d.publishedVersion ? `v${d.publishedVersion}` : html`<span class="tag warn">tidak terbit</span>`}
                          ${d.drafts ? html`<br /><span class="muted">${d.drafts} draf menunggu</span>` : ''}
                        </td>
                        <td>${d.passages}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
}

export function documentDetailBody(o: {
  admin: AdminUserInfo;
  csrfToken: string;
  maxBytes: number;
  document: DocumentRow & { year: number | null; topic: string | null };
  versions: VersionRow[];
}) {
  const d = o.document;
  const base = `/admin/pengetahuan/${d.id}`;
  const published = o.versions.find((v) => v.published);
  const newest = o.versions[0];
  const previous = o.versions[1];
  return html`<section class="card" aria-labelledby="ringkas">
      <h2 id="ringkas">Ringkasan</h2>
      <p><strong>${d.regulation ?? 'Tanpa nomor'}</strong> · ${statusTag(d)} · berkas <code>${d.source}</code></p>
      <p>
        ${
          published
            ? html`Dipakai untuk menjawab: <strong>versi ${published.version}</strong> (${published.passages} bagian).`
            : html`<strong>Tidak dipakai untuk menjawab</strong>: tidak ada versi yang terbit.`
        }
        ${(d.legalStatus ?? d.status) === 'dicabut' ? html` Peraturan yang dicabut tidak pernah dikutip dalam jawaban.` : ''}
      </p>
    </section>
    <section aria-labelledby="versi">
      <h2 id="versi">Versi</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Versi</th>
              <th scope="col">Keadaan</th>
              <th scope="col">Diunggah</th>
              <th scope="col">Bagian</th>
              <th scope="col">Aksi</th>
            </tr>
          </thead>
          <tbody>
            ${o.versions.map(
              (v) =>
                html`<tr>
                  <td>
                    v${v.version} <span class="muted">${v.format.toUpperCase()}${v.pageCount ? `, ${v.pageCount} hlm` : ''}</span>
                  </td>
                  <td>${versionState(v)}</td>
                  <td>${formatDateTime(v.createdAt)}</td>
                  <td>${v.passages}</td>
                  <td><a href="${base}/versi/${v.version}">Pratinjau${v.published ? '' : ' dan terbitkan'}</a></td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        newest && previous
          ? html`<form method="get" action="${base}/banding" class="card">
              <h3>Bandingkan berdampingan</h3>
              <label for="banding-a">Versi kiri</label>
              <select id="banding-a" name="a">
                ${o.versions.map((v) => html`<option value="${v.version}" ${v.version === previous.version ? 'selected' : ''}>v${v.version}</option>`)}
              </select>
              <label for="banding-b">Versi kanan</label>
              <select id="banding-b" name="b">
                ${o.versions.map((v) => html`<option value="${v.version}" ${v.version === newest.version ? 'selected' : ''}>v${v.version}</option>`)}
              </select>
              <button type="submit" class="secondary">Bandingkan</button>
            </form>`
          : ''
      }
    </section>
    <section class="card" aria-labelledby="ubah">
      <h2 id="ubah">Ubah</h2>
      ${hrOnly(
        o.admin,
        html`${
            published
              ? html`<form method="post" action="${base}/tarik">
                  ${csrfField(o.csrfToken)}
                  <p>Tarik dokumen ini dari jawaban (versinya tetap tersimpan dan dapat diterbitkan lagi).</p>
                  <button type="submit" class="danger">Tarik dari jawaban</button>
                </form>`
              : ''
          }
          ${
            d.status === 'berlaku'
              ? html`<form method="post" action="${base}/cabut">
                  ${csrfField(o.csrfToken)}
                  <h3>Tandai dicabut</h3>
                  <label for="pengganti">Diganti oleh (peraturan pengganti)</label>
                  <input
                    id="pengganti"
                    name="pengganti"
                    type="text"
                    placeholder="mis. PP 94/2021"
                    aria-describedby="pengganti-petunjuk"
                  />
                  <p class="hint" id="pengganti-petunjuk">Peraturan yang dicabut tidak dikutip lagi; isinya tetap tersimpan.</p>
                  <button type="submit" class="danger">Tandai dicabut</button>
                </form>`
              : html`<form method="post" action="${base}/berlakukan">
                  ${csrfField(o.csrfToken)}
                  <p>Peraturan ini ditandai dicabut${d.replacedBy ? ` dan diganti ${d.replacedBy}` : ''}.</p>
                  <button type="submit" class="secondary">Tandai berlaku lagi</button>
                </form>`
          }
          <h3>Ganti dengan versi baru</h3>
          <p class="hint">Versi lama tetap tersimpan. Versi baru menjadi draf sampai Anda terbitkan.</p>
          ${documentUploadForm({ csrfToken: o.csrfToken, maxBytes: o.maxBytes, replaceOf: { id: d.id, title: d.title } })}`,
      )}
    </section>`;
}

export function passageList(passages: PassageView[]) {
  return html`${passages.map(
    (p) =>
      html`<article class="passage">
        <h3>${p.section}</h3>
        <p class="hint">${p.path}</p>
        <p>${p.text}</p>
      </article>`,
  )}`;
}

export function versionPreviewBody(o: {
  admin: AdminUserInfo;
  csrfToken: string;
  documentId: number;
  title: string;
  version: VersionRow;
  passages: PassageView[];
  /** Breaks in the Pasal numbering, one line each (see `describeArticleGaps`). */
  articleGaps: string[];
  /** Set when this draft is a file of another name that carries this document's regulation. */
  duplicateOf?: { regulation: string; title: string; source: string; uploadedAs: string };
}) {
  const base = `/admin/pengetahuan/${o.documentId}`;
  const dup = o.duplicateOf;
  const sections = o.passages.map((p) => p.section);
  const articles = sections.filter((s) => /^Pasal\b/.test(s)).length;
  return html`<p><a href="${base}">← ${o.title}</a></p>
    <section class="card" aria-labelledby="ringkas">
      <h2 id="ringkas">Versi ${o.version.version} ${versionState(o.version)}</h2>
      <p>
        Dokumen ini terpecah menjadi
        <strong>${o.passages.length} bagian</strong>${articles ? html`, ${articles} di antaranya pasal` : ''}. Periksa bahwa
        setiap pasal terpisah dengan benar sebelum menerbitkan.
      </p>
      ${
        o.articleGaps.length > 0
          ? notice(
              html`<p>
                  <strong>Periksa penomoran pasal</strong> sebelum menerbitkan; mungkin ada pasal yang hilang saat berkas dibaca:
                </p>
                <ul>
                  ${o.articleGaps.map((line) => html`<li>${line}</li>`)}
                </ul>`,
              'warn',
            )
          : ''
      }
      ${
        dup
          ? notice(
              html`<strong>${dup.regulation || 'Peraturan ini'} sudah ada di basis pengetahuan sebagai ${dup.title}</strong>
                (berkas ${dup.source}). Berkas ${dup.uploadedAs} disimpan sebagai versi ${o.version.version} dokumen itu, agar
                tidak ada dua salinan yang berlaku.`,
              'warn',
            )
          : ''
      }
      ${
        o.version.published
          ? html`<p>Versi ini sedang dipakai untuk menjawab.</p>`
          : hrOnly(
              o.admin,
              html`<form method="post" action="${base}/versi/${o.version.version}/terbitkan">
                  ${csrfField(o.csrfToken)}
                  <button type="submit">
                    Terbitkan versi ${o.version.version}${dup ? ` sebagai versi baru ${dup.regulation || dup.title}` : ''}
                  </button>
                  <p class="hint">Versi yang sedang terbit (bila ada) diarsipkan dan tetap tersimpan.</p>
                </form>
                ${
                  dup
                    ? html`<form method="post" action="${base}/versi/${o.version.version}/terpisah" class="card">
                        ${csrfField(o.csrfToken)}
                        <h3>Atau: dokumen terpisah</h3>
                        <p>
                          Hanya bila ini memang dokumen lain (mis. lampiran tersendiri). Keduanya akan berlaku dan dikutip sebagai
                          ${dup.regulation || dup.title}.
                        </p>
                        <input type="checkbox" id="yakin-terpisah" name="yakin" value="ya" required />
                        <label for="yakin-terpisah">Saya yakin ${dup.uploadedAs} adalah dokumen lain, bukan versi baru</label>
                        <button type="submit" class="secondary">Terbitkan sebagai dokumen terpisah</button>
                      </form>`
                    : ''
                }`,
            )
      }
    </section>
    <section aria-labelledby="bagian">
      <h2 id="bagian">Bagian-bagian</h2>
      ${passageList(o.passages)}
    </section>`;
}

export interface ComparedSection {
  section: string;
  left?: string;
  right?: string;
}

/** Lines up two versions by article: same article side by side, marked when it changed. */
export function compareSections(left: PassageView[], right: PassageView[]): ComparedSection[] {
  const rows: ComparedSection[] = [];
  const index = new Map<string, ComparedSection>();
  const add = (p: PassageView, side: 'left' | 'right') => {
    let row = index.get(p.section);
    if (!row) {
      row = { section: p.section };
      index.set(p.section, row);
      rows.push(row);
    }
    row[side] = row[side] ? `${row[side]}\n${p.text}` : p.text;
  };
  for (const p of left) add(p, 'left');
  for (const p of right) add(p, 'right');
  return rows;
}

export function compareBody(o: { documentId: number; title: string; a: number; b: number; rows: ComparedSection[] }) {
  const change = (r: ComparedSection) =>
    !r.left
      ? html`<span class="tag ok">baru</span>`
      : !r.right
        ? html`<span class="tag bad">dihapus</span>`
        : r.left === r.right
          ? html`<span class="tag">sama</span>`
          : html`<span class="tag warn">berubah</span>`;
  return html`<p><a href="/admin/pengetahuan/${o.documentId}">← ${o.title}</a></p>
    <p>${o.rows.filter((r) => r.left !== r.right).length} dari ${o.rows.length} bagian berbeda.</p>
    ${o.rows.map(
      (r) =>
        html`<section class="card">
          <h2>${r.section} ${change(r)}</h2>
          <div class="side-by-side">
            <div>
              <h3>v${o.a}</h3>
              <p>${r.left ?? html`<em class="muted">(tidak ada)</em>`}</p>
            </div>
            <div>
              <h3>v${o.b}</h3>
              <p>${r.right ?? html`<em class="muted">(tidak ada)</em>`}</p>
            </div>
          </div>
        </section>`,
    )}`;
}
