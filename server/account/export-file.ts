import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { asc, gt, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { withOrg, type Tx } from '../../db/tenant';
import { EXPORT_SECTIONS, ORGANIZATION_PART, type ExportSection } from './export-sections';
import { partialExportPath } from './export-files';
import { StreamingFileWriter } from './streaming-file-writer';

export const EXPORT_FORMAT = 'callrecap-export';
export const EXPORT_FORMAT_VERSION = 1;

/** Rows per query: large enough to keep round trips few, small enough that a page is a few MB at most. */
export const EXPORT_BATCH_SIZE = 1000;

type Row = Record<string, unknown>;

export interface ExportFileOptions {
  exportedAt: Date;
  signal?: AbortSignal;
  batchSize?: number;
}

/**
 * Writes one organization's export (format in docs/EXPORT-FORMAT.md) to `filePath`, streamed: each
 * table is read in keyset-paged batches, each batch in its own tenant-scoped transaction, and
 * written before the next is read. Memory stays flat whatever the organization's size.
 * The file appears under its final name only once complete. Returns its size in bytes.
 */
export async function writeOrganizationExport(db: Database, orgId: string, filePath: string, options: ExportFileOptions): Promise<number> {
  const batchSize = options.batchSize ?? EXPORT_BATCH_SIZE;
  const partial = partialExportPath(filePath);
  await mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
  await rm(partial, { force: true }); // left by an attempt that crashed
  const out = await StreamingFileWriter.create(partial);
  try {
    const [organization] = await withOrg(db, orgId, (tx) => tx.select(ORGANIZATION_PART.fields).from(ORGANIZATION_PART.table));
    if (!organization) throw new Error('The organization no longer exists.');
    await out.write(
      `{\n  "format": ${JSON.stringify(EXPORT_FORMAT)},\n  "version": ${EXPORT_FORMAT_VERSION},\n` +
        `  "exportedAt": ${JSON.stringify(options.exportedAt.toISOString())},\n  "organization": ${JSON.stringify(organization)}`,
    );
    for (const section of EXPORT_SECTIONS) {
      await out.write(`,\n  ${JSON.stringify(section.name)}: [`);
      let first = true;
      for await (const rows of pages(db, orgId, section, batchSize, options.signal)) {
        for (const row of rows) {
          // Row by row, not one string per batch: a string of megabytes lands in V8's large-object
          // space and lingers until a full collection; small ones die young and cheaply.
          await out.write((first ? '' : ',') + '\n    ' + JSON.stringify(row));
          first = false;
        }
      }
      await out.write(first ? ']' : '\n  ]');
    }
    await out.write('\n}\n');
    const bytes = await out.close();
    await rename(partial, filePath);
    return bytes;
  } catch (error) {
    await out.abandon();
    await rm(partial, { force: true });
    throw error;
  }
}

/** Batches of one section, in pageBy order, each read in its own short transaction. */
async function* pages(db: Database, orgId: string, section: ExportSection, batchSize: number, signal?: AbortSignal): AsyncGenerator<Row[]> {
  const key = section.fields[section.pageBy];
  if (!key) throw new Error(`export section ${section.name}: pageBy must name one of its fields`);
  let after: unknown;
  for (;;) {
    signal?.throwIfAborted();
    const rows = await withOrg(db, orgId, async (tx) => {
      const page: Row[] = await tx
        .select(section.fields)
        .from(section.table)
        .where(after === undefined ? undefined : gt(key, after))
        .orderBy(asc(key))
        .limit(batchSize);
      return section.nested ? attachNested(tx, section.nested, page) : page;
    });
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1]![section.pageBy];
  }
}

/** Reads the children of a page of rows in one query and writes each row's list inside it. */
async function attachNested(tx: Tx, nested: NonNullable<ExportSection['nested']>, parents: Row[]): Promise<Row[]> {
  const ids = parents.map((row) => row[nested.parentField]);
  if (ids.length === 0) return parents;
  const children = await tx
    .select({ ...nested.part.fields, parentKey: nested.parentColumn })
    .from(nested.part.table)
    .where(inArray(nested.parentColumn, ids))
    .orderBy(...nested.orderBy.map((column) => asc(column)));
  const byParent = new Map<unknown, Row[]>();
  for (const { parentKey, ...child } of children as Row[]) {
    const list = byParent.get(parentKey) ?? [];
    list.push(child);
    byParent.set(parentKey, list);
  }
  return parents.map((row) => ({ ...row, [nested.name]: byParent.get(row[nested.parentField]) ?? [] }));
}
