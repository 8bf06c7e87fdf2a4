import express, { type Request, type Response, type Router } from 'express';
import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { sendError, sendPropertyErrors } from './errors';
import { allProperties, DEFAULT_PROPERTIES, derivedProperties, normalizeForStorage, propertyValue, validateProperties } from './properties';
import { matchesSearch, searchLimitProblem, searchRequestSchema, sortKey } from './search';
import { associationsOf, nextObjectId, type HubSpotState, type ObjectType, type StoredObject } from './state';

/**
 * The CRM object endpoints the SDK calls for contacts and calls: create (with inline associations),
 * read, update, search, plus the v4 "default association" PUT. Responses have HubSpot's shape:
 * { id, properties, createdAt, updatedAt, archived }.
 */

export interface ObjectSettings {
  defaultCountry: CountryCode;
  /** New records reach the search index this long after they are created (HubSpot: a few seconds). */
  searchLagMs: number;
}

const OBJECT_TYPES: Record<string, ObjectType> = { contacts: 'contacts', '0-1': 'contacts', calls: 'calls', '0-48': 'calls' };
const FREE_TEXT_PROPERTIES: Record<ObjectType, string[]> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'company'],
  calls: ['hs_call_title', 'hs_call_body'],
};
// Call-to-contact is the only association the fake's objects have; HubSpot defines the reverse as 193.
const CALL_TO_CONTACT = 194;

const propertiesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((v) => (v === null ? '' : String(v))));
const associationInputSchema = z.object({
  to: z.object({ id: z.union([z.string(), z.number()]).transform(String) }),
  types: z.array(z.object({ associationCategory: z.string(), associationTypeId: z.number().int() })).min(1),
});
const createSchema = z.object({ properties: propertiesSchema.default({}), associations: z.array(associationInputSchema).default([]) });
const updateSchema = z.object({ properties: propertiesSchema });

function objectType(req: Request, res: Response, name = 'objectType'): ObjectType | null {
  const type = OBJECT_TYPES[String(req.params[name])];
  if (!type) sendError(res, 400, 'VALIDATION_ERROR', `Unable to infer object type from: ${String(req.params[name])}`);
  return type ?? null;
}

function present(object: StoredObject, wanted: string[] | undefined, always: string[] = []) {
  const values = allProperties(object);
  const names = [...new Set([...(wanted && wanted.length > 0 ? wanted : DEFAULT_PROPERTIES[object.type]), ...always])];
  const properties: Record<string, string | null> = {};
  for (const name of names) properties[name] = values[name] ?? null;
  return { id: object.id, properties, createdAt: object.createdAt.toISOString(), updatedAt: object.updatedAt.toISOString(), archived: false };
}

function duplicateEmail(state: HubSpotState, email: string | undefined, exceptId?: string): StoredObject | undefined {
  if (!email) return undefined;
  return [...state.objects.contacts.values()].find((contact) => contact.id !== exceptId && contact.properties.email?.toLowerCase() === email.toLowerCase());
}

function requestedList(value: unknown): string[] | undefined {
  return typeof value === 'string' && value !== '' ? value.split(',') : undefined;
}

export function objectsRouter(state: HubSpotState, settings: ObjectSettings): Router {
  const router = express.Router();
  const country = settings.defaultCountry;

  router.post('/crm/v3/objects/:objectType/search', (req, res) => {
    const type = objectType(req, res);
    if (!type) return;
    const parsed = searchRequestSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, 'VALIDATION_ERROR', `Invalid input JSON: ${parsed.error.issues[0]?.message ?? ''}`);
    const request = parsed.data;
    const problem = searchLimitProblem(request);
    if (problem) return sendError(res, 400, 'VALIDATION_ERROR', problem);
    const visibleBefore = Date.now() - settings.searchLagMs;
    const sort = sortKey(request);
    const matches = [...state.objects[type].values()]
      .filter((object) => object.createdAt.getTime() <= visibleBefore)
      .filter((object) => matchesSearch((name) => propertyValue(object, name), request, FREE_TEXT_PROPERTIES[type]))
      .sort((a, b) => {
        if (!sort) return Number(a.id) - Number(b.id);
        const order = (propertyValue(a, sort.propertyName) ?? '').localeCompare(propertyValue(b, sort.propertyName) ?? '');
        return sort.descending ? -order : order;
      });
    const offset = Number(request.after ?? 0);
    const limit = request.limit ?? 10;
    const page = matches.slice(offset, offset + limit);
    const always = type === 'contacts' ? ['createdate', 'hs_object_id', 'lastmodifieddate'] : DEFAULT_PROPERTIES.calls;
    res.json({
      total: Math.min(matches.length, 10_000),
      results: page.map((object) => present(object, request.properties, always)),
      ...(offset + limit < matches.length ? { paging: { next: { after: String(offset + limit) } } } : {}),
    });
  });

  router.post('/crm/v3/objects/:objectType', (req, res) => {
    const type = objectType(req, res);
    if (!type) return;
    const parsed = createSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, 'VALIDATION_ERROR', `Invalid input JSON: ${parsed.error.issues[0]?.message ?? ''}`);
    const { properties, associations } = parsed.data;
    const problems = validateProperties(type, properties, true);
    if (problems.length > 0) return sendPropertyErrors(res, problems);
    const existing = type === 'contacts' ? duplicateEmail(state, properties.email) : undefined;
    if (existing) return sendError(res, 409, 'CONFLICT', `Contact already exists. Existing ID: ${existing.id}`);
    for (const association of associations) {
      const typeId = association.types[0]?.associationTypeId;
      if (type !== 'calls' || typeId !== CALL_TO_CONTACT) return sendError(res, 400, 'VALIDATION_ERROR', `association type id ${typeId} doesn't exist between ${type} and the target`);
      if (!state.objects.contacts.has(association.to.id)) return sendError(res, 400, 'VALIDATION_ERROR', `No contacts with ID(s) ${association.to.id} exist`);
    }
    const now = new Date();
    const stored = normalizeForStorage(properties);
    const object: StoredObject = { id: nextObjectId(state), type, properties: stored, derived: derivedProperties(type, stored, country), createdAt: now, updatedAt: now };
    state.objects[type].set(object.id, object);
    for (const association of associations) {
      const spec = association.types[0];
      state.associations.push({ fromType: type, fromId: object.id, toType: 'contacts', toId: association.to.id, category: spec?.associationCategory ?? 'HUBSPOT_DEFINED', typeId: CALL_TO_CONTACT });
    }
    res.status(201).json(present(object, Object.keys(properties)));
  });

  router.get('/crm/v3/objects/:objectType/:objectId', (req, res) => {
    const type = objectType(req, res);
    if (!type) return;
    const object = state.objects[type].get(req.params.objectId);
    if (!object) return sendError(res, 404, 'OBJECT_NOT_FOUND', 'resource not found');
    const body: Record<string, unknown> = present(object, requestedList(req.query.properties));
    if (requestedList(req.query.associations)?.includes('contacts')) {
      const results = associationsOf(state, type, object.id, 'contacts').map((a) => ({ id: a.toId, type: 'call_to_contact' }));
      body.associations = { contacts: { results } };
    }
    res.json(body);
  });

  router.patch('/crm/v3/objects/:objectType/:objectId', (req, res) => {
    const type = objectType(req, res);
    if (!type) return;
    const object = state.objects[type].get(req.params.objectId);
    if (!object) return sendError(res, 404, 'OBJECT_NOT_FOUND', 'resource not found');
    const parsed = updateSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, 'VALIDATION_ERROR', `Invalid input JSON: ${parsed.error.issues[0]?.message ?? ''}`);
    const problems = validateProperties(type, parsed.data.properties, false);
    if (problems.length > 0) return sendPropertyErrors(res, problems);
    const existing = type === 'contacts' ? duplicateEmail(state, parsed.data.properties.email, object.id) : undefined;
    if (existing) return sendError(res, 409, 'CONFLICT', `Contact already exists. Existing ID: ${existing.id}`);
    Object.assign(object.properties, normalizeForStorage(parsed.data.properties));
    object.derived = derivedProperties(type, object.properties, country);
    object.updatedAt = new Date();
    res.json(present(object, Object.keys(parsed.data.properties)));
  });

  router.put('/crm/v4/objects/:fromType/:fromId/associations/default/:toType/:toId', (req, res) => {
    const fromType = objectType(req, res, 'fromType');
    const toType = fromType && objectType(req, res, 'toType');
    if (!fromType || !toType) return;
    const { fromId, toId } = req.params;
    if (!state.objects[fromType].has(fromId) || !state.objects[toType].has(toId)) return sendError(res, 404, 'OBJECT_NOT_FOUND', 'One or both objects do not exist');
    if (fromType !== 'calls' || toType !== 'contacts') return sendError(res, 400, 'VALIDATION_ERROR', `No default association between ${fromType} and ${toType}`);
    if (!associationsOf(state, fromType, fromId, toType).some((a) => a.toId === toId)) {
      state.associations.push({ fromType, fromId, toType, toId, category: 'HUBSPOT_DEFINED', typeId: CALL_TO_CONTACT });
    }
    const at = new Date().toISOString();
    res.json({
      status: 'COMPLETE',
      results: [{ from: { id: fromId }, to: { id: toId }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: CALL_TO_CONTACT } }],
      startedAt: at,
      completedAt: at,
    });
  });

  return router;
}
