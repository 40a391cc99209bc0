import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import type { DocumentMeta } from './document-metadata.js';
import { ingestDocument, type IngestOptions, type IngestResult } from './ingest-document.js';
import { supportedExtensions } from './load-document.js';
import { refreshSearchStatistics } from './refresh-statistics.js';

export type PathOutcome = { path: string; result: IngestResult } | { path: string; error: AppError };

/** Lists the ingestible files of the given files and directories (recursively, sorted). */
export async function collectFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new AppError('not_found', `Berkas atau folder tidak ditemukan: ${path}`);
    if (info.isDirectory()) {
      const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
      const inside = entries
        .filter(
          (e) =>
            !e.name.startsWith('.') && (e.isDirectory() || supportedExtensions.includes(extname(e.name).toLowerCase() as never)),
        )
        .map((e) => join(path, e.name));
      files.push(...(await collectFiles(inside)));
    } else {
      files.push(path);
    }
  }
  return files;
}

/**
 * Ingests files one by one; a broken file is reported and skipped, the others still go in.
 * Each file is its own transaction, so nothing is half-written.
 */
export async function ingestPaths(
  db: Database,
  paths: string[],
  options: {
    meta?: DocumentMeta;
    duplicates?: IngestOptions['duplicates'];
    onFile?: (outcome: PathOutcome, index: number, total: number) => void;
  } = {},
): Promise<PathOutcome[]> {
  const files = await collectFiles(paths);
  const outcomes: PathOutcome[] = [];
  for (const [index, path] of files.entries()) {
    let outcome: PathOutcome;
    try {
      const content = await readFile(path);
      outcome = { path, result: await ingestDocument(db, { fileName: path, content, meta: options.meta, duplicates: options.duplicates }) };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcome = { path, error };
    }
    outcomes.push(outcome);
    options.onFile?.(outcome, index, files.length);
  }
  if (outcomes.some((o) => 'result' in o && o.result.outcome !== 'unchanged')) await refreshSearchStatistics(db);
  return outcomes;
}

/** Loads `knowledge/` into an empty knowledge base, so that a fresh install answers at once. */
export async function loadDefaultKnowledge(
  db: Database,
  dir: string,
  onFile?: (outcome: PathOutcome, index: number, total: number) => void,
): Promise<PathOutcome[] | undefined> {
  if ((await db.prisma.document.count()) > 0) return undefined;
  return ingestPaths(db, [dir], { onFile });
}
