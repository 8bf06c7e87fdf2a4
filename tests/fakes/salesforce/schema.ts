import type { FieldValue, SalesforceState, SObjectName, StoredRecord } from './state';
import { objectOfId, USER_ID } from './state';

/**
 * The fields the fake org has on Contact, Lead, Task and Account, and Salesforce's checks on writes,
 * with its error codes and wording (REQUIRED_FIELD_MISSING, STRING_TOO_LONG, INVALID_FIELD, ...).
 */

export interface SalesforceError {
  message: string;
  errorCode: string;
  fields: string[];
}

type FieldType = 'string' | 'textarea' | 'email' | 'phone' | 'picklist' | 'int' | 'date' | 'reference' | 'boolean' | 'system';

interface FieldDefinition {
  type: FieldType;
  label: string;
  length?: number;
  values?: string[];
  required?: boolean;
  createOnly?: boolean;
  readOnly?: boolean;
  referenceTo?: SObjectName[];
}

const system = (label: string): FieldDefinition => ({ type: 'system', label, readOnly: true });
const text = (label: string, length: number, required = false): FieldDefinition => ({ type: 'string', label, length, required });

const COMMON: Record<string, FieldDefinition> = {
  Id: system('Record ID'),
  CreatedDate: system('Created Date'),
  LastModifiedDate: system('Last Modified Date'),
  IsDeleted: system('Deleted'),
  OwnerId: { type: 'reference', label: 'Owner ID', referenceTo: [] },
};

const PERSON: Record<string, FieldDefinition> = {
  Name: system('Full Name'),
  FirstName: text('First Name', 40),
  LastName: text('Last Name', 80, true),
  Email: { type: 'email', label: 'Email', length: 80 },
  Phone: { type: 'phone', label: 'Phone', length: 40 },
  MobilePhone: { type: 'phone', label: 'Mobile Phone', length: 40 },
  Title: text('Title', 128),
};

export const SCHEMA: Record<SObjectName, Record<string, FieldDefinition>> = {
  Account: { ...COMMON, Name: text('Account Name', 255, true), Phone: { type: 'phone', label: 'Account Phone', length: 40 } },
  Contact: { ...COMMON, ...PERSON, AccountId: { type: 'reference', label: 'Account ID', referenceTo: ['Account'] } },
  Lead: {
    ...COMMON,
    ...PERSON,
    Company: text('Company', 255, true),
    Status: { type: 'picklist', label: 'Lead Status', values: ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'] },
    IsConverted: system('Converted'),
  },
  Task: {
    ...COMMON,
    Subject: text('Subject', 255),
    Description: { type: 'textarea', label: 'Comments', length: 32_000 },
    Status: { type: 'picklist', label: 'Status', values: ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'] },
    Priority: { type: 'picklist', label: 'Priority', values: ['High', 'Normal', 'Low'] },
    ActivityDate: { type: 'date', label: 'Due Date Only' },
    TaskSubtype: { type: 'picklist', label: 'Task Subtype', values: ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'], createOnly: true },
    CallType: { type: 'picklist', label: 'Call Type', values: ['Internal', 'Inbound', 'Outbound'] },
    CallDurationInSeconds: { type: 'int', label: 'Call Duration' },
    CallDisposition: text('Call Result', 255),
    CallObject: text('Call Object Identifier', 255),
    WhoId: { type: 'reference', label: 'Name ID', referenceTo: ['Contact', 'Lead'] },
    WhatId: { type: 'reference', label: 'Related To ID', referenceTo: ['Account'] },
  },
};

const DEFAULTS: Record<SObjectName, Record<string, FieldValue>> = {
  Account: { OwnerId: USER_ID },
  Contact: { OwnerId: USER_ID },
  Lead: { OwnerId: USER_ID, Status: 'Open - Not Contacted', IsConverted: false },
  Task: { OwnerId: USER_ID, Status: 'Not Started', Priority: 'Normal', TaskSubtype: 'Task' },
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkField(state: SalesforceState, object: SObjectName, name: string, value: FieldValue, creating: boolean): SalesforceError | null {
  const field = SCHEMA[object][name];
  const error = (errorCode: string, message: string) => ({ errorCode, message, fields: [name] });
  if (!field) return { errorCode: 'INVALID_FIELD', message: `No such column '${name}' on sobject of type ${object}`, fields: [] };
  if (field.readOnly || (field.createOnly && !creating)) {
    return error('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`);
  }
  if (value === null || value === '') return null;
  const asText = String(value);
  if (field.length !== undefined && asText.length > field.length) {
    return error('STRING_TOO_LONG', `${field.label}: data value too large: ${asText.slice(0, 40)}... (max length=${field.length})`);
  }
  switch (field.type) {
    case 'picklist':
      return field.values?.includes(asText) ? null : error('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${asText}`);
    case 'email':
      return EMAIL.test(asText) ? null : error('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${asText}`);
    case 'int':
      return Number.isInteger(Number(value)) ? null : error('JSON_PARSER_ERROR', `Cannot deserialize instance of int from VALUE_STRING value ${asText} or request may be missing a required field`);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(asText) ? null : error('JSON_PARSER_ERROR', `Cannot deserialize instance of date from VALUE_STRING value ${asText} or request may be missing a required field`);
    case 'reference': {
      const target = objectOfId(asText);
      if (field.referenceTo?.length && (!target || !field.referenceTo.includes(target))) return error('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${asText}`);
      if (target && !state.records[target].has(asText)) return error('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`);
      return null;
    }
    default:
      return null;
  }
}

export function validateWrite(state: SalesforceState, object: SObjectName, fields: Record<string, FieldValue>, existing?: StoredRecord): SalesforceError[] {
  const creating = existing === undefined;
  const errors = Object.entries(fields)
    .map(([name, value]) => checkField(state, object, name, value, creating))
    .filter((error): error is SalesforceError => error !== null);
  if (errors.length > 0) return errors;
  const merged = { ...(existing?.fields ?? {}), ...fields };
  const missing = Object.entries(SCHEMA[object])
    .filter(([name, field]) => field.required && (merged[name] === undefined || merged[name] === null || merged[name] === ''))
    .map(([name]) => name);
  return missing.length > 0 ? [{ errorCode: 'REQUIRED_FIELD_MISSING', message: `Required fields are missing: [${missing.join(', ')}]`, fields: missing }] : [];
}

export function withDefaults(object: SObjectName, fields: Record<string, FieldValue>): Record<string, FieldValue> {
  return { ...DEFAULTS[object], ...fields };
}

/** Salesforce's datetime format: 2026-05-04T10:30:00.000+0000 */
export function sfDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/** All fields of a record as the REST API shows them, computed ones included. */
export function recordValues(object: SObjectName, record: StoredRecord): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {
    ...record.fields,
    Id: record.Id,
    CreatedDate: sfDateTime(record.createdAt),
    LastModifiedDate: sfDateTime(record.updatedAt),
    IsDeleted: false,
  };
  if (object === 'Contact' || object === 'Lead') {
    values.Name = [record.fields.FirstName, record.fields.LastName].filter((part) => typeof part === 'string' && part !== '').join(' ');
  }
  return values;
}

/** One field without building the whole record: queries read a few fields of every record. */
export function fieldValue(object: SObjectName, record: StoredRecord, name: string): FieldValue {
  if (name in record.fields) return record.fields[name] ?? null;
  switch (name) {
    case 'Id':
      return record.Id;
    case 'Name':
      return object === 'Contact' || object === 'Lead' ? (recordValues(object, record).Name ?? null) : null;
    case 'CreatedDate':
      return sfDateTime(record.createdAt);
    case 'LastModifiedDate':
      return sfDateTime(record.updatedAt);
    case 'IsDeleted':
      return false;
    default:
      return null;
  }
}
