import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import express, { Router } from 'express';
import { z } from 'zod';
import { users } from '../../db/schema';
import { withOrg } from '../../db/tenant';
import { startFakeZoom, CALL_SCENARIOS, type FakeZoom } from '../../tests/fakes/zoom';
import type { Config } from '../config';
import { DEMO_PEOPLE, DEMO_ZOOM_ACCOUNT_ID } from '../demo/seed';
import { findOrgByZoomAccount } from '../orgs/organizations';
import type { Services } from '../services';
import { saveTokens } from '../zoom/service';

/**
 * The demo without a Zoom account: the same fake Zoom the tests use runs inside `npm start`, holds
 * the demo organization's account and agents, and `npm run simulate` plays calls through it:
 * signed webhooks to /webhooks/zoom, transcripts served from its API. Development only.
 */
export interface DemoZoom {
  fake: FakeZoom;
  config: Config;
}

export async function startDemoZoom(config: Config): Promise<DemoZoom> {
  const fake = await startFakeZoom({ clientId: config.zoom.clientId, clientSecret: config.zoom.clientSecret, webhookSecret: config.zoom.webhookSecretToken });
  fake.addAccount({ id: DEMO_ZOOM_ACCOUNT_ID, name: 'Acme Support (demo)' });
  for (const person of DEMO_PEOPLE) {
    const [firstName = person.name, ...rest] = person.name.split(' ');
    fake.addUser({ id: person.zoomUserId, accountId: DEMO_ZOOM_ACCOUNT_ID, firstName, lastName: rest.join(' '), email: person.email, contactCenterRole: person.cc, accountRole: person.role === 'admin' ? 'Owner' : 'Member' });
  }
  return { fake, config: { ...config, zoom: { ...config.zoom, apiBaseUrl: fake.apiBaseUrl, oauthBaseUrl: fake.oauthBaseUrl } } };
}

/** Gives the demo organization a Zoom grant from the fake, so jobs can fetch engagements and transcripts. */
export async function connectDemoOrganization(services: Services, demo: DemoZoom): Promise<void> {
  const org = await findOrgByZoomAccount(services.db, DEMO_ZOOM_ACCOUNT_ID);
  if (!org) return;
  const tokens = demo.fake.issueTokens({ userId: 'demo-admin' });
  await withOrg(services.db, org.id, async (tx) => {
    const [admin] = await tx.select().from(users).where(eq(users.zoomUserId, 'demo-admin'));
    if (!admin) return;
    await saveTokens(tx, services, {
      orgId: org.id,
      userId: admin.id,
      zoomUserId: admin.zoomUserId,
      tokens: { ...tokens, tokenType: 'bearer', expiresInSeconds: 3599, expiresAt: new Date(Date.now() + 3_599_000), scopes: [] },
    });
  });
  await mkdir(services.config.database.dataDir, { recursive: true });
  await writeFile(path.join(services.config.database.dataDir, 'demo-zoom.json'), JSON.stringify({ fakeZoomUrl: demo.fake.url }, null, 2));
}

const simulateSchema = z.object({
  calls: z.number().int().min(1).max(500).default(1),
  /** Pause between calls, so a person watching the panel sees them arrive one by one. */
  intervalMs: z.number().int().min(0).max(60_000).default(1500),
  scenario: z.enum(CALL_SCENARIOS).optional(),
});

/** POST /dev/simulate (loopback only): the fake Zoom places calls and posts their webhooks to us. */
export function simulateRoutes(services: Services, demo: DemoZoom): Router {
  const router = Router();
  router.post('/dev/simulate', express.json(), async (req, res) => {
    const remote = req.socket.remoteAddress ?? '';
    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(remote)) {
      res.status(403).json({ error: { code: 'forbidden', message: 'The simulator only answers on this machine.' } });
      return;
    }
    const input = simulateSchema.parse(req.body ?? {});
    const target = `http://127.0.0.1:${req.socket.localPort}/webhooks/zoom`;
    const played: Array<{ engagementId: string; scenario: string; webhooks: number[] }> = [];
    for (let i = 0; i < input.calls; i++) {
      const call = demo.fake.addCall({ accountId: DEMO_ZOOM_ACCOUNT_ID, ...(input.scenario ? { scenario: input.scenario } : {}), channel: i % 5 === 4 ? 'chat' : 'voice' });
      const results = await demo.fake.deliverCall(target, call.engagement.id);
      played.push({ engagementId: call.engagement.id, scenario: call.script.scenario, webhooks: results.map((r) => r.status) });
      if (i < input.calls - 1 && input.intervalMs > 0) await new Promise((resolve) => setTimeout(resolve, input.intervalMs));
    }
    services.log.info({ calls: played.length }, 'simulated calls delivered');
    res.json({ played });
  });
  return router;
}
