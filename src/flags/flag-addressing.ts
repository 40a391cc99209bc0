import type { Tx } from '../outbox/notifications.js';

/**
 * Who a flag is addressed to at `level`: 0 is the direct supervisor of `baseEmployeeId`, 1 the
 * supervisor's supervisor, and so on. Null when the chain ends before that level: the flag then
 * goes to HR. A cycle in the org chart (a data error) also ends the chain rather than looping.
 */
export async function addresseeAt(tx: Tx, baseEmployeeId: number, level: number): Promise<number | null> {
  const chain = await supervisorChain(tx, baseEmployeeId);
  return chain[level] ?? null;
}

/** The supervisors above an employee, nearest first, ending at the top or at a cycle. */
export async function supervisorChain(tx: Tx, employeeId: number): Promise<number[]> {
  const rows = await tx.$queryRawUnsafe<{ id: number }[]>(
    `WITH RECURSIVE chain(id, depth, path) AS (
       SELECT e.supervisor_id, 1, ARRAY[e.id] FROM employee e WHERE e.id = $1 AND e.supervisor_id IS NOT NULL
       UNION ALL
       SELECT e.supervisor_id, c.depth + 1, c.path || e.id FROM chain c JOIN employee e ON e.id = c.id
       WHERE e.supervisor_id IS NOT NULL AND NOT e.id = ANY(c.path) AND c.depth < 50)
     SELECT id FROM chain WHERE NOT id = ANY(path) ORDER BY depth`,
    employeeId,
  );
  return rows.map((r) => r.id);
}

/** The employee whose chain a flag climbs: the subject, or for a report its reporter. */
export async function routingBaseOf(
  tx: Tx,
  flag: { employeeId: number | null; reportId: number | null },
): Promise<number | null> {
  if (flag.employeeId !== null) return flag.employeeId;
  if (flag.reportId === null) return null;
  const report = await tx.report.findUnique({ where: { id: flag.reportId }, select: { reporterId: true, recipient: true } });
  // A report addressed to HR goes to HR directly: there is no chain to climb.
  return report && report.recipient === 'atasan' ? report.reporterId : null;
}
