-- One outbox rule for both tables: a reminder whose send failed on the platform's side waits
-- (the same back-off as notifications, or Telegram's retry_after) before it is claimed again.
ALTER TABLE "reminder_outbox" ADD COLUMN "not_before" TIMESTAMPTZ(3);
