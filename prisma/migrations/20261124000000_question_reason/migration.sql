-- Why a question got the answer it got (answered, not_found, or a refusal before any search:
-- empty, too_long, no_words, injection), so that HR's review lists knowledge gaps, not refusals.
-- Rows logged before this stay NULL (unknown) and are reviewed as before.
-- AlterTable
ALTER TABLE "question_log" ADD COLUMN "reason" TEXT;
