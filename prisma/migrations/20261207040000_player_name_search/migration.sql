-- The admin panel finds a player by a part of a name (src/admin-api/resources/player-records.ts).
-- "Contains" needs a trigram index, and one on players.display_name or identities.username would be
-- rewritten by every XP event (xp is indexed, so those updates are never HOT) or every sync. The
-- names live instead in a narrow table of their own, indexed there, copied by triggers that fire
-- only when a name or its owner changes.

-- CreateExtension
-- Trusted, so the database owner may create it; shipped with Debian's PostgreSQL and the embedded one.
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateTable
-- One row per name a player is found by: `name` for the display name, the platform for a username.
-- The name is stored folded to lower case: the search matches lower(part) with LIKE, which is what
-- ILIKE does, without folding every row it reads (a scan then costs a quarter). Text, because
-- folding may lengthen a string.
CREATE TABLE "player_names" (
    "player_id" UUID NOT NULL,
    "source" VARCHAR(16) NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "player_names_pkey" PRIMARY KEY ("player_id","source")
);

-- The display name, as it is set. An UPDATE that does not name display_name (the XP hot path:
-- UPDATE players SET xp = ..., balance = ...) does not even consider the trigger, and one that
-- writes the same name back is stopped by the WHEN clause before any function runs: only a real
-- rename writes here.
CREATE FUNCTION "player_names_copy_display_name"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "player_names" ("player_id", "source", "name") VALUES (NEW."id", 'name', lower(NEW."display_name"))
  ON CONFLICT ("player_id", "source") DO UPDATE SET "name" = EXCLUDED."name";
  RETURN NULL;
END
$$;
CREATE TRIGGER "players_name_search_insert" AFTER INSERT ON "players"
  FOR EACH ROW EXECUTE FUNCTION "player_names_copy_display_name"();
CREATE TRIGGER "players_name_search_rename" AFTER UPDATE OF "display_name" ON "players"
  FOR EACH ROW WHEN (OLD."display_name" IS DISTINCT FROM NEW."display_name")
  EXECUTE FUNCTION "player_names_copy_display_name"();

-- A platform username follows its identity: renamed by a sync, moved to another player by a merge
-- or an unlink (player_id re-pointed), gone with a deleted identity. An identity without a username
-- has no row.
CREATE FUNCTION "player_names_copy_username"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM "player_names" WHERE "player_id" = OLD."player_id" AND "source" = OLD."platform"::text;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW."username" IS NOT NULL THEN
    INSERT INTO "player_names" ("player_id", "source", "name")
    VALUES (NEW."player_id", NEW."platform"::text, lower(NEW."username"))
    ON CONFLICT ("player_id", "source") DO UPDATE SET "name" = EXCLUDED."name";
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER "identities_name_search_insert" AFTER INSERT ON "identities"
  FOR EACH ROW EXECUTE FUNCTION "player_names_copy_username"();
CREATE TRIGGER "identities_name_search_update" AFTER UPDATE OF "username", "player_id", "platform" ON "identities"
  FOR EACH ROW WHEN (OLD."username" IS DISTINCT FROM NEW."username"
                     OR OLD."player_id" IS DISTINCT FROM NEW."player_id"
                     OR OLD."platform" IS DISTINCT FROM NEW."platform")
  EXECUTE FUNCTION "player_names_copy_username"();
CREATE TRIGGER "identities_name_search_delete" AFTER DELETE ON "identities"
  FOR EACH ROW EXECUTE FUNCTION "player_names_copy_username"();

-- The names there are already. Creating the triggers locked players and identities against writes
-- until this migration commits, so no name can change between the copy and the triggers.
INSERT INTO "player_names" ("player_id", "source", "name")
SELECT "id", 'name', lower("display_name") FROM "players"
UNION ALL
SELECT "player_id", "platform"::text, lower("username") FROM "identities" WHERE "username" IS NOT NULL;

-- CreateIndex
-- Built after the copy: one pass over the rows rather than an insert per name.
CREATE INDEX "player_names_name_trgm_idx" ON "player_names" USING GIN ("name" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "player_names" ADD CONSTRAINT "player_names_player_id_fkey" FOREIGN KEY ("player_id") REFERENCES "players"("id") ON DELETE CASCADE ON UPDATE CASCADE;
