import type { Database } from '../db/database.js';

/**
 * For each unit, the scopes that apply to its employees: its own code, then its ancestors' codes,
 * nearest first (regional holidays and schedule overrides are inherited by sub-units). Computed
 * once per unit; a cycle in the tree (a data error) ends the chain instead of looping.
 */
export function unitScopesOf(
  units: readonly { id: number; code: string; parentId: number | null }[],
): (unitId: number | null) => string[] {
  const unitById = new Map(units.map((u) => [u.id, u]));
  const scopesOf = new Map<number, string[]>();
  return (unitId) => {
    if (unitId === null) return [];
    const known = scopesOf.get(unitId);
    if (known) return known;
    const scopes: string[] = [];
    const seen = new Set<number>();
    for (let u = unitById.get(unitId); u && !seen.has(u.id); u = u.parentId ? unitById.get(u.parentId) : undefined) {
      seen.add(u.id);
      scopes.push(u.code);
    }
    scopesOf.set(unitId, scopes);
    return scopes;
  };
}

/**
 * The org tree downwards: each unit's sub-units by parent id, roots under `null`. A unit whose
 * parent is unknown or itself (data from outside the import) is a root, so that it still shows.
 * Units caught in a longer cycle have no root; callers that list everything add them flat.
 */
export function unitChildrenOf<U extends { id: number; parentId: number | null }>(units: readonly U[]): Map<number | null, U[]> {
  const known = new Set(units.map((u) => u.id));
  const children = new Map<number | null, U[]>();
  for (const u of units) {
    const parent = u.parentId !== null && u.parentId !== u.id && known.has(u.parentId) ? u.parentId : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(u);
    else children.set(parent, [u]);
  }
  return children;
}

/** An employee's unit code, then its ancestors' codes, nearest first; empty without a unit. */
export async function loadEmployeeUnitScopes(db: Database, employeeId: number): Promise<string[]> {
  const [employee, units] = await Promise.all([
    db.prisma.employee.findUnique({ where: { id: employeeId }, select: { unitId: true } }),
    db.prisma.orgUnit.findMany({ select: { id: true, code: true, parentId: true } }),
  ]);
  return unitScopesOf(units)(employee?.unitId ?? null);
}
