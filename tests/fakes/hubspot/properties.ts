import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { PropertyProblem } from './errors';
import type { ObjectType, StoredObject } from './state';

/**
 * The properties the fake knows, HubSpot-style validation of writes, and the values HubSpot computes
 * itself (hs_object_id, dates, and the hs_searchable_calculated_* phone digits that search uses).
 */

interface PropertyDefinition {
  kind: 'string' | 'number' | 'enumeration' | 'datetime';
  options?: string[];
  readOnly?: boolean;
}

const text: PropertyDefinition = { kind: 'string' };
const computed: PropertyDefinition = { kind: 'string', readOnly: true };

const CALL_STATUSES = ['BUSY', 'CALLING_CRM_USER', 'CANCELED', 'COMPLETED', 'CONNECTING', 'FAILED', 'IN_PROGRESS', 'NO_ANSWER', 'QUEUED', 'RINGING'];

const DEFINITIONS: Record<ObjectType, Record<string, PropertyDefinition>> = {
  contacts: {
    email: text,
    firstname: text,
    lastname: text,
    phone: text,
    mobilephone: text,
    company: text,
    jobtitle: text,
    hs_additional_emails: text,
    lifecyclestage: text,
    hs_object_id: computed,
    createdate: computed,
    lastmodifieddate: computed,
    hs_calculated_phone_number: computed,
    hs_searchable_calculated_phone_number: computed,
    hs_searchable_calculated_mobile_number: computed,
  },
  calls: {
    hs_timestamp: { kind: 'datetime' },
    hs_call_title: text,
    hs_call_body: text,
    hs_call_direction: { kind: 'enumeration', options: ['INBOUND', 'OUTBOUND'] },
    hs_call_duration: { kind: 'number' },
    hs_call_status: { kind: 'enumeration', options: CALL_STATUSES },
    hs_call_disposition: text,
    hs_call_external_id: text,
    hs_call_from_number: text,
    hs_call_to_number: text,
    hs_call_recording_url: text,
    hs_call_source: text,
    hs_call_callee_object_id: text,
    hs_call_callee_object_type: text,
    hubspot_owner_id: text,
    hs_object_id: computed,
    hs_createdate: computed,
    hs_lastmodifieddate: computed,
  },
};

/** What GET and search return when no `properties` are asked for. */
export const DEFAULT_PROPERTIES: Record<ObjectType, string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  calls: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

// HubSpot's limit for a single-line or multi-line text value.
const MAX_VALUE_CHARS = 65_536;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isKnownProperty(type: ObjectType, name: string): boolean {
  return name in DEFINITIONS[type];
}

function checkValue(type: ObjectType, name: string, value: string): PropertyProblem | null {
  const definition = DEFINITIONS[type][name];
  if (!definition) return { name, error: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` };
  if (definition.readOnly) return { name, error: 'READ_ONLY_VALUE', message: `${name} is a read only property; its value cannot be set.` };
  if (value.length > MAX_VALUE_CHARS) return { name, error: 'INVALID_LENGTH', message: `${name} must be at most ${MAX_VALUE_CHARS} characters.` };
  if (definition.kind === 'enumeration' && !definition.options?.includes(value)) {
    return { name, error: 'INVALID_OPTION', message: `${value} was not one of the allowed options: [${definition.options?.join(', ')}]` };
  }
  if (definition.kind === 'number' && value !== '' && !Number.isFinite(Number(value))) {
    return { name, error: 'INVALID_INTEGER', message: `${value} is not a valid number for ${name}.` };
  }
  if (definition.kind === 'datetime' && toIsoTimestamp(value) === null) {
    return { name, error: 'INVALID_DATE', message: `${value} is not a valid datetime; use milliseconds since the epoch or an ISO-8601 string.` };
  }
  if (type === 'contacts' && name === 'email' && value !== '' && !EMAIL.test(value)) {
    return { name, error: 'INVALID_EMAIL', message: `Email address ${value} is invalid` };
  }
  return null;
}

export function validateProperties(type: ObjectType, properties: Record<string, string>, creating: boolean): PropertyProblem[] {
  const problems = Object.entries(properties)
    .map(([name, value]) => checkValue(type, name, value))
    .filter((problem): problem is PropertyProblem => problem !== null);
  if (creating && type === 'calls' && !properties.hs_timestamp) {
    problems.push({ name: 'hs_timestamp', error: 'REQUIRED_FIELD', message: 'hs_timestamp is required' });
  }
  return problems;
}

export function toIsoTimestamp(value: string): string | null {
  const date = /^\d+$/.test(value) ? new Date(Number(value)) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function phoneDigits(raw: string | undefined, country: CountryCode): { national: string; e164: string } | null {
  if (!raw) return null;
  const parsed = parsePhoneNumberFromString(raw, country);
  if (parsed) return { national: parsed.nationalNumber, e164: parsed.number };
  const digits = raw.replace(/\D/g, '').replace(/^0+/, '');
  return digits ? { national: digits, e164: `+${digits}` } : null;
}

/** Stored values as HubSpot would keep them: timestamps as ISO strings, plus its computed properties. */
export function normalizeForStorage(properties: Record<string, string>): Record<string, string> {
  const stored = { ...properties };
  if (stored.hs_timestamp) stored.hs_timestamp = toIsoTimestamp(stored.hs_timestamp) ?? stored.hs_timestamp;
  return stored;
}

/** What HubSpot derives from the stored phone numbers; computed once per write, read by every search. */
export function derivedProperties(type: ObjectType, properties: Record<string, string>, country: CountryCode): Record<string, string> {
  if (type !== 'contacts') return {};
  const values: Record<string, string> = {};
  const phone = phoneDigits(properties.phone, country);
  const mobile = phoneDigits(properties.mobilephone, country);
  if (phone) {
    values.hs_searchable_calculated_phone_number = phone.national;
    values.hs_calculated_phone_number = phone.e164;
  }
  if (mobile) values.hs_searchable_calculated_mobile_number = mobile.national;
  return values;
}

/** Every property of a record as HubSpot shows it: stored, derived, and the system ones. */
export function allProperties(object: StoredObject): Record<string, string> {
  const created = object.createdAt.toISOString();
  const updated = object.updatedAt.toISOString();
  const system: Record<string, string> =
    object.type === 'calls'
      ? { hs_object_id: object.id, hs_createdate: created, hs_lastmodifieddate: updated }
      : { hs_object_id: object.id, createdate: created, lastmodifieddate: updated };
  return { ...object.properties, ...object.derived, ...system };
}

/** One property without building the whole record: searches read a few properties of every record. */
export function propertyValue(object: StoredObject, name: string): string | undefined {
  const value = object.properties[name] ?? object.derived[name];
  if (value !== undefined) return value;
  if (name === 'hs_object_id') return object.id;
  if (name === (object.type === 'calls' ? 'hs_createdate' : 'createdate')) return object.createdAt.toISOString();
  if (name === (object.type === 'calls' ? 'hs_lastmodifieddate' : 'lastmodifieddate')) return object.updatedAt.toISOString();
  return undefined;
}
