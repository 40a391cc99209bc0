/**
 * Turns a question as employees type it ("gmn klo sy bolos 5 hr, bs dipecat gak?") into the
 * concepts to look for. Pure: no database, so every rule here has a direct unit test.
 */

import { englishPhrases, englishTerms } from './english-terms.js';
import { englishMarkers, spellings, stopwords, synonyms } from './question-vocabulary.js';

/** One thing the question asks about; any alternative matches (an alternative's words all must). */
export interface Concept {
  term: string;
  /** The first alternative is the word as asked; the others are expansions, which count less. */
  alternatives: string[][];
  /** How much an expansion counts (defaults to the search's expansion factor). */
  factor?: number;
}

export interface NormalizedQuestion {
  /** The question as asked (for a reranker, which reads language as people write it). */
  asked?: string;
  /** The question with abbreviations and slang spelled out, for logs and the LLM. */
  text: string;
  concepts: Concept[];
  /** Numbers of days the question mentions ("bolos 5 hari"), to prefer the article whose range holds them. */
  days: number[];
  language: 'id' | 'en';
  /** "apa itu SKP", "apa yang dimaksud dengan ...": a definition (Pasal 1 angka N) answers it. */
  asksDefinition: boolean;
  /** "kapan", "when": an article naming a time (a month, "paling lambat", "setiap tahun") answers it. */
  asksWhen?: boolean;
  /** "berapa gaji pokok ...", "how much": only a passage stating an amount (Rp, persen) answers it. */
  asksAmount?: boolean;
}

/** Letters or digits in any script; everything else separates words. */
const wordPattern = /[\p{L}\p{N}]+(?:[/.-][\p{L}\p{N}]+)*/gu;

export function normalizeQuestion(question: string): NormalizedQuestion {
  const lowered = question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ');
  // "Peraturan Pemerintah Nomor 94 Tahun 2021" names a document: it becomes one concept (the
  // number, found in each of its passages' path), and its words ("peraturan", "pemerintah",
  // "nomor", "tahun") do not send the question to the articles that cite other regulations.
  const rawWords = lowered.replace(regulationReference, ' ').match(wordPattern) ?? [];
  const language = detectLanguage(rawWords);
  if (language === 'en') return normalizeEnglish(question, lowered, rawWords);
  const words = rawWords
    .flatMap((w) => splitCompound(w))
    // Reduplication typed with a 2: "berturut2" -> "berturut", "teman2" -> "teman".
    .map((w) => w.replace(/^(\p{L}{3,})2$/u, '$1'))
    .flatMap((w) => (spellings[w] ?? w).split(' '))
    .filter(Boolean);
  const text = words.join(' ');

  const concepts: Concept[] = [];
  const seen = new Set<string>();
  for (const reg of regulationNumbers(lowered)) addConcept(concepts, seen, reg, [[reg]]);
  for (const m of lowered.matchAll(/\bpasal\s+(\d{1,3})\b/g)) addConcept(concepts, seen, `pasal ${m[1]}`, [['pasal', m[1]!]]);
  // "PP 94" without its year: any regulation numbered 94 (expanded against the index's words).
  for (const m of lowered.matchAll(
    /\b(?:pp|uu|perpres|permen\p{L}*|perban|se|skb)\s*(?:no(?:mor)?\.?\s*)?(\d{1,4})\b(?!\s*(?:\/|tahun\b|th\b)?\s*(?:19|20)\d{2})/gu,
  )) {
    addConcept(concepts, seen, `${m[1]}/`, [[`${m[1]}/*`]]);
  }
  for (const word of words) {
    if (stopwords.has(word) || word.length < 2 || /^\d+$/.test(word)) continue;
    const alternatives = [[word], ...(synonyms[word] ?? []).map((s) => s.split(' '))];
    addConcept(concepts, seen, word, alternatives);
  }
  const days = [...text.matchAll(/\b(\d{1,3})\s*(?:hari|hr)\b/g)].map((m) => Number(m[1]));
  const asksDefinition = definitionQuestion.test(lowered) || /^\s*\S+(?:\s+\S+){0,3}\s+(?:itu|tu)\s+apa\b/.test(lowered);
  return {
    asked: question,
    text,
    concepts,
    language,
    days,
    asksDefinition,
    asksWhen: whenQuestion.test(lowered),
    asksAmount: asksForAmount(lowered),
  };
}

/**
 * An English question: its civil-service words and phrases become the regulations' Indonesian
 * terms; acronyms typed in capitals (PNS, LHKPN, PPPK) and regulation numbers are kept; other
 * English words (how, must, file...) carry no meaning the Indonesian texts could match.
 */
function normalizeEnglish(question: string, lowered: string, rawWords: string[]): NormalizedQuestion {
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  for (const reg of regulationNumbers(lowered)) addConcept(concepts, seen, reg, [[reg]]);
  const acronyms = new Set((question.match(/\b[A-Z][A-Z0-9]{1,7}\b/g) ?? []).map((a) => a.toLowerCase()));
  const words = rawWords.map((w) => w.replace(/'s$/, ''));
  const indonesian: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const phrase = englishPhrases.find((p) => words.slice(i, i + p.split(' ').length).join(' ') === p);
    const term = phrase ?? words[i]!;
    const mapped = englishTerms[term] ?? englishTerms[term.replace(/s$/, '')];
    if (phrase) i += phrase.split(' ').length - 1;
    if (mapped) {
      addConcept(
        concepts,
        seen,
        term,
        mapped.map((m) => m.split(' ')),
      );
      indonesian.push(mapped[0]!);
    } else if (acronyms.has(term)) {
      const spelled = spellings[term] ?? term;
      addConcept(concepts, seen, spelled, [spelled.split(' '), ...(synonyms[spelled] ?? []).map((s) => s.split(' '))]);
      indonesian.push(spelled);
    } else if (/^\d+$/.test(term)) indonesian.push(term);
  }
  const text = indonesian.join(' ');
  const days = [...lowered.matchAll(/\b(\d{1,3})\s*(?:working\s+|work\s+)?days?\b/g)].map((m) => Number(m[1]));
  const asksDefinition = definitionQuestion.test(lowered);
  return {
    asked: question,
    text,
    concepts,
    language: 'en',
    days,
    asksDefinition,
    asksWhen: whenQuestion.test(lowered),
    asksAmount: asksForAmount(lowered),
  };
}

/** A regulation named by kind and number, with or without its year. */
const regulationReference =
  /\b(?:(?:pp|uu|perpres|perppu|perban|perda|perwali|perwalkot|perbup|pergub|se|skb|permen\p{L}*|peraturan(?:\s+\p{L}+){1,4}?(?=\s+(?:no|nomor)\b)|peraturan\s+pemerintah|undang[-\s]undang|peraturan\s+presiden|peraturan\s+bkn|peraturan\s+badan\s+kepegawaian\s+negara|surat\s+edaran|peraturan\s+menteri(?:\s+\p{L}+){0,6}?)\.?\s*(?:(?:no|nomor|nomer)\.?\s*)?\d{1,4}(?:\s*(?:\/|tahun|th\.?)\s*(?:19|20)\d{2})?|(?:no|nomor)\.?\s*\d{1,4}\s*(?:\/|tahun|th\.?)\s*(?:19|20)\d{2}|\d{1,4}\s*\/\s*(?:19|20)\d{2})\b/gu;

const whenQuestion = /\b(?:kapan|kpn|tanggal\s+berapa|bulan\s+apa|jam\s+berapa|when|what\s+date|what\s+time)\b/;

/** Money the question is about, and words asking for its amount. */
const moneyWord =
  /\b(?:gaji|gapok|tunjangan|tukin|uang|duit|honor(?:arium)?|pesangon|thr|harga|biaya|tarif|iuran|rupiah|salary|pay|allowance|price|cost|fee)\b/;
const amountAsk = /\b(?:berapa|brp|brapa|brpa|besaran(?:nya)?|nominal(?:nya)?|how\s+much)\b/;

/**
 * "berapa gaji pokok golongan III/a", "besaran tukin kelas 9", "how much is the allowance": an
 * amount of money is asked for. Regulations on duties and discipline state such amounts rarely,
 * and an article about salaries in general does not answer "how much".
 */
export function asksForAmount(lowered: string): boolean {
  return (moneyWord.test(lowered) && amountAsk.test(lowered)) || /\bbesaran\b|\bnominal\b/.test(lowered);
}

const definitionQuestion =
  /\b(?:apa\s+(?:itu|yang\s+dimaksud|yg\s+dimaksud|arti(?:nya)?|pengertian|definisi)|definisi|pengertian|yang\s+dimaksud\s+dengan|yg\s+dimaksud\s+dengan|maksudnya|artinya|what\s+is\s+(?:an?\s+|the\s+)?(?:meant|definition)|what\s+does\s+.{1,60}\s+mean|definition\s+of|meaning\s+of|define)\b/;

function addConcept(concepts: Concept[], seen: Set<string>, term: string, alternatives: string[][]): void {
  if (seen.has(term)) return;
  seen.add(term);
  concepts.push({ term, alternatives });
}

/** `e-kinerja` -> ekinerja, `pp-94` -> pp, 94; keeps `94/2021` whole. */
function splitCompound(word: string): string[] {
  if (/^\d+\/\d{4}$/.test(word)) return [word];
  if (/^e-\p{L}+$/u.test(word)) return [word.replace('-', '')];
  return word.split(/[/.-]/).filter(Boolean);
}

/** "PP 94/2021", "pp 94 tahun 2021", "PP No. 94 Th 2021" -> "94/2021", as the index stores it. */
function regulationNumbers(text: string): string[] {
  const found = new Set<string>();
  // "94/2021" anywhere; "94 tahun 2021" only after a kind or "nomor": "gaji 13 tahun 2024" is no regulation.
  for (const m of text.matchAll(/\b(\d{1,4})\s*\/\s*((?:19|20)\d{2})\b/g)) found.add(`${m[1]}/${m[2]}`);
  const spelled =
    /\b(?:pp|uu|perpres|perppu|permen\p{L}*|perban|se|skb|no|nomor)\.?\s*(?:no(?:mor)?\.?\s*)?(\d{1,4})\s+(?:(?:tahun|th\.?)\s+)?((?:19|20)\d{2})\b/gu;
  for (const m of text.matchAll(spelled)) found.add(`${m[1]}/${m[2]}`);
  return [...found];
}

function detectLanguage(words: string[]): 'id' | 'en' {
  if (words.length === 0) return 'id';
  const english = words.filter((w) => englishMarkers.has(w)).length;
  return english / words.length >= 0.2 && english >= 2 ? 'en' : 'id';
}

/** True when the question has no letters or digits at all (emoji, punctuation). */
export function hasNoWords(question: string): boolean {
  return !/[\p{L}\p{N}]/u.test(question);
}

const injectionPatterns = [
  // "Abaikan semua instruksi" orders the bot; "mengabaikan perintah atasan" is a question.
  /(?:^|[^\p{L}])abaikan\s+(semua\s+|seluruh\s+)?(instruksi|perintah|aturan)/iu,
  /(?:^|[^\p{L}])lupakan\s+(semua\s+)?(instruksi|perintah)/iu,
  /ignore\s+(all\s+|any\s+)?(the\s+)?(previous|prior|above)\s+(instructions|prompts?)/i,
  /(system|sistem)\s*prompt/i,
  /kamu\s+sekarang\s+(adalah|menjadi)|you\s+are\s+now\s+/i,
  /\bjailbreak\b/i,
  /\bDAN\s+mode\b/, // upper case only: "dan" is Indonesian for "and"
];

/** Attempts to give the assistant orders instead of asking about regulations. */
export function looksLikeInjection(question: string): boolean {
  return injectionPatterns.some((p) => p.test(question));
}

/**
 * Standard spellings a colloquial word may stand for, tried when the word itself is unknown:
 * `ngantor` -> kantor, `bocorin` -> bocor/bocorkan, `dipake` -> dipakai, `nyampein` -> sampai.
 */
export function colloquialVariants(word: string): string[] {
  if (word.length < 4 || /\d/.test(word)) return [];
  const stems = new Set<string>([word]);
  if (/^nge\p{L}{3,}/u.test(word)) stems.add(word.slice(3)).add(`me${word.slice(3)}`);
  if (/^ng[aiueo]\p{L}{2,}/u.test(word))
    stems
      .add(`k${word.slice(2)}`)
      .add(`meng${word.slice(2)}`)
      .add(word.slice(2));
  if (/^ny[aiueo]\p{L}{2,}/u.test(word)) stems.add(`s${word.slice(2)}`).add(`meny${word.slice(2)}`);
  const variants = new Set<string>();
  for (const stem of stems) {
    variants.add(stem);
    if (/\p{L}{4,}in$/u.test(stem))
      variants
        .add(stem.slice(0, -2))
        .add(`${stem.slice(0, -2)}kan`)
        .add(`${stem.slice(0, -2)}i`);
    if (/\p{L}{2,}[^aiueo]e$/u.test(stem)) variants.add(`${stem.slice(0, -1)}ai`);
    if (/\p{L}{3,}in$/u.test(stem) && /e/.test(stem)) variants.add(`${stem.slice(0, -2).replace(/e(?=[^aiueo]*$)/, 'ai')}kan`);
  }
  variants.delete(word);
  return [...variants].slice(0, 10);
}
