import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmCallInput } from '../server/crm/adapter';
import { CrmRateLimitedError, CrmValidationError } from '../server/crm/errors';
import { createCrmAdapter, type CrmAdapterOptions } from '../server/crm/registry';
import { startFakeSalesforce, type FakeSalesforce } from './fakes/salesforce';

/** Salesforce specifics: Contacts before Leads, converted Leads skipped, new Leads, and the Task we write. */

describe('Salesforce records', () => {
  let fake: FakeSalesforce;
  const adapter = (options: Partial<CrmAdapterOptions> = {}) => createCrmAdapter('salesforce', fake.connect(), { apps: { salesforce: fake.app }, ...options });

  beforeAll(async () => {
    fake = await startFakeSalesforce();
  });
  afterAll(() => fake.close());

  it('prefers a Contact to a Lead with the same email, and skips converted Leads', async () => {
    fake.seed('Lead', { LastName: 'Both', Company: 'Acme', Email: 'both@example.com' });
    const contactId = fake.seed('Contact', { LastName: 'Both', Email: 'both@example.com' });
    expect(await adapter().findContact({ email: 'both@example.com' })).toMatchObject({ id: contactId, kind: 'contact' });

    fake.seed('Lead', { LastName: 'Converted', Company: 'Acme', Email: 'converted@example.com', IsConverted: true });
    expect(await adapter().findContact({ email: 'converted@example.com' })).toBeNull();

    const leadId = fake.seed('Lead', { FirstName: 'Lena', LastName: 'Lead', Company: 'Acme', Email: 'lena@example.com' });
    expect(await adapter().findContact({ email: 'LENA@example.com' })).toMatchObject({
      id: leadId,
      kind: 'lead',
      name: 'Lena Lead',
      url: `${fake.url}/lightning/r/Lead/${leadId}/view`,
    });
  });

  it('quotes emails safely in SOQL', async () => {
    const id = fake.seed('Contact', { LastName: "O'Brien", Email: "o'brien@example.com" });
    expect((await adapter().findContact({ email: "o'brien@example.com" }))?.id).toBe(id);
  });

  it('finds Leads by mobile number and prefers a Contact with the same number', async () => {
    const leadId = fake.seed('Lead', { LastName: 'Mobile', Company: 'Acme', MobilePhone: '415-555-0177' });
    expect(await adapter().findContact({ phoneE164: '+14155550177' })).toMatchObject({ id: leadId, kind: 'lead' });
    const contactId = fake.seed('Contact', { LastName: 'Desk', Phone: '+1 (415) 555 0177' });
    expect((await adapter().findContact({ phoneE164: '+14155550177' }))?.id).toBe(contactId);
  });

  it('creates unknown callers as Leads with a placeholder company, or as Contacts when configured', async () => {
    const lead = await adapter().createContact({ phoneE164: '+13125550142' });
    expect(lead.kind).toBe('lead');
    expect(fake.state.records.Lead.get(lead.id)?.fields).toMatchObject({ LastName: 'Caller +13125550142', Company: '[not provided]', Phone: '+13125550142' });

    const contact = await adapter({ salesforce: { createAs: 'Contact' } }).createContact({ email: 'jo@example.com', name: 'Jo March' });
    expect(contact).toMatchObject({ kind: 'contact', name: 'Jo March', email: 'jo@example.com' });
    expect(fake.state.records.Contact.get(contact.id)?.fields).toMatchObject({ FirstName: 'Jo', LastName: 'March' });
  });

  it("passes on Salesforce's own validation message", async () => {
    const error = await adapter({ salesforce: { leadCompany: '' } }).createContact({ email: 'nocompany@example.com' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmValidationError);
    expect((error as Error).message).toBe('Required fields are missing: [Company]');
  });

  it('writes a completed Call task on the Lead, dated in the org time zone', async () => {
    const crm = adapter({ salesforce: { timeZone: 'America/Los_Angeles' } });
    const lead = await crm.createContact({ email: 'task.lead@example.com', name: 'Tess Lead' });
    const call: CrmCallInput = {
      engagementId: 'eng-sf-1',
      title: 'Outbound call: follow-up',
      summary: {
        reason: 'Follow-up on the quote',
        keyPoints: ['Quote accepted', 'Start next month'],
        outcome: { status: 'resolved', detail: '' },
        actionItems: [{ text: 'Send contract', owner: 'agent', due: null }],
        sentiment: { label: 'positive', score: 0.8 },
        category: 'Sales',
        contact: {},
      },
      direction: 'outbound',
      durationSeconds: 421,
      // 03:30 UTC is still the previous evening in California.
      startedAt: new Date('2026-05-04T03:30:00Z'),
      status: 'busy',
      contact: lead,
      agentName: 'Riley',
    };
    const ref = await crm.logCall(call);
    expect(ref.url).toBe(`${fake.url}/lightning/r/Task/${ref.id}/view`);
    const task = fake.state.records.Task.get(ref.id)?.fields;
    expect(task).toMatchObject({
      Subject: 'Outbound call: follow-up',
      TaskSubtype: 'Call',
      Status: 'Completed',
      CallType: 'Outbound',
      CallDurationInSeconds: 421,
      CallDisposition: 'Busy',
      ActivityDate: '2026-05-03',
      WhoId: lead.id,
      CallObject: 'callrecap:eng-sf-1',
    });
    expect(task?.Description).toBe(
      [
        'Reason: Follow-up on the quote',
        'Key points:\n- Quote accepted\n- Start next month',
        'Outcome: Resolved',
        'Action items:\n- Agent: Send contract',
        'Sentiment: Positive (+0.80)',
        'Category: Sales',
        'Agent: Riley',
        '-- Summarized by CallRecap',
      ].join('\n\n'),
    );
    await crm.updateCall(ref, { ...call, contact: null, title: 'Outbound call: contract sent' });
    expect(fake.state.records.Task.get(ref.id)?.fields).toMatchObject({ Subject: 'Outbound call: contract sent', WhoId: lead.id, TaskSubtype: 'Call' });
  });

  it('asks to retry concurrent-request limits sooner than the daily allocation', async () => {
    fake.inject({ kind: 'request-limit', concurrent: true, path: '/services/data' });
    const error = await adapter().findContact({ email: 'busy@example.com' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmRateLimitedError);
    expect((error as CrmRateLimitedError).retryAfterSeconds).toBe(30);
  });

  it('enforces the daily API allocation', async () => {
    const small = await startFakeSalesforce({ dailyApiLimit: 2 });
    try {
      const crm = createCrmAdapter('salesforce', small.connect(), { apps: { salesforce: small.app } });
      await crm.findContact({ email: 'one@example.com' });
      await expect(crm.findContact({ email: 'two@example.com' })).rejects.toBeInstanceOf(CrmRateLimitedError);
    } finally {
      await small.close();
    }
  });
});
