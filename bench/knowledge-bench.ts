import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { openDatabase, type Database } from '../src/db/database.js';
import { LexiconCache } from '../src/answering/lexicon.js';
import { normalizeQuestion } from '../src/answering/normalize-question.js';
import { defaultSearchOptions, searchPassages } from '../src/answering/search-passages.js';
import { parseEvalSet } from '../src/answering/evaluate-retrieval.js';
import { ingestDocument } from '../src/knowledge/ingest-document.js';
import { ingestPaths } from '../src/knowledge/ingest-paths.js';
import { refreshSearchStatistics } from '../src/knowledge/refresh-statistics.js';
import { percentile, printRow, time } from './measure.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpusDir = join(root, '..', 'shared', 'corpus');
const questions = parseEvalSet(readFileSync(join(root, 'bench/eval/dev.jsonl'), 'utf8')).map((c) => c.question);

async function searchLatencies(db: Database, rounds: number): Promise<number[]> {
  const lexicons = new LexiconCache(db);
  await lexicons.get();
  const latencies: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      latencies.push(await time(() => searchPassages(db, lexicons, normalizeQuestion(q), defaultSearchOptions)));
    }
  }
  return latencies;
}

/** Passages made of sentences of real regulations, shuffled, under made-up regulation numbers. */
function syntheticPassages(count: number): { section: string; path: string; text: string }[] {
  const sources = existsSync(corpusDir)
    ? readdirSync(corpusDir).map((f) => readFileSync(join(corpusDir, f), 'utf8'))
    : readdirSync(join(root, 'knowledge'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => readFileSync(join(root, 'knowledge', f), 'utf8'));
  const sentences = sources
    .join(' ')
    .split(/(?<=[.;])\s+/)
    .filter((s) => s.length > 40 && s.length < 400);
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: count }, (_, i) => {
    const parts = Array.from({ length: 4 + Math.floor(random() * 4) }, () => sentences[Math.floor(random() * sentences.length)]);
    const reg = `PP ${100 + (i % 400)}/20${10 + (i % 15)}`;
    return { section: `Pasal ${1 + (i % 120)}`, path: `${reg} > Pasal ${1 + (i % 120)}`, text: parts.join(' ') };
  });
}

export async function addSynthetic(db: Database, count: number): Promise<void> {
  const document = await db.prisma.document.create({ data: { source: 'sintetis.txt', title: 'Korpus sintetis' } });
  const version = await db.prisma.documentVersion.create({
    data: { documentId: document.id, version: 1, contentHash: 'sintetis', format: 'txt', published: true },
  });
  const passages = syntheticPassages(count);
  for (let i = 0; i < passages.length; i += 2_000) {
    await db.prisma.passage.createMany({
      data: passages.slice(i, i + 2_000).map((p, j) => ({ ...p, versionId: version.id, ordinal: i + j })),
    });
    process.stderr.write(`  ${Math.min(i + 2_000, count)}/${count} passages\r`);
  }
  process.stderr.write('\n');
  await refreshSearchStatistics(db);
}

/** A PDF of about `pages` pages of regulation text (PP 11/2017 when the corpus is here). */
async function makePdf(pages: number): Promise<Uint8Array> {
  const text = existsSync(corpusDir)
    ? readFileSync(join(corpusDir, 'pp-11-2017-manajemen-pns.txt'), 'utf8')
    : readdirSync(join(root, 'knowledge'))
        .map((f) => readFileSync(join(root, 'knowledge', f), 'utf8'))
        .join('\n');
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const lines = text
    .replace(/[^\x20-\x7E\n]/g, ' ')
    .split('\n')
    .flatMap((l) => l.match(/.{1,95}(\s|$)/g) ?? ['']);
  const perPage = 50;
  for (let p = 0; p < pages; p++) {
    const page = pdf.addPage([595, 842]);
    lines.slice((p * perPage) % lines.length, ((p * perPage) % lines.length) + perPage).forEach((line, i) => {
      page.drawText(line, { x: 40, y: 800 - i * 15, size: 10, font });
    });
  }
  return pdf.save();
}

export async function knowledgeBench(): Promise<void> {
  console.log('\n## Knowledge base and retrieval (PGlite, offline)');
  const db = await openDatabase({ dataDir: 'memory://' });
  const loadMs = await time(() => ingestPaths(db, [join(root, 'knowledge')]));
  const passages = await db.prisma.passage.count();
  printRow('default knowledge base load', `${loadMs.toFixed(0)} ms`, `${passages} passages`);
  const small = await searchLatencies(db, 3);
  printRow(
    'retrieval latency, default KB',
    `p50 ${percentile(small, 50).toFixed(1)} ms, p95 ${percentile(small, 95).toFixed(1)} ms`,
    `${small.length} searches`,
  );
  printRow('memory after loading (RSS)', `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);

  const pdf = await makePdf(100);
  const pdfMs = await time(() => ingestDocument(db, { fileName: 'bench-100-halaman.pdf', content: pdf }));
  printRow('PDF ingestion, 100 pages', `${((100 / pdfMs) * 1000).toFixed(1)} pages/s`, `${pdfMs.toFixed(0)} ms`);

  const target = 50_000;
  const existing = await db.prisma.passage.count();
  const addMs = await time(() => addSynthetic(db, target - existing));
  printRow('generated KB to 50,000 passages', `${(addMs / 1000).toFixed(1)} s`);
  const statsMs = await time(() => new LexiconCache(db).get());
  printRow('lexicon statistics at 50k (once per publish)', `${statsMs.toFixed(0)} ms`);
  const large = await searchLatencies(db, 2);
  printRow(
    'retrieval latency, 50k passages',
    `p50 ${percentile(large, 50).toFixed(1)} ms, p95 ${percentile(large, 95).toFixed(1)} ms`,
    `target p95 < 50 ms`,
  );
  printRow('memory at 50k passages (RSS)', `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  await db.close();
  await servedLatencies();
}

/**
 * The same searches as `npm start` runs them: PGlite on disk, served on its socket, every query
 * through the PostgreSQL adapter (the price of sharing the database with the CLI).
 */
async function servedLatencies(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'asn-bench-served-'));
  try {
    const db = await openDatabase({ dataDir, serve: true });
    await ingestPaths(db, [join(root, 'knowledge')]);
    const served = await searchLatencies(db, 3);
    printRow(
      'retrieval latency, default KB, through the socket',
      `p50 ${percentile(served, 50).toFixed(1)} ms, p95 ${percentile(served, 95).toFixed(1)} ms`,
      'as npm start runs it',
    );
    await db.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
