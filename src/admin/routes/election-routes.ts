import { Hono, type Context } from 'hono';
import { AppError } from '../../errors.js';
import {
  findElectionPeriod,
  listElectionPeriods,
  removeElectionPeriod,
  saveElectionPeriod,
  type ElectionPeriodInput,
} from '../../posts/election-periods.js';
import { listPostCheckStats } from '../../posts/record-post-check.js';
import { addDays, localDateOf, officeZone } from '../../calendar/local-time.js';
import type { AdminDeps, AdminEnv, AdminRouteModule } from '../admin-env.js';
import { recordAudit } from '../audit-log.js';
import { requireHr } from '../auth/require-role.js';
import { electionFormValues, electionListBody, emptyElectionForm, type ElectionFormValues } from '../views/election-views.js';
import { flash, messagePage, render } from '../views/layout.js';

const field = (value: unknown) => (typeof value === 'string' ? value.trim().replace(/[ \t]+/g, ' ') : '');
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** "1: Budi Santoso, Rina Wulandari" (or without the number; names also split by " - ", "–", "&"). */
export function parseCandidateLines(text: string): ElectionPeriodInput['candidates'] {
  return lines(text).map((line) => {
    const numbered = /^(\d{1,2})\s*[:.)]\s*(.*)$/u.exec(line);
    const names = (numbered ? numbered[2]! : line)
      .split(/\s*(?:,|&|\s[-–—]\s|–|—|\bdan\b)\s*/u)
      .map((n) => n.trim())
      .filter(Boolean);
    return { ...(numbered ? { number: Number(numbered[1]) } : {}), names };
  });
}

function toInput(v: ElectionFormValues): ElectionPeriodInput {
  return {
    name: v.name,
    scope: v.unit || '*',
    startDate: v.startDate,
    endDate: v.endDate,
    campaignStart: v.campaignStart,
    campaignEnd: v.campaignEnd,
    votingDate: v.votingDate,
    candidatesSetOn: v.candidatesSetOn,
    region: v.region || undefined,
    candidates: parseCandidateLines(v.candidates),
    parties: lines(v.parties),
    slogans: lines(v.slogans),
    hashtags: lines(v.hashtags),
    reminder: v.reminder,
  };
}

/** Election periods ("Masa pemilu"): HR adds, edits and removes them; the page also shows the draft-check counts. */
export const electionRoutes: AdminRouteModule = {
  menu: { label: 'Masa pemilu', path: '/masa-pemilu' },
  routes: (deps: AdminDeps) => {
    const app = new Hono<AdminEnv>();
    const { db } = deps;
    const today = () => localDateOf(deps.now(), officeZone);

    const page = async (
      c: Context<AdminEnv>,
      form: { values: ElectionFormValues; errors: string[]; editing?: number } = { values: emptyElectionForm, errors: [] },
    ) =>
      render(
        c,
        {
          title: 'Masa pemilu',
          body: electionListBody({
            admin: c.get('admin'),
            csrfToken: c.get('csrfToken'),
            today: today(),
            periods: await listElectionPeriods(db),
            stats: await listPostCheckStats(db, addDays(today(), -62)),
            ...form,
          }),
        },
        form.errors.length ? 422 : 200,
      );

    app.get('/masa-pemilu', async (c) => {
      const edit = c.req.query('ubah');
      const period = edit && /^\d{1,9}$/.test(edit) ? await findElectionPeriod(db, Number(edit)) : undefined;
      if (period) return page(c, { values: electionFormValues(period), errors: [], editing: period.id });
      return page(c);
    });

    const save = async (c: Context<AdminEnv>, id?: number) => {
      const body = await c.req.parseBody();
      const values: ElectionFormValues = {
        name: field(body.nama),
        unit: field(body.unit),
        startDate: field(body.mulai),
        endDate: field(body.selesai),
        campaignStart: field(body.kampanye_mulai),
        campaignEnd: field(body.kampanye_selesai),
        votingDate: field(body.pemungutan),
        candidatesSetOn: field(body.penetapan),
        region: field(body.wilayah),
        candidates: typeof body.calon === 'string' ? body.calon : '',
        parties: typeof body.partai === 'string' ? body.partai : '',
        slogans: typeof body.slogan === 'string' ? body.slogan : '',
        hashtags: typeof body.tagar === 'string' ? body.tagar : '',
        reminder: body.pengingat === 'ya',
      };
      try {
        const saved = await saveElectionPeriod(db, toInput(values), id);
        await recordAudit(
          db,
          {
            actor: c.get('admin'),
            action: id === undefined ? 'election_period.add' : 'election_period.update',
            target: `election_period:${saved.id}`,
            detail: {
              name: saved.name,
              scope: saved.scope,
              startDate: saved.startDate,
              endDate: saved.endDate,
              reminder: saved.reminder,
            },
          },
          deps.now(),
        );
        flash(c, `Masa pemilu disimpan: ${saved.name} (${saved.startDate} s.d. ${saved.endDate}).`);
        return c.redirect('/admin/masa-pemilu', 303);
      } catch (error) {
        if (error instanceof AppError && ['bad_election_period', 'unknown_unit'].includes(error.code))
          return page(c, { values, errors: [error.userMessage], editing: id });
        if (error instanceof AppError && error.code === 'not_found')
          return messagePage(c, 404, 'Masa pemilu tidak ditemukan', error.userMessage);
        throw error;
      }
    };

    app.post('/masa-pemilu', requireHr, (c) => save(c));
    app.post('/masa-pemilu/:id{[0-9]{1,9}}', requireHr, (c) => save(c, Number(c.req.param('id'))));

    app.post('/masa-pemilu/:id{[0-9]{1,9}}/hapus', requireHr, async (c) => {
      const id = Number(c.req.param('id'));
      const period = await findElectionPeriod(db, id);
      if (!period)
        return messagePage(c, 404, 'Masa pemilu tidak ditemukan', 'Masa pemilu ini tidak ada (mungkin sudah dihapus).');
      await removeElectionPeriod(db, id);
      await recordAudit(
        db,
        {
          actor: c.get('admin'),
          action: 'election_period.delete',
          target: `election_period:${id}`,
          detail: { name: period.name },
        },
        deps.now(),
      );
      flash(c, `Masa pemilu ${period.name} dihapus; pengingat netralitasnya berhenti.`);
      return c.redirect('/admin/masa-pemilu', 303);
    });
    return app;
  },
};
