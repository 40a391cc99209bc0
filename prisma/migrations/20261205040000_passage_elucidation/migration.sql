-- One passage per article: its official elucidation (Penjelasan) is kept beside its text, and
-- searched as a third field: the heading/path (A) weighs most, the body (B), the elucidation (C).
ALTER TABLE "passage" ADD COLUMN "elucidation" TEXT NOT NULL DEFAULT '';

DROP INDEX "passage_tsv_idx";
ALTER TABLE "passage" DROP COLUMN "tsv";
ALTER TABLE "passage" ADD COLUMN "tsv" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('indonesian', "path"), 'A') ||
    setweight(to_tsvector('indonesian', "text"), 'B') ||
    setweight(to_tsvector('indonesian', "elucidation"), 'C')
) STORED;
CREATE INDEX "passage_tsv_idx" ON "passage" USING GIN ("tsv");
