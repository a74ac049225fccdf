-- The groups and channels Tandem's Telegram bot is or was in, with its standing and rights there,
-- kept from the bot's membership updates so the panel lists Telegram chats by title. Each row
-- remembers the date and update id of the newest update applied to the membership, and of the
-- newest that named the title (a rename): an update older than those changes nothing.

-- CreateEnum
CREATE TYPE "TelegramChatType" AS ENUM ('group', 'supergroup', 'channel');

-- CreateEnum
CREATE TYPE "TelegramBotStatus" AS ENUM ('member', 'administrator', 'restricted', 'left', 'kicked');

-- CreateTable
CREATE TABLE "telegram_chats" (
    "chat_id" BIGINT NOT NULL,
    "type" "TelegramChatType" NOT NULL,
    "title" VARCHAR(255) NOT NULL,
    "bot_status" "TelegramBotStatus" NOT NULL,
    "rights" JSONB,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,
    "update_id" BIGINT NOT NULL,
    "title_changed_at" TIMESTAMPTZ(3) NOT NULL,
    "title_update_id" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "telegram_chats_pkey" PRIMARY KEY ("chat_id")
);
