-- When the player last sent proof: a proof sent again after a rejection is a new submission in
-- time (boosts of the 'tasks' source apply at this moment), though the row is the same.
ALTER TABLE "task_submissions" ADD COLUMN "submitted_at" TIMESTAMPTZ(3);
UPDATE "task_submissions" SET "submitted_at" = "created_at";
ALTER TABLE "task_submissions" ALTER COLUMN "submitted_at" SET NOT NULL,
  ALTER COLUMN "submitted_at" SET DEFAULT CURRENT_TIMESTAMP;
