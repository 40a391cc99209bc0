// A draft check in words, once for every channel: Telegram renders it as HTML, Slack as mrkdwn,
// the CLI as plain text. Each channel passes its own escaping and emphasis.

import type { DraftCheck } from './check-draft-post.js';
import type { PostRule, Verdict } from './post-rules.js';

export const verdictLabels: Record<Verdict, string> = {
  aman: '✅ AMAN',
  'hati-hati': '⚠️ HATI-HATI',
  melanggar: '⛔ MELANGGAR',
};

const verdictLines: Record<Verdict, string> = {
  aman: 'Tidak ditemukan pelanggaran.',
  'hati-hati': 'Bisa dibaca sebagai pelanggaran: ubah atau pertimbangkan lagi sebelum mengunggah.',
  melanggar: 'Jangan diunggah seperti ini: isinya melanggar aturan bagi ASN.',
};

/** `PP 94/2021 Pasal 5 huruf n`: how a rule is named in replies. */
export const ruleLabel = (r: Pick<PostRule, 'regulation' | 'section'>) => `${r.regulation} ${r.section}`;

export interface Markup {
  escape(text: string): string;
  bold(text: string): string;
  italic(text: string): string;
}

export const plainMarkup: Markup = { escape: (t) => t, bold: (t) => t, italic: (t) => t };

/**
 * The reply to a draft check: verdict, why (the post's own words quoted), the rules, what to
 * change, a safer version when the language model wrote one, and that nothing was stored.
 */
export function describeDraftCheck(check: DraftCheck, m: Markup = plainMarkup): string {
  const lines = [`${m.bold(verdictLabels[check.verdict])} — ${m.escape(verdictLines[check.verdict])}`];
  if (check.reasons.length > 0) {
    lines.push('', m.bold('Alasan'));
    for (const r of check.reasons) lines.push(`• ${m.escape(r)}`);
  }
  if (check.rules.length > 0) {
    lines.push('', m.bold('Dasar'));
    for (const r of check.rules) lines.push(`• ${m.escape(ruleLabel(r))}`);
  }
  lines.push('', m.bold(check.verdict === 'aman' ? 'Catatan' : 'Saran'), m.escape(check.advice));
  if (check.rewrite) lines.push('', m.bold('Contoh versi yang lebih aman'), m.italic(m.escape(check.rewrite)));
  if (check.periods.length > 0) lines.push('', m.escape(`Masa pemilu yang diperhitungkan: ${check.periods.join('; ')}.`));
  lines.push('', m.escape('Draf ini hanya diperiksa untuk Anda: teksnya tidak disimpan dan tidak dilihat atasan atau tim SDM.'));
  return lines.join('\n');
}
