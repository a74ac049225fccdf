-- Link codes redeemed and waiting for the redeemer's confirmation, with the figures the preview showed.
CREATE TYPE "LinkConfirmationStatus" AS ENUM ('pending', 'confirmed', 'declined', 'superseded');

CREATE TABLE "link_confirmations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" VARCHAR(16) NOT NULL,
    "platform" "Platform" NOT NULL,
    "platform_user_id" VARCHAR(32) NOT NULL,
    "survivor_id" UUID NOT NULL,
    "absorbed_id" UUID NOT NULL,
    "survivor_xp" INTEGER NOT NULL,
    "survivor_coins" INTEGER NOT NULL,
    "absorbed_xp" INTEGER NOT NULL,
    "absorbed_coins" INTEGER NOT NULL,
    "status" "LinkConfirmationStatus" NOT NULL DEFAULT 'pending',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "link_confirmations_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "link_confirmations_code_idx" ON "link_confirmations"("code");
CREATE INDEX "link_confirmations_platform_platform_user_id_idx" ON "link_confirmations"("platform", "platform_user_id");

ALTER TABLE "link_confirmations" ADD CONSTRAINT "link_confirmations_code_fkey" FOREIGN KEY ("code") REFERENCES "link_codes"("code") ON DELETE CASCADE ON UPDATE CASCADE;
