-- CreateTable
CREATE TABLE "reminder_schedule" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '*',
    "local_time" TEXT NOT NULL,
    "days" INTEGER[],
    "text" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "window_minutes" INTEGER NOT NULL DEFAULT 120,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reminder_schedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "holiday" (
    "id" SERIAL NOT NULL,
    "date" DATE NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '*',

    CONSTRAINT "holiday_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "leave" (
    "id" SERIAL NOT NULL,
    "employee_id" INTEGER NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "leave_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reminder_outbox" (
    "id" SERIAL NOT NULL,
    "employee_id" INTEGER NOT NULL,
    "schedule_id" INTEGER NOT NULL,
    "local_date" DATE NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimed_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "message_id" BIGINT,
    "error" TEXT,

    CONSTRAINT "reminder_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reminder_reply" (
    "id" SERIAL NOT NULL,
    "outbox_id" INTEGER NOT NULL,
    "employee_id" INTEGER NOT NULL,
    "local_date" DATE NOT NULL,
    "answer" TEXT NOT NULL,
    "answered_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reminder_reply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpi_log" (
    "id" SERIAL NOT NULL,
    "employee_id" INTEGER NOT NULL,
    "local_date" DATE NOT NULL,
    "activity" TEXT NOT NULL,
    "skp_target" TEXT,
    "progress" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kpi_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "reminder_schedule_kind_scope_key" ON "reminder_schedule"("kind", "scope");

-- CreateIndex
CREATE UNIQUE INDEX "holiday_date_scope_key" ON "holiday"("date", "scope");

-- CreateIndex
CREATE INDEX "leave_employee_id_start_date_idx" ON "leave"("employee_id", "start_date");

-- CreateIndex
CREATE INDEX "reminder_outbox_status_due_at_idx" ON "reminder_outbox"("status", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "reminder_outbox_employee_id_schedule_id_local_date_key" ON "reminder_outbox"("employee_id", "schedule_id", "local_date");

-- CreateIndex
CREATE UNIQUE INDEX "reminder_reply_outbox_id_key" ON "reminder_reply"("outbox_id");

-- CreateIndex
CREATE INDEX "reminder_reply_employee_id_local_date_idx" ON "reminder_reply"("employee_id", "local_date");

-- CreateIndex
CREATE INDEX "kpi_log_employee_id_local_date_idx" ON "kpi_log"("employee_id", "local_date");

-- AddForeignKey
ALTER TABLE "leave" ADD CONSTRAINT "leave_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminder_outbox" ADD CONSTRAINT "reminder_outbox_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminder_outbox" ADD CONSTRAINT "reminder_outbox_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "reminder_schedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminder_reply" ADD CONSTRAINT "reminder_reply_outbox_id_fkey" FOREIGN KEY ("outbox_id") REFERENCES "reminder_outbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminder_reply" ADD CONSTRAINT "reminder_reply_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kpi_log" ADD CONSTRAINT "kpi_log_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The default schedules; HR changes them with `asn reminders set` (the election reminder starts off).
INSERT INTO "reminder_schedule" ("kind", "scope", "local_time", "days", "text", "active", "window_minutes", "updated_at") VALUES
  ('disiplin', '*', '07:15', '{1,2,3,4,5}', 'Selamat pagi, {nama}. Sudah hadir dan mengikuti apel hari ini ({tanggal})? Ketuk salah satu tombol di bawah.', true, 120, CURRENT_TIMESTAMP),
  ('kinerja', '*', '15:30', '{1,2,3,4,5}', 'Halo {nama}, apa yang Anda kerjakan hari ini ({tanggal}) untuk target SKP Anda? Catat sekarang supaya tidak lupa.', true, 180, CURRENT_TIMESTAMP),
  ('ringkasan', '*', '16:00', '{5}', 'Akhir pekan, {nama}: lihat ringkasan kinerja Anda minggu ini dengan /kinerja minggu.', true, 120, CURRENT_TIMESTAMP),
  ('netralitas', '*', '08:00', '{1}', 'Pengingat netralitas, {nama}: ASN tidak boleh mendukung calon atau partai, termasuk menyukai, membagikan atau mengomentari unggahan kampanye di media sosial.', false, 240, CURRENT_TIMESTAMP);
