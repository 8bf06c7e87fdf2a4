CREATE TABLE "analytics_daily_totals" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"engagements" integer NOT NULL,
	"positive" integer NOT NULL,
	"neutral" integer NOT NULL,
	"negative" integer NOT NULL,
	"sentiment_sum" numeric NOT NULL,
	"sentiment_count" integer NOT NULL,
	CONSTRAINT "analytics_daily_totals_org_id_day_pk" PRIMARY KEY("org_id","day")
);
--> statement-breakpoint
CREATE TABLE "analytics_monthly" (
	"org_id" uuid NOT NULL,
	"month" date NOT NULL,
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
	"approvals" "bytea" NOT NULL,
	CONSTRAINT "analytics_monthly_key" UNIQUE NULLS NOT DISTINCT("org_id","month","agent_user_id","queue_id")
);
--> statement-breakpoint
ALTER TABLE "analytics_daily" ADD COLUMN "approvals" "bytea" DEFAULT ''::bytea NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_daily_totals" ADD CONSTRAINT "analytics_daily_totals_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_monthly" ADD CONSTRAINT "analytics_monthly_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Derived data, filled from the daily rollup as it stands (the owner lifts forced row-level security for
-- the backfill only, inside the migration's transaction; no organization is set here).
ALTER TABLE "analytics_daily" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE "analytics_daily" SET "approvals" = coalesce((SELECT string_agg(float8send(x), ''::bytea ORDER BY x) FROM unnest("approval_seconds") x), ''::bytea);--> statement-breakpoint
ALTER TABLE "analytics_daily" ALTER COLUMN "approvals" DROP DEFAULT;--> statement-breakpoint
INSERT INTO "analytics_monthly" SELECT org_id, date_trunc('month', day)::date, agent_user_id, queue_id, max(queue_name), sum(engagements)::int,
  sum(handle_seconds_sum)::bigint, sum(handle_count)::int, sum(positive)::int, sum(neutral)::int, sum(negative)::int, sum(sentiment_sum),
  sum(sentiment_count)::int, sum(resolved)::int, sum(unresolved)::int, sum(follow_up)::int, sum(ready)::int, sum(approved_ready)::int,
  sum(approved)::int, sum(edit_ratio_sum), sum(crm_final)::int, sum(crm_synced)::int, string_agg(approvals, ''::bytea)
  FROM "analytics_daily" GROUP BY org_id, date_trunc('month', day)::date, agent_user_id, queue_id;--> statement-breakpoint
INSERT INTO "analytics_daily_totals" SELECT org_id, day, sum(engagements)::int, sum(positive)::int, sum(neutral)::int, sum(negative)::int,
  sum(sentiment_sum), sum(sentiment_count)::int
  FROM "analytics_daily" GROUP BY org_id, day;--> statement-breakpoint
ALTER TABLE "analytics_daily" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Tenant isolation, as in 0001.
ALTER TABLE "analytics_monthly" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "analytics_monthly" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "analytics_monthly" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "analytics_daily_totals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "analytics_daily_totals" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "analytics_daily_totals" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
