// The org chart for the admin UI: units as a tree, and in each unit the supervisors (employees
// with subordinates) with their Slack mapping. Not every employee: with 100,000 of them only
// the units (hundreds) and supervisors (about one in seven) make a readable page.
import type { Database } from '../db/database.js';
import { unitChildrenOf } from './unit-tree.js';

export interface ChartSupervisor {
  id: number;
  nip: string;
  name: string;
  position: string | null;
  email: string | null;
  slackUserId: string | null;
  subordinates: number;
}

export interface ChartUnit {
  id: number;
  code: string;
  name: string;
  timeZone: string;
  employees: number;
  supervisors: ChartSupervisor[];
  children: ChartUnit[];
}

/**
 * The units as a forest (roots first, by code), each with its employee count and supervisors.
 * With `rootCode`, only that unit and what is under it; undefined when the code is unknown.
 */
export async function loadOrgChart(db: Database, rootCode?: string): Promise<ChartUnit[] | undefined> {
  const [units, counts, supervisors] = await Promise.all([
    db.prisma.orgUnit.findMany({ orderBy: { code: 'asc' } }),
    db.prisma.$queryRaw<{ unitId: number | null; employees: number }[]>`
      SELECT unit_id AS "unitId", count(*)::int AS employees FROM employee GROUP BY unit_id`,
    db.prisma.$queryRaw<(ChartSupervisor & { unitId: number | null })[]>`
      SELECT s.id, s.nip, s.name, s.position, s.email, s.slack_user_id AS "slackUserId", s.unit_id AS "unitId",
             count(*)::int AS subordinates
      FROM employee e JOIN employee s ON s.id = e.supervisor_id
      GROUP BY s.id ORDER BY s.name, s.id`,
  ]);
  const countOf = new Map(counts.map((c) => [c.unitId, c.employees]));
  const byId = new Map<number, ChartUnit>(
    units.map((u) => [
      u.id,
      {
        id: u.id,
        code: u.code,
        name: u.name,
        timeZone: u.timeZone,
        employees: countOf.get(u.id) ?? 0,
        supervisors: [],
        children: [],
      },
    ]),
  );
  for (const { unitId, ...s } of supervisors) if (unitId !== null) byId.get(unitId)?.supervisors.push(s);
  // A parent chain that loops (the import refuses it, but data can come from elsewhere) is cut.
  const children = unitChildrenOf(units);
  for (const [parentId, subUnits] of children)
    if (parentId !== null) byId.get(parentId)!.children.push(...subUnits.map((u) => byId.get(u.id)!));
  const roots = (children.get(null) ?? []).map((u) => byId.get(u.id)!);
  if (rootCode === undefined) return roots;
  const root = units.find((u) => u.code === rootCode);
  return root ? [byId.get(root.id)!] : undefined;
}
