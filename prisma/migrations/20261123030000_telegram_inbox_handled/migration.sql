-- Handled webhook updates are kept for a while, so that Telegram's redelivery is not answered twice.
-- AlterTable
ALTER TABLE "telegram_inbox" ADD COLUMN "handled_at" TIMESTAMPTZ(3);
