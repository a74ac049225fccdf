-- The audit trail of admins' writes: one row per row an admin's request inserted, updated or deleted.
CREATE TABLE "admin_audit" (
    "id" BIGSERIAL NOT NULL,
    "admin_id" UUID NOT NULL,
    "admin_username" VARCHAR(64) NOT NULL,
    "address" VARCHAR(100),
    "action" VARCHAR(32) NOT NULL,
    "entity" VARCHAR(64) NOT NULL,
    "entity_id" VARCHAR(200) NOT NULL,
    "operation" VARCHAR(16) NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "admin_audit_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "admin_audit_created_at_idx" ON "admin_audit"("created_at");
CREATE INDEX "admin_audit_entity_entity_id_idx" ON "admin_audit"("entity", "entity_id");
CREATE INDEX "admin_audit_admin_id_created_at_idx" ON "admin_audit"("admin_id", "created_at");

-- Append-only, like the ledger: nobody edits or erases what an admin did.
CREATE FUNCTION "admin_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'admin_audit is append-only: the audit trail is never edited or deleted';
END
$$;
CREATE TRIGGER "admin_audit_append_only" BEFORE UPDATE OR DELETE ON "admin_audit"
  FOR EACH ROW EXECUTE FUNCTION "admin_audit_append_only"();
CREATE TRIGGER "admin_audit_no_truncate" BEFORE TRUNCATE ON "admin_audit"
  FOR EACH STATEMENT EXECUTE FUNCTION "admin_audit_append_only"();

-- The API names the acting admin for the length of a write's transaction:
--   SELECT set_config('tandem.audit_actor', '{"adminId":..,"username":..,"address":..,"action":..}', true)
-- Every row the transaction then writes in an audited table is recorded, in the same transaction, as
-- it was and as it became. Writes without an actor (bots, workers, seeds) are not audited: the
-- trigger's WHEN skips them before the function runs, so the hot path pays one setting lookup.
-- Password hashes are never copied.
CREATE FUNCTION "admin_audit_capture"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  actor jsonb := current_setting('tandem.audit_actor', true)::jsonb;
  old_row jsonb;
  new_row jsonb;
BEGIN
  IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD) - 'password_hash'; END IF;
  IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW) - 'password_hash'; END IF;
  INSERT INTO "admin_audit" ("admin_id", "admin_username", "address", "action", "entity", "entity_id",
                             "operation", "before", "after")
  VALUES ((actor->>'adminId')::uuid, actor->>'username', left(actor->>'address', 100),
          coalesce(actor->>'action', lower(TG_OP)), TG_ARGV[0], coalesce(new_row, old_row)->>TG_ARGV[1],
          lower(TG_OP), old_row, new_row);
  RETURN NULL;
END
$$;

CREATE TRIGGER "menu_buttons_admin_audit" AFTER INSERT OR UPDATE OR DELETE ON "menu_buttons" FOR EACH ROW
  WHEN (coalesce(current_setting('tandem.audit_actor', true), '') <> '')
  EXECUTE FUNCTION "admin_audit_capture"('menu_buttons', 'id');
CREATE TRIGGER "scenarios_admin_audit" AFTER INSERT OR UPDATE OR DELETE ON "scenarios" FOR EACH ROW
  WHEN (coalesce(current_setting('tandem.audit_actor', true), '') <> '')
  EXECUTE FUNCTION "admin_audit_capture"('scenarios', 'id');
CREATE TRIGGER "tasks_admin_audit" AFTER INSERT OR UPDATE OR DELETE ON "tasks" FOR EACH ROW
  WHEN (coalesce(current_setting('tandem.audit_actor', true), '') <> '')
  EXECUTE FUNCTION "admin_audit_capture"('tasks', 'id');
CREATE TRIGGER "ranks_admin_audit" AFTER INSERT OR UPDATE OR DELETE ON "ranks" FOR EACH ROW
  WHEN (coalesce(current_setting('tandem.audit_actor', true), '') <> '')
  EXECUTE FUNCTION "admin_audit_capture"('ranks', 'id');
CREATE TRIGGER "achievements_admin_audit" AFTER INSERT OR UPDATE OR DELETE ON "achievements" FOR EACH ROW
  WHEN (coalesce(current_setting('tandem.audit_actor', true), '') <> '')
  EXECUTE FUNCTION "admin_audit_capture"('achievements', 'id');
CREATE TRIGGER "settings_admin_audit" AFTER INSERT OR UPDATE OR DELETE ON "settings" FOR EACH ROW
  WHEN (coalesce(current_setting('tandem.audit_actor', true), '') <> '')
  EXECUTE FUNCTION "admin_audit_capture"('settings', 'key');
CREATE TRIGGER "admins_admin_audit" AFTER INSERT OR UPDATE OR DELETE ON "admins" FOR EACH ROW
  WHEN (coalesce(current_setting('tandem.audit_actor', true), '') <> '')
  EXECUTE FUNCTION "admin_audit_capture"('admins', 'id');
CREATE TRIGGER "players_admin_audit" AFTER INSERT OR UPDATE OR DELETE ON "players" FOR EACH ROW
  WHEN (coalesce(current_setting('tandem.audit_actor', true), '') <> '')
  EXECUTE FUNCTION "admin_audit_capture"('players', 'id');
CREATE TRIGGER "task_submissions_admin_audit" AFTER INSERT OR UPDATE OR DELETE ON "task_submissions" FOR EACH ROW
  WHEN (coalesce(current_setting('tandem.audit_actor', true), '') <> '')
  EXECUTE FUNCTION "admin_audit_capture"('task_submissions', 'id');
CREATE TRIGGER "payouts_admin_audit" AFTER INSERT OR UPDATE OR DELETE ON "payouts" FOR EACH ROW
  WHEN (coalesce(current_setting('tandem.audit_actor', true), '') <> '')
  EXECUTE FUNCTION "admin_audit_capture"('payouts', 'id');
-- Events are appended by the engine with the ledger row (which names the admin already); a retry is
-- the admin's own change of an event.
CREATE TRIGGER "sync_events_admin_audit" AFTER UPDATE ON "sync_events" FOR EACH ROW
  WHEN (coalesce(current_setting('tandem.audit_actor', true), '') <> '')
  EXECUTE FUNCTION "admin_audit_capture"('sync_events', 'id');
