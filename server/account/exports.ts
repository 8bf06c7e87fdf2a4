import { and, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { dataExports } from '../../db/schema';
import type { Tx } from '../../db/tenant';
import { sendJob } from '../../jobs/boss';
import type { ExportView } from '../contract/api';
import { recordAudit } from '../audit/audit-log';
import { relativeExportPath } from './export-files';

/** data_exports: one row per requested export, from queued to ready (downloadable for 7 days) to expired. */

export const EXPORT_TTL_MS = 7 * 24 * 3600_000;
/** Longer than the export job can run with its retries (pg-boss expiry × attempts): an older queued row is stuck, not pending. */
const IN_FLIGHT_MS = 4 * 3600_000;
export const RECENT_EXPORTS = 20;

export type DataExport = typeof dataExports.$inferSelect;

export function toExportView(row: DataExport, now: Date): ExportView {
  // Past its expiry a file is gone for the user even before the hourly purge has marked it.
  const expired = row.status === 'expired' || (row.status === 'ready' && row.expiresAt !== null && row.expiresAt <= now);
  return {
    id: row.id,
    status: expired ? 'expired' : row.status,
    bytes: row.bytes,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    error: row.error,
  };
}

export async function recentExports(tx: Tx): Promise<DataExport[]> {
  return tx.select().from(dataExports).orderBy(desc(dataExports.createdAt), desc(dataExports.id)).limit(RECENT_EXPORTS);
}

export async function findExport(tx: Tx, exportId: string): Promise<DataExport | null> {
  const [row] = await tx.select().from(dataExports).where(eq(dataExports.id, exportId)).limit(1);
  return row ?? null;
}

/**
 * Queues an export: the row and its job are written in the caller's transaction, so neither exists
 * without the other. Returns null when one is already being prepared (one at a time per organization).
 */
export async function requestExport(
  tx: Tx,
  boss: PgBoss,
  input: { orgId: string; userId: string; actorLabel: string; now: Date },
): Promise<DataExport | null> {
  // Serializes concurrent requests of one organization, so two clicks cannot queue two exports.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'account.export:' + input.orgId}, 0))`);
  const [pending] = await tx
    .select({ id: dataExports.id })
    .from(dataExports)
    .where(and(inArray(dataExports.status, ['queued', 'running']), gt(dataExports.createdAt, new Date(input.now.getTime() - IN_FLIGHT_MS))))
    .limit(1);
  if (pending) return null;
  const [row] = await tx
    .insert(dataExports)
    .values({ orgId: input.orgId, requestedBy: input.userId, status: 'queued', createdAt: input.now })
    .returning();
  await sendJob(boss, 'account.export', { orgId: input.orgId, exportId: row!.id }, { tx: tx.$client, singletonKey: `export:${row!.id}` });
  await recordAudit(tx, {
    orgId: input.orgId,
    actorUserId: input.userId,
    actorLabel: input.actorLabel,
    action: 'account.export_requested',
    targetType: 'export',
    targetId: row!.id,
  });
  return row!;
}

/** Claims a queued (or retried) export for the job; null when there is nothing left to do. */
export async function startExport(tx: Tx, exportId: string): Promise<DataExport | null> {
  const [row] = await tx
    .update(dataExports)
    .set({ status: 'running', error: null })
    .where(and(eq(dataExports.id, exportId), inArray(dataExports.status, ['queued', 'running'])))
    .returning();
  return row ?? null;
}

/** False when the export row is gone (the organization was deleted meanwhile): the caller removes the file. */
export async function completeExport(tx: Tx, input: { orgId: string; exportId: string; bytes: number; now: Date }): Promise<boolean> {
  const rows = await tx
    .update(dataExports)
    .set({
      status: 'ready',
      filePath: relativeExportPath(input.orgId, input.exportId),
      bytes: input.bytes,
      error: null,
      completedAt: input.now,
      expiresAt: new Date(input.now.getTime() + EXPORT_TTL_MS),
    })
    .where(eq(dataExports.id, input.exportId))
    .returning({ id: dataExports.id });
  return rows.length > 0;
}

export async function failExport(tx: Tx, input: { exportId: string; reason: string; now: Date }): Promise<void> {
  await tx
    .update(dataExports)
    .set({ status: 'failed', error: input.reason, completedAt: input.now })
    .where(eq(dataExports.id, input.exportId));
}

/** Marks ready exports past their expiry as expired; returns their ids (their files are deleted next). */
export async function expireDueExports(tx: Tx, now: Date): Promise<string[]> {
  const rows = await tx
    .update(dataExports)
    .set({ status: 'expired', filePath: null })
    .where(and(eq(dataExports.status, 'ready'), lte(dataExports.expiresAt, now)))
    .returning({ id: dataExports.id });
  return rows.map((row) => row.id);
}

/** Exports whose files must stay on disk: downloadable, or being written. */
export async function liveExportIds(tx: Tx): Promise<Set<string>> {
  const rows = await tx
    .select({ id: dataExports.id })
    .from(dataExports)
    .where(inArray(dataExports.status, ['queued', 'running', 'ready']));
  return new Set(rows.map((row) => row.id));
}
