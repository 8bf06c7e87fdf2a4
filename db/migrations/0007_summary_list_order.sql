ALTER TABLE "summaries" ADD COLUMN "activity_at" timestamp with time zone;--> statement-breakpoint
-- The owner is subject to the forced row-level security too (no organization set here): lift it for the
-- backfill only, inside the migration's transaction.
ALTER TABLE "summaries" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "engagements" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE "summaries" s SET "activity_at" = e."activity_at" FROM "engagements" e WHERE e."id" = s."engagement_id";--> statement-breakpoint
ALTER TABLE "summaries" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "engagements" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- summaries.activity_at mirrors engagements.activity_at, whatever code path writes either table.
CREATE FUNCTION summaries_copy_activity_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT e.activity_at INTO NEW.activity_at FROM engagements e WHERE e.id = NEW.engagement_id;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER summaries_copy_activity_at BEFORE INSERT ON "summaries" FOR EACH ROW EXECUTE FUNCTION summaries_copy_activity_at();--> statement-breakpoint
CREATE FUNCTION engagements_share_activity_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE summaries SET activity_at = NEW.activity_at WHERE org_id = NEW.org_id AND engagement_id = NEW.id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER engagements_share_activity_at AFTER UPDATE OF "activity_at" ON "engagements" FOR EACH ROW
  WHEN (OLD."activity_at" IS DISTINCT FROM NEW."activity_at") EXECUTE FUNCTION engagements_share_activity_at();--> statement-breakpoint
DROP INDEX "summaries_org_status";--> statement-breakpoint
CREATE INDEX "summaries_org_status_activity" ON "summaries" USING btree ("org_id","status","activity_at" DESC NULLS LAST,"engagement_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "summaries_org_crm_activity" ON "summaries" USING btree ("org_id","crm_sync_state","activity_at" DESC NULLS LAST,"engagement_id" DESC NULLS LAST);
