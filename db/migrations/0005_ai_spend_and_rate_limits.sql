CREATE TABLE "ai_spend_days" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"spent_usd" numeric(12, 6) DEFAULT '0' NOT NULL,
	"reserved_usd" numeric(12, 6) DEFAULT '0' NOT NULL,
	"cap_usd" numeric(12, 6) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ai_spend_days_org_id_day_pk" PRIMARY KEY("org_id","day")
);
--> statement-breakpoint
CREATE TABLE "rate_limit_counters" (
	"key" "bytea" PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"resets_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ai_spend_days" ADD CONSTRAINT "ai_spend_days_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rate_limit_counters_resets" ON "rate_limit_counters" USING btree ("resets_at");--> statement-breakpoint
-- Counters only: unlogged, so a hit does not wait for a WAL flush (about ten times faster). A crash or a
-- failover to a standby starts every window afresh, which a rate limit can afford.
ALTER TABLE "rate_limit_counters" SET UNLOGGED;--> statement-breakpoint
-- Tenant isolation, as in 0001. rate_limit_counters has no org_id and holds no tenant text (db/schema.ts RLS_EXEMPT_TABLES).
ALTER TABLE "ai_spend_days" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "ai_spend_days" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_isolation ON "ai_spend_days" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
