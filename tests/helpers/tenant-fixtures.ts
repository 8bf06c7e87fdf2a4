import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';

/**
 * One row in every tenant table for an organization, written as the owner (RLS aside).
 * Adding a tenant table without a row here makes the isolation tests fail, on purpose.
 */
export async function seedEveryTenantTable(owner: postgres.Sql, label: string): Promise<{ orgId: string; rows: Record<string, number> }> {
  const orgId = randomUUID();
  const userId = randomUUID();
  const engagementId = randomUUID();
  const summaryId = randomUUID();
  const credentialId = randomUUID();
  await owner`insert into organizations (id, zoom_account_id, name) values (${orgId}, ${'acct-' + label + '-' + orgId}, ${'Org ' + label})`;
  await owner`insert into users (id, org_id, zoom_user_id, name, role) values (${userId}, ${orgId}, ${'zu-' + label}, ${'User ' + label}, 'admin')`;
  await owner`insert into oauth_credentials (id, org_id, provider, subject, access_token_enc, key_id) values (${credentialId}, ${orgId}, 'zoom', ${'zu-' + label}, 'v1.k.x.y.z', 'k')`;
  await owner`insert into crm_connections (org_id, kind, credential_id) values (${orgId}, 'hubspot', ${credentialId})`;
  await owner`insert into categories (org_id, name) values (${orgId}, 'Billing')`;
  await owner`insert into engagements (id, org_id, zoom_engagement_id, agent_user_id) values (${engagementId}, ${orgId}, ${'eng-' + label}, ${userId})`;
  await owner`insert into summaries (id, org_id, engagement_id, status) values (${summaryId}, ${orgId}, ${engagementId}, 'ready')`;
  await owner`insert into summary_versions (org_id, summary_id, version, content, source) values (${orgId}, ${summaryId}, 1, ${owner.json({ reason: label })}, 'ai')`;
  await owner`insert into crm_records (org_id, engagement_id, crm_kind, record_id, synced_version) values (${orgId}, ${engagementId}, 'hubspot', ${'rec-' + label}, 1)`;
  await owner`insert into crm_sync_attempts (org_id, engagement_id, crm_kind, result) values (${orgId}, ${engagementId}, 'hubspot', 'created')`;
  await owner`insert into webhook_deliveries (org_id, source, dedupe_key, event) values (${orgId}, 'zoom', ${'key-' + label}, 'contact_center.engagement_ended')`;
  await owner`insert into usage_periods (org_id, period_start, summaries_limit) values (${orgId}, '2026-11-01', 50)`;
  await owner`insert into audit_log (org_id, actor_label, action) values (${orgId}, 'test', 'settings.updated')`;
  await owner`insert into notifications (org_id, kind, message) values (${orgId}, 'test', 'hello')`;
  await owner`insert into data_exports (org_id) values (${orgId})`;
  // The writes above marked their day dirty (a row per statement); exactly one mark, like every table here.
  await owner`delete from analytics_dirty_days where org_id = ${orgId}`;
  await owner`insert into analytics_dirty_days (org_id, day) values (${orgId}, '2026-11-29')`;
  await owner`insert into analytics_daily (org_id, day, agent_user_id, engagements, handle_seconds_sum, handle_count, positive, neutral, negative,
      sentiment_sum, sentiment_count, resolved, unresolved, follow_up, ready, approved_ready, approved, edit_ratio_sum, crm_final, crm_synced, approvals)
    values (${orgId}, '2026-11-29', ${userId}, 1, 60, 1, 1, 0, 0, 0.5, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, float8send(120))`;
  await owner`insert into analytics_monthly (org_id, month, agent_user_id, engagements, handle_seconds_sum, handle_count, positive, neutral, negative,
      sentiment_sum, sentiment_count, resolved, unresolved, follow_up, ready, approved_ready, approved, edit_ratio_sum, crm_final, crm_synced, approvals)
    values (${orgId}, '2026-11-01', ${userId}, 1, 60, 1, 1, 0, 0, 0.5, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, float8send(120))`;
  await owner`insert into analytics_daily_totals (org_id, day, engagements, positive, neutral, negative, sentiment_sum, sentiment_count)
    values (${orgId}, '2026-11-29', 1, 1, 0, 0, 0.5, 1)`;
  await owner`insert into analytics_daily_categories (org_id, day, agent_user_id, category, engagements) values (${orgId}, '2026-11-29', ${userId}, 'Billing', 1)`;
  await owner`insert into analytics_daily_category_totals (org_id, day, category, engagements) values (${orgId}, '2026-11-29', 'Billing', 1)`;
  await owner`insert into ai_spend_days (org_id, day, spent_usd, cap_usd) values (${orgId}, '2026-11-29', '0.0125', '25')`;
  const tables = [
    'users',
    'oauth_credentials',
    'crm_connections',
    'categories',
    'engagements',
    'summaries',
    'summary_versions',
    'crm_records',
    'crm_sync_attempts',
    'webhook_deliveries',
    'usage_periods',
    'audit_log',
    'notifications',
    'data_exports',
    'analytics_daily',
    'analytics_monthly',
    'analytics_daily_totals',
    'analytics_daily_categories',
    'analytics_daily_category_totals',
    'analytics_dirty_days',
    'ai_spend_days',
  ];
  return { orgId, rows: Object.fromEntries(tables.map((t) => [t, 1])) };
}
