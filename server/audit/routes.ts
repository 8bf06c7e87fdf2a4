import { Router } from 'express';
import { z } from 'zod';
import { withOrg } from '../../db/tenant';
import type { AuditEntryView } from '../contract/api';
import { requireRole, requireUser } from '../auth/current-user';
import type { Services } from '../services';
import { listAudit } from './audit-log';

export const AUDIT_PAGE_SIZE = 50;

const auditQuerySchema = z.object({ before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional() });

/** The audit log for admins, newest first, 50 at a time: pass nextBefore back as ?before= for the next page. */
export function auditRoutes(services: Services): Router {
  const router = Router();

  router.get('/api/audit', requireRole('admin'), async (req, res) => {
    const auth = requireUser(req);
    const { before } = auditQuerySchema.parse(req.query);
    // One extra row tells whether another page exists without a count.
    const rows = await withOrg(services.db, auth.orgId, (tx) => listAudit(tx, auth.orgId, { before, limit: AUDIT_PAGE_SIZE + 1 }));
    const items: AuditEntryView[] = rows.slice(0, AUDIT_PAGE_SIZE).map((row) => ({
      id: row.id,
      actorLabel: row.actorLabel,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      details: row.details,
      createdAt: row.createdAt.toISOString(),
    }));
    res.json({ items, nextBefore: rows.length > AUDIT_PAGE_SIZE ? (items.at(-1)?.id ?? null) : null });
  });

  return router;
}
