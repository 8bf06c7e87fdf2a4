import type { CrmContact, CrmContactQuery, CrmNewContact } from '../adapter';
import { CrmValidationError } from '../errors';
import { joinName, splitName } from '../names';
import { normalizePhone, samePhone, type PhoneRegion } from '../phone';
import { readHubSpotFailure } from './errors';
import type { HubSpotSession } from './session';
import { contactUrl } from './settings';
import { contactEq as eq, type ContactFilterGroup } from './search';

/**
 * Contact matching and creation. Email is exact (EQ on `email`). Phones are stored as typed, so the
 * search asks HubSpot's derived `hs_searchable_calculated_*` properties (national digits) and the raw
 * fields (E.164), then keeps only results whose stored number really is the caller's number.
 */

const CONTACT_PROPERTIES = ['email', 'firstname', 'lastname', 'phone', 'mobilephone'];

interface ContactRecord {
  id: string;
  properties: Record<string, string | null>;
}

function toCrmContact(session: HubSpotSession, record: ContactRecord): CrmContact {
  const { email, firstname, lastname } = record.properties;
  return {
    id: record.id,
    kind: 'contact',
    name: joinName(firstname, lastname),
    email: email ?? undefined,
    url: contactUrl(session.app, session.portalId, record.id),
  };
}

export function phoneFilterGroups(e164: string, nationalDigits: string): ContactFilterGroup[] {
  return [
    eq('hs_searchable_calculated_phone_number', nationalDigits),
    eq('hs_searchable_calculated_mobile_number', nationalDigits),
    eq('phone', e164),
    eq('mobilephone', e164),
  ];
}

async function searchContacts(session: HubSpotSession, what: string, filterGroups: ContactFilterGroup[]): Promise<ContactRecord[]> {
  const page = await session.run(what, 'search', (apis) =>
    apis.contactSearch.doSearch({ filterGroups, properties: CONTACT_PROPERTIES, limit: 20 }),
  );
  return page.results;
}

export async function findHubSpotContact(session: HubSpotSession, query: CrmContactQuery, region: PhoneRegion): Promise<CrmContact | null> {
  if (query.email) {
    const [match] = await searchContacts(session, 'contact search by email', [eq('email', query.email)]);
    if (match) return toCrmContact(session, match);
  }
  const phone = normalizePhone(query.phoneE164, region);
  if (phone) {
    const candidates = await searchContacts(session, 'contact search by phone', phoneFilterGroups(phone.e164, phone.nationalDigits));
    const match = candidates.find((record) => samePhone(phone.e164, [record.properties.phone, record.properties.mobilephone], region));
    if (match) return toCrmContact(session, match);
  }
  return null;
}

function contactProperties(contact: CrmNewContact): Record<string, string> {
  const properties: Record<string, string> = {};
  if (contact.email) properties.email = contact.email;
  if (contact.phoneE164) properties.phone = contact.phoneE164;
  if (contact.name) {
    const { first, last } = splitName(contact.name);
    if (first) properties.firstname = first;
    properties.lastname = last;
  }
  return properties;
}

/** HubSpot answers a duplicate email with 409 "Contact already exists. Existing ID: 123". */
function existingContactId(error: unknown): string | null {
  const failure = readHubSpotFailure(error);
  if (failure?.status !== 409) return null;
  return /Existing ID:\s*(\d+)/.exec(failure.message)?.[1] ?? null;
}

export async function createHubSpotContact(session: HubSpotSession, contact: CrmNewContact): Promise<CrmContact> {
  const properties = contactProperties(contact);
  if (Object.keys(properties).length === 0) throw new CrmValidationError('A new contact needs an email, a phone number or a name.');
  const created = await session.run('create contact', 'general', async (apis) => {
    try {
      return { kind: 'created' as const, record: await apis.contacts.create({ properties, associations: [] }) };
    } catch (error) {
      // Someone created the same person moments ago (another job, a form): use theirs.
      const existingId = existingContactId(error);
      if (existingId) return { kind: 'exists' as const, existingId };
      throw error;
    }
  });
  if (created.kind === 'created') return toCrmContact(session, created.record);
  const existing = await session.run('read contact', 'general', (apis) => apis.contacts.getById(created.existingId, CONTACT_PROPERTIES));
  return toCrmContact(session, existing);
}
