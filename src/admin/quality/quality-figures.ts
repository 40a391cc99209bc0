import { refusedBeforeSearch, type RefusalBeforeSearch } from '../../answering/answer-types.js';
import type { Database } from '../../db/database.js';

export interface DayFigures {
  /** YYYY-MM-DD in WIB. */
  date: string;
  questions: number;
  cited: number;
}

export interface QualityFigures {
  days: DayFigures[];
  total: number;
  cited: number;
  thumbsUp: number;
  thumbsDown: number;
  unrated: number;
  /** Refused before any search, by reason. */
  refused: Partial<Record<RefusalBeforeSearch, number>>;
  topics: { topic: string; questions: number }[];
}

const wibOffsetMs = 7 * 3_600_000;
/** The WIB calendar date of an instant (WIB has no daylight saving: always UTC+7). */
export const wibDate = (d: Date) => new Date(d.getTime() + wibOffsetMs).toISOString().slice(0, 10);

/** The last `days` WIB dates up to `now`'s, oldest first. Pure. */
export function lastDays(now: Date, days: number): string[] {
  return Array.from({ length: days }, (_, i) => wibDate(new Date(now.getTime() - (days - 1 - i) * 86_400_000)));
}

/**
 * The review page's figures over the last `days` days of employees' questions: questions per
 * day, how many were answered with citations, ratings, and the topics of the cited documents.
 */
export async function loadQualityFigures(db: Database, now: Date, days = 14): Promise<QualityFigures> {
  const dates = lastDays(now, days);
  const since = new Date(`${dates[0]}T00:00:00+07:00`);
  const perDay = await db.prisma.$queryRawUnsafe<
    { day: string; reason: string | null; questions: number; cited: number; up: number; down: number; rated: number }[]
  >(
    `SELECT to_char((created_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD') AS day,
            reason,
            count(*)::int AS questions,
            count(*) FILTER (WHERE grounded AND jsonb_array_length(citations) > 0)::int AS cited,
            count(*) FILTER (WHERE rating > 0)::int AS up,
            count(*) FILTER (WHERE rating < 0)::int AS down,
            count(rating)::int AS rated
     FROM question_log
     WHERE created_at >= $1 AND channel <> 'admin'
     GROUP BY 1, 2`,
    since,
  );
  const byDay = new Map<string, { questions: number; cited: number }>();
  const refused: QualityFigures['refused'] = {};
  const isRefusal = (reason: string | null): reason is RefusalBeforeSearch =>
    (refusedBeforeSearch as readonly (string | null)[]).includes(reason);
  for (const r of perDay) {
    const day = byDay.get(r.day) ?? { questions: 0, cited: 0 };
    byDay.set(r.day, { questions: day.questions + r.questions, cited: day.cited + r.cited });
    if (isRefusal(r.reason)) refused[r.reason] = (refused[r.reason] ?? 0) + r.questions;
  }
  const sum = (f: (r: (typeof perDay)[number]) => number) => perDay.reduce((n, r) => n + f(r), 0);
  const sources = await db.prisma.$queryRawUnsafe<{ source: string; questions: number }[]>(
    `SELECT c->>'source' AS source, count(DISTINCT q.id)::int AS questions
     FROM question_log q, jsonb_array_elements(q.citations) c
     WHERE q.created_at >= $1 AND q.channel <> 'admin' AND q.grounded
     GROUP BY 1`,
    since,
  );
  const documents = await db.prisma.document.findMany({
    where: { source: { in: sources.map((s) => s.source) } },
    select: { source: true, topic: true, regulation: true, title: true },
  });
  const topicOf = new Map(documents.map((d) => [d.source, d.topic ?? d.regulation ?? d.title]));
  const topics = new Map<string, number>();
  for (const s of sources) {
    const topic = topicOf.get(s.source) ?? s.source;
    topics.set(topic, (topics.get(topic) ?? 0) + s.questions);
  }
  return {
    days: dates.map((date) => ({ date, questions: byDay.get(date)?.questions ?? 0, cited: byDay.get(date)?.cited ?? 0 })),
    total: sum((r) => r.questions),
    cited: sum((r) => r.cited),
    thumbsUp: sum((r) => r.up),
    thumbsDown: sum((r) => r.down),
    unrated: sum((r) => r.questions - r.rated),
    refused,
    topics: [...topics.entries()]
      .map(([topic, questions]) => ({ topic, questions }))
      .sort((a, b) => b.questions - a.questions || a.topic.localeCompare(b.topic))
      .slice(0, 6),
  };
}
