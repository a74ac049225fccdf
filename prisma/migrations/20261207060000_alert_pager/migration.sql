-- Pages by DM (src/alerts): incidents opened and resolved by the evaluator, who was told, and
-- where each admin who signed up is reached.

-- CreateTable
CREATE TABLE "alert_incidents" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "condition_key" VARCHAR(120) NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "details" JSONB NOT NULL DEFAULT '{}',
    "opened_notified_at" TIMESTAMPTZ(3),
    "resolved_notified_at" TIMESTAMPTZ(3),

    CONSTRAINT "alert_incidents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_pages" (
    "id" BIGSERIAL NOT NULL,
    "incident_id" UUID NOT NULL,
    "admin_id" UUID NOT NULL,
    "platform" "Platform" NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "folded" BOOLEAN NOT NULL DEFAULT false,
    "summarized_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_pages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admin_pager_targets" (
    "admin_id" UUID NOT NULL,
    "platform" "Platform" NOT NULL,
    "platform_user_id" VARCHAR(32) NOT NULL,
    "language" VARCHAR(16),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "admin_pager_targets_pkey" PRIMARY KEY ("admin_id","platform")
);

-- CreateTable
CREATE TABLE "admin_pager_codes" (
    "code" VARCHAR(16) NOT NULL,
    "admin_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "admin_pager_codes_pkey" PRIMARY KEY ("code")
);

-- CreateIndex
CREATE INDEX "alert_incidents_started_at_idx" ON "alert_incidents"("started_at");

-- CreateIndex
CREATE INDEX "alert_pages_admin_id_created_at_idx" ON "alert_pages"("admin_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "alert_pages_incident_id_admin_id_platform_kind_key" ON "alert_pages"("incident_id", "admin_id", "platform", "kind");

-- CreateIndex
CREATE INDEX "admin_pager_codes_admin_id_idx" ON "admin_pager_codes"("admin_id");


-- AddForeignKey
ALTER TABLE "alert_pages" ADD CONSTRAINT "alert_pages_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "alert_incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_pages" ADD CONSTRAINT "alert_pages_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "admins"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "admin_pager_targets" ADD CONSTRAINT "admin_pager_targets_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "admins"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "admin_pager_codes" ADD CONSTRAINT "admin_pager_codes_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "admins"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One open incident per condition: the evaluator opens with ON CONFLICT DO NOTHING against this,
-- so an evaluation that runs twice (at-least-once jobs) cannot open a second one.
CREATE UNIQUE INDEX "alert_incidents_open_key" ON "alert_incidents" ("condition_key") WHERE "resolved_at" IS NULL;
