-- Timed boost events: a factor on the chosen earning sources inside [starts_at, ends_at).
-- `announced_start` remembers which start was announced, so the start job fires its notice once.

-- CreateTable
CREATE TABLE "boosts" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "factor" DOUBLE PRECISION NOT NULL,
    "sources" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "announced_start" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "boosts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "boosts_starts_at_ends_at_idx" ON "boosts"("starts_at", "ends_at");

-- Admin edits of boosts are audited like the other panel resources.
CREATE TRIGGER "boosts_admin_audit" AFTER INSERT OR UPDATE OR DELETE ON "boosts" FOR EACH ROW
  WHEN (coalesce(current_setting('tandem.audit_actor', true), '') <> '')
  EXECUTE FUNCTION "admin_audit_capture"('boosts', 'id');
