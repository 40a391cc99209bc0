-- A draft version keeps the description read from its file (title, regulation, year, topic,
-- source URL), applied to the document when the draft is published.
-- AlterTable
ALTER TABLE "document_version" ADD COLUMN "metadata" JSONB;
