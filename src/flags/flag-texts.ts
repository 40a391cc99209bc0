import type { FlagCandidate } from './flag-rules.js';

/**
 * What the employee is told on Telegram when an automatic flag about them is raised: the same
 * facts the supervisor sees, why, and how to correct a record that is wrong. Plain text.
 */
export function employeeNoticeText(candidate: Pick<FlagCandidate, 'title' | 'article'>): string {
  const lines = [
    'Pemberitahuan dari Asisten ASN',
    '',
    `Atasan langsung Anda menerima tanda berikut tentang Anda: ${candidate.title}.`,
  ];
  if (candidate.article) lines.push(`Dasar: ${candidate.article}.`);
  lines.push(
    '',
    'Tanda ini berasal dari catatan di sistem, bukan keputusan hukuman. Bila ada keterangan yang belum tercatat ' +
      '(cuti, izin, sakit, dinas luar, atau catatan kinerja yang lupa diisi), sampaikan kepada atasan atau bagian kepegawaian. ' +
      'Catatan kinerja dapat diisi dengan /kinerja.',
  );
  return lines.join('\n');
}
