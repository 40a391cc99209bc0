import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
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
