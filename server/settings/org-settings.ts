import { eq, sql } from 'drizzle-orm';
import { Router } from 'express';
import { DEFAULT_ORG_SETTINGS, organizations } from '../../db/schema';
import { withOrg, type Tx } from '../../db/tenant';
import { orgSettingsSchema, type OrgSettingsView } from '../contract/api';
import { requireRole, requireUser, type AuthContext } from '../auth/current-user';
import { recordAudit } from '../audit/audit-log';
import type { Services } from '../services';

/** Stored settings over the defaults: a setting added after the organization was created reads as its default. */
function settingsOf(stored: unknown): OrgSettingsView {
  const merged = { ...DEFAULT_ORG_SETTINGS, ...(typeof stored === 'object' && stored !== null ? stored : {}) };
  const parsed = orgSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_ORG_SETTINGS;
}

export async function readOrgSettings(tx: Tx, orgId: string): Promise<OrgSettingsView> {
  const [org] = await tx.select({ settings: organizations.settings }).from(organizations).where(eq(organizations.id, orgId)).limit(1);
  return settingsOf(org?.settings);
}

export async function updateOrgSettings(tx: Tx, actor: AuthContext, next: OrgSettingsView): Promise<OrgSettingsView> {
  const [org] = await tx
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, actor.orgId))
    .for('no key update')
    .limit(1);
  const before = settingsOf(org?.settings);
  await tx.update(organizations).set({ settings: next, updatedAt: sql`now()` }).where(eq(organizations.id, actor.orgId));
  const changed = (Object.keys(next) as Array<keyof OrgSettingsView>).filter((key) => before[key] !== next[key]);
  await recordAudit(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    actorLabel: actor.name,
    action: 'settings.updated',
    targetType: 'organization',
    targetId: actor.orgId,
    details: { before, after: next, changed },
  });
  return next;
}

/** GET / PUT /api/settings: the organization's switches (auto-approve, CRM sync, PII redaction, no-match rule). */
export function orgSettingsRoutes(services: Services): Router {
  const router = Router();

  router.get('/api/settings', requireRole('admin'), async (req, res) => {
    const auth = requireUser(req);
    res.json(await withOrg(services.db, auth.orgId, (tx) => readOrgSettings(tx, auth.orgId)));
  });

  router.put('/api/settings', requireRole('admin'), async (req, res) => {
    const auth = requireUser(req);
    const next = orgSettingsSchema.strict().parse(req.body);
    res.json(await withOrg(services.db, auth.orgId, (tx) => updateOrgSettings(tx, auth, next)));
  });

  return router;
}
