/**
 * Regulations named in a text, as they are written in published (often OCR'd) Indonesian law:
 * "Peraturan Pemerintah Nomor 53 Tahun 2O1O", "Undang- Undang Nomor 5 Tahun 2Ol4", "PP 94/2021",
 * "Peraturan Badan Kepegawaian Negara Nomor 6 Tahun 2022". Each is read into the short name the
 * knowledge base uses for a document's `regulation` (`PP 53/2010`), so that the two can be compared.
 */

/** A regulation named in a text, and where. */
export interface RegulationReference {
  /** Short name, e.g. `PP 53/2010`: the form `metadataFromText` gives a document. */
  name: string;
  start: number;
  end: number;
}

/** Written kinds, longest first, with their short names. */
const kindPatterns: [string, string][] = [
  [String.raw`Peraturan\s+Pemerintah\s+Pengganti\s+Undang\s*-?\s*Undang`, 'Perppu'],
  [String.raw`Perppu`, 'Perppu'],
  [String.raw`Peraturan\s+Pemerintah`, 'PP'],
  [String.raw`Undang\s*-?\s*Undang(?!\s+Dasar)`, 'UU'],
  [String.raw`Peraturan\s+Presiden`, 'Perpres'],
  [String.raw`Perpres`, 'Perpres'],
  [
    String.raw`Peraturan\s+Menteri\s+Pendayagunaan\s+Aparatur\s+Negara(?:\s+dan\s+Reformasi\s+Birokrasi)?`,
    'PermenPANRB',
  ],
  [String.raw`Permen\s*-?\s*PAN\s*-?\s*RB|PermenPANRB|Permenpan`, 'PermenPANRB'],
  [String.raw`Peraturan\s+(?:Kepala\s+)?Badan\s+Kepegawaian\s+Negara|Peraturan\s+(?:Kepala\s+)?BKN|Perka\s+BKN|Perban`, 'Peraturan BKN'],
  [String.raw`PP`, 'PP'],
  [String.raw`UU`, 'UU'],
];

// OCR reads 0 as O/o and 1 as l/I/L; a number must still hold at least one real digit or start the
// way a year does, so that ordinary words are never taken for numbers.
const ocrNumber = String.raw`[0-9OoIlL]{1,4}`;
const ocrYear = String.raw`[12lI][0-9OoIlL]{3}`;
const numberAndYear = String.raw`(?:Republik\s+Indonesia\s+)?(?:Nomor|Nomer|No\.?)?\s*(${ocrNumber})\s*(?:Tahun|Th\.?|\/)\s*(${ocrYear})`;

const referencePattern = new RegExp(
  String.raw`\b(${kindPatterns.map(([p]) => `(?:${p})`).join('|')})\s*${numberAndYear}(?![0-9])`,
  'gi',
);

/** The kind's short name for what was written (`Peraturan  Pemerintah` -> `PP`). */
function kindOf(written: string): string | undefined {
  for (const [pattern, name] of kindPatterns) if (new RegExp(`^(?:${pattern})$`, 'i').test(written.trim())) return name;
  return undefined;
}

/** Reads an OCR'd number: `2O1O` -> 2010, `l2` -> 12; undefined when it holds no digit at all. */
export function readOcrDigits(raw: string): number | undefined {
  if (!/\d/.test(raw) && !/^[Il][0-9OoIlL]*$/.test(raw)) return undefined;
  const digits = raw.replace(/[Oo]/g, '0').replace(/[IlL]/g, '1');
  return /^\d+$/.test(digits) ? Number(digits) : undefined;
}

/** Every regulation named in the text, in order. Self-references ("Peraturan Pemerintah ini") are not names. */
export function findRegulationReferences(text: string): RegulationReference[] {
  const found: RegulationReference[] = [];
  for (const m of text.matchAll(referencePattern)) {
    const kind = kindOf(m[1]!);
    const number = readOcrDigits(m[2]!);
    const year = readOcrDigits(m[3]!);
    if (!kind || number === undefined || number === 0 || year === undefined || year < 1945 || year > 2100) continue;
    found.push({ name: `${kind} ${number}/${year}`, start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/** `PP 94/2021`, `pp  94/2021` and ` PP 94/2021` are one regulation. */
export function regulationKey(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * A regulation named loosely, as people ask: "PP 53 tahun 2010", "pp53/2010", "PP No 53 Th 2010",
 * or with the number only ("PP 53"), which leaves the year open.
 */
export interface LooseReference {
  kind: string;
  number: number;
  year?: number;
}

const loosePattern = new RegExp(
  String.raw`\b(${kindPatterns.map(([p]) => `(?:${p})`).join('|')})\s*(?:Nomor|Nomer|No\.?)?\s*(\d{1,4})(?:\s*(?:Tahun|Th\.?|thn|\/)\s*(\d{4}))?(?![0-9])`,
  'gi',
);

/** The regulations a question names, with or without their year. */
export function findLooseReferences(text: string): LooseReference[] {
  const found: LooseReference[] = [];
  for (const m of text.matchAll(loosePattern)) {
    const kind = kindOf(m[1]!);
    if (!kind) continue;
    const year = m[3] ? Number(m[3]) : undefined;
    if (year !== undefined && (year < 1945 || year > 2100)) continue;
    found.push({ kind, number: Number(m[2]), ...(year ? { year } : {}) });
  }
  return found;
}

/** True when a short name (`PP 53/2010`) is what a loose reference (`PP 53`) points at. */
export function matchesLoose(name: string, loose: LooseReference): boolean {
  const m = /^(.+) (\d+)\/(\d{4})$/.exec(name.replace(/\s+/g, ' ').trim());
  if (!m) return false;
  return (
    m[1]!.toLowerCase() === loose.kind.toLowerCase() &&
    Number(m[2]) === loose.number &&
    (loose.year === undefined || Number(m[3]) === loose.year)
  );
}
