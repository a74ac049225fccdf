-- Content the bots show (menu buttons, scenarios), tasks with their submissions, and guessing-game
-- rounds; the message-XP cooldown becomes a column so it can be a conditional write.
ALTER TABLE "players" ADD COLUMN "last_message_xp_at" TIMESTAMPTZ(3);

-- CreateEnum
CREATE TYPE "SubmissionStatus" AS ENUM ('pending', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "GameStatus" AS ENUM ('active', 'won', 'lost');

-- CreateTable
CREATE TABLE "menu_buttons" (
    "id" SERIAL NOT NULL,
    "label" VARCHAR(64) NOT NULL,
    "scenario_id" INTEGER,
    "url" VARCHAR(500),
    "command" VARCHAR(32),
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

CONSTRAINT "menu_buttons_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scenarios" (
    "id" SERIAL NOT NULL,
    "slug" VARCHAR(64) NOT NULL,
    "title" VARCHAR(100) NOT NULL,
    "text" TEXT NOT NULL,
    "buttons" JSONB NOT NULL DEFAULT '[]',
    "reward_xp" INTEGER NOT NULL DEFAULT 0,
    "reward_coins" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

CONSTRAINT "scenarios_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tasks" (
    "id" SERIAL NOT NULL,
    "title" VARCHAR(100) NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "proof_hint" VARCHAR(200),
    "reward_xp" INTEGER NOT NULL DEFAULT 0,
    "reward_coins" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_submissions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "task_id" INTEGER NOT NULL,
    "player_id" UUID NOT NULL,
    "platform" "Platform" NOT NULL,
    "proof" VARCHAR(1000) NOT NULL,
    "status" "SubmissionStatus" NOT NULL DEFAULT 'pending',
    "note" VARCHAR(500),
    "decided_by" VARCHAR(100),
    "decided_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

CONSTRAINT "task_submissions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "game_sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "player_id" UUID NOT NULL,
    "day" VARCHAR(10) NOT NULL,
    "secret" INTEGER NOT NULL,
    "attempts_left" INTEGER NOT NULL,
    "status" "GameStatus" NOT NULL DEFAULT 'active',
    "last_guess_ref" VARCHAR(64),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

CONSTRAINT "game_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "menu_buttons_position_idx" ON "menu_buttons"("position");

-- CreateIndex
CREATE UNIQUE INDEX "scenarios_slug_key" ON "scenarios"("slug");

-- CreateIndex
CREATE INDEX "task_submissions_status_created_at_idx" ON "task_submissions"("status", "created_at");

-- CreateIndex
CREATE INDEX "task_submissions_player_id_idx" ON "task_submissions"("player_id");

-- CreateIndex
CREATE UNIQUE INDEX "task_submissions_task_id_player_id_key" ON "task_submissions"("task_id", "player_id");

-- CreateIndex
CREATE INDEX "game_sessions_player_id_day_idx" ON "game_sessions"("player_id", "day");

-- AddForeignKey
ALTER TABLE "menu_buttons" ADD CONSTRAINT "menu_buttons_scenario_id_fkey" FOREIGN KEY ("scenario_id") REFERENCES "scenarios"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_submissions" ADD CONSTRAINT "task_submissions_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_submissions" ADD CONSTRAINT "task_submissions_player_id_fkey" FOREIGN KEY ("player_id") REFERENCES "players"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "game_sessions" ADD CONSTRAINT "game_sessions_player_id_fkey" FOREIGN KEY ("player_id") REFERENCES "players"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Invariants schema.prisma cannot express.
ALTER TABLE "menu_buttons" ADD CONSTRAINT "menu_buttons_one_target"
  CHECK (num_nonnulls("scenario_id", "url", "command") = 1);
ALTER TABLE "scenarios" ADD CONSTRAINT "scenarios_reward_non_negative" CHECK ("reward_xp" >= 0 AND "reward_coins" >= 0);
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_reward_non_negative" CHECK ("reward_xp" >= 0 AND "reward_coins" >= 0);
ALTER TABLE "game_sessions" ADD CONSTRAINT "game_sessions_attempts_non_negative" CHECK ("attempts_left" >= 0);
