ALTER TABLE "engagements" ADD COLUMN "revision" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "summaries" ADD COLUMN "revision" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Every update bumps the row's revision, whatever code path wrote it. Row locks serialize updates of one
-- row, so a snapshot that saw a later commit always reads a higher revision: clients use the sum of both
-- rows' revisions (EngagementDetail.revision) to drop a response older than what they already show.
CREATE FUNCTION bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.revision := OLD.revision + 1;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER engagements_bump_revision BEFORE UPDATE ON "engagements" FOR EACH ROW EXECUTE FUNCTION bump_revision();--> statement-breakpoint
CREATE TRIGGER summaries_bump_revision BEFORE UPDATE ON "summaries" FOR EACH ROW EXECUTE FUNCTION bump_revision();
