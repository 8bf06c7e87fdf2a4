import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engagementProcessHandler } from '../jobs/handlers/engagement-process';
import { zoomReconcileHandler } from '../jobs/handlers/zoom-reconcile';
import { signInWithZoom, startZoomTestApp, type ZoomTestApp } from './helpers/zoom-app';

let app: ZoomTestApp;
let orgId: string;
const log = { info: () => undefined, warn: () => undefined } as never;

beforeAll(async () => {
  app = await startZoomTestApp({ start: { role: 'all' } });
  await signInWithZoom(app);
  orgId = (await app.database.owner`select id from organizations`)[0]!.id as string;
});
afterAll(() => app.close());

async function summaryOf(zoomEngagementId: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await app.database.owner`
      select s.status, s.category, s.current_version, s.provider, e.queue_name, e.consumer_number, e.agents, e.duration_seconds, e.transcript_status
      from engagements e left join summaries s on s.engagement_id = e.id where e.zoom_engagement_id = ${zoomEngagementId}`;
    if (row?.status && row.status !== 'pending' && row.status !== 'summarizing') return row;
    if (Date.now() > deadline) throw new Error(`no summary for ${zoomEngagementId}: ${JSON.stringify(row)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Every text column in every schema (pgboss included), as text, searched for a phrase. */
async function tablesMentioning(phrase: string): Promise<string[]> {
  const columns = await app.database.owner<{ table_schema: string; table_name: string }[]>`
    select distinct table_schema, table_name from information_schema.columns
    where table_schema not in ('pg_catalog', 'information_schema') and table_name not like 'pg_%'`;
  const hits: string[] = [];
  for (const { table_schema, table_name } of columns) {
    const [row] = await app.database.owner.unsafe<{ n: number }[]>(
      `select count(*)::int as n from "${table_schema}"."${table_name}" t where t::text ilike $1`,
      [`%${phrase}%`],
    );
    if ((row?.n ?? 0) > 0) hits.push(`${table_schema}.${table_name}`);
  }
  return hits;
}

describe('from a Zoom call to a summary', () => {
  it('fetches the engagement and transcript, summarizes offline and stores metadata', async () => {
    const call = app.zoom.addCall({ scenario: 'billing' });
    await app.zoom.deliverCall(`${app.url}/webhooks/zoom`, call.engagement.id);
    const row = await summaryOf(call.engagement.id);
    expect(row).toMatchObject({ status: 'ready', current_version: 1, provider: 'local', category: 'Billing', transcript_status: 'processed' });
    expect(row.queue_name).toBe(call.script.queueName);
    expect(row.consumer_number).toBe(call.script.customer.phone);
    expect((row.agents as Array<{ name: string }>)[0]!.name).toBe(call.script.agentName);
    expect(row.duration_seconds).toBeGreaterThan(0);
  });

  it('keeps no transcript text in any table, pg-boss included, after processing', async () => {
    const call = app.zoom.addCall({ scenario: 'tech_support' });
    await app.zoom.deliverCall(`${app.url}/webhooks/zoom`, call.engagement.id);
    await summaryOf(call.engagement.id);
    // Distinctive sentences of the conversation itself (not facts a summary may restate).
    const phrases = call.script.turns.map((t) => t.text).filter((text) => text.length > 40).slice(0, 6);
    expect(phrases.length).toBeGreaterThan(2);
    for (const phrase of phrases) expect({ phrase, tables: await tablesMentioning(phrase) }).toEqual({ phrase, tables: [] });
  });

  it('out-of-order and repeated deliveries make one engagement and one summary', async () => {
    const call = app.zoom.addCall({ scenario: 'cancellation' });
    const deliveries = app.zoom.webhooksFor(call.engagement.id);
    for (const delivery of [...deliveries].reverse()) await app.zoom.sendWebhook(`${app.url}/webhooks/zoom`, delivery);
    for (const delivery of deliveries) await app.zoom.sendWebhook(`${app.url}/webhooks/zoom`, delivery);
    await summaryOf(call.engagement.id);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // let every queued job run
    const [counts] = await app.database.owner`
      select (select count(*)::int from engagements where zoom_engagement_id = ${call.engagement.id}) as engagements,
             (select count(*)::int from summaries s join engagements e on e.id = s.engagement_id where e.zoom_engagement_id = ${call.engagement.id}) as summaries,
             (select count(*)::int from summary_versions v join summaries s on s.id = v.summary_id join engagements e on e.id = s.engagement_id where e.zoom_engagement_id = ${call.engagement.id}) as versions`;
    expect(counts).toEqual({ engagements: 1, summaries: 1, versions: 1 });
  });

  it('marks "no transcript" with the reason once the retries are used up', async () => {
    const call = app.zoom.addCall({ scenario: 'sales', transcribed: false });
    const handler = engagementProcessHandler(app.running.services);
    const signal = new AbortController().signal;
    await expect(handler({ orgId, zoomEngagementId: call.engagement.id }, { id: 'j1', signal, log, isLastAttempt: false, retryCount: 0 })).rejects.toThrow(/transcript/i);
    await handler({ orgId, zoomEngagementId: call.engagement.id }, { id: 'j2', signal, log, isLastAttempt: true, retryCount: 6 });
    const row = await summaryOf(call.engagement.id);
    expect(row.status).toBe('no_transcript');
    expect(row.transcript_status).toBe('none');
  });

  it('reconciliation queues what webhooks missed', async () => {
    const missed = [app.zoom.addCall({ scenario: 'billing' }), app.zoom.addCall({ scenario: 'tech_support' })];
    await zoomReconcileHandler(app.running.services)({ orgId }, { id: 'r1', signal: new AbortController().signal, log, isLastAttempt: false, retryCount: 0 });
    for (const call of missed) expect((await summaryOf(call.engagement.id)).status).toBe('ready');
  });
});
