// One flag in the admin UI ("Tanda #n"): what and about whom, the evidence in words (as Slack shows
// it, never raw JSON), the report, the audit trail and, for HR, the actions. Pure: flag-routes.ts
// reads the database; the reporter of a report is only ever what load-flag-view let through.
import { html } from 'hono/html';
import type { AdminUserInfo } from '../admin-env.js';
import { csrfField } from '../auth/csrf-field.js';
import { minResolutionChars } from '../../flags/flag-actions.js';
import { flagEventLabels, flagKindLabels, type FlagEventView, type FlagView } from '../../flags/flag-view.js';
import { evidenceFacts, evidenceNotes } from '../../flags/flag-evidence.js';
import { reportCategoryLabels } from '../../flags/record-report.js';
import { formatIndonesianDate } from '../../calendar/local-time.js';
import { levelText, statusTag } from './flag-views.js';
import { formatDateTime } from './format.js';
import { notice, type Html } from './layout.js';

type Fact = [label: string, value: Html | string];

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const dateList = (list: string[]) =>
  html`<ul>
    ${list.map((d) => html`<li>${formatIndonesianDate(d)}</li>`)}
  </ul>`;

/** The evidence in words (the same facts Slack shows), plus when a report was made. */
function evidenceFactsHtml(flag: FlagView): Fact[] {
  const facts: Fact[] = evidenceFacts(flag).map((f) => [
    f.label,
    f.dates ? html`${f.text ?? ''}${dateList(f.dates)}` : (f.text ?? ''),
  ]);
  const reportedAt = flag.evidence.reportedAt;
  if (flag.kind === 'report' && typeof reportedAt === 'string' && !Number.isNaN(Date.parse(reportedAt)))
    facts.push(['Dilaporkan', formatDateTime(new Date(reportedAt))]);
  return facts;
}

const factList = (facts: Fact[]) =>
  html`<dl class="facts">
    ${facts.map(
      ([label, value]) =>
        html`<dt><strong>${label}</strong></dt>
          <dd>${value}</dd>`,
    )}
  </dl>`;

/** Names the trail needs besides the view's: admin accounts and the employees a flag went to. */
export interface TrailNames {
  admins: Map<number, string>;
  employees: Map<number, string>;
}

/** Who did it: the person's name when known, else "sistem", the Slack id, or the admin account. */
export function actorText(event: FlagEventView, names: TrailNames): string {
  if (event.actorName) return event.actorName;
  if (event.actor === 'sistem') return 'sistem';
  if (event.actor === 'cli') return 'admin (CLI)';
  const admin = /^admin:(\d+)$/.exec(event.actor);
  if (admin) return `admin ${names.admins.get(Number(admin[1])) ?? `#${admin[1]}`}`;
  const slack = /^slack:(\S+)$/.exec(event.actor);
  if (slack) return `Slack ${slack[1]}`;
  return event.actor;
}

function eventDetail(event: FlagEventView, names: TrailNames): string {
  const d = event.detail;
  const to = (id: unknown) => (typeof id === 'number' ? (names.employees.get(id) ?? `pegawai #${id}`) : 'Tim SDM');
  switch (event.action) {
    case 'raised':
      return `Ditujukan kepada ${to(d.assigneeId)}`;
    case 'updated':
      return typeof d.to === 'string' ? `Fakta baru: ${d.to}` : 'Fakta diperbarui';
    case 'escalated':
      return `${d.why === 'overdue' ? 'Otomatis, tidak ditindaklanjuti dalam jam kerja yang ditentukan' : 'Diminta'}; diteruskan kepada ${to(d.toAssigneeId)}${num(d.level) === undefined ? '' : ` (tingkat ${num(d.level)})`}`;
    case 'resolved':
      return typeof d.note === 'string' ? `Catatan: ${d.note}` : '';
    case 'delivered':
      return d.to === 'hr' ? 'ke kanal tim SDM' : 'ke atasan';
    default:
      return '';
  }
}

function trailTable(flag: FlagView, names: TrailNames) {
  return html`<div class="table-wrap">
    <table>
      <caption class="visually-hidden">
        Jejak tanda
      </caption>
      <thead>
        <tr>
          <th scope="col">Waktu</th>
          <th scope="col">Oleh</th>
          <th scope="col">Tindakan</th>
          <th scope="col">Keterangan</th>
        </tr>
      </thead>
      <tbody>
        ${flag.events.map(
          (e) =>
            html`<tr>
              <td>${formatDateTime(e.at)}</td>
              <td>${actorText(e, names)}</td>
              <td>${flagEventLabels[e.action] ?? e.action}</td>
              <td>${eventDetail(e, names)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function actionsSection(flag: FlagView, o: { admin: AdminUserInfo; csrfToken: string; note?: string; error?: string }) {
  if (flag.status === 'resolved') return '';
  if (o.admin.role !== 'hr')
    return html`<p class="hint">
      Akun pemantau hanya dapat melihat; tindakan dilakukan oleh akun SDM atau oleh atasan di Slack.
    </p>`;
  return html`<section class="card" aria-labelledby="tindakan">
    <h2 id="tindakan">Tindakan</h2>
    ${o.error ? notice(o.error, 'bad') : ''}
    ${
      flag.status !== 'acknowledged'
        ? html`<form class="inline" method="post" action="/admin/tanda/${flag.id}/tindak-lanjut">
            ${csrfField(o.csrfToken)}<button type="submit">Tindak lanjuti</button>
          </form>`
        : ''
    }
    ${
      flag.assignee !== null
        ? html`<form class="inline" method="post" action="/admin/tanda/${flag.id}/eskalasi">
            ${csrfField(o.csrfToken)}<button type="submit" class="secondary">Eskalasi</button>
          </form>`
        : ''
    }
    <form method="post" action="/admin/tanda/${flag.id}/selesaikan">
      ${csrfField(o.csrfToken)}
      <label for="catatan">Catatan penyelesaian</label>
      <textarea id="catatan" name="catatan" required minlength="${minResolutionChars}" aria-describedby="catatan-petunjuk">
${o.note ?? ''}</textarea>
      <p class="hint" id="catatan-petunjuk">
        Wajib, paling sedikit ${minResolutionChars} karakter: apa yang sudah dilakukan (misalnya "sudah dibina, catatan
        diperbaiki").
      </p>
      <button type="submit">Selesaikan</button>
    </form>
  </section>`;
}

/** One flag: what, about whom, the evidence, the report, where it stands, the trail and the actions. */
export function flagDetailBody(
  flag: FlagView,
  o: { admin: AdminUserInfo; csrfToken: string; names: TrailNames; note?: string; error?: string },
) {
  const facts = evidenceFactsHtml(flag);
  const notes = evidenceNotes(flag);
  const about: Fact[] = flag.employee
    ? [
        [
          'Pegawai',
          html`${flag.employee.name}
            <span class="muted">(NIP ${flag.employee.nip})</span
            >${flag.employee.position ? html`<br />${flag.employee.position}` : ''}`,
        ],
        ['Unit', flag.employee.unitName ?? '—'],
      ]
    : [];
  const state: Fact[] = [
    ['Jenis', flagKindLabels[flag.kind] ?? flag.kind],
    ...about,
    ['Status', statusTag(flag.status)],
    [
      'Ditujukan kepada',
      flag.assignee
        ? html`${flag.assignee.name}${flag.assignee.position ? html` <span class="muted">(${flag.assignee.position})</span>` : ''}`
        : 'Tim SDM',
    ],
    ['Tingkat', levelText(flag.level)],
    ['Dibuat', formatDateTime(flag.raisedAt)],
    ...(flag.acknowledgedAt ? ([['Ditindaklanjuti', formatDateTime(flag.acknowledgedAt)]] as Fact[]) : []),
    ...(flag.resolvedAt ? ([['Diselesaikan', formatDateTime(flag.resolvedAt)]] as Fact[]) : []),
  ];
  return html`<p><a href="/admin/tanda">« Semua tanda</a></p>
    <section class="card" aria-labelledby="ringkasan">
      <h2 id="ringkasan">${flag.title}</h2>
      ${flag.article ? html`<p><strong>Dasar:</strong> ${flag.article}</p>` : ''}
      ${
        flag.severity !== 'info'
          ? html`<p>
              Tingkat hukuman menurut PP 94/2021: <strong>${flag.severity}</strong>.
              <span class="muted">Tanda ini berasal dari catatan di sistem, bukan keputusan hukuman.</span>
            </p>`
          : ''
      }
      ${factList(state)}
    </section>
    ${
      facts.length || notes.length
        ? html`<section aria-labelledby="fakta">
            <h2 id="fakta">Fakta</h2>
            ${factList(facts)} ${notes.map((n) => html`<p class="hint">${n}</p>`)}
          </section>`
        : ''
    }
    ${
      flag.report
        ? html`<section class="card" aria-labelledby="laporan">
            <h2 id="laporan">Laporan</h2>
            ${factList([
              ['Kategori', reportCategoryLabels[flag.report.category] ?? flag.report.category],
              ['Tentang', flag.report.subject],
              ['Isi laporan', html`<span class="wrap-lines">${flag.report.description}</span>`],
              [
                'Pelapor',
                flag.report.reporter
                  ? html`${flag.report.reporter.name} <span class="muted">(NIP ${flag.report.reporter.nip})</span>`
                  : html`<span class="muted">dirahasiakan: pelapor tidak setuju namanya disebutkan</span>`,
              ],
            ])}
          </section>`
        : ''
    }
    ${
      flag.resolution
        ? html`<section aria-labelledby="penyelesaian">
            <h2 id="penyelesaian">Catatan penyelesaian</h2>
            <p class="wrap-lines">${flag.resolution}</p>
          </section>`
        : ''
    }
    ${actionsSection(flag, o)}
    <section aria-labelledby="jejak">
      <h2 id="jejak">Jejak</h2>
      ${trailTable(flag, o.names)}
    </section>`;
}
