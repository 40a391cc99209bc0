// `npm run bench -- flags`: the flag rules over 100,000 employees in PGlite (a fresh data directory
// on disk, removed afterwards), then escalation of the flags raised and the notification outbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../src/db/database.js';
import { escalateOverdueFlags } from '../src/flags/escalate-overdue.js';
import { evaluateFlags, type EvaluationSummary } from '../src/flags/evaluate-flags.js';
import { dispatchNotifications, type NotificationSender } from '../src/outbox/notifications.js';
import { printRow, time } from './measure.js';

const employees = 100_000;
const perUnit = 10_000;
const targetMs = 5_000;

// Thursday 26 Nov 2026, 09:00 WIB (10:00 WITA, 11:00 WIT): every zone judges Wednesday 25 Nov.
const now = new Date('2026-11-26T02:00:00Z');
// Two working days later: Monday 30 Nov, 09:00 WIB.
const escalationNow = new Date('2026-11-30T02:00:00Z');
// Linked to Telegram three weeks earlier: Thursday 5 Nov. KPI logs run from there to Wednesday.
const linkedAt = new Date(now.getTime() - 21 * 86_400_000);
const firstDay = '2026-11-05';
const lastDay = '2026-11-25';
// This ISO week up to the judged day: Monday 23 to Wednesday 25 Nov.
const weekStart = '2026-11-23';

const mib = () => `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Working days (Mon-Fri) between two dates, numbered from 0: `n` is the index of the day. */
const workingDays = (from: string, to: string) =>
  `SELECT d::date AS d, (row_number() OVER (ORDER BY d) - 1)::int AS n
   FROM generate_series('${from}'::date, '${to}'::date, interval '1 day') d WHERE extract(isodow FROM d) <= 5`;

/**
 * The organisation: a ministry (root unit) with ten offices of 10,000 employees over the three
 * zones. In each office, employee 1 of the block heads it, the next 100 are section heads under
 * the office head, and the rest are staff spread over the section heads; office heads report to
 * employee 1, who reports to nobody. Ids are the generate_series numbers: the database is fresh.
 */
async function addOrganisation(db: Database): Promise<void> {
  const sql = (text: string) => db.prisma.$executeRawUnsafe(text);
  await sql(`INSERT INTO org_unit (code, name, time_zone) VALUES ('KEMENTERIAN', 'Kementerian', 'Asia/Jakarta')`);
  await sql(
    `INSERT INTO org_unit (code, name, time_zone, parent_id)
     SELECT 'KANWIL-' || k, 'Kantor Wilayah ' || k,
            CASE WHEN k <= 4 THEN 'Asia/Jakarta' WHEN k <= 7 THEN 'Asia/Makassar' ELSE 'Asia/Jayapura' END,
            (SELECT id FROM org_unit WHERE code = 'KEMENTERIAN')
     FROM generate_series(1, ${employees / perUnit}) k`,
  );
  await sql(
    `INSERT INTO employee (nip, name, unit_id, position, updated_at)
     SELECT '1980' || lpad(i::text, 14, '0'), 'Pegawai ' || i, u.id,
            CASE WHEN (i - 1) % ${perUnit} = 0 THEN 'Kepala Kantor' WHEN (i - 1) % ${perUnit} <= 100 THEN 'Kepala Seksi' ELSE 'Pelaksana' END,
            now()
     FROM generate_series(1, ${employees}) i JOIN org_unit u ON u.code = 'KANWIL-' || (1 + (i - 1) / ${perUnit})
     ORDER BY i`,
  );
  await sql(
    `UPDATE employee SET supervisor_id = CASE
       WHEN (id - 1) % ${perUnit} = 0 THEN NULLIF(1, id)
       WHEN (id - 1) % ${perUnit} <= 100 THEN id - (id - 1) % ${perUnit}
       ELSE id - (id - 1) % ${perUnit} + 1 + ((id - 1) % ${perUnit} - 101) % 100 END`,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO telegram_account (telegram_user_id, employee_id, chat_id, linked_at)
     SELECT 1000000 + id, id, 1000000 + id, $1 FROM employee`,
    linkedAt,
  );
  // A few days off, so the calendar is not empty: cuti bersama for all, a regional day for one office.
  await sql(
    `INSERT INTO holiday (date, name, kind, scope) VALUES
       ('2026-12-24', 'Cuti bersama Natal', 'cuti_bersama', '*'),
       ('2026-11-10', 'Hari jadi daerah', 'daerah', 'KANWIL-9')`,
  );
}

/**
 * KPI logs, one a working day since linking. About 3% (id % 33 = 7) stopped 4 to 10 working days
 * before the judged day; 5% missed a single day; 1% were on leave 16-18 Nov and logged nothing then.
 */
async function addKpiLogs(db: Database): Promise<void> {
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO leave (employee_id, start_date, end_date, kind, source)
     SELECT id, '2026-11-16', '2026-11-18', 'cuti', 'hr' FROM employee WHERE id % 100 = 42`,
  );
  await db.prisma.$executeRawUnsafe(
    `WITH days AS (${workingDays(firstDay, lastDay)})
     INSERT INTO kpi_log (employee_id, local_date, activity, skp_target, progress)
     SELECT e.id, days.d, 'Menyusun laporan kegiatan hari ke-' || days.n, 'SKP ' || (1 + e.id % 5), (days.n * 7) % 100
     FROM employee e CROSS JOIN days
     WHERE NOT (e.id % 33 = 7 AND days.n > 10 - e.id % 7)
       AND NOT (e.id % 20 = 3 AND days.n = e.id % 15)
       AND NOT (e.id % 100 = 42 AND days.d BETWEEN '2026-11-16' AND '2026-11-18')`,
  );
}

/**
 * This week's morning discipline reminders (Mon-Wed), all sent. 2% (id % 50 = 17) answered none,
 * 4% missed Monday's, 2.5% answered Tuesday's after the window; the rest answered in time.
 */
async function addDisciplineReminders(db: Database): Promise<void> {
  await db.prisma.$executeRawUnsafe(
    `WITH days AS (${workingDays(weekStart, lastDay)}),
          due AS (
            SELECT e.id AS employee_id, s.id AS schedule_id, days.d AS local_date, s.window_minutes,
                   (days.d + s.local_time::time) AT TIME ZONE COALESCE(e.time_zone, u.time_zone) AS due_at
            FROM employee e JOIN org_unit u ON u.id = e.unit_id CROSS JOIN days
            JOIN reminder_schedule s ON s.kind = 'disiplin' AND s.scope = '*')
     INSERT INTO reminder_outbox (employee_id, schedule_id, local_date, due_at, expires_at, status, attempts, sent_at, message_id)
     SELECT employee_id, schedule_id, local_date, due_at, due_at + make_interval(mins => window_minutes), 'sent', 1,
            due_at + interval '3 seconds', employee_id * 10
     FROM due ORDER BY local_date, employee_id`,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO reminder_reply (outbox_id, employee_id, local_date, answer, answered_at)
     SELECT o.id, o.employee_id, o.local_date, 'hadir',
            CASE WHEN o.employee_id % 40 = 9 AND o.local_date = '2026-11-24' THEN o.expires_at + interval '25 minutes'
                 ELSE o.due_at + make_interval(mins => 1 + o.employee_id % 45) END
     FROM reminder_outbox o
     WHERE NOT o.employee_id % 50 = 17 AND NOT (o.employee_id % 25 = 4 AND o.local_date = '2026-11-23')`,
  );
}

/** Unexcused absences for 0.5% (id % 200 = 11): 3 to 7 working days in September and October. */
async function addAbsences(db: Database): Promise<void> {
  await db.prisma.$executeRawUnsafe(
    `WITH days AS (${workingDays('2026-09-01', '2026-10-30')})
     INSERT INTO absence (employee_id, local_date, note, recorded_by)
     SELECT e.id, days.d, 'Tanpa keterangan', 'cli'
     FROM employee e CROSS JOIN days
     WHERE e.id % 200 = 11 AND days.n % 6 = e.id % 6 AND days.n < 6 * (3 + e.id % 5)`,
  );
}

/** The whole data set, step by step; returns the total milliseconds. */
async function addFlagData(db: Database, report: (step: string, ms: number) => void = () => {}): Promise<number> {
  const steps: [string, () => Promise<unknown>][] = [
    ['units, employees, supervisors, Telegram', () => addOrganisation(db)],
    ['KPI logs and leave', () => addKpiLogs(db)],
    ['discipline reminders and replies', () => addDisciplineReminders(db)],
    ['absences', () => addAbsences(db)],
    ['ANALYZE', () => db.prisma.$executeRawUnsafe('ANALYZE')],
  ];
  let total = 0;
  for (const [what, step] of steps) {
    // PGlite has no checkpointer process: without a CHECKPOINT after a bulk insert of a million
    // rows or so, the next large statement crawls (minutes instead of seconds).
    const ms = await time(async () => {
      await step();
      await db.prisma.$executeRawUnsafe('CHECKPOINT');
    });
    total += ms;
    report(what, ms);
  }
  return total;
}

async function count(db: Database, table: string, where = 'true'): Promise<number> {
  const rows = await db.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`);
  return Number(rows[0]!.n);
}

function printEvaluation(label: string, totalMs: number, s: EvaluationSummary, note: string): void {
  printRow(label, seconds(totalMs), note);
  printRow('  … reading + rules (evaluateMs)', `${s.evaluateMs.toFixed(0)} ms`, `${s.employees} employees`);
  printRow(
    '  … raising flags (writeMs)',
    `${s.writeMs.toFixed(0)} ms`,
    `${s.candidates} candidates: ${s.raised} raised, ${s.updated} updated, ${s.unchanged} unchanged`,
  );
}

export async function flagsBench(): Promise<void> {
  console.log('\n## Flags (PGlite on disk, 100k employees)');
  const dataDir = mkdtempSync(join(tmpdir(), 'asn-bench-flags-'));
  const db = await openDatabase({ dataDir });
  try {
    const setupMs = await addFlagData(db, (what, ms) => printRow(`  setup: ${what}`, seconds(ms)));
    const [kpi, outbox, replies, absences] = await Promise.all([
      count(db, 'kpi_log'),
      count(db, 'reminder_outbox'),
      count(db, 'reminder_reply'),
      count(db, 'absence'),
    ]);
    printRow(
      'setup (bulk SQL inserts + ANALYZE)',
      seconds(setupMs),
      `${employees} employees, ${kpi} KPI logs, ${outbox} reminders, ${replies} replies, ${absences} absences`,
    );

    const rssBefore = mib();
    let first!: EvaluationSummary;
    const firstMs = await time(async () => {
      first = await evaluateFlags(db, { now });
    });
    printEvaluation('first evaluateFlags (raises every flag)', firstMs, first, 'one transaction per flag');
    printRow('  memory (RSS) before / after', `${rssBefore} / ${mib()}`);

    let second!: EvaluationSummary;
    const secondMs = await time(async () => {
      second = await evaluateFlags(db, { now });
    });
    printEvaluation(
      'second evaluateFlags (same data, nothing to write)',
      secondMs,
      second,
      `target < ${targetMs / 1000} s: ${secondMs < targetMs ? 'met' : 'NOT met'}`,
    );
    printRow('  memory (RSS) after', mib());

    const open = await count(db, 'flag', `status = 'open'`);
    let escalated = 0;
    const escalateMs = await time(async () => {
      escalated = await escalateOverdueFlags(db, { now: escalationNow, workingHours: 8 });
    });
    printRow(
      'escalateOverdueFlags, 2 working days later',
      seconds(escalateMs),
      `${escalated} of ${open} open flags escalated, ${((escalated / escalateMs) * 1000).toFixed(0)}/s`,
    );

    const pending = await count(db, 'notification', `status = 'pending'`);
    const noop: NotificationSender = { send: async () => {} };
    let sent = 0;
    const dispatchMs = await time(async () => {
      for (;;) {
        const r = await dispatchNotifications(db, { slack: noop, telegram: noop }, { now: escalationNow, batchSize: 500 });
        sent += r.sent;
        if (r.sent + r.retried + r.failed === 0) break;
      }
    });
    printRow(
      'dispatchNotifications, no-op sender',
      `${((sent / dispatchMs) * 1000).toFixed(0)}/s`,
      `${sent} of ${pending} pending sent in ${seconds(dispatchMs)}; batches of 500`,
    );
    printRow('memory at the end (RSS)', mib());
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
