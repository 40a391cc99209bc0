import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Database } from '../../src/db/database.js';
import { ingestPaths } from '../../src/knowledge/ingest-paths.js';

export const knowledgeDir = fileURLToPath(new URL('../../knowledge/', import.meta.url));
export const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * The published regulation texts of ../shared/corpus (OCR'd scans). A clone outside this
 * workplace has none: tests that read them are skipped there, and test/fixtures covers the cases.
 */
export const corpusDir = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
export const hasCorpus = existsSync(corpusDir);

/** Loads the default knowledge base, failing loudly if any file does not ingest. */
export async function loadKnowledge(db: Database): Promise<void> {
  const outcomes = await ingestPaths(db, [knowledgeDir]);
  const failed = outcomes.filter((o) => 'error' in o);
  if (failed.length) throw new Error(`knowledge files failed: ${failed.map((f) => f.path).join(', ')}`);
}

/** A one-page PDF of a local regulation with two articles on morning assembly (apel pagi), as HR would upload it. */
export async function apelPagiPdf(heading: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const lines = [
    heading,
    'Pasal 1',
    'Setiap pegawai wajib mengikuti apel pagi pada hari Senin pukul 07.30.',
    'Pasal 2',
    'Pegawai yang tidak mengikuti apel pagi tanpa alasan sah mendapat teguran lisan.',
  ];
  const page = doc.addPage([500, 400]);
  lines.forEach((text, i) => page.drawText(text, { x: 20, y: 360 - i * 20, size: 11, font }));
  return doc.save();
}
