/** One passage an answer rests on, as every channel shows it. */
export interface Citation {
  /** The ingested file's name, e.g. `pp-94-2021-disiplin-pns.md`. */
  source: string;
  title: string;
  /** The article, e.g. `Pasal 9 ayat (2)`. */
  section: string;
  snippet: string;
  /** Short name of the regulation, e.g. `PP 94/2021`, when known. */
  regulation?: string;
}

export type AnswerReason = 'answered' | 'not_found' | 'empty' | 'too_long' | 'no_words' | 'injection';

/** Refusals decided before any search: the question was unusable, the knowledge base was not asked. */
export const refusedBeforeSearch = ['empty', 'too_long', 'no_words', 'injection'] as const satisfies readonly AnswerReason[];
export type RefusalBeforeSearch = (typeof refusedBeforeSearch)[number];

export interface Answer {
  answer: string;
  grounded: boolean;
  citations: Citation[];
  mode: 'llm' | 'extractive' | 'refusal';
  reason: AnswerReason;
  /** The question log entry, for rating the answer later. */
  logId?: number;
}

/** `PP 94/2021 Pasal 9`: how a citation is named in replies. */
export function citationLabel(c: Pick<Citation, 'regulation' | 'title' | 'section'>): string {
  return `${c.regulation ?? c.title} ${c.section}`;
}
