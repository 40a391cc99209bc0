import type { Database } from '../db/database.js';

/**
 * An employee's unit code, then its ancestors' codes, nearest first: the scopes a Pilkada period
 * may be entered for, and the unit a check is counted under. Empty for an employee without a unit.
 * A cycle in the tree (a data error) ends the chain instead of looping.
 */
export async function employeeUnitScopes(db: Database, employeeId: number): Promise<string[]> {
  const rows = await db.prisma.$queryRawUnsafe<{ code: string }[]>(
    `WITH RECURSIVE chain(id, code, parent_id, depth, path) AS (
       SELECT u.id, u.code, u.parent_id, 0, ARRAY[u.id]
       FROM employee e JOIN org_unit u ON u.id = e.unit_id WHERE e.id = $1
       UNION ALL
       SELECT p.id, p.code, p.parent_id, c.depth + 1, c.path || p.id
       FROM chain c JOIN org_unit p ON p.id = c.parent_id WHERE NOT p.id = ANY(c.path) AND c.depth < 50
     ) SELECT code FROM chain ORDER BY depth`,
    employeeId,
  );
  return rows.map((r) => r.code);
}
