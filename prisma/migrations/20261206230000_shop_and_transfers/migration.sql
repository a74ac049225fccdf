-- The shop (items, purchases held by ledger holds) and coin transfers between players.

-- CreateEnum
CREATE TYPE "ShopItemKind" AS ENUM ('discord_role', 'telegram_title', 'custom');

-- CreateEnum
CREATE TYPE "ShopPurchaseStatus" AS ENUM ('pending', 'granted', 'failed', 'refunded', 'expired');


-- CreateTable
CREATE TABLE "shop_items" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "description" VARCHAR(1000) NOT NULL DEFAULT '',
    "kind" "ShopItemKind" NOT NULL,
    "price" INTEGER NOT NULL,
    "stock" INTEGER,
    "per_player_limit" INTEGER,
    "available_from" TIMESTAMPTZ(3),
    "available_until" TIMESTAMPTZ(3),
    "min_rank_id" INTEGER,
    "discord_role_id" VARCHAR(32),
    "duration_days" INTEGER,
    "telegram_chat_id" VARCHAR(32),
    "telegram_title" VARCHAR(16),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shop_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "shop_purchases" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "request_key" VARCHAR(200) NOT NULL,
    "player_id" UUID NOT NULL,
    "item_id" INTEGER NOT NULL,
    "kind" "ShopItemKind" NOT NULL,
    "price" INTEGER NOT NULL,
    "grant" JSONB NOT NULL DEFAULT '{}',
    "status" "ShopPurchaseStatus" NOT NULL DEFAULT 'pending',
    "source" "EventSource" NOT NULL,
    "hold_id" BIGINT,
    "granted_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "settled_by" VARCHAR(100),
    "settled_at" TIMESTAMPTZ(3),
    "reason" VARCHAR(500),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shop_purchases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coin_transfers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "request_key" VARCHAR(200) NOT NULL,
    "from_player_id" UUID NOT NULL,
    "to_player_id" UUID NOT NULL,
    "amount" INTEGER NOT NULL,
    "source" "EventSource" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coin_transfers_pkey" PRIMARY KEY ("id")
);


-- CreateIndex
CREATE UNIQUE INDEX "shop_purchases_request_key_key" ON "shop_purchases"("request_key");

-- CreateIndex
CREATE UNIQUE INDEX "shop_purchases_hold_id_key" ON "shop_purchases"("hold_id");

-- CreateIndex
CREATE INDEX "shop_purchases_item_id_status_idx" ON "shop_purchases"("item_id", "status");

-- CreateIndex
CREATE INDEX "shop_purchases_player_id_item_id_idx" ON "shop_purchases"("player_id", "item_id");

-- CreateIndex
CREATE INDEX "shop_purchases_status_created_at_idx" ON "shop_purchases"("status", "created_at");

-- CreateIndex
CREATE INDEX "shop_purchases_status_expires_at_idx" ON "shop_purchases"("status", "expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "coin_transfers_request_key_key" ON "coin_transfers"("request_key");

-- CreateIndex
CREATE INDEX "coin_transfers_from_player_id_created_at_idx" ON "coin_transfers"("from_player_id", "created_at");

-- CreateIndex
CREATE INDEX "coin_transfers_to_player_id_created_at_idx" ON "coin_transfers"("to_player_id", "created_at");


-- AddForeignKey
ALTER TABLE "shop_items" ADD CONSTRAINT "shop_items_min_rank_id_fkey" FOREIGN KEY ("min_rank_id") REFERENCES "ranks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shop_purchases" ADD CONSTRAINT "shop_purchases_player_id_fkey" FOREIGN KEY ("player_id") REFERENCES "players"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shop_purchases" ADD CONSTRAINT "shop_purchases_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "shop_items"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shop_purchases" ADD CONSTRAINT "shop_purchases_hold_id_fkey" FOREIGN KEY ("hold_id") REFERENCES "ledger_holds"("entry_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coin_transfers" ADD CONSTRAINT "coin_transfers_from_player_id_fkey" FOREIGN KEY ("from_player_id") REFERENCES "players"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coin_transfers" ADD CONSTRAINT "coin_transfers_to_player_id_fkey" FOREIGN KEY ("to_player_id") REFERENCES "players"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Each kind carries the fields it grants with, and only those; amounts are whole and positive.
ALTER TABLE "shop_items" ADD CONSTRAINT "shop_items_price_check" CHECK ("price" > 0);
ALTER TABLE "shop_items" ADD CONSTRAINT "shop_items_stock_check" CHECK ("stock" IS NULL OR "stock" >= 0);
ALTER TABLE "shop_items" ADD CONSTRAINT "shop_items_per_player_limit_check"
  CHECK ("per_player_limit" IS NULL OR "per_player_limit" > 0);
ALTER TABLE "shop_items" ADD CONSTRAINT "shop_items_window_check"
  CHECK ("available_from" IS NULL OR "available_until" IS NULL OR "available_until" > "available_from");
ALTER TABLE "shop_items" ADD CONSTRAINT "shop_items_kind_fields_check" CHECK (
  CASE "kind"
    WHEN 'discord_role' THEN "discord_role_id" IS NOT NULL AND "telegram_chat_id" IS NULL
      AND "telegram_title" IS NULL AND ("duration_days" IS NULL OR "duration_days" > 0)
    WHEN 'telegram_title' THEN "telegram_chat_id" IS NOT NULL AND "telegram_title" IS NOT NULL
      AND "discord_role_id" IS NULL AND "duration_days" IS NULL
    ELSE "discord_role_id" IS NULL AND "telegram_chat_id" IS NULL AND "telegram_title" IS NULL
      AND "duration_days" IS NULL
  END);
ALTER TABLE "shop_purchases" ADD CONSTRAINT "shop_purchases_price_check" CHECK ("price" > 0);
ALTER TABLE "coin_transfers" ADD CONSTRAINT "coin_transfers_amount_check" CHECK ("amount" > 0);
ALTER TABLE "coin_transfers" ADD CONSTRAINT "coin_transfers_parties_check" CHECK ("from_player_id" <> "to_player_id");

-- Admin edits of items and admins' fulfilments and refunds are audited like the other panel resources
-- (the transfer limits are a `settings` row, audited already).
CREATE TRIGGER "shop_items_admin_audit" AFTER INSERT OR UPDATE OR DELETE ON "shop_items" FOR EACH ROW
  WHEN (coalesce(current_setting('tandem.audit_actor', true), '') <> '')
  EXECUTE FUNCTION "admin_audit_capture"('shop_items', 'id');
CREATE TRIGGER "shop_purchases_admin_audit" AFTER INSERT OR UPDATE OR DELETE ON "shop_purchases" FOR EACH ROW
  WHEN (coalesce(current_setting('tandem.audit_actor', true), '') <> '')
  EXECUTE FUNCTION "admin_audit_capture"('shop_purchases', 'id');
