// The employee list of the admin UI. A province has 100,000 employees: one page at a time
// (LIMIT/OFFSET), and a WHERE the indexes can serve where the query allows it.
import type { Database } from '../db/database.js';
import { Prisma } from '../generated/prisma/client.js';

export const peoplePageSize = 50;

export interface PersonListRow {
  id: number;
  nip: string;
  name: string;
  position: string | null;
  active: boolean;
  email: string | null;
  slackUserId: string | null;
  /** The employee's own zone, else the unit's (IANA). */
  timeZone: string | null;
  unitCode: string | null;
  unitName: string | null;
  supervisorName: string | null;
  supervisorNip: string | null;
  /** When the Telegram account was linked, or null. */
  linkedAt: Date | null;
}

/** `%` and `_` typed by HR are letters, not wildcards. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The WHERE of a search. Digits are a NIP or its beginning: all NIPs have 18 digits, so a prefix
 * is a range on the unique index (`nip BETWEEN 1980…0 AND 1980…9`), whatever the collation. Other
 * text matches the name or the unit: units are few, so they are found first and employees by
 * the unit_id index. (The name match reads the table; a trigram index would serve it.)
 */
function searchCondition(query: string): Prisma.Sql {
  const q = query.trim().replace(/\s+/g, ' ');
  if (q === '') return Prisma.sql`TRUE`;
  const digits = q.replace(/\s/g, '');
  if (/^\d{1,18}$/.test(digits)) {
    return Prisma.sql`e.nip BETWEEN ${digits.padEnd(18, '0')} AND ${digits.padEnd(18, '9')}`;
  }
  const like = `%${escapeLike(q)}%`;
  return Prisma.sql`(e.name ILIKE ${like}
    OR e.unit_id IN (SELECT id FROM org_unit WHERE lower(code) = lower(${q}) OR name ILIKE ${like}))`;
}

/**
 * One page (1-based) of employees matching `query` (name, NIP or its beginning, unit code or
 * name), by name. `hasNext` says whether another page follows, without counting every match.
 */
export async function searchPeople(
  db: Database,
  options: { query?: string; page?: number },
): Promise<{ rows: PersonListRow[]; hasNext: boolean }> {
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const rows = await db.prisma.$queryRaw<PersonListRow[]>`
    SELECT e.id, e.nip, e.name, e.position, e.active, e.email, e.slack_user_id AS "slackUserId",
           COALESCE(e.time_zone, u.time_zone) AS "timeZone", u.code AS "unitCode", u.name AS "unitName",
           s.name AS "supervisorName", s.nip AS "supervisorNip", t.linked_at AS "linkedAt"
    FROM employee e
    LEFT JOIN org_unit u ON u.id = e.unit_id
    LEFT JOIN employee s ON s.id = e.supervisor_id
    LEFT JOIN telegram_account t ON t.employee_id = e.id
    WHERE ${searchCondition(options.query ?? '')}
    ORDER BY e.name, e.id
    LIMIT ${peoplePageSize + 1} OFFSET ${(page - 1) * peoplePageSize}`;
  return { rows: rows.slice(0, peoplePageSize), hasNext: rows.length > peoplePageSize };
}
