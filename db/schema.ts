import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The whole data model. Every tenant table carries org_id, first in its indexes, and has
 * row-level security forced on (see migrations/0001_row_level_security.sql and the catalog test).
 */

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const orgId = () =>
  uuid('org_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

export interface OrgSettings {
  autoApprove: boolean;
  /** Push to the CRM as soon as a summary is approved. */
  autoSyncOnApproval: boolean;
  redactPii: boolean;
  /** What CRM sync does when no contact matches. */
  crmNoMatch: 'create' | 'unattached';
}

export const DEFAULT_ORG_SETTINGS: OrgSettings = {
  autoApprove: false,
  autoSyncOnApproval: true,
  redactPii: true,
  crmNoMatch: 'create',
};

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoomAccountId: text('zoom_account_id').notNull().unique(),
  name: text('name').notNull(),
  plan: text('plan').notNull().default('free'),
  seats: integer('seats').notNull().default(1),
  stripeCustomerId: text('stripe_customer_id').unique(),
  stripeSubscriptionId: text('stripe_subscription_id'),
  subscriptionStatus: text('subscription_status').notNull().default('none'),
  /** The latest Stripe event time applied, so out-of-order events never roll state back. */
  subscriptionSyncedAt: timestamp('subscription_synced_at', { withTimezone: true }),
  pastDueSince: timestamp('past_due_since', { withTimezone: true }),
  currentPeriodStart: timestamp('current_period_start', { withTimezone: true }),
  currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
  settings: jsonb('settings').$type<OrgSettings>().notNull().default(DEFAULT_ORG_SETTINGS),
  deletionRequestedAt: timestamp('deletion_requested_at', { withTimezone: true }),
  deletionScheduledFor: timestamp('deletion_scheduled_for', { withTimezone: true }),
  deletionRequestedBy: uuid('deletion_requested_by'),
  zoomDeauthorizedAt: timestamp('zoom_deauthorized_at', { withTimezone: true }),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    zoomUserId: text('zoom_user_id').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    role: text('role', { enum: ['agent', 'supervisor', 'admin'] }).notNull(),
    /** The Contact Center role as Zoom names it, kept to explain the mapping. */
    contactCenterRole: text('contact_center_role'),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_org_zoom_user').on(t.orgId, t.zoomUserId), index('users_org_role').on(t.orgId, t.role)],
);

/** Encrypted OAuth tokens for Zoom and each CRM. Ciphertext envelopes carry their key id. */
export const oauthCredentials = pgTable(
  'oauth_credentials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    provider: text('provider', { enum: ['zoom', 'hubspot', 'salesforce'] }).notNull(),
    /** Whose grant this is: a Zoom user id, a HubSpot portal id, a Salesforce org id. */
    subject: text('subject').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    accessTokenEnc: text('access_token_enc').notNull(),
    refreshTokenEnc: text('refresh_token_enc'),
    keyId: text('key_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    scope: text('scope'),
    instanceUrl: text('instance_url'),
    /** Non-secret parts of a grant the CRM needs back (HubSpot portal id, Salesforce login host and org id). */
    details: jsonb('details').$type<Record<string, string>>().notNull().default({}),
    status: text('status', { enum: ['active', 'reauth_required'] }).notNull().default('active'),
    statusReason: text('status_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('oauth_credentials_org_provider_subject').on(t.orgId, t.provider, t.subject),
    index('oauth_credentials_key').on(t.keyId),
  ],
);

export const crmConnections = pgTable(
  'crm_connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    kind: text('kind', { enum: ['hubspot', 'salesforce'] }).notNull(),
    credentialId: uuid('credential_id').references(() => oauthCredentials.id, { onDelete: 'set null' }),
    externalAccountId: text('external_account_id'),
    environment: text('environment', { enum: ['production', 'sandbox'] }).notNull().default('production'),
    status: text('status', { enum: ['connected', 'reauth_required'] }).notNull().default('connected'),
    statusReason: text('status_reason'),
    connectedBy: uuid('connected_by').references(() => users.id, { onDelete: 'set null' }),
    connectedAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('crm_connections_org_kind').on(t.orgId, t.kind)],
);

export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('categories_org_name').on(t.orgId, t.name), index('categories_org_position').on(t.orgId, t.position)],
);

export const engagements = pgTable(
  'engagements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    zoomEngagementId: text('zoom_engagement_id').notNull(),
    channel: text('channel').notNull().default('voice'),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull().default('inbound'),
    queueId: text('queue_id'),
    queueName: text('queue_name'),
    /** Every agent who took part, as Zoom reported them. */
    agents: jsonb('agents').$type<Array<{ zoomUserId: string; name: string; email?: string }>>().notNull().default([]),
    /** The agent who owns the engagement in CallRecap (the last one to handle it). */
    agentUserId: uuid('agent_user_id').references(() => users.id, { onDelete: 'set null' }),
    consumerNumber: text('consumer_number'),
    consumerEmail: text('consumer_email'),
    consumerName: text('consumer_name'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    durationSeconds: integer('duration_seconds'),
    /** The list's sort key: when it ended, or when it started while still in progress. */
    activityAt: timestamp('activity_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status', { enum: ['in_progress', 'ended'] }).notNull().default('in_progress'),
    transcriptStatus: text('transcript_status', { enum: ['pending', 'processed', 'none'] }).notNull().default('pending'),
    transcriptNote: text('transcript_note'),
    /** Bumped by a trigger on every update (migration 0006); see EngagementDetail.revision. */
    revision: bigint('revision', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('engagements_org_zoom_id').on(t.orgId, t.zoomEngagementId),
    index('engagements_org_activity').on(t.orgId, t.activityAt.desc(), t.id.desc()),
    index('engagements_org_agent_activity').on(t.orgId, t.agentUserId, t.activityAt.desc(), t.id.desc()),
    index('engagements_org_queue_activity').on(t.orgId, t.queueId, t.activityAt.desc()),
    // The list sorted by duration (in-progress engagements count as 0 s), walked in order like the activity indexes.
    index('engagements_org_duration').on(t.orgId, sql`(coalesce(${t.durationSeconds}, 0)) desc nulls last`, t.id.desc()),
    index('engagements_org_consumer_number').on(t.orgId, t.consumerNumber),
    index('engagements_org_consumer_email').on(t.orgId, t.consumerEmail),
  ],
);

/** One summary per engagement; its content lives in versions, the current one mirrored here for filtering. */
export const summaries = pgTable(
  'summaries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    engagementId: uuid('engagement_id')
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    status: text('status', {
      enum: ['pending', 'summarizing', 'ready', 'failed', 'limit_reached', 'no_transcript'],
    })
      .notNull()
      .default('pending'),
    statusReason: text('status_reason'),
    currentVersion: integer('current_version').notNull().default(0),
    category: text('category'),
    sentimentLabel: text('sentiment_label'),
    sentimentScore: real('sentiment_score'),
    outcomeStatus: text('outcome_status'),
    provider: text('provider'),
    model: text('model'),
    promptVersion: text('prompt_version'),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    costUsd: numeric('cost_usd', { precision: 12, scale: 6 }).notNull().default('0'),
    /** The billing period this summary was counted in; set once, so a retried job never counts twice. */
    usagePeriodStart: date('usage_period_start'),
    /** Word-level share of the AI text the agents changed (0 = untouched, 1 = rewritten). */
    editRatio: real('edit_ratio').notNull().default(0),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    crmSyncState: text('crm_sync_state', { enum: ['none', 'queued', 'synced', 'failed'] })
      .notNull()
      .default('none'),
    searchVector: tsvector('search_vector'),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    /**
     * A copy of engagements.activity_at, kept equal by triggers (migration 0007), so a list filtered by a
     * rare summary state walks that state's rows in list order instead of every engagement.
     */
    activityAt: timestamp('activity_at', { withTimezone: true }),
    /** Bumped by a trigger on every update (migration 0006); see EngagementDetail.revision. */
    revision: bigint('revision', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('summaries_org_engagement').on(t.orgId, t.engagementId),
    // The list's order within one summary status or CRM state (server/engagements/queries.ts).
    index('summaries_org_status_activity').on(t.orgId, t.status, t.activityAt.desc(), t.engagementId.desc()),
    index('summaries_org_crm_activity').on(t.orgId, t.crmSyncState, t.activityAt.desc(), t.engagementId.desc()),
    // Full-text search, reached only through engagement_search_matches() (see server/engagements/search.ts):
    // under row-level security a GIN index cannot serve @@, which is not leakproof. btree_gin adds org_id.
    index('summaries_org_search').using('gin', t.orgId, t.searchVector),
  ],
);

export const summaryVersions = pgTable(
  'summary_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    summaryId: uuid('summary_id')
      .notNull()
      .references(() => summaries.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    content: jsonb('content').notNull(),
    source: text('source', { enum: ['ai', 'edit'] }).notNull(),
    editedBy: uuid('edited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('summary_versions_org_summary_version').on(t.orgId, t.summaryId, t.version)],
);

/** The exactly-once anchor: the CRM record written for an engagement, stored before the job completes. */
export const crmRecords = pgTable(
  'crm_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    engagementId: uuid('engagement_id')
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    crmKind: text('crm_kind', { enum: ['hubspot', 'salesforce'] }).notNull(),
    recordId: text('record_id').notNull(),
    recordUrl: text('record_url'),
    contactId: text('contact_id'),
    contactKind: text('contact_kind'),
    syncedVersion: integer('synced_version').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('crm_records_org_engagement_kind').on(t.orgId, t.engagementId, t.crmKind)],
);

export const crmSyncAttempts = pgTable(
  'crm_sync_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    engagementId: uuid('engagement_id')
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    crmKind: text('crm_kind', { enum: ['hubspot', 'salesforce'] }).notNull(),
    summaryVersion: integer('summary_version'),
    result: text('result', { enum: ['created', 'updated', 'failed', 'retrying'] }).notNull(),
    contactId: text('contact_id'),
    contactLabel: text('contact_label'),
    unattached: boolean('unattached').notNull().default(false),
    recordId: text('record_id'),
    recordUrl: text('record_url'),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('crm_sync_attempts_org_engagement').on(t.orgId, t.engagementId, t.startedAt.desc())],
);

/** Every accepted webhook delivery, for dedupe (Zoom has no event id) and for Stripe's event ids. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    source: text('source', { enum: ['zoom', 'stripe'] }).notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    event: text('event').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_org_source_key').on(t.orgId, t.source, t.dedupeKey),
    index('webhook_deliveries_org_received').on(t.orgId, t.receivedAt),
  ],
);

export const usagePeriods = pgTable(
  'usage_periods',
  {
    orgId: orgId(),
    periodStart: date('period_start').notNull(),
    summariesUsed: integer('summaries_used').notNull().default(0),
    summariesLimit: integer('summaries_limit').notNull(),
    aiCostUsd: numeric('ai_cost_usd', { precision: 12, scale: 6 }).notNull().default('0'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.periodStart] })],
);

/**
 * AI spend per organization and UTC day, for the daily cap (server/billing/ai-spend.ts): estimates
 * reserved before each AI call, settled to the real cost after it, so spent + reserved never passes the cap.
 */
export const aiSpendDays = pgTable(
  'ai_spend_days',
  {
    orgId: orgId(),
    day: date('day').notNull(),
    spentUsd: numeric('spent_usd', { precision: 12, scale: 6 }).notNull().default('0'),
    reservedUsd: numeric('reserved_usd', { precision: 12, scale: 6 }).notNull().default('0'),
    /** The cap that applied at the latest reservation. */
    capUsd: numeric('cap_usd', { precision: 12, scale: 6 }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day] })],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: orgId(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_org_created').on(t.orgId, t.createdAt.desc())],
);

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    /** Only this role and above see it. */
    audience: text('audience', { enum: ['agent', 'supervisor', 'admin'] }).notNull().default('admin'),
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_org_created').on(t.orgId, t.createdAt.desc()),
    uniqueIndex('notifications_org_dedupe').on(t.orgId, t.dedupeKey),
  ],
);

export const dataExports = pgTable(
  'data_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['queued', 'running', 'ready', 'failed', 'expired'] }).notNull().default('queued'),
    filePath: text('file_path'),
    bytes: bigint('bytes', { mode: 'number' }),
    error: text('error'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('data_exports_org_created').on(t.orgId, t.createdAt.desc())],
);

/**
 * The analytics rollup (server/analytics/rollup.ts): per organization, UTC day of activity_at, owner
 * and queue, sums and counts that add up across days, agents and queues to exactly what the report
 * computes from the base tables. Derived data: rebuilt from engagements, summaries and CRM attempts.
 */
/** The rollup's additive columns, the same at every grain (rollup.ts ROLLUP_SUMS names them in SQL). */
const rollupSums = () => ({
  engagements: integer('engagements').notNull(),
  handleSecondsSum: bigint('handle_seconds_sum', { mode: 'number' }).notNull(),
  handleCount: integer('handle_count').notNull(),
  positive: integer('positive').notNull(),
  neutral: integer('neutral').notNull(),
  negative: integer('negative').notNull(),
  /** Sums of sentiment_score / edit_ratio as numeric: exact, so any split adds up to the same average. */
  sentimentSum: numeric('sentiment_sum').notNull(),
  sentimentCount: integer('sentiment_count').notNull(),
  resolved: integer('resolved').notNull(),
  unresolved: integer('unresolved').notNull(),
  followUp: integer('follow_up').notNull(),
  ready: integer('ready').notNull(),
  approvedReady: integer('approved_ready').notNull(),
  approved: integer('approved').notNull(),
  editRatioSum: numeric('edit_ratio_sum').notNull(),
  crmFinal: integer('crm_final').notNull(),
  crmSynced: integer('crm_synced').notNull(),
  /**
   * A median does not add up: the approvals' seconds themselves, packed as big-endian float8s (what
   * float8send writes), selected in server/analytics/median.ts at read time.
   */
  approvals: bytea('approvals').notNull(),
});

export const analyticsDaily = pgTable(
  'analytics_daily',
  {
    orgId: orgId(),
    day: date('day').notNull(),
    agentUserId: uuid('agent_user_id'),
    queueId: text('queue_id'),
    queueName: text('queue_name'),
    ...rollupSums(),
  },
  (t) => [
    unique('analytics_daily_key').on(t.orgId, t.day, t.agentUserId, t.queueId).nullsNotDistinct(),
    index('analytics_daily_org_agent_day').on(t.orgId, t.agentUserId, t.day),
    index('analytics_daily_org_queue_day').on(t.orgId, t.queueId, t.day),
  ],
);

/**
 * analytics_daily added up per calendar month (UTC), so a long window reads a few rows per owner and
 * queue for its whole months instead of one per day. Rebuilt with its days (rollup.ts).
 */
export const analyticsMonthly = pgTable(
  'analytics_monthly',
  {
    orgId: orgId(),
    /** The month's first day. */
    month: date('month').notNull(),
    agentUserId: uuid('agent_user_id'),
    queueId: text('queue_id'),
    queueName: text('queue_name'),
    ...rollupSums(),
  },
  (t) => [unique('analytics_monthly_key').on(t.orgId, t.month, t.agentUserId, t.queueId).nullsNotDistinct()],
);

/** The whole organization per day: the report's daily trend without reading every owner and queue. */
export const analyticsDailyTotals = pgTable(
  'analytics_daily_totals',
  {
    orgId: orgId(),
    day: date('day').notNull(),
    engagements: integer('engagements').notNull(),
    positive: integer('positive').notNull(),
    neutral: integer('neutral').notNull(),
    negative: integer('negative').notNull(),
    sentimentSum: numeric('sentiment_sum').notNull(),
    sentimentCount: integer('sentiment_count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day] })],
);

/** Engagements per category at the rollup's grain, for the category mix narrowed to an agent or a queue. */
export const analyticsDailyCategories = pgTable(
  'analytics_daily_categories',
  {
    orgId: orgId(),
    day: date('day').notNull(),
    agentUserId: uuid('agent_user_id'),
    queueId: text('queue_id'),
    category: text('category').notNull(),
    engagements: integer('engagements').notNull(),
  },
  (t) => [
    unique('analytics_daily_categories_key').on(t.orgId, t.day, t.agentUserId, t.queueId, t.category).nullsNotDistinct(),
    index('analytics_daily_categories_org_agent_day').on(t.orgId, t.agentUserId, t.day),
    index('analytics_daily_categories_org_queue_day').on(t.orgId, t.queueId, t.day),
  ],
);

/** Engagements per category and day for the whole organization: the unnarrowed category mix in a few rows a day. */
export const analyticsDailyCategoryTotals = pgTable(
  'analytics_daily_category_totals',
  {
    orgId: orgId(),
    day: date('day').notNull(),
    category: text('category').notNull(),
    engagements: integer('engagements').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.category] })],
);

/**
 * Days whose rollup rows are stale. Triggers on engagements, summaries and crm_sync_attempts append a
 * row in the writer's own transaction (append-only: no row is contended, and a mark cannot be lost to
 * a concurrent rebuild). The report reads those days from the base tables until the rollup job rebuilds them.
 */
export const analyticsDirtyDays = pgTable(
  'analytics_dirty_days',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: orgId(),
    day: date('day').notNull(),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('analytics_dirty_days_org_day').on(t.orgId, t.day)],
);

/**
 * express-session's store. Exempt from row-level security: a session is looked up by its secret id
 * before anyone knows the organization. org_id and user_id exist so sign-out-everywhere,
 * deauthorization and deletion can end sessions.
 */
export const sessions = pgTable(
  'sessions',
  {
    sid: text('sid').primaryKey(),
    orgId: uuid('org_id'),
    userId: uuid('user_id'),
    data: jsonb('data').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_org_user').on(t.orgId, t.userId), index('sessions_expires').on(t.expiresAt)],
);


/**
 * Request counters of the rate limits (server/http/rate-limit-store.ts), shared by every web process.
 * The key is an HMAC of the limit's name and the user, organization or IP: no tenant text is stored,
 * and a row lives one window.
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: bytea('key').primaryKey(),
    hits: integer('hits').notNull(),
    resetsAt: timestamp('resets_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limit_counters_resets').on(t.resetsAt)],
);

/** Tables without forced RLS, each with its reason; the catalog test allows exactly these. */
export const RLS_EXEMPT_TABLES: Record<string, string> = {
  sessions: 'looked up by its secret id before the organization is known; holds no customer content',
  rate_limit_counters: 'counted before (or without) an organization; keyed by an HMAC, holds no tenant text',
};
