import { Hono } from 'hono';
import { html } from 'hono/html';
import { answerQuestion } from '../../answering/answer-question.js';
import { citationLabel, type Answer } from '../../answering/answer-types.js';
import { normalizeQuestion } from '../../answering/normalize-question.js';
import { defaultSearchOptions, searchPassages, type SearchResult } from '../../answering/search-passages.js';
import type { AdminEnv, AdminRouteModule } from '../admin-env.js';
import { csrfField } from '../auth/csrf-field.js';
import { formatNumber, formatPercent } from '../views/format.js';
import { render } from '../views/layout.js';

/** Questions tried here are logged with this channel and left out of the quality review. */
export const tryChannel = 'admin';

function tryForm(csrfToken: string, question = '') {
  return html`<form class="card" method="post" action="/admin/coba">
    ${csrfField(csrfToken)}
    <label for="pertanyaan">Pertanyaan</label>
    <textarea id="pertanyaan" name="pertanyaan" required aria-describedby="pertanyaan-petunjuk">${question}</textarea>
    <p class="hint" id="pertanyaan-petunjuk">Tulis seperti pegawai bertanya, misalnya "kalo bolos 5 hari kena hukuman apa?"</p>
    <button type="submit">Coba</button>
  </form>`;
}

function resultBody(o: { answer: Answer; search: SearchResult; normalized: string; documentIds: Map<string, number> }) {
  const { answer, search } = o;
  const docLink = (source: string, text: string) => {
    const id = o.documentIds.get(source);
    return id ? html`<a href="/admin/pengetahuan/${id}">${text}</a>` : text;
  };
  return html`<section class="card" aria-labelledby="jawaban">
      <h2 id="jawaban">Jawaban bot</h2>
      <p>
        ${
          answer.grounded
            ? html`<span class="tag ok">Dijawab dengan kutipan</span>`
            : html`<span class="tag warn">Tidak dijawab</span>`
        }
        <span class="muted"
          >cara:
          ${answer.mode === 'llm' ? 'model bahasa' : answer.mode === 'extractive' ? 'kutipan (tanpa model)' : 'penolakan'}</span
        >
      </p>
      <p class="wrap-lines">${answer.answer}</p>
      ${
        answer.citations.length
          ? html`<h3>Kutipan</h3>
              <ul>
                ${answer.citations.map(
                  (c) =>
                    html`<li>
                      <strong>${citationLabel(c)}</strong> — ${docLink(c.source, c.title)}
                      <span class="muted">(${c.source})</span>
                    </li>`,
                )}
              </ul>`
          : ''
      }
    </section>
    <section aria-labelledby="temuan">
      <h2 id="temuan">Bagian yang ditemukan</h2>
      <p class="hint">
        Pertanyaan setelah dinormalkan: <code>${o.normalized}</code>. Ambang relevansi:
        ${search.grounded ? html`<strong>lolos</strong>` : html`<strong>tidak lolos</strong> (bot menjawab "belum memuat")`};
        keyakinan ${formatPercent(search.gate?.probability ?? 0)} (perlu ${formatPercent(defaultSearchOptions.gate.threshold)}),
        cakupan terbaik ${formatPercent(search.bestCoverage)}.
      </p>
      ${
        search.hits.length === 0
          ? html`<p>Tidak ada bagian yang cocok.</p>`
          : html`<div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Bagian</th>
                    <th scope="col">Cakupan</th>
                    <th scope="col">Kata khas</th>
                    <th scope="col">Skor</th>
                    <th scope="col">Kutipan</th>
                  </tr>
                </thead>
                <tbody>
                  ${search.hits.map(
                    (h, i) =>
                      html`<tr>
                        <td>${i + 1}</td>
                        <td>
                          <strong>${h.regulation ?? h.title} ${h.section}</strong><br />${docLink(h.source, h.title)}
                          ${h.similarity !== undefined ? html`<br /><span class="muted">kemiripan vektor ${formatNumber(h.similarity, 2)}</span>` : ''}
                        </td>
                        <td>${formatPercent(h.coverage)}</td>
                        <td>${h.distinctive ?? '—'}</td>
                        <td>${formatNumber(h.score, 3)}</td>
                        <td>${h.text.length > 300 ? `${h.text.slice(0, 300)}…` : h.text}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
}

/** Try a question: the bot's own answer, the passages retrieved with their scores, the citations. */
export const tryRoutes: AdminRouteModule = {
  menu: { label: 'Coba pertanyaan', path: '/coba' },
  routes: (deps) => {
    const app = new Hono<AdminEnv>();
    app.get('/coba', (c) => render(c, { title: 'Coba pertanyaan', body: tryForm(c.get('csrfToken')) }));
    // A POST because it writes the question log; it changes no knowledge, so viewers may try too.
    app.post('/coba', async (c) => {
      const body = await c.req.parseBody();
      const question = (typeof body.pertanyaan === 'string' ? body.pertanyaan : '').trim();
      if (!question) return render(c, { title: 'Coba pertanyaan', body: tryForm(c.get('csrfToken')) });
      const answer = await answerQuestion(deps.answering, { question, channel: tryChannel });
      const normalized = normalizeQuestion(question.slice(0, deps.answering.maxQuestionChars));
      const search = await searchPassages(deps.db, deps.answering.lexicons, normalized, {
        ...defaultSearchOptions,
        ...deps.answering.search,
        embedder: deps.answering.embedder,
      });
      const sources = [...new Set([...answer.citations.map((x) => x.source), ...search.hits.map((h) => h.source)])];
      const documents = await deps.db.prisma.document.findMany({
        where: { source: { in: sources } },
        select: { id: true, source: true },
      });
      return render(c, {
        title: 'Coba pertanyaan',
        body: html`${tryForm(c.get('csrfToken'), question)}
        ${resultBody({ answer, search, normalized: normalized.text, documentIds: new Map(documents.map((d) => [d.source, d.id])) })}`,
      });
    });
    return app;
  },
};
