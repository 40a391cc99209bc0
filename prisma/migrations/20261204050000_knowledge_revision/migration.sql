-- A revision number every change to the knowledge base raises, whoever makes it, so that caches
-- (the lexicon of the answering service) in every process notice at once instead of on a timer.
CREATE TABLE "knowledge_revision" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "revision" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "knowledge_revision_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "knowledge_revision_one_row" CHECK ("id" = 1)
);

INSERT INTO "knowledge_revision" ("id", "revision") VALUES (1, 0);

CREATE FUNCTION "bump_knowledge_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "knowledge_revision" SET "revision" = "revision" + 1 WHERE "id" = 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER "document_changes_knowledge" AFTER INSERT OR UPDATE OR DELETE ON "document"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_knowledge_revision"();
CREATE TRIGGER "document_version_changes_knowledge" AFTER INSERT OR UPDATE OR DELETE ON "document_version"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_knowledge_revision"();
CREATE TRIGGER "passage_changes_knowledge" AFTER INSERT OR UPDATE OR DELETE ON "passage"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_knowledge_revision"();
