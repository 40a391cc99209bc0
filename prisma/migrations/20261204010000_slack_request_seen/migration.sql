-- Slack requests already taken in (signatures against replays, event ids against Slack's retries),
-- shared by every instance.
-- CreateTable
CREATE TABLE "slack_request_seen" (
    "key" TEXT NOT NULL,
    "seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "slack_request_seen_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "slack_request_seen_seen_at_idx" ON "slack_request_seen"("seen_at");
