import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { getTableName } from 'drizzle-orm';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_EXCLUDED_TABLES, EXPORT_SECTIONS, ORGANIZATION_PART, type TablePart } from '../server/account/export-sections';
import { writeOrganizationExport } from '../server/account/export-file';
import { createTestDatabase, tenantTables, type TestDatabase } from './helpers/db';
import { seedEveryTenantTable } from './helpers/tenant-fixtures';

/**
 * The export is complete (every tenant table is exported or excluded with a reason, every column
 * decided), contains every row of its organization and not one row of another.
 */

const UUID_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

let database: TestDatabase;
let dir: string;
let orgA: string;
let orgB: string;
let text: string;
let file: Record<string, unknown>;

/** A few of everything an organization accumulates, on top of the one-row-per-table fixture. */
async function addRealisticRows(owner: postgres.Sql, orgId: string, label: string): Promise<void> {
  const agentId = randomUUID();
  await owner`insert into users (id, org_id, zoom_user_id, name, email, role, contact_center_role)
    values (${agentId}, ${orgId}, ${'zu-agent-' + label}, ${'Agent ' + label}, ${label + '.agent@example.com'}, 'agent', 'Agent')`;
  await owner`insert into categories (org_id, name, description, position) values (${orgId}, 'Refunds', 'Money back', 2), (${orgId}, 'Outage', '', 3)`;
  for (let i = 0; i < 7; i++) {
    const engagementId = randomUUID();
    const summaryId = randomUUID();
    await owner`insert into engagements (id, org_id, zoom_engagement_id, queue_name, agents, agent_user_id, consumer_number, consumer_email, duration_seconds, status, transcript_status)
      values (${engagementId}, ${orgId}, ${`zoom-${label}-${i}`}, 'Support', ${owner.json([{ zoomUserId: 'zu-agent-' + label, name: 'Agent ' + label }])},
        ${agentId}, ${'+1555000' + String(i).padStart(4, '0')}, ${`caller${i}.${label}@example.com`}, ${60 + i}, 'ended', 'processed')`;
    await owner`insert into summaries (id, org_id, engagement_id, status, current_version, category, sentiment_label, cost_usd, approved_at, approved_by)
      values (${summaryId}, ${orgId}, ${engagementId}, 'ready', 2, 'Refunds', 'positive', '0.001200', now(), ${agentId})`;
    await owner`insert into summary_versions (org_id, summary_id, version, content, source, edited_by) values
      (${orgId}, ${summaryId}, 1, ${owner.json({ reason: `AI reason ${label} ${i}`, keyPoints: ['a', 'b'] })}, 'ai', null),
      (${orgId}, ${summaryId}, 2, ${owner.json({ reason: `Edited reason ${label} ${i}`, keyPoints: ['a', 'b', 'c'] })}, 'edit', ${agentId})`;
    if (i % 2 === 0) {
      await owner`insert into crm_records (org_id, engagement_id, crm_kind, record_id, record_url, synced_version)
        values (${orgId}, ${engagementId}, 'hubspot', ${`call-${label}-${i}`}, ${`https://app.hubspot.com/calls/${label}/${i}`}, 2)`;
      await owner`insert into crm_sync_attempts (org_id, engagement_id, crm_kind, summary_version, result, record_id, finished_at)
        values (${orgId}, ${engagementId}, 'hubspot', 2, 'created', ${`call-${label}-${i}`}, now())`;
    }
  }
  await owner`insert into audit_log (org_id, actor_user_id, actor_label, action, target_type, target_id, details)
    values (${orgId}, ${agentId}, ${'Agent ' + label}, 'summary.approved', 'engagement', ${`zoom-${label}-0`}, ${owner.json({ version: 2 })})`;
  await owner`insert into notifications (org_id, kind, message, audience) values (${orgId}, 'usage', ${'80% used ' + label}, 'admin')`;
  await owner`insert into usage_periods (org_id, period_start, summaries_used, summaries_limit) values (${orgId}, '2026-12-01', 7, 50)`;
}

async function columnsOf(table: string): Promise<string[]> {
  const rows = await database.owner<{ column_name: string }[]>`
    select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table} order by column_name`;
  return rows.map((r) => r.column_name);
}

const exportedColumns = (part: TablePart) => Object.values(part.fields).map((column) => column.name);
const allParts = (): TablePart[] => [ORGANIZATION_PART, ...EXPORT_SECTIONS.flatMap((s) => (s.nested ? [s, s.nested.part] : [s]))];

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'callrecap-export-completeness-'));
  orgA = (await seedEveryTenantTable(database.owner, 'a')).orgId;
  orgB = (await seedEveryTenantTable(database.owner, 'b')).orgId;
  await addRealisticRows(database.owner, orgA, 'a');
  await addRealisticRows(database.owner, orgB, 'b');
  const target = path.join(dir, 'a.json');
  // A tiny batch size, so every section is read over several pages.
  await writeOrganizationExport(database.db, orgA, target, { exportedAt: new Date('2027-01-02T03:04:05Z'), batchSize: 3 });
  text = await readFile(target, 'utf8');
  file = JSON.parse(text) as Record<string, unknown>;
});
afterAll(async () => {
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('export completeness (catalog)', () => {
  it('covers every table with an org_id, or excludes it with a reason', async () => {
    const exported = new Set(EXPORT_SECTIONS.flatMap((s) => [getTableName(s.table), ...(s.nested ? [getTableName(s.nested.part.table)] : [])]));
    const tables = await tenantTables(database.owner);
    const unaccounted = tables.filter((t) => !exported.has(t) && !(t in EXPORT_EXCLUDED_TABLES));
    // A new tenant table fails here until it gets an export section or a reasoned exclusion.
    expect(unaccounted).toEqual([]);
    expect(Object.keys(EXPORT_EXCLUDED_TABLES).filter((t) => exported.has(t))).toEqual([]);
    expect(Object.keys(EXPORT_EXCLUDED_TABLES).filter((t) => !tables.includes(t))).toEqual([]);
    expect(Object.keys(EXPORT_EXCLUDED_TABLES).sort()).toEqual([
      'ai_spend_days',
      'analytics_daily',
      'analytics_daily_categories',
      'analytics_daily_category_totals',
      'analytics_daily_totals',
      'analytics_dirty_days',
      'analytics_monthly',
      'data_exports', 'oauth_credentials', 'sessions', 'webhook_deliveries']);
  });

  it('decides every column of every exported table: exported by name, or left out with a reason', async () => {
    for (const part of allParts()) {
      const table = getTableName(part.table);
      const decided = [...exportedColumns(part), ...Object.keys(part.omitted)].sort();
      expect({ table, columns: decided }).toEqual({ table, columns: await columnsOf(table) });
      expect(exportedColumns(part).filter((c) => c in part.omitted)).toEqual([]);
      for (const reason of Object.values(part.omitted)) expect(reason.length).toBeGreaterThan(10);
    }
  });

  it('never exports a credential reference or a secret-bearing column', () => {
    const everything = allParts().flatMap((part) => exportedColumns(part).map((c) => `${getTableName(part.table)}.${c}`));
    expect(everything).not.toContain('crm_connections.credential_id');
    // (input_tokens / output_tokens count AI usage; they are not credentials.)
    expect(everything.filter((c) => /(access|refresh|csrf)_token|secret|password|_enc$|key_id/.test(c))).toEqual([]);
  });
});

describe("organization A's export file", () => {
  it('has the documented, versioned shape', () => {
    expect(Object.keys(file)).toEqual([
      'format', 'version', 'exportedAt', 'organization',
      'users', 'categories', 'engagements', 'summaries', 'crmConnections', 'crmRecords', 'crmSyncAttempts', 'usagePeriods', 'auditLog', 'notifications',
    ]);
    expect(file).toMatchObject({ format: 'callrecap-export', version: 1, exportedAt: '2027-01-02T03:04:05.000Z', organization: { id: orgA, name: 'Org a' } });
  });

  it("holds every one of A's rows in every exported table", async () => {
    for (const section of EXPORT_SECTIONS) {
      const table = getTableName(section.table);
      const [row] = await database.owner.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table} where org_id = $1`, [orgA]);
      const rows = file[section.name] as unknown[];
      expect({ section: section.name, rows: rows.length }).toEqual({ section: section.name, rows: row!.n });
      expect(rows.length).toBeGreaterThan(0);
    }
    const versions = (file.summaries as Array<{ versions: Array<{ version: number }> }>).flatMap((s) => s.versions);
    const [count] = await database.owner`select count(*)::int as n from summary_versions where org_id = ${orgA}`;
    expect(versions).toHaveLength(count!.n as number);
    const ids = new Set((file.engagements as Array<{ id: string }>).map((e) => e.id));
    const dbIds = await database.owner<{ id: string }[]>`select id from engagements where org_id = ${orgA}`;
    expect(ids).toEqual(new Set(dbIds.map((r) => r.id)));
  });

  it("contains not one value identifying any of B's rows", async () => {
    const foreign = new Set<string>();
    for (const table of [...(await tenantTables(database.owner)), 'organizations']) {
      const column = table === 'organizations' ? 'id' : 'org_id';
      const rows = await database.owner.unsafe<{ row: string }[]>(`select t::text as row from ${table} t where ${column} = $1`, [orgB]);
      for (const { row } of rows) for (const id of row.match(UUID_PATTERN) ?? []) foreign.add(id);
    }
    expect(foreign.size).toBeGreaterThan(30);
    expect([...foreign].filter((id) => text.includes(id))).toEqual([]);
    for (const label of ['Org b', 'Agent b', 'zoom-b-', 'call-b-', 'caller0.b@', 'Edited reason b']) expect(text).not.toContain(label);
  });

  it('leaves out tokens, credential ids, sessions and webhook keys', async () => {
    const [credential] = await database.owner`select id from oauth_credentials where org_id = ${orgA}`;
    expect(text).not.toContain(credential!.id as string);
    expect(text).not.toContain('v1.k.x.y.z');
    expect(text).not.toContain('key-a');
    expect(text).not.toContain('credentialId');
    expect((file.crmConnections as Array<Record<string, unknown>>)[0]).toMatchObject({ kind: 'hubspot', status: 'connected' });
  });

  it('nests each summary with its versions in order, content included', () => {
    const summary = (file.summaries as Array<{ versions: Array<{ version: number; source: string; content: { reason: string } }> }>).find(
      (s) => s.versions.length === 2,
    )!;
    expect(summary.versions.map((v) => [v.version, v.source])).toEqual([
      [1, 'ai'],
      [2, 'edit'],
    ]);
    expect(summary.versions[1]!.content.reason).toMatch(/^Edited reason a/);
  });
});
