import { unitChildrenOf } from '../../people/unit-tree.js';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { actOnFlag, minResolutionChars, type ActionRefusal, type FlagAction } from '../../flags/flag-actions.js';
import { flagKindLabels, flagStatusLabels, type FlagKind, type FlagStatus } from '../../flags/flag-view.js';
import { loadFlagView } from '../../flags/load-flag-view.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { AdminDeps, AdminEnv, AdminRouteModule } from '../admin-env.js';
import { recordAudit } from '../audit-log.js';
import { requireHr } from '../auth/require-role.js';
import { flagDetailBody } from '../views/flag-detail-views.js';
import { flagListBody, type FlagFilters, type FlagRow, type UnitOption } from '../views/flag-views.js';
import { flash, messagePage, render } from '../views/layout.js';

const pageSize = 25;

/** A value the select offers, or nothing: a stale or hand-made link shows everything rather than failing. */
const oneOf = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .optional()
    .transform((v) => (values.includes(v as T) ? (v as T) : undefined));

const filterSchema = z.object({
  unit: z
    .string()
    .optional()
    .transform((v) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined)),
  jenis: oneOf(Object.keys(flagKindLabels) as FlagKind[]),
  status: oneOf([...(Object.keys(flagStatusLabels) as FlagStatus[]), 'unresolved'] as const),
  halaman: z
    .string()
    .optional()
    .transform((v) => (v && /^\d{1,6}$/.test(v) ? Math.max(1, Number(v)) : 1)),
});

const idOf = (raw: string | undefined) => (raw && /^\d{1,9}$/.test(raw) ? Number(raw) : undefined);

/** The units as an indented tree (parents before their sub-units), and each unit's subtree. */
async function loadUnits(deps: AdminDeps): Promise<{ options: UnitOption[]; subtree: (id: number) => number[] }> {
  const units = await deps.db.prisma.orgUnit.findMany({
    select: { id: true, name: true, parentId: true },
    orderBy: { name: 'asc' },
  });
  const children = unitChildrenOf(units);
  const options: UnitOption[] = [];
  const seen = new Set<number>();
  const walk = (parent: number | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      if (seen.has(u.id)) continue; // a cycle in imported data must not hang the page
      seen.add(u.id);
      options.push({ id: u.id, name: u.name, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  // Units caught in a cycle have no root: list them flat so they can still be chosen.
  for (const u of units) if (!seen.has(u.id)) options.push({ id: u.id, name: u.name, depth: 0 });
  const subtree = (id: number) => {
    const ids = new Set([id]);
    for (let queue = [id]; queue.length;) {
      for (const child of children.get(queue.shift()!) ?? [])
        if (!ids.has(child.id)) {
          ids.add(child.id);
          queue.push(child.id);
        }
    }
    return [...ids];
  };
  return { options, subtree };
}

const refusalMessages: Record<ActionRefusal, string> = {
  unknown_flag: 'Tanda ini tidak ada.',
  already_resolved: 'Tanda ini sudah diselesaikan; tidak ada yang diubah.',
  already_acknowledged: 'Tanda ini sudah ditindaklanjuti.',
  note_required: `Catatan penyelesaian wajib diisi, paling sedikit ${minResolutionChars} karakter. Tanda belum diselesaikan.`,
  top_of_chain: 'Tanda ini sudah di tim SDM, tingkat tertinggi; tidak dapat dieskalasi lagi.',
};

const actionDone: Record<FlagAction, string> = {
  acknowledge: 'Tanda ditindaklanjuti.',
  resolve: 'Tanda diselesaikan.',
  escalate: 'Tanda dieskalasi satu tingkat.',
};

/** Flags ("Tanda"): the list with filters, one flag with its evidence and trail, and HR's actions. */
export const flagRoutes: AdminRouteModule = {
  menu: { label: 'Tanda', path: '/tanda' },
  routes: (deps) => {
    const app = new Hono<AdminEnv>();
    const { db } = deps;

    app.get('/tanda', async (c) => {
      const q = filterSchema.parse(c.req.query());
      const filters: FlagFilters = { unit: q.unit, kind: q.jenis, status: q.status, page: q.halaman };
      const units = await loadUnits(deps);
      const where: Prisma.FlagWhereInput = {
        ...(filters.kind ? { kind: filters.kind } : {}),
        ...(filters.status === 'unresolved' ? { status: { not: 'resolved' } } : filters.status ? { status: filters.status } : {}),
        // A report is about free text, not a recorded employee: it belongs to no unit.
        ...(filters.unit !== undefined ? { employee: { unitId: { in: units.subtree(filters.unit) } } } : {}),
      };
      const [total, flags] = await Promise.all([
        db.prisma.flag.count({ where }),
        db.prisma.flag.findMany({
          where,
          orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }],
          skip: (filters.page - 1) * pageSize,
          take: pageSize,
          select: {
            id: true,
            kind: true,
            status: true,
            level: true,
            raisedAt: true,
            // Never the report or its reporter: the list names only who a flag is about and who must act.
            employee: { select: { name: true, nip: true, unit: { select: { name: true } } } },
            assignee: { select: { name: true } },
          },
        }),
      ]);
      const rows: FlagRow[] = flags.map((f) => ({
        id: f.id,
        kind: f.kind as FlagKind,
        status: f.status as FlagStatus,
        level: f.level,
        raisedAt: f.raisedAt,
        employeeName: f.employee?.name ?? null,
        employeeNip: f.employee?.nip ?? null,
        unitName: f.employee?.unit?.name ?? null,
        assigneeName: f.assignee?.name ?? null,
      }));
      return render(c, { title: 'Tanda', body: flagListBody({ filters, units: units.options, rows, total, pageSize }) });
    });

    /** The detail page; after a refused resolve, again with the message and the note as typed. */
    const showFlag = async (c: Context<AdminEnv>, extra: { note?: string; error?: string } = {}, status: 200 | 422 = 200) => {
      const id = idOf(c.req.param('id'));
      const flag = id === undefined ? null : await loadFlagView(db, id);
      if (!flag) return messagePage(c, 404, 'Tanda tidak ditemukan', 'Tanda ini tidak ada.');
      const adminIds = flag.events.flatMap((e) => (/^admin:\d+$/.test(e.actor) ? [Number(e.actor.slice(6))] : []));
      const employeeIds = flag.events.flatMap((e) =>
        [e.detail.assigneeId, e.detail.toAssigneeId].filter((x): x is number => typeof x === 'number'),
      );
      const [admins, employees] = await Promise.all([
        adminIds.length
          ? db.prisma.adminUser.findMany({ where: { id: { in: adminIds } }, select: { id: true, email: true } })
          : [],
        employeeIds.length
          ? db.prisma.employee.findMany({ where: { id: { in: employeeIds } }, select: { id: true, name: true } })
          : [],
      ]);
      const names = {
        admins: new Map(admins.map((a) => [a.id, a.email])),
        employees: new Map(employees.map((e) => [e.id, e.name])),
      };
      return render(
        c,
        {
          title: `Tanda #${flag.id}`,
          body: flagDetailBody(flag, { admin: c.get('admin'), csrfToken: c.get('csrfToken'), names, ...extra }),
        },
        status,
      );
    };

    app.get('/tanda/:id', (c) => showFlag(c));

    const act = (action: FlagAction, path: string) =>
      app.post(`/tanda/:id/${path}`, requireHr, async (c) => {
        const id = idOf(c.req.param('id'));
        if (id === undefined) return messagePage(c, 404, 'Tanda tidak ditemukan', 'Tanda ini tidak ada.');
        const body = await c.req.parseBody();
        const note = action === 'resolve' && typeof body.catatan === 'string' ? body.catatan : undefined;
        const admin = c.get('admin');
        const result = await actOnFlag(db, { flagId: id, action, actor: `admin:${admin.id}`, note, now: deps.now() });
        if (!result.ok) {
          if (result.reason === 'unknown_flag') return messagePage(c, 404, 'Tanda tidak ditemukan', 'Tanda ini tidak ada.');
          if (result.reason === 'note_required') return showFlag(c, { note, error: refusalMessages.note_required }, 422);
          flash(c, refusalMessages[result.reason], 'warn');
          return c.redirect(`/admin/tanda/${id}`, 303);
        }
        // The note stays in the flag's own trail: the audit log keeps no personal data.
        await recordAudit(
          db,
          {
            actor: admin,
            action: `flag.${action}`,
            target: `flag:${id}`,
            detail: { status: result.status, level: result.level },
          },
          deps.now(),
        );
        flash(c, actionDone[action]);
        return c.redirect(`/admin/tanda/${id}`, 303);
      });
    act('acknowledge', 'tindak-lanjut');
    act('resolve', 'selesaikan');
    act('escalate', 'eskalasi');
    return app;
  },
};
