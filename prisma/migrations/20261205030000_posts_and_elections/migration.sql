-- Draft-post checks and election periods: the link and screenshots of a report, HR's election
-- periods (candidates, parties, slogans, hashtags; the neutrality reminder follows them), and the
-- counts of checks for HR's statistics (never a draft's text, never who checked it).

-- AlterTable
ALTER TABLE "report" ADD COLUMN "link" TEXT;

-- CreateTable
CREATE TABLE "report_evidence" (
    "id" SERIAL NOT NULL,
    "report_id" INTEGER NOT NULL,
    "telegram_file_id" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "election_period" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '*',
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "campaign_start" DATE,
    "campaign_end" DATE,
    "voting_date" DATE,
    "candidates_set_on" DATE,
    "region" TEXT,
    "candidates" JSONB NOT NULL DEFAULT '[]',
    "parties" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "slogans" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "hashtags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reminder" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "election_period_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "post_check_count" (
    "id" SERIAL NOT NULL,
    "month" DATE NOT NULL,
    "unit_code" TEXT NOT NULL DEFAULT '',
    "channel" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "post_check_count_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "report_evidence_report_id_idx" ON "report_evidence"("report_id");

-- CreateIndex
CREATE INDEX "election_period_start_date_end_date_idx" ON "election_period"("start_date", "end_date");

-- CreateIndex
CREATE UNIQUE INDEX "post_check_count_month_unit_code_channel_verdict_category_key" ON "post_check_count"("month", "unit_code", "channel", "verdict", "category");

-- AddForeignKey
ALTER TABLE "report_evidence" ADD CONSTRAINT "report_evidence_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
