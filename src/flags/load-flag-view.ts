import type { Database } from '../db/database.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { FlagSeverity } from './flag-rules.js';
import type { FlagEventView, FlagKind, FlagStatus, FlagView, PersonRef } from './flag-view.js';

const personSelect = { id: true, nip: true, name: true, position: true, unit: { select: { name: true } } } as const;
const include = {
  employee: { select: personSelect },
  assignee: { select: personSelect },
  report: { include: { reporter: { select: personSelect } } },
  events: { orderBy: [{ at: 'asc' as const }, { id: 'asc' as const }] },
} satisfies Prisma.FlagInclude;

/** One flag as every channel shows it. The reporter of a report is left out unless they agreed to be named. */
export async function loadFlagView(db: Database, flagId: number): Promise<FlagView | null> {
  const [view] = await loadFlagViews(db, { id: flagId });
  return view ?? null;
}

export async function loadFlagViews(
  db: Database,
  where: { id?: number; assigneeId?: number | null; status?: { in: FlagStatus[] }; employeeId?: { in: number[] } },
  options: { take?: number } = {},
): Promise<FlagView[]> {
  const rows = await db.prisma.flag.findMany({ where, include, orderBy: { raisedAt: 'asc' }, take: options.take });
  const slackActors = [...new Set(rows.flatMap((r) => r.events.map((e) => e.actor)).filter((a) => a.startsWith('slack:')))];
  const actorNames = new Map(
    (
      await db.prisma.employee.findMany({
        where: { slackUserId: { in: slackActors.map((a) => a.slice('slack:'.length)) } },
        select: { name: true, slackUserId: true },
      })
    ).map((e) => [`slack:${e.slackUserId}`, e.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as FlagKind,
    period: r.period,
    title: r.title,
    severity: r.severity as FlagSeverity,
    status: r.status as FlagStatus,
    level: r.level,
    article: r.article,
    evidence: (r.evidence ?? {}) as Record<string, unknown>,
    employee: r.employee ? person(r.employee) : null,
    assignee: r.assignee ? person(r.assignee) : null,
    raisedAt: r.raisedAt,
    updatedAt: r.updatedAt,
    acknowledgedAt: r.acknowledgedAt,
    resolvedAt: r.resolvedAt,
    resolution: r.resolution,
    report: r.report
      ? {
          id: r.report.id,
          category: r.report.category,
          subject: r.report.subject,
          description: r.report.description,
          reporter: r.report.revealReporter ? person(r.report.reporter) : null,
        }
      : null,
    events: r.events.map((e): FlagEventView => ({
      at: e.at,
      actor: e.actor,
      actorName: actorNames.get(e.actor) ?? null,
      action: e.action as FlagEventView['action'],
      detail: (e.detail ?? {}) as Record<string, unknown>,
    })),
  }));
}

function person(p: { id: number; nip: string; name: string; position: string | null; unit: { name: string } | null }): PersonRef {
  return { id: p.id, nip: p.nip, name: p.name, position: p.position, unitName: p.unit?.name ?? null };
}
