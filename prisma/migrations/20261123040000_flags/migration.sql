-- Flags to supervisors (rules over stored data and reports), their audit trail, where they were
-- posted in Slack, and one outbox for Slack and Telegram notifications.

-- CreateTable
CREATE TABLE "absence" (
    "id" SERIAL NOT NULL,
    "employee_id" INTEGER NOT NULL,
    "local_date" DATE NOT NULL,
    "note" TEXT,
    "recorded_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "absence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flag_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "kpi_missing_days" INTEGER NOT NULL DEFAULT 3,
    "discipline_misses_per_week" INTEGER NOT NULL DEFAULT 3,
    "escalation_working_hours" INTEGER NOT NULL DEFAULT 8,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "flag_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flag" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "employee_id" INTEGER,
    "period" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "article" TEXT,
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "level" INTEGER NOT NULL DEFAULT 0,
    "assignee_id" INTEGER,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL,
    "report_id" INTEGER,
    "resolution" TEXT,
    "raised_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "flag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flag_event" (
    "id" SERIAL NOT NULL,
    "flag_id" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "flag_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flag_message" (
    "id" SERIAL NOT NULL,
    "flag_id" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "posted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "flag_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "flag_id" INTEGER,
    "recipient" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "not_before" TIMESTAMPTZ(3) NOT NULL,
    "claimed_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "absence_employee_id_local_date_key" ON "absence"("employee_id", "local_date");

-- CreateIndex
CREATE UNIQUE INDEX "flag_report_id_key" ON "flag"("report_id");

-- CreateIndex
CREATE INDEX "flag_status_assigned_at_idx" ON "flag"("status", "assigned_at");

-- CreateIndex
CREATE INDEX "flag_assignee_id_status_idx" ON "flag"("assignee_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "flag_kind_employee_id_period_key" ON "flag"("kind", "employee_id", "period");

-- CreateIndex
CREATE INDEX "flag_event_flag_id_at_idx" ON "flag_event"("flag_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "flag_message_flag_id_level_key" ON "flag_message"("flag_id", "level");

-- CreateIndex
CREATE UNIQUE INDEX "notification_key_key" ON "notification"("key");

-- CreateIndex
CREATE INDEX "notification_status_not_before_idx" ON "notification"("status", "not_before");

-- AddForeignKey
ALTER TABLE "absence" ADD CONSTRAINT "absence_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flag" ADD CONSTRAINT "flag_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flag" ADD CONSTRAINT "flag_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "employee"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flag" ADD CONSTRAINT "flag_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flag_event" ADD CONSTRAINT "flag_event_flag_id_fkey" FOREIGN KEY ("flag_id") REFERENCES "flag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flag_message" ADD CONSTRAINT "flag_message_flag_id_fkey" FOREIGN KEY ("flag_id") REFERENCES "flag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The one settings row, with the defaults of the issue: 3 working days, 3 misses a week, 8 working hours.
INSERT INTO "flag_settings" ("id", "updated_at") VALUES (1, CURRENT_TIMESTAMP);
