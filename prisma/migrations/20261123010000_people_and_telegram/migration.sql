-- AlterTable
ALTER TABLE "question_log" ADD COLUMN "asker" TEXT;

-- CreateTable
CREATE TABLE "org_unit" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parent_id" INTEGER,
    "time_zone" TEXT NOT NULL DEFAULT 'Asia/Jakarta',

    CONSTRAINT "org_unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employee" (
    "id" SERIAL NOT NULL,
    "nip" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit_id" INTEGER,
    "position" TEXT,
    "grade" TEXT,
    "time_zone" TEXT,
    "supervisor_id" INTEGER,
    "email" TEXT,
    "slack_user_id" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "employee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "link_code" (
    "id" SERIAL NOT NULL,
    "employee_id" INTEGER NOT NULL,
    "code_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "link_code_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "telegram_account" (
    "telegram_user_id" BIGINT NOT NULL,
    "employee_id" INTEGER NOT NULL,
    "chat_id" BIGINT NOT NULL,
    "linked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "telegram_account_pkey" PRIMARY KEY ("telegram_user_id")
);

-- CreateTable
CREATE TABLE "link_attempt" (
    "telegram_user_id" BIGINT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),

    CONSTRAINT "link_attempt_pkey" PRIMARY KEY ("telegram_user_id")
);

-- CreateTable
CREATE TABLE "chat_state" (
    "chat_key" TEXT NOT NULL,
    "language" TEXT,
    "turns" JSONB NOT NULL DEFAULT '[]',
    "flow" JSONB,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "chat_state_pkey" PRIMARY KEY ("chat_key")
);

-- CreateTable
CREATE TABLE "report" (
    "id" SERIAL NOT NULL,
    "reporter_id" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "reveal_reporter" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'baru',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "telegram_inbox" (
    "update_id" BIGINT NOT NULL,
    "chat_key" TEXT,
    "payload" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "telegram_inbox_pkey" PRIMARY KEY ("update_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "org_unit_code_key" ON "org_unit"("code");

-- CreateIndex
CREATE UNIQUE INDEX "employee_nip_key" ON "employee"("nip");

-- CreateIndex
CREATE INDEX "employee_unit_id_idx" ON "employee"("unit_id");

-- CreateIndex
CREATE INDEX "employee_supervisor_id_idx" ON "employee"("supervisor_id");

-- CreateIndex
CREATE UNIQUE INDEX "link_code_code_hash_key" ON "link_code"("code_hash");

-- CreateIndex
CREATE INDEX "link_code_employee_id_idx" ON "link_code"("employee_id");

-- CreateIndex
CREATE UNIQUE INDEX "telegram_account_employee_id_key" ON "telegram_account"("employee_id");

-- CreateIndex
CREATE INDEX "report_status_idx" ON "report"("status");

-- CreateIndex
CREATE INDEX "telegram_inbox_claimed_at_idx" ON "telegram_inbox"("claimed_at");

-- AddForeignKey
ALTER TABLE "org_unit" ADD CONSTRAINT "org_unit_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "org_unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "employee" ADD CONSTRAINT "employee_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "employee" ADD CONSTRAINT "employee_supervisor_id_fkey" FOREIGN KEY ("supervisor_id") REFERENCES "employee"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "link_code" ADD CONSTRAINT "link_code_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "telegram_account" ADD CONSTRAINT "telegram_account_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_reporter_id_fkey" FOREIGN KEY ("reporter_id") REFERENCES "employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;
