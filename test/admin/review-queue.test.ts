import { describe, expect, it } from 'vitest';
import { lastDays, wibDate } from '../../src/admin/quality/quality-figures.js';
import { groupReviewRows, type ReviewRow } from '../../src/admin/quality/review-queue.js';

const row = (id: number, at: string, normalized: string, extra: Partial<ReviewRow> = {}): ReviewRow => ({
  id,
  createdAt: new Date(at),
  question: normalized,
  normalized,
  grounded: false,
  rating: null,
  answer: 'Maaf, belum memuat jawaban.',
  citations: [],
  ...extra,
});

describe('quality review grouping', () => {
  it('groups the same normalised question, newest group first, counting why each needs a look', () => {
    const groups = groupReviewRows([
      row(1, '2026-11-20T01:00:00Z', 'tarif parkir', { question: 'tarif parkir?' }),
      row(2, '2026-11-22T01:00:00Z', 'cuti sakit', {
        grounded: true,
        rating: -1,
        citations: [{ source: 'pp-11-2017-cuti-pns.md', section: 'Pasal 319' }],
      }),
      row(3, '2026-11-23T01:00:00Z', 'tarif parkir', { question: 'TARIF PARKIR' }),
    ]);
    expect(groups.map((g) => g.key)).toEqual(['tarif parkir', 'cuti sakit']);
    expect(groups[0]).toMatchObject({ question: 'TARIF PARKIR', ids: [3, 1], count: 2, unanswered: 2, thumbsDown: 0 });
    expect(groups[1]).toMatchObject({
      thumbsDown: 1,
      unanswered: 0,
      citedSources: [{ source: 'pp-11-2017-cuti-pns.md', section: 'Pasal 319' }],
    });
  });

  it('counts days in WIB (UTC+7)', () => {
    expect(wibDate(new Date('2026-11-23T17:30:00Z'))).toBe('2026-11-24');
    expect(lastDays(new Date('2026-11-24T02:00:00Z'), 3)).toEqual(['2026-11-22', '2026-11-23', '2026-11-24']);
  });
});
