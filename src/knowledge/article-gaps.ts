/**
 * Where the numbering of a regulation's articles (Pasal) breaks, read from the sections of its
 * split passages. A text extracted from a scanned PDF can lose an article's heading or body (PP
 * 94/2021's text loses Pasal 39); the passages then skip a number, and HR should see it before
 * publishing rather than when an answer cannot cite that article.
 */

export interface ArticleGaps {
  /** Numbers between 1 and the highest article found that no passage carries, as ranges. */
  missing: { from: number; to: number }[];
  /** Articles that come back after other articles (a repeated heading, a misread number). */
  duplicated: number[];
  /** Articles first met after a higher number. */
  outOfOrder: { article: number; after: number }[];
}

// `Pasal 9 ayat (2)` is Pasal 9; `Pasal 5A` (inserted by an amendment) and `Pasal I` (the articles
// of an amending regulation) are not in the 1..n sequence; `Penjelasan Pasal 9` explains an article
// and is none, so an elucidation cannot hide a lost article.
const articlePattern = /^Pasal\s+(\d+)(?![0-9A-Za-z])/;

/** Finds the gaps, repeats and disorder in the article numbers of a document's passage sections. */
export function findArticleGaps(sections: readonly string[]): ArticleGaps {
  // A long article is split into several passages in a row: one run is one article.
  const runs: number[] = [];
  for (const section of sections) {
    const m = articlePattern.exec(section.trim());
    if (!m) continue;
    const n = Number(m[1]);
    if (runs.at(-1) !== n) runs.push(n);
  }
  const seen = new Set<number>();
  const duplicated = new Set<number>();
  const outOfOrder: ArticleGaps['outOfOrder'] = [];
  let highest = 0;
  for (const n of runs) {
    if (seen.has(n)) duplicated.add(n);
    else if (n < highest) outOfOrder.push({ article: n, after: highest });
    seen.add(n);
    highest = Math.max(highest, n);
  }
  const missing: ArticleGaps['missing'] = [];
  for (let n = 1; n <= highest; n++) {
    if (seen.has(n)) continue;
    const last = missing.at(-1);
    if (last && last.to === n - 1) last.to = n;
    else missing.push({ from: n, to: n });
  }
  return { missing, duplicated: [...duplicated].sort((a, b) => a - b), outOfOrder };
}

/** One line per problem, in Indonesian, for the upload preview; empty when the numbering is whole. */
export function describeArticleGaps(gaps: ArticleGaps): string[] {
  return [
    ...gaps.missing.map((r) => (r.from === r.to ? `Pasal ${r.from} tidak ditemukan` : `Pasal ${r.from}–${r.to} tidak ditemukan`)),
    ...gaps.duplicated.map((n) => `Pasal ${n} muncul lebih dari sekali`),
    ...gaps.outOfOrder.map((o) => `Pasal ${o.article} tidak berurutan (muncul setelah Pasal ${o.after})`),
  ];
}
