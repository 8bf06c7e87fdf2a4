import { withOrg } from '../../db/tenant';
import { loadConfig } from '../../server/config';
import { saveCrmConnection } from '../../server/crm/connections';
import { findOrCreateOrg, upsertUser } from '../../server/orgs/organizations';
import { startCallRecap } from '../../server/runtime/start';
import type { Summarizer } from '../../server/summaries/engine';
import { saveTokens } from '../../server/zoom/service';
import { transcriptKey, type PipelineOrgSetup, type PipelineReply, type PipelineRequest } from './pipeline';

/**
 * CallRecap for the pipeline benchmark: web and worker in one process, as `npm start` runs them, in
 * a process of its own so the load generator and the fakes do not share its event loop. The real
 * summarizer is wrapped to time each call to it: the AI provider's own time, which the benchmark
 * subtracts to get the pipeline's overhead. Driven over IPC by pipeline.ts.
 */

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_MODE: 'false' });
  const running = await startCallRecap(config, { role: 'all', client: 'none' });
  const { services } = running;

  const aiMs = new Map<string, number>();
  const summarizer: Summarizer = services.summarizer;
  services.summarizer = {
    provider: summarizer.provider,
    model: summarizer.model,
    async summarize(input) {
      const started = performance.now();
      try {
        return await summarizer.summarize(input);
      } finally {
        aiMs.set(transcriptKey(input.transcript), performance.now() - started);
      }
    },
  };

  const setup = async (orgs: PipelineOrgSetup[]): Promise<string[]> => {
    const ids: string[] = [];
    for (const input of orgs) {
      const org = await findOrCreateOrg(services.db, { zoomAccountId: input.zoomAccountId, name: `Bench ${input.zoomAccountId}` });
      const now = new Date();
      await withOrg(services.db, org.id, async (tx) => {
        const admin = await upsertUser(tx, { orgId: org.id, zoomUserId: input.adminZoomUserId, name: 'Bench Admin', email: null, role: 'admin', contactCenterRole: 'Admin', now });
        await saveTokens(tx, services, {
          orgId: org.id,
          userId: admin.id,
          zoomUserId: input.adminZoomUserId,
          tokens: { ...input.zoomTokens, tokenType: 'bearer', expiresInSeconds: 3599, expiresAt: new Date(Date.now() + 3_599_000), scopes: [] },
        });
        const grant = { ...input.hubspot, expiresAt: new Date(input.hubspot.expiresAt) };
        await saveCrmConnection(tx, services.secrets, { orgId: org.id, kind: 'hubspot', grant: { credentials: grant, externalAccountId: grant.portalId }, environment: 'production', userId: admin.id, now });
      });
      ids.push(org.id);
    }
    return ids;
  };

  process.on('message', (message: PipelineRequest) => {
    const reply = (body: PipelineReply) => process.send?.(body);
    if (message.kind === 'timings') return void reply({ aiMs: Object.fromEntries(aiMs) });
    setup(message.orgs).then(
      (orgIds) => reply({ orgIds }),
      (error: unknown) => reply({ error: String(error) }),
    );
  });
  process.on('SIGTERM', () => {
    void running.stop('bench done').then(() => process.exit(0));
  });
  process.send?.({ ready: running.url! } satisfies PipelineReply);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
