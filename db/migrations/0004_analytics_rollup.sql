-- btree_gin gives GIN an operator class for uuid, so one index holds (org_id, search_vector).
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE TABLE "analytics_daily" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"agent_user_id" uuid,
	"queue_id" text,
	"queue_name" text,
	"engagements" integer NOT NULL,
	"handle_seconds_sum" bigint NOT NULL,
	"handle_count" integer NOT NULL,
	"positive" integer NOT NULL,
	"neutral" integer NOT NULL,
	"negative" integer NOT NULL,
	"sentiment_sum" numeric NOT NULL,
	"sentiment_count" integer NOT NULL,
	"resolved" integer NOT NULL,
	"unresolved" integer NOT NULL,
	"follow_up" integer NOT NULL,
	"ready" integer NOT NULL,
	"approved_ready" integer NOT NULL,
	"approved" integer NOT NULL,
	"edit_ratio_sum" numeric NOT NULL,
	"crm_final" integer NOT NULL,
	"crm_synced" integer NOT NULL,
	"approval_seconds" double precision[] NOT NULL,
	CONSTRAINT "analytics_daily_key" UNIQUE NULLS NOT DISTINCT("org_id","day","agent_user_id","queue_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_daily_categories" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"agent_user_id" uuid,
	"queue_id" text,
	"category" text NOT NULL,
	"engagements" integer NOT NULL,
	CONSTRAINT "analytics_daily_categories_key" UNIQUE NULLS NOT DISTINCT("org_id","day","agent_user_id","queue_id","category")
);
--> statement-breakpoint
CREATE TABLE "analytics_daily_category_totals" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"category" text NOT NULL,
	"engagements" integer NOT NULL,
	CONSTRAINT "analytics_daily_category_totals_org_id_day_category_pk" PRIMARY KEY("org_id","day","category")
);
--> statement-breakpoint
CREATE TABLE "analytics_dirty_days" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "analytics_dirty_days_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "summaries_search";--> statement-breakpoint
ALTER TABLE "analytics_daily" ADD CONSTRAINT "analytics_daily_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_daily_categories" ADD CONSTRAINT "analytics_daily_categories_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_daily_category_totals" ADD CONSTRAINT "analytics_daily_category_totals_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_dirty_days" ADD CONSTRAINT "analytics_dirty_days_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_daily_org_agent_day" ON "analytics_daily" USING btree ("org_id","agent_user_id","day");--> statement-breakpoint
CREATE INDEX "analytics_daily_org_queue_day" ON "analytics_daily" USING btree ("org_id","queue_id","day");--> statement-breakpoint
CREATE INDEX "analytics_daily_categories_org_agent_day" ON "analytics_daily_categories" USING btree ("org_id","agent_user_id","day");--> statement-breakpoint
CREATE INDEX "analytics_daily_categories_org_queue_day" ON "analytics_daily_categories" USING btree ("org_id","queue_id","day");--> statement-breakpoint
CREATE INDEX "analytics_dirty_days_org_day" ON "analytics_dirty_days" USING btree ("org_id","day");--> statement-breakpoint
CREATE INDEX "engagements_org_duration" ON "engagements" USING btree ("org_id",(coalesce("duration_seconds", 0)) desc nulls last,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "summaries_org_search" ON "summaries" USING gin ("org_id","search_vector");--> statement-breakpoint
-- Tenant isolation for the rollup, as in 0001_row_level_security.sql.
ALTER TABLE "analytics_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "analytics_daily" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "analytics_daily" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "analytics_daily_categories" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "analytics_daily_categories" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "analytics_daily_categories" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "analytics_daily_category_totals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "analytics_daily_category_totals" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "analytics_daily_category_totals" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "analytics_dirty_days" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "analytics_dirty_days" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "analytics_dirty_days" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
-- Dirty-day marking (server/analytics/rollup.ts). Every write that can change a day's report appends
-- (org, UTC day of the engagement's activity_at) in the writer's own transaction, once per statement
-- and day. Updates mark only when a column the report reads changed, on both the old and the new day.
-- A row of an organization being deleted marks nothing: its organization row is already gone.
CREATE FUNCTION analytics_mark_engagement_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO analytics_dirty_days (org_id, day)
    SELECT DISTINCT n.org_id, (n.activity_at AT TIME ZONE 'UTC')::date FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO analytics_dirty_days (org_id, day)
    SELECT DISTINCT o.org_id, (o.activity_at AT TIME ZONE 'UTC')::date FROM old_rows o
    WHERE EXISTS (SELECT 1 FROM organizations g WHERE g.id = o.org_id);
  ELSE
    INSERT INTO analytics_dirty_days (org_id, day)
    SELECT DISTINCT side.org_id, side.day
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (o.org_id, (o.activity_at AT TIME ZONE 'UTC')::date), (n.org_id, (n.activity_at AT TIME ZONE 'UTC')::date)) side(org_id, day)
    WHERE (o.activity_at, o.status, o.agent_user_id, o.queue_id, o.queue_name, o.duration_seconds, o.ended_at)
      IS DISTINCT FROM (n.activity_at, n.status, n.agent_user_id, n.queue_id, n.queue_name, n.duration_seconds, n.ended_at)
      AND EXISTS (SELECT 1 FROM organizations g WHERE g.id = side.org_id);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER analytics_dirty_on_insert AFTER INSERT ON engagements REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_engagement_days();--> statement-breakpoint
CREATE TRIGGER analytics_dirty_on_update AFTER UPDATE ON engagements REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_engagement_days();--> statement-breakpoint
CREATE TRIGGER analytics_dirty_on_delete AFTER DELETE ON engagements REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_engagement_days();--> statement-breakpoint
-- Summaries and CRM attempts count on their engagement's day. A deleted engagement's rows find no
-- engagement here; its own trigger marked the day.
CREATE FUNCTION analytics_mark_engagement_child_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO analytics_dirty_days (org_id, day)
    SELECT DISTINCT e.org_id, (e.activity_at AT TIME ZONE 'UTC')::date FROM new_rows n JOIN engagements e ON e.id = n.engagement_id;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO analytics_dirty_days (org_id, day)
    SELECT DISTINCT e.org_id, (e.activity_at AT TIME ZONE 'UTC')::date FROM old_rows o JOIN engagements e ON e.id = o.engagement_id
    WHERE EXISTS (SELECT 1 FROM organizations g WHERE g.id = e.org_id);
  ELSIF TG_TABLE_NAME = 'summaries' THEN
    INSERT INTO analytics_dirty_days (org_id, day)
    SELECT DISTINCT e.org_id, (e.activity_at AT TIME ZONE 'UTC')::date
    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN engagements e ON e.id IN (o.engagement_id, n.engagement_id)
    WHERE (o.engagement_id, o.status, o.sentiment_label, o.sentiment_score, o.outcome_status, o.category, o.edit_ratio, o.approved_at)
      IS DISTINCT FROM (n.engagement_id, n.status, n.sentiment_label, n.sentiment_score, n.outcome_status, n.category, n.edit_ratio, n.approved_at)
      AND EXISTS (SELECT 1 FROM organizations g WHERE g.id = e.org_id);
  ELSE
    INSERT INTO analytics_dirty_days (org_id, day)
    SELECT DISTINCT e.org_id, (e.activity_at AT TIME ZONE 'UTC')::date
    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN engagements e ON e.id IN (o.engagement_id, n.engagement_id)
    WHERE (o.engagement_id, o.crm_kind, o.result, o.started_at) IS DISTINCT FROM (n.engagement_id, n.crm_kind, n.result, n.started_at)
      AND EXISTS (SELECT 1 FROM organizations g WHERE g.id = e.org_id);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER analytics_dirty_on_insert AFTER INSERT ON summaries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_engagement_child_days();--> statement-breakpoint
CREATE TRIGGER analytics_dirty_on_update AFTER UPDATE ON summaries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_engagement_child_days();--> statement-breakpoint
CREATE TRIGGER analytics_dirty_on_delete AFTER DELETE ON summaries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_engagement_child_days();--> statement-breakpoint
CREATE TRIGGER analytics_dirty_on_insert AFTER INSERT ON crm_sync_attempts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_engagement_child_days();--> statement-breakpoint
CREATE TRIGGER analytics_dirty_on_update AFTER UPDATE ON crm_sync_attempts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_engagement_child_days();--> statement-breakpoint
CREATE TRIGGER analytics_dirty_on_delete AFTER DELETE ON crm_sync_attempts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_engagement_child_days();--> statement-breakpoint
-- Every day that already has engagements starts dirty; the rollup job builds them. The owner is itself
-- subject to row-level security, so each organization is visited with its own app.org_id.
DO $$
DECLARE
  org uuid;
BEGIN
  PERFORM set_config('app.system', 'lookup', true);
  FOREACH org IN ARRAY coalesce((SELECT array_agg(id) FROM organizations), '{}') LOOP
    PERFORM set_config('app.org_id', org::text, true);
    INSERT INTO analytics_dirty_days (org_id, day)
    SELECT DISTINCT e.org_id, (e.activity_at AT TIME ZONE 'UTC')::date FROM engagements e WHERE e.org_id = org;
  END LOOP;
  PERFORM set_config('app.org_id', '', true);
  PERFORM set_config('app.system', '', true);
END $$;--> statement-breakpoint
-- Full-text search under row-level security (server/engagements/search.ts). @@ is not leakproof, so on
-- a table with a policy Postgres checks the policy on each row before it may evaluate @@ and cannot
-- search with a GIN index. This function runs as the owner (the role migrating now), for whom the
-- read-only policy below shows every summary, so summaries_org_search serves it. The organization
-- comes from app.org_id, set by withOrg, never from an argument: it returns ids of that organization's
-- engagements only, at most max_matches of them. The app role still reads summaries under the tenant policy.
CREATE POLICY search_function_read ON summaries FOR SELECT TO CURRENT_USER USING (true);--> statement-breakpoint
CREATE FUNCTION engagement_search_matches(search text, max_matches integer) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT s.engagement_id FROM public.summaries s
  WHERE s.org_id = nullif(current_setting('app.org_id', true), '')::uuid
    AND s.search_vector @@ websearch_to_tsquery('english', search)
  LIMIT max_matches
$$;--> statement-breakpoint
-- Only the app role may call it (granted by db/migrate.ts with the tables).
REVOKE ALL ON FUNCTION engagement_search_matches(text, integer) FROM PUBLIC;