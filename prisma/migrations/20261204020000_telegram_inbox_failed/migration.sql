-- A webhook update that cannot be stored or handled is kept as failed instead of being retried
-- (or redelivered by Telegram) forever.
-- AlterTable
ALTER TABLE "telegram_inbox" ADD COLUMN "error" TEXT,
ADD COLUMN "failed_at" TIMESTAMPTZ(3);
