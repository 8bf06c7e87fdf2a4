import { z } from 'zod';
import type { CrmContact, CrmContactQuery, CrmNewContact } from '../adapter';
import { CrmValidationError } from '../errors';
import { splitName } from '../names';
import { normalizePhone, samePhone, type PhoneRegion } from '../phone';
import { jsonRequest, type SalesforceSession } from './session';
import { recordUrl } from './settings';
import { queryPath, searchPath, soqlString } from './soql';

/**
 * Matching callers to Contacts, then to unconverted Leads. Email is an exact SOQL match. Phones are
 * found with SOSL (its phone index ignores formatting), then each hit's numbers are normalized and
 * compared, because SOSL also returns partial and other-country matches.
 */

const personSchema = z.object({
  attributes: z.object({ type: z.enum(['Contact', 'Lead']) }),
  Id: z.string(),
  Name: z.string().nullish(),
  Email: z.string().nullish(),
  Phone: z.string().nullish(),
  MobilePhone: z.string().nullish(),
});
const queryResultSchema = z.object({ records: z.array(personSchema) });
const searchResultSchema = z.object({ searchRecords: z.array(personSchema) });
const createdSchema = z.object({ id: z.string(), success: z.literal(true) });

type Person = z.infer<typeof personSchema>;
export type SalesforcePersonObject = 'Contact' | 'Lead';

function toCrmContact(session: SalesforceSession, person: Person): CrmContact {
  const object = person.attributes.type;
  return {
    id: person.Id,
    kind: object === 'Contact' ? 'contact' : 'lead',
    name: person.Name ?? undefined,
    email: person.Email ?? undefined,
    url: recordUrl(session.instanceUrl(), object, person.Id),
  };
}

async function findByEmail(session: SalesforceSession, object: SalesforcePersonObject, email: string): Promise<Person | undefined> {
  const onlyOpenLeads = object === 'Lead' ? ' AND IsConverted = false' : '';
  const soql = `SELECT Id, Name, Email, Phone, MobilePhone FROM ${object} WHERE Email = ${soqlString(email)}${onlyOpenLeads} ORDER BY LastModifiedDate DESC LIMIT 1`;
  const result = queryResultSchema.parse(await session.send(`${object} search by email`, { method: 'GET', url: queryPath(soql) }));
  return result.records[0];
}

export function phoneSearchSosl(nationalDigits: string): string {
  // Digits only, so none of SOSL's reserved characters can appear.
  return (
    `FIND {${nationalDigits}} IN PHONE FIELDS RETURNING ` +
    'Contact(Id, Name, Email, Phone, MobilePhone), Lead(Id, Name, Email, Phone, MobilePhone WHERE IsConverted = false)'
  );
}

async function findByPhone(session: SalesforceSession, phoneE164: string, region: PhoneRegion): Promise<Person | undefined> {
  const phone = normalizePhone(phoneE164, region);
  if (!phone) return undefined;
  const raw = await session.send('search by phone', { method: 'GET', url: searchPath(phoneSearchSosl(phone.nationalDigits)) });
  const matches = searchResultSchema.parse(raw).searchRecords.filter((person) => samePhone(phone.e164, [person.Phone, person.MobilePhone], region));
  return matches.find((person) => person.attributes.type === 'Contact') ?? matches[0];
}

export async function findSalesforceContact(session: SalesforceSession, query: CrmContactQuery, region: PhoneRegion): Promise<CrmContact | null> {
  if (query.email) {
    const person = (await findByEmail(session, 'Contact', query.email)) ?? (await findByEmail(session, 'Lead', query.email));
    if (person) return toCrmContact(session, person);
  }
  if (query.phoneE164) {
    const person = await findByPhone(session, query.phoneE164, region);
    if (person) return toCrmContact(session, person);
  }
  return null;
}

export interface CreatePersonOptions {
  createAs: SalesforcePersonObject;
  /** Leads require a Company; Salesforce's own web-to-lead uses this placeholder. */
  leadCompany: string;
}

/** Both objects require LastName; without a name we use the caller's email or number so the record is recognisable. */
function personFields(contact: CrmNewContact, options: CreatePersonOptions): Record<string, string> {
  const label = contact.name ?? contact.email ?? contact.phoneE164;
  if (!label) throw new CrmValidationError('A new contact needs an email, a phone number or a name.');
  const { first, last } = contact.name ? splitName(contact.name) : { first: undefined, last: `Caller ${label}` };
  const fields: Record<string, string> = { LastName: last };
  if (first) fields.FirstName = first;
  if (contact.email) fields.Email = contact.email;
  if (contact.phoneE164) fields.Phone = contact.phoneE164;
  if (options.createAs === 'Lead') fields.Company = options.leadCompany;
  return fields;
}

export async function createSalesforceContact(session: SalesforceSession, contact: CrmNewContact, options: CreatePersonOptions): Promise<CrmContact> {
  const fields = personFields(contact, options);
  const raw = await session.send(`create ${options.createAs}`, jsonRequest('POST', `/sobjects/${options.createAs}`, fields));
  const { id } = createdSchema.parse(raw);
  const name = [fields.FirstName, fields.LastName].filter(Boolean).join(' ');
  return toCrmContact(session, { attributes: { type: options.createAs }, Id: id, Name: name, Email: contact.email ?? null });
}
