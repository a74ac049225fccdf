-- Texts the community owns: an admin's edit of a bot text in one language replaces the shipped
-- default (src/texts/locales) until it is reset. A player's chosen language is kept on the player,
-- the language their client last reported on the identity, so notices sent later are in it too.

-- CreateTable
CREATE TABLE "text_overrides" (
    "key" VARCHAR(100) NOT NULL,
    "language" VARCHAR(8) NOT NULL,
    "template" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "text_overrides_pkey" PRIMARY KEY ("key","language")
);

-- AlterTable
ALTER TABLE "players" ADD COLUMN "language" VARCHAR(8);

-- AlterTable
ALTER TABLE "identities" ADD COLUMN "client_language" VARCHAR(8);

CREATE TRIGGER "text_overrides_admin_audit" AFTER INSERT OR UPDATE OR DELETE ON "text_overrides" FOR EACH ROW
  WHEN (coalesce(current_setting('tandem.audit_actor', true), '') <> '')
  EXECUTE FUNCTION "admin_audit_capture"('text_overrides', 'key');
