import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmCallInput } from '../server/crm/adapter';
import { createHubSpotRateLimits } from '../server/crm/hubspot/rate-limits';
import { createCrmAdapter } from '../server/crm/registry';
import { startFakeHubSpot, type FakeHubSpot } from './fakes/hubspot';

/** What exactly lands in HubSpot: call properties in HubSpot's units, associations, contacts we create. */

describe('HubSpot call and contact records', () => {
  let fake: FakeHubSpot;
  const limits = createHubSpotRateLimits({ searchPerSecond: 50 });
  const adapter = () => createCrmAdapter('hubspot', fake.connect(), { apps: { hubspot: fake.app }, hubspotLimits: limits });

  beforeAll(async () => {
    fake = await startFakeHubSpot({ limits: { searchPerSecond: 100 } });
  });
  afterAll(() => fake.close());

  const call = (overrides: Partial<CrmCallInput> = {}): CrmCallInput => ({
    engagementId: 'eng-7781',
    title: 'Outbound call: renewal',
    summary: {
      reason: 'Renewal <quote> & pricing',
      keyPoints: ['Asked for "annual" price', 'Wants 10 seats'],
      outcome: { status: 'follow_up', detail: 'Send a quote' },
      actionItems: [],
      sentiment: { label: 'neutral', score: 0 },
      category: 'Sales',
      contact: {},
    },
    direction: 'outbound',
    durationSeconds: 95,
    startedAt: new Date('2026-05-04T15:30:00.000Z'),
    status: 'no_answer',
    contact: null,
    ...overrides,
  });

  it('stores time and duration in milliseconds, HubSpot enums, escaped HTML notes and our external id', async () => {
    const contactId = fake.seedContact({ firstname: 'Ivy', lastname: 'Chen', email: 'ivy@example.com' });
    const crm = adapter();
    const contact = await crm.findContact({ email: 'ivy@example.com' });
    const ref = await crm.logCall(call({ contact }));
    const stored = fake.state.objects.calls.get(ref.id);
    expect(stored?.properties).toMatchObject({
      hs_timestamp: '2026-05-04T15:30:00.000Z',
      hs_call_duration: '95000',
      hs_call_direction: 'OUTBOUND',
      hs_call_status: 'NO_ANSWER',
      hs_call_title: 'Outbound call: renewal',
      hs_call_external_id: 'callrecap:eng-7781',
    });
    expect(stored?.properties.hs_call_body).toContain('Renewal &lt;quote&gt; &amp; pricing');
    expect(stored?.properties.hs_call_body).toContain('<strong>Action items:</strong> None');
    expect(fake.state.associations.filter((a) => a.fromId === ref.id)).toEqual([
      { fromType: 'calls', fromId: ref.id, toType: 'contacts', toId: contactId, category: 'HUBSPOT_DEFINED', typeId: 194 },
    ]);
    expect(ref.url).toBe(`${fake.url}/contacts/${fake.portalId}/record/0-1/${contactId}`);
  });

  it('links a call logged without a contact to the contact chosen later', async () => {
    const crm = adapter();
    const ref = await crm.logCall(call({ engagementId: 'eng-late-contact' }));
    expect(ref.url).toBe(`${fake.url}/contacts/${fake.portalId}/record/0-48/${ref.id}`);
    const contact = await crm.createContact({ email: 'chosen.later@example.com', name: 'Chosen Later' });
    await crm.updateCall(ref, call({ engagementId: 'eng-late-contact', contact }));
    await crm.updateCall(ref, call({ engagementId: 'eng-late-contact', contact }));
    expect(fake.callsAssociatedWith(contact.id).map((c) => c.id)).toEqual([ref.id]);
  });

  it('creates contacts with split names and an E.164 phone, and reuses one that already has the email', async () => {
    const crm = adapter();
    const created = await crm.createContact({ email: 'mary.ann@example.com', phoneE164: '+14155550188', name: 'Mary Ann Smith' });
    expect(fake.state.objects.contacts.get(created.id)?.properties).toMatchObject({ firstname: 'Mary Ann', lastname: 'Smith', phone: '+14155550188' });
    const again = await crm.createContact({ email: 'MARY.ANN@example.com', name: 'Mary Smith' });
    expect(again.id).toBe(created.id);
    expect(again.name).toBe('Mary Ann Smith');
  });

  it('matches a mobile number typed without the country code', async () => {
    const id = fake.seedContact({ firstname: 'Tom', lastname: 'Berg', mobilephone: '650.555.0111' });
    expect((await adapter().findContact({ phoneE164: '+16505550111' }))?.id).toBe(id);
  });

  it('turns HubSpot property errors into the messages users can act on', async () => {
    const crm = adapter();
    await expect(crm.createContact({ email: 'not-an-email@' })).rejects.toThrow('Email address not-an-email@ is invalid');
  });
});
