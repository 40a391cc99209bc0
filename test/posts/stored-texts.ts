import type { Database } from '../../src/db/database.js';

/**
 * Which of the needles are stored in any column of any table (every row as JSON text, so JSON,
 * arrays and bytea hex are searched too). Returns "table: needle" for each find.
 */
export async function textsStoredAnywhere(db: Database, needles: readonly string[]): Promise<string[]> {
  const tables = await db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  const found: string[] = [];
  for (const { table_name } of tables) {
    for (const needle of needles) {
      const rows = await db.prisma.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT count(*) AS n FROM "${table_name}" t WHERE position(lower($1) IN lower(row_to_json(t)::text)) > 0`,
        needle,
      );
      if (Number(rows[0]!.n) > 0) found.push(`${table_name}: ${needle}`);
    }
  }
  return found;
}
