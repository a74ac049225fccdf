-- Seasons are edited in the admin panel like the other panel resources, so admins' writes to them
-- (and to their results) are audited by the same trigger. A season's close runs in a worker, which
-- names no actor, so closing stays unaudited and pays nothing for it. A season's results are
-- recorded under the season they belong to.
CREATE TRIGGER "seasons_admin_audit" AFTER INSERT OR UPDATE OR DELETE ON "seasons" FOR EACH ROW
  WHEN (coalesce(current_setting('tandem.audit_actor', true), '') <> '')
  EXECUTE FUNCTION "admin_audit_capture"('seasons', 'id');
CREATE TRIGGER "season_results_admin_audit" AFTER INSERT OR UPDATE OR DELETE ON "season_results" FOR EACH ROW
  WHEN (coalesce(current_setting('tandem.audit_actor', true), '') <> '')
  EXECUTE FUNCTION "admin_audit_capture"('season_results', 'season_id');

-- Giving a winner the season's Discord role can fail. A refusal no retry can fix (the member left,
-- the role is above the bot's or was deleted) is recorded once with Discord's reason and not tried
-- again; a transient failure is retried with a growing pause, a bounded number of times.
ALTER TABLE "season_results" ADD COLUMN "role_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "role_retry_at" TIMESTAMPTZ(3),
ADD COLUMN "role_refused_at" TIMESTAMPTZ(3),
ADD COLUMN "role_refusal" VARCHAR(500);
