-- pgvector is optional: PGlite ships it, Debian's PostgreSQL server does not. Without it the
-- embeddings are still stored (real[]) and vector search is switched off at start-up.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS vector;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pgvector is not available: vector search stays off';
END
$$;

-- CreateEnum
CREATE TYPE "DocumentStatus" AS ENUM ('berlaku', 'dicabut');

-- CreateTable
CREATE TABLE "document" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "regulation" TEXT,
    "year" INTEGER,
    "topic" TEXT,
    "source_url" TEXT,
    "status" "DocumentStatus" NOT NULL DEFAULT 'berlaku',
    "replaced_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "document_version" (
    "id" SERIAL NOT NULL,
    "document_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "content_hash" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "page_count" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "document_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "passage" (
    "id" SERIAL NOT NULL,
    "version_id" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "section" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    -- The path (regulation, chapter, article) weighs more than the body text.
    "tsv" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('indonesian', "path"), 'A') || setweight(to_tsvector('indonesian', "text"), 'B')
    ) STORED,

    CONSTRAINT "passage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "passage_embedding" (
    "passage_id" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "vector" REAL[],

    CONSTRAINT "passage_embedding_pkey" PRIMARY KEY ("passage_id")
);

-- CreateTable
CREATE TABLE "question_log" (
    "id" SERIAL NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "channel" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "grounded" BOOLEAN NOT NULL,
    "mode" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "citations" JSONB NOT NULL,
    "top_score" DOUBLE PRECISION,
    "latency_ms" INTEGER NOT NULL,
    "rating" INTEGER,
    "handled_at" TIMESTAMPTZ(3),

    CONSTRAINT "question_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "document_source_key" ON "document"("source");

-- CreateIndex
CREATE INDEX "document_version_published_idx" ON "document_version"("published");

-- CreateIndex
CREATE UNIQUE INDEX "document_version_document_id_version_key" ON "document_version"("document_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "document_version_document_id_content_hash_key" ON "document_version"("document_id", "content_hash");

-- CreateIndex
CREATE INDEX "passage_tsv_idx" ON "passage" USING GIN ("tsv");

-- CreateIndex
CREATE UNIQUE INDEX "passage_version_id_ordinal_key" ON "passage"("version_id", "ordinal");

-- CreateIndex
CREATE INDEX "question_log_created_at_idx" ON "question_log"("created_at");

-- CreateIndex
CREATE INDEX "question_log_grounded_idx" ON "question_log"("grounded");

-- AddForeignKey
ALTER TABLE "document_version" ADD CONSTRAINT "document_version_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "passage" ADD CONSTRAINT "passage_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "document_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "passage_embedding" ADD CONSTRAINT "passage_embedding_passage_id_fkey" FOREIGN KEY ("passage_id") REFERENCES "passage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
