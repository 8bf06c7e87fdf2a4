import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import {
  auditLog,
  categories,
  crmConnections,
  crmRecords,
  crmSyncAttempts,
  engagements,
  notifications,
  organizations,
  summaries,
  summaryVersions,
  usagePeriods,
  users,
} from '../../db/schema';

/**
 * What an export contains, table by table, with every column either exported by name or left out
 * with its reason. Columns are listed explicitly (not "all but"), so a column added later, say a new
 * secret, stays out of exports until someone decides it belongs there; the completeness test fails
 * until every column and every tenant table is accounted for here.
 */

export type Fields = Record<string, AnyPgColumn>;

export interface TablePart {
  table: PgTable;
  fields: Fields;
  /** Database column name → why it is not in the file. */
  omitted: Record<string, string>;
}

export interface ExportSection extends TablePart {
  /** The key of the array in the export file. */
  name: string;
  /** Field the pages are walked by: unique within the organization and backed by an index starting with org_id. */
  pageBy: string;
  /** Child rows written inside each row (a summary's versions). */
  nested?: { name: string; part: TablePart; parentField: string; parentColumn: AnyPgColumn; orderBy: AnyPgColumn[] };
}

const SAME_ORG = 'the organization this whole file belongs to';
const REVISION = 'a change counter the screens use to order live updates; no content';

export const ORGANIZATION_PART: TablePart = {
  table: organizations,
  fields: {
    id: organizations.id,
    zoomAccountId: organizations.zoomAccountId,
    name: organizations.name,
    plan: organizations.plan,
    seats: organizations.seats,
    stripeCustomerId: organizations.stripeCustomerId,
    stripeSubscriptionId: organizations.stripeSubscriptionId,
    subscriptionStatus: organizations.subscriptionStatus,
    subscriptionSyncedAt: organizations.subscriptionSyncedAt,
    pastDueSince: organizations.pastDueSince,
    currentPeriodStart: organizations.currentPeriodStart,
    currentPeriodEnd: organizations.currentPeriodEnd,
    settings: organizations.settings,
    deletionRequestedAt: organizations.deletionRequestedAt,
    deletionScheduledFor: organizations.deletionScheduledFor,
    deletionRequestedBy: organizations.deletionRequestedBy,
    zoomDeauthorizedAt: organizations.zoomDeauthorizedAt,
    isDemo: organizations.isDemo,
    createdAt: organizations.createdAt,
    updatedAt: organizations.updatedAt,
  },
  omitted: {},
};

export const EXPORT_SECTIONS: ExportSection[] = [
  {
    name: 'users',
    table: users,
    pageBy: 'id',
    fields: {
      id: users.id,
      zoomUserId: users.zoomUserId,
      name: users.name,
      email: users.email,
      role: users.role,
      contactCenterRole: users.contactCenterRole,
      lastSignInAt: users.lastSignInAt,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    },
    omitted: { org_id: SAME_ORG },
  },
  {
    name: 'categories',
    table: categories,
    pageBy: 'id',
    fields: {
      id: categories.id,
      name: categories.name,
      description: categories.description,
      position: categories.position,
      createdAt: categories.createdAt,
      updatedAt: categories.updatedAt,
    },
    omitted: { org_id: SAME_ORG },
  },
  {
    name: 'engagements',
    table: engagements,
    // (org_id, zoom_engagement_id) is unique and indexed: each page is an index range, even with a million rows.
    pageBy: 'zoomEngagementId',
    fields: {
      id: engagements.id,
      zoomEngagementId: engagements.zoomEngagementId,
      channel: engagements.channel,
      direction: engagements.direction,
      queueId: engagements.queueId,
      queueName: engagements.queueName,
      agents: engagements.agents,
      agentUserId: engagements.agentUserId,
      consumerNumber: engagements.consumerNumber,
      consumerEmail: engagements.consumerEmail,
      consumerName: engagements.consumerName,
      startedAt: engagements.startedAt,
      endedAt: engagements.endedAt,
      durationSeconds: engagements.durationSeconds,
      activityAt: engagements.activityAt,
      status: engagements.status,
      transcriptStatus: engagements.transcriptStatus,
      transcriptNote: engagements.transcriptNote,
      createdAt: engagements.createdAt,
      updatedAt: engagements.updatedAt,
    },
    omitted: { org_id: SAME_ORG, revision: REVISION },
  },
  {
    name: 'summaries',
    table: summaries,
    // (org_id, engagement_id) is unique and indexed.
    pageBy: 'engagementId',
    fields: {
      id: summaries.id,
      engagementId: summaries.engagementId,
      status: summaries.status,
      statusReason: summaries.statusReason,
      currentVersion: summaries.currentVersion,
      category: summaries.category,
      sentimentLabel: summaries.sentimentLabel,
      sentimentScore: summaries.sentimentScore,
      outcomeStatus: summaries.outcomeStatus,
      provider: summaries.provider,
      model: summaries.model,
      promptVersion: summaries.promptVersion,
      inputTokens: summaries.inputTokens,
      outputTokens: summaries.outputTokens,
      costUsd: summaries.costUsd,
      usagePeriodStart: summaries.usagePeriodStart,
      editRatio: summaries.editRatio,
      approvedAt: summaries.approvedAt,
      approvedBy: summaries.approvedBy,
      crmSyncState: summaries.crmSyncState,
      readyAt: summaries.readyAt,
      createdAt: summaries.createdAt,
      updatedAt: summaries.updatedAt,
    },
    omitted: {
      org_id: SAME_ORG,
      search_vector: 'a search index derived from the summary text, which the versions carry in full',
      activity_at: "a copy of its engagement's activityAt, kept for the list's order",
      revision: REVISION,
    },
    nested: {
      name: 'versions',
      parentField: 'id',
      parentColumn: summaryVersions.summaryId,
      orderBy: [summaryVersions.summaryId, summaryVersions.version],
      part: {
        table: summaryVersions,
        fields: {
          id: summaryVersions.id,
          version: summaryVersions.version,
          content: summaryVersions.content,
          source: summaryVersions.source,
          editedBy: summaryVersions.editedBy,
          createdAt: summaryVersions.createdAt,
        },
        omitted: { org_id: SAME_ORG, summary_id: 'each version is written inside the summary it belongs to' },
      },
    },
  },
  {
    name: 'crmConnections',
    table: crmConnections,
    pageBy: 'id',
    fields: {
      id: crmConnections.id,
      kind: crmConnections.kind,
      externalAccountId: crmConnections.externalAccountId,
      environment: crmConnections.environment,
      status: crmConnections.status,
      statusReason: crmConnections.statusReason,
      connectedBy: crmConnections.connectedBy,
      connectedAt: crmConnections.connectedAt,
      updatedAt: crmConnections.updatedAt,
    },
    omitted: { org_id: SAME_ORG, credential_id: 'points at the encrypted OAuth tokens, which never leave the database' },
  },
  {
    name: 'crmRecords',
    table: crmRecords,
    pageBy: 'id',
    fields: {
      id: crmRecords.id,
      engagementId: crmRecords.engagementId,
      crmKind: crmRecords.crmKind,
      recordId: crmRecords.recordId,
      recordUrl: crmRecords.recordUrl,
      contactId: crmRecords.contactId,
      contactKind: crmRecords.contactKind,
      syncedVersion: crmRecords.syncedVersion,
      createdAt: crmRecords.createdAt,
      updatedAt: crmRecords.updatedAt,
    },
    omitted: { org_id: SAME_ORG },
  },
  {
    name: 'crmSyncAttempts',
    table: crmSyncAttempts,
    pageBy: 'id',
    fields: {
      id: crmSyncAttempts.id,
      engagementId: crmSyncAttempts.engagementId,
      crmKind: crmSyncAttempts.crmKind,
      summaryVersion: crmSyncAttempts.summaryVersion,
      result: crmSyncAttempts.result,
      contactId: crmSyncAttempts.contactId,
      contactLabel: crmSyncAttempts.contactLabel,
      unattached: crmSyncAttempts.unattached,
      recordId: crmSyncAttempts.recordId,
      recordUrl: crmSyncAttempts.recordUrl,
      error: crmSyncAttempts.error,
      startedAt: crmSyncAttempts.startedAt,
      finishedAt: crmSyncAttempts.finishedAt,
    },
    omitted: { org_id: SAME_ORG },
  },
  {
    name: 'usagePeriods',
    table: usagePeriods,
    pageBy: 'periodStart',
    fields: {
      periodStart: usagePeriods.periodStart,
      summariesUsed: usagePeriods.summariesUsed,
      summariesLimit: usagePeriods.summariesLimit,
      aiCostUsd: usagePeriods.aiCostUsd,
      updatedAt: usagePeriods.updatedAt,
    },
    omitted: { org_id: SAME_ORG },
  },
  {
    name: 'auditLog',
    table: auditLog,
    pageBy: 'id',
    fields: {
      id: auditLog.id,
      actorUserId: auditLog.actorUserId,
      actorLabel: auditLog.actorLabel,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
    },
    omitted: { org_id: SAME_ORG },
  },
  {
    name: 'notifications',
    table: notifications,
    pageBy: 'id',
    fields: {
      id: notifications.id,
      kind: notifications.kind,
      message: notifications.message,
      audience: notifications.audience,
      dedupeKey: notifications.dedupeKey,
      createdAt: notifications.createdAt,
      dismissedAt: notifications.dismissedAt,
    },
    omitted: { org_id: SAME_ORG },
  },
];

/** Tables with an org_id that are deliberately not exported, each with its reason. */
export const EXPORT_EXCLUDED_TABLES: Record<string, string> = {
  oauth_credentials: 'encrypted OAuth tokens for Zoom and the CRMs: secrets, never exported',
  webhook_deliveries: 'transport dedupe keys of received webhooks: no customer content, only delivery bookkeeping',
  data_exports: 'the bookkeeping of exports themselves (status, file location)',
  sessions: 'sign-in sessions: secret session ids and CSRF tokens, never exported',
  analytics_daily: 'the analytics rollup: sums derived from the exported engagements, summaries and CRM attempts',
  analytics_monthly: 'the analytics rollup: the daily sums added up per month',
  analytics_daily_totals: 'the analytics rollup: daily trend sums derived from the exported engagements and summaries',
  analytics_daily_categories: 'the analytics rollup: category counts derived from the exported engagements and summaries',
  analytics_daily_category_totals: 'the analytics rollup: category counts derived from the exported engagements and summaries',
  analytics_dirty_days: "the analytics rollup's bookkeeping of days to rebuild: no customer content",
  ai_spend_days: "the daily AI spend cap's running counters; the spend itself is exported per summary (costUsd) and per period (usagePeriods)",
};
