-- Revocations and amendments between regulations as the texts state them, and the regulations
-- each article names: legal status read from the texts (src/knowledge/legal-status).
-- CreateEnum
CREATE TYPE "RelationKind" AS ENUM ('revokes', 'partly_revokes', 'amends');

-- CreateEnum
CREATE TYPE "RelationReview" AS ENUM ('detected', 'confirmed', 'rejected');

-- CreateTable
CREATE TABLE "regulation_relation" (
    "id" SERIAL NOT NULL,
    "document_id" INTEGER NOT NULL,
    "kind" "RelationKind" NOT NULL,
    "actor" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "section" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "keeps" TEXT,
    "scope" TEXT,
    "review" "RelationReview" NOT NULL DEFAULT 'detected',
    "reviewed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "regulation_relation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "regulation_mention" (
    "id" SERIAL NOT NULL,
    "document_id" INTEGER NOT NULL,
    "section" TEXT NOT NULL,
    "regulation" TEXT NOT NULL,

    CONSTRAINT "regulation_mention_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "regulation_relation_document_id_idx" ON "regulation_relation"("document_id");

-- CreateIndex
CREATE INDEX "regulation_relation_target_idx" ON "regulation_relation"("target");

-- CreateIndex
CREATE UNIQUE INDEX "regulation_mention_document_id_section_regulation_key" ON "regulation_mention"("document_id", "section", "regulation");

-- AddForeignKey
ALTER TABLE "regulation_relation" ADD CONSTRAINT "regulation_relation_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "regulation_mention" ADD CONSTRAINT "regulation_mention_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A relation decides what may be cited: caches of the knowledge base follow its changes too.
CREATE TRIGGER "regulation_relation_changes_knowledge" AFTER INSERT OR UPDATE OR DELETE ON "regulation_relation"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_knowledge_revision"();
