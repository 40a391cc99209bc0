import { Hono } from 'hono';
import { html } from 'hono/html';
import { refusedBeforeSearch, type RefusalBeforeSearch } from '../../answering/answer-types.js';
import type { AdminEnv, AdminRouteModule, AdminUserInfo } from '../admin-env.js';
import { recordAudit } from '../audit-log.js';
import { csrfField } from '../auth/csrf-field.js';
import { requireHr } from '../auth/require-role.js';
import { loadQualityFigures, type QualityFigures } from '../quality/quality-figures.js';
import { loadReviewQueue, markHandled, type ReviewGroup } from '../quality/review-queue.js';
import { barChart, columnChart } from '../views/charts.js';
import { formatDateTime, formatPercent } from '../views/format.js';
import { flash, render } from '../views/layout.js';

/** Why a question was refused before any search, as HR reads it. */
const refusalLabels: Record<RefusalBeforeSearch, string> = {
  too_long: 'terlalu panjang',
  no_words: 'tanpa kata',
  empty: 'kosong',
  injection: 'mencoba mengubah cara kerja bot',
};

function refusedLine(refused: QualityFigures['refused']) {
  const entries = refusedBeforeSearch
    .map((reason) => [reason, refused[reason] ?? 0] as const)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = entries.reduce((n, [, count]) => n + count, 0);
  if (total === 0) return '';
  const parts = entries.map(([reason, count]) => `${count} ${refusalLabels[reason]}`).join(', ');
  return html`<p>
    ${total} pertanyaan ditolak tanpa dicari (${parts}); itu bukan celah basis pengetahuan, jadi tidak masuk antrean di bawah.
  </p>`;
}

const shortDate = (iso: string) => `${Number(iso.slice(8, 10))}/${Number(iso.slice(5, 7))}`;

function figuresSection(f: QualityFigures) {
  const share = f.total ? f.cited / f.total : 0;
  const rated = f.thumbsUp + f.thumbsDown;
  return html`<section aria-labelledby="angka">
    <h2 id="angka">Angka 14 hari terakhir</h2>
    <p>
      ${f.total} pertanyaan pegawai; ${formatPercent(share)} dijawab dengan kutipan pasal; ${f.thumbsUp} dinilai 👍 dan
      ${f.thumbsDown} dinilai 👎.
    </p>
    ${refusedLine(f.refused)}
    <div class="charts">
      ${columnChart({
        id: 'grafik-harian',
        title: 'Pertanyaan per hari',
        description: `Jumlah pertanyaan pegawai per hari selama 14 hari terakhir, total ${f.total}; terbanyak ${Math.max(0, ...f.days.map((d) => d.questions))} dalam sehari.`,
        bars: f.days.map((d) => ({ label: shortDate(d.date), value: d.questions })),
        valueLabel: 'Pertanyaan',
      })}
      ${barChart({
        id: 'grafik-kutipan',
        title: 'Dijawab dengan kutipan',
        description: `${f.cited} dari ${f.total} pertanyaan (${formatPercent(share)}) dijawab dengan kutipan pasal; ${f.total - f.cited} tidak.`,
        bars: [
          { label: 'Dengan kutipan', value: f.cited, display: `${f.cited} (${formatPercent(share)})` },
          {
            label: 'Tanpa jawaban',
            value: f.total - f.cited,
            display: `${f.total - f.cited} (${formatPercent(f.total ? 1 - share : 0)})`,
          },
        ],
        max: Math.max(1, f.total),
      })}
      ${barChart({
        id: 'grafik-nilai',
        title: 'Penilaian jawaban',
        description: `${f.thumbsUp} jawaban dinilai membantu (👍), ${f.thumbsDown} tidak membantu (👎), ${f.unrated} tidak dinilai.`,
        bars: [
          {
            label: '👍 membantu',
            value: f.thumbsUp,
            display: `${f.thumbsUp}${rated ? ` (${formatPercent(f.thumbsUp / rated)})` : ''}`,
          },
          {
            label: '👎 tidak membantu',
            value: f.thumbsDown,
            display: `${f.thumbsDown}${rated ? ` (${formatPercent(f.thumbsDown / rated)})` : ''}`,
          },
          { label: 'Tidak dinilai', value: f.unrated },
        ],
      })}
      ${barChart({
        id: 'grafik-topik',
        title: 'Topik terbanyak',
        description: f.topics.length
          ? `Topik dokumen yang paling sering dikutip: ${f.topics.map((t) => `${t.topic} (${t.questions})`).join(', ')}.`
          : 'Belum ada jawaban berkutipan dalam 14 hari terakhir.',
        bars: f.topics.map((t) => ({ label: t.topic, value: t.questions })),
        valueLabel: 'Pertanyaan',
      })}
    </div>
  </section>`;
}

function groupCard(g: ReviewGroup, o: { admin: AdminUserInfo; csrfToken: string; documentIds: Map<string, number> }) {
  return html`<article class="card">
    <h3>“${g.question}”</h3>
    <p>
      ${g.count > 1 ? html`Ditanyakan <strong>${g.count} kali</strong>, terakhir` : 'Ditanyakan'}
      ${formatDateTime(g.lastAskedAt)}.
      ${g.unanswered ? html`<span class="tag warn">tidak terjawab${g.unanswered > 1 ? ` ×${g.unanswered}` : ''}</span>` : ''}
      ${g.thumbsDown ? html`<span class="tag bad">dinilai 👎${g.thumbsDown > 1 ? ` ×${g.thumbsDown}` : ''}</span>` : ''}
    </p>
    <details>
      <summary>Jawaban terakhir bot</summary>
      <p class="wrap-lines">${g.lastAnswer}</p>
    </details>
    <p>
      Perbaiki:
      ${
        g.citedSources.length
          ? g.citedSources.map((s) => {
              const id = o.documentIds.get(s.source);
              return id ? html`<a href="/admin/pengetahuan/${id}">periksa ${s.source} ${s.section}</a> · ` : '';
            })
          : ''
      }
      <a href="/admin/pengetahuan#unggah">unggah dokumen yang menjawabnya</a>
    </p>
    ${
      o.admin.role === 'hr'
        ? html`<form method="post" action="/admin/tinjauan/selesai">
            ${csrfField(o.csrfToken)}
            <input type="hidden" name="ids" value="${g.ids.join(',')}" />
            <button type="submit" class="secondary">
              Tandai sudah ditangani${g.count > 1 ? ` (${g.count} pertanyaan)` : ''}
            </button>
          </form>`
        : ''
    }
  </article>`;
}

/** Quality review: figures, and the unanswered or 👎 questions to fix, grouped, newest first. */
export const qualityRoutes: AdminRouteModule = {
  menu: { label: 'Tinjauan kualitas', path: '/tinjauan' },
  routes: (deps) => {
    const app = new Hono<AdminEnv>();
    app.get('/tinjauan', async (c) => {
      const [figures, groups] = await Promise.all([loadQualityFigures(deps.db, deps.now()), loadReviewQueue(deps.db)]);
      const sources = [...new Set(groups.flatMap((g) => g.citedSources.map((s) => s.source)))];
      const documents = await deps.db.prisma.document.findMany({
        where: { source: { in: sources } },
        select: { id: true, source: true },
      });
      const documentIds = new Map(documents.map((d) => [d.source, d.id]));
      return render(c, {
        title: 'Tinjauan kualitas',
        body: html`${figuresSection(figures)}
          <section aria-labelledby="antrean">
            <h2 id="antrean">Perlu ditinjau (${groups.length})</h2>
            <p class="hint">
              Pertanyaan pegawai yang tidak terjawab atau jawabannya dinilai 👎; pertanyaan yang sama dikelompokkan, terbaru di
              atas.
            </p>
            ${
              groups.length === 0
                ? html`<p>Tidak ada yang perlu ditinjau. 🎉</p>`
                : groups.map((g) => groupCard(g, { admin: c.get('admin'), csrfToken: c.get('csrfToken'), documentIds }))
            }
          </section>`,
      });
    });

    app.post('/tinjauan/selesai', requireHr, async (c) => {
      const body = await c.req.parseBody();
      const ids = (typeof body.ids === 'string' ? body.ids : '')
        .split(',')
        .filter((x) => /^\d{1,12}$/.test(x))
        .map(Number)
        .slice(0, 1_000);
      const count = await markHandled(deps.db, ids, deps.now());
      if (count > 0) {
        await recordAudit(
          deps.db,
          { actor: c.get('admin'), action: 'question.handled', target: `question_log:${ids[0]}`, detail: { ids, count } },
          deps.now(),
        );
      }
      flash(
        c,
        count > 0 ? `${count} pertanyaan ditandai sudah ditangani.` : 'Pertanyaan ini sudah ditangani sebelumnya.',
        count > 0 ? 'ok' : 'warn',
      );
      return c.redirect('/admin/tinjauan', 303);
    });
    return app;
  },
};
