-- A unit's own schedule can be removed (the unit goes back to its parent's or the default one)
-- without deleting it: the reminders already sent under it, and their replies, stay.
-- AlterTable
ALTER TABLE "reminder_schedule" ADD COLUMN "removed_at" TIMESTAMPTZ(3);
