import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where export files live: `<dataDir>/exports/<orgId>/<exportId>.json`. Paths are always rebuilt
 * from ids (never read back from the database), so a row can never point a download elsewhere.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function exportsRoot(dataDir: string): string {
  return path.resolve(dataDir, 'exports');
}

export function organizationExportDir(dataDir: string, orgId: string): string {
  if (!UUID.test(orgId)) throw new Error('export paths need an organization id (uuid)');
  return path.join(exportsRoot(dataDir), orgId.toLowerCase());
}

export function exportFilePath(dataDir: string, orgId: string, exportId: string): string {
  if (!UUID.test(exportId)) throw new Error('export paths need an export id (uuid)');
  return path.join(organizationExportDir(dataDir, orgId), `${exportId.toLowerCase()}.json`);
}

/** The file being written; renamed to its final name only when complete, so a download never sees half a file. */
export function partialExportPath(finalPath: string): string {
  return `${finalPath}.partial`;
}

/** Shown in the database for operators; relative to the data directory. */
export function relativeExportPath(orgId: string, exportId: string): string {
  return path.posix.join('exports', orgId.toLowerCase(), `${exportId.toLowerCase()}.json`);
}

/** Organization ids that have an export folder on disk. */
export async function organizationsWithExportFiles(dataDir: string): Promise<string[]> {
  const entries = await readdir(exportsRoot(dataDir), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.filter((entry) => entry.isDirectory() && UUID.test(entry.name)).map((entry) => entry.name);
}

export async function exportFileNames(dataDir: string, orgId: string): Promise<string[]> {
  return readdir(organizationExportDir(dataDir, orgId)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}

export async function removeOrganizationExports(dataDir: string, orgId: string): Promise<void> {
  await rm(organizationExportDir(dataDir, orgId), { recursive: true, force: true });
}
