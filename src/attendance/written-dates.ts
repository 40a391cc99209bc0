// Dates as HR and employees write them: the ISO form of the date inputs and the CLI
// ("2026-11-24"), or the Indonesian order ("24-11-2026", "24/11/2026", "24.11.2026").
import { parseLocalDate } from '../calendar/local-time.js';

/** A written date as the local date 'YYYY-MM-DD', or undefined when it is not a real calendar date. */
export function parseWrittenDate(text: string): string | undefined {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  const [y, m, d] = iso ? [iso[1]!, iso[2]!, iso[3]!] : dmy ? [dmy[3]!, dmy[2]!, dmy[1]!] : [];
  if (y === undefined) return undefined;
  const date = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  try {
    parseLocalDate(date);
    return date;
  } catch {
    return undefined; // 2026-02-30 is no date, not 2 March
  }
}

/** Several written dates in one field: separated by commas, semicolons, spaces or new lines. */
export function splitDateList(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}
