import type { Database } from '../db/database.js';
import { raiseFlagIn } from './raise-flag.js';

export const reportCategoryLabels: Record<string, string> = {
  disiplin: 'Disiplin',
  netralitas: 'Netralitas',
  medsos: 'Netralitas / media sosial',
  pungli: 'Pungli / gratifikasi',
  lainnya: 'Lainnya',
};

export interface NewReport {
  reporterId: number;
  category: string;
  subject: string;
  description: string;
  recipient: 'atasan' | 'sdm';
  revealReporter: boolean;
  /** The reported post or page. */
  link?: string;
  /** Screenshots, stored with the report so that their delivery does not depend on Telegram. */
  evidence?: ReportEvidenceFile[];
}

export interface ReportEvidenceFile {
  telegramFileId: string;
  fileName: string;
  mimeType: string;
  content: Buffer;
}

/**
 * Stores an employee's report and raises its flag in one transaction: to the reporter's supervisor
 * (then up the chain) or straight to HR. The flag names no one: the reporter is shown only when
 * they agreed (see load-flag-view), and the reported person is never told.
 */
export async function recordReport(
  db: Database,
  report: NewReport,
  now: Date,
): Promise<{ reportId: number; flagId: number; screenshots: number }> {
  const { evidence = [], ...fields } = report;
  return db.prisma.$transaction(async (tx) => {
    const row = await tx.report.create({ data: { ...fields, createdAt: now } });
    for (const file of evidence)
      await tx.reportEvidence.create({
        data: { ...file, content: new Uint8Array(file.content), reportId: row.id, createdAt: now },
      });
    const category = reportCategoryLabels[report.category] ?? report.category;
    const { flagId } = await raiseFlagIn(
      tx,
      {
        candidate: {
          kind: 'report',
          period: `laporan:${row.id}`,
          title: `Laporan pegawai (${category}) tentang ${report.subject}`,
          evidence: {
            category: report.category,
            reportedAt: now.toISOString(),
            ...(report.link ? { link: report.link } : {}),
            ...(evidence.length > 0 ? { screenshots: evidence.length } : {}),
          },
          severity: 'info',
        },
        employeeId: null,
        reportId: row.id,
        routingBase: report.recipient === 'atasan' ? report.reporterId : null,
        tellEmployee: false,
      },
      now,
    );
    return { reportId: row.id, flagId, screenshots: evidence.length };
  });
}
