import type { Database } from '../db/database.js';

export interface DocumentEmbedder {
  model: string;
  embedDocuments(texts: string[]): Promise<number[][]>;
}

/**
 * Computes the embeddings that published passages lack for the configured model, in batches.
 * Safe to call at every start and after every ingest: passages already embedded are skipped.
 */
export async function embedMissingPassages(
  db: Database,
  embedder: DocumentEmbedder,
  onProgress?: (done: number, total: number) => void,
  batchSize = 64,
): Promise<number> {
  const missing = await db.prisma.$queryRawUnsafe<{ id: number; path: string; text: string }[]>(
    `SELECT p.id, p.path, p.text FROM passage p
     JOIN document_version v ON v.id = p.version_id AND v.published
     LEFT JOIN passage_embedding e ON e.passage_id = p.id AND e.model = $1
     WHERE e.passage_id IS NULL ORDER BY p.id`,
    embedder.model,
  );
  let done = 0;
  for (let i = 0; i < missing.length; i += batchSize) {
    const batch = missing.slice(i, i + batchSize);
    const vectors = await embedder.embedDocuments(batch.map((p) => `${p.path}\n${p.text}`));
    await db.prisma.$transaction(
      batch.map((p, j) =>
        db.prisma.passageEmbedding.upsert({
          where: { passageId: p.id },
          create: { passageId: p.id, model: embedder.model, vector: vectors[j]! },
          update: { model: embedder.model, vector: vectors[j]! },
        }),
      ),
    );
    done += batch.length;
    onProgress?.(done, missing.length);
  }
  return done;
}
