/** What we know about a regulation: from front matter, the text itself, or the file name. */
export interface DocumentMeta {
  title?: string;
  /** Short name used in citations, e.g. `PP 94/2021`. */
  regulation?: string;
  year?: number;
  topic?: string;
  sourceUrl?: string;
  status?: 'berlaku' | 'dicabut';
  replacedBy?: string;
}

const kinds: [RegExp, string, string][] = [
  [/PERATURAN\s+PEMERINTAH\s+PENGGANTI/, 'Perppu', 'Peraturan Pemerintah Pengganti Undang-Undang'],
  [/UNDANG-\s?UNDANG/, 'UU', 'Undang-Undang'],
  [/PERATURAN\s+PEMERINTAH/, 'PP', 'Peraturan Pemerintah'],
  [/PERATURAN\s+PRESIDEN/, 'Perpres', 'Peraturan Presiden'],
  [/PERATURAN\s+MENTERI\s+PENDAYAGUNAAN/, 'PermenPANRB', 'Peraturan Menteri PANRB'],
  [/PERATURAN\s+BADAN\s+KEPEGAWAIAN/, 'Peraturan BKN', 'Peraturan Badan Kepegawaian Negara'],
];

const fixOcrYear = (s: string) => s.replace(/[OoIlL]/g, (c) => (c === 'O' || c === 'o' ? '0' : '1'));

/**
 * Reads the regulation's kind, number, year and subject from its opening words
 * ("PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 94 TAHUN 2021 TENTANG DISIPLIN ...").
 */
export function metadataFromText(text: string): DocumentMeta {
  const head = text.slice(0, 2_000).replace(/\s+/g, ' ');
  const m =
    /((?:[A-Z-]+\s+){1,5}?)REPUBLIK\s+INDONESIA\s+NOMOR\s+([0-9OIlL]+)\s+TAHUN\s+([0-9OIlL]{4})\s+TENTANG\s+((?:[A-Z0-9,/-]+(?:\s+|(?=[a-z])|$))+?)(?=\s*(?:DENGAN\s+RAHMAT|(?:PERATURAN|UNDANG-?\s?UNDANG|KEPUTUSAN)\b[A-Z\s-]{0,60}?REPUBLIK|Menimbang|[a-z]|$))/.exec(
      head,
    );
  if (!m) return {};
  const kind = kinds.find(([pattern]) => pattern.test(m[1]!));
  if (!kind) return {};
  const number = fixOcrYear(m[2]!);
  const year = Number(fixOcrYear(m[3]!));
  const subject = sentenceCase(m[4]!.trim());
  return {
    regulation: `${kind[1]} ${number}/${year}`,
    year,
    title: `${kind[2]} Nomor ${number} Tahun ${year} tentang ${subject}`,
  };
}

/** `pp-94-2021-disiplin-pns.pdf` -> PP 94/2021; `...-dicabut.txt` -> revoked. */
export function metadataFromFileName(fileName: string): DocumentMeta {
  const base = fileName.toLowerCase().replace(/\.[a-z0-9]+$/, '');
  const meta: DocumentMeta = {};
  if (/(^|[-_ ])dicabut([-_ ]|$)/.test(base)) meta.status = 'dicabut';
  const m = /^(uu|pp|perpres|permenpanrb|perban|se|skb)[-_ ]?(\d+)[-_ ](\d{4})/.exec(base);
  if (m) {
    const kind = {
      uu: 'UU',
      pp: 'PP',
      perpres: 'Perpres',
      permenpanrb: 'PermenPANRB',
      perban: 'Peraturan BKN',
      se: 'SE',
      skb: 'SKB',
    }[m[1]!]!;
    meta.regulation = `${kind} ${m[2]}/${m[3]}`;
    meta.year = Number(m[3]);
  }
  return meta;
}

function sentenceCase(s: string): string {
  const keepUpper = new Set(['ASN', 'PNS', 'PPPK', 'BKN', 'KASN', 'NKRI']);
  return s
    .toLowerCase()
    .split(' ')
    .map((w) =>
      keepUpper.has(w.toUpperCase())
        ? w.toUpperCase()
        : ['dan', 'atau', 'yang', 'dari', 'dengan', 'di', 'ke', 'untuk'].includes(w)
          ? w
          : w.charAt(0).toUpperCase() + w.slice(1),
    )
    .join(' ');
}
