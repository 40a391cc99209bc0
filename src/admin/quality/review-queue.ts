import type { Database } from '../../db/database.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { refusedBeforeSearch } from '../../answering/answer-types.js';

/**
 * Gaps: unanswered after a search (or logged before the reason was kept), and answers rated 👎.
 * Refusals before any search (too long, no words, an injection attempt) are not knowledge gaps,
 * and questions HR tried on the "Coba pertanyaan" page are not employees'.
 */
const reviewable = (extra: Prisma.QuestionLogWhereInput = {}): Prisma.QuestionLogWhereInput => ({
  handledAt: null,
  channel: { not: 'admin' },
  OR: [{ grounded: false, OR: [{ reason: null }, { reason: { notIn: [...refusedBeforeSearch] } }] }, { rating: { lt: 0 } }],
  ...extra,
});

export interface ReviewRow {
  id: number;
  createdAt: Date;
  question: string;
  normalized: string;
  grounded: boolean;
  rating: number | null;
  answer: string;
  citations: unknown;
}

/** Questions asked the same way (same normalised text), with why they need a look. */
export interface ReviewGroup {
  key: string;
  /** The newest wording. */
  question: string;
  ids: number[];
  count: number;
  unanswered: number;
  thumbsDown: number;
  lastAskedAt: Date;
  lastAnswer: string;
  /** The sources cited in the answers rated 👎: where to fix them. */
  citedSources: { source: string; section: string }[];
}

/** Groups review rows by their normalised question, newest group first. Pure. */
export function groupReviewRows(rows: ReviewRow[]): ReviewGroup[] {
  const groups = new Map<string, ReviewGroup>();
  const newestFirst = [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  for (const row of newestFirst) {
    const key = row.normalized.trim() || row.question.trim().toLowerCase();
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        question: row.question,
        ids: [],
        count: 0,
        unanswered: 0,
        thumbsDown: 0,
        lastAskedAt: row.createdAt,
        lastAnswer: row.answer,
        citedSources: [],
      };
      groups.set(key, group);
    }
    group.ids.push(row.id);
    group.count++;
    if (!row.grounded) group.unanswered++;
    if ((row.rating ?? 0) < 0) {
      group.thumbsDown++;
      for (const c of Array.isArray(row.citations) ? (row.citations as { source?: unknown; section?: unknown }[]) : []) {
        if (typeof c.source !== 'string') continue;
        const section = typeof c.section === 'string' ? c.section : '';
        if (!group.citedSources.some((s) => s.source === c.source && s.section === section)) {
          group.citedSources.push({ source: c.source, section });
        }
      }
    }
  }
  return [...groups.values()];
}

/** The open review queue: unanswered and 👎 questions not yet handled, grouped, newest first. */
export async function loadReviewQueue(db: Database, limit = 1_000): Promise<ReviewGroup[]> {
  const rows = await db.prisma.questionLog.findMany({
    where: reviewable(),
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: {
      id: true,
      createdAt: true,
      question: true,
      normalized: true,
      grounded: true,
      rating: true,
      answer: true,
      citations: true,
    },
  });
  return groupReviewRows(rows);
}

/** Marks the given questions handled (only those still open for review). Returns how many. */
export async function markHandled(db: Database, ids: number[], now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const { count } = await db.prisma.questionLog.updateMany({ where: reviewable({ id: { in: ids } }), data: { handledAt: now } });
  return count;
}
