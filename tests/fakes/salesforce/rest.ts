import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { sendErrors } from './faults';
import { matchesConditions, parseSoql, parseSosl, QueryError, type Condition, type SoslSearch } from './query';
import { fieldValue, recordValues, SCHEMA, validateWrite, withDefaults } from './schema';
import { newRecordId, type SalesforceState, type SObjectName, type StoredRecord } from './state';

/**
 * The REST API under /services/data/vXX.X: query (SOQL), search (SOSL), limits, and sObject
 * create/read/update/delete, answering as Salesforce does (201 { id, success, errors }, 204 on update,
 * errors as [{ message, errorCode, fields }]).
 */

export interface RestSettings {
  /** New records reach the SOSL index this long after they are written (Salesforce: seconds). */
  searchLagMs: number;
  dailyApiLimit: number;
}

const fieldsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const NOT_FOUND = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] }];

function objectName(req: Request, res: Response): SObjectName | null {
  const match = (Object.keys(SCHEMA) as SObjectName[]).find((object) => object.toLowerCase() === String(req.params.object).toLowerCase());
  if (!match) sendErrors(res, 404, [{ errorCode: 'NOT_FOUND', message: `The requested resource does not exist`, fields: [] }]);
  return match ?? null;
}

function queryText(req: Request): string {
  return typeof req.query.q === 'string' ? req.query.q : '';
}

function withAttributes(object: SObjectName, version: string, record: StoredRecord, fields?: string[]) {
  const values = recordValues(object, record);
  const selected = fields ? Object.fromEntries(fields.map((name) => [name, values[name] ?? null])) : values;
  return { attributes: { type: object, url: `/services/data/${version}/sobjects/${object}/${record.Id}` }, ...selected };
}

const digitsOf = (text: string) => text.replace(/\D/g, '');

/** SOSL matching for one object: which fields the scope searches, and how (phone digits or text). */
function soslMatcher(object: SObjectName, search: SoslSearch): (record: StoredRecord) => boolean {
  const termDigits = digitsOf(search.term);
  const term = search.term.toLowerCase();
  const how = (name: string, type: string): 'phone' | 'text' | null => {
    if (type === 'phone' && (search.scope === 'PHONE' || search.scope === 'ALL')) return 'phone';
    if (search.scope === 'EMAIL') return type === 'email' ? 'text' : null;
    if (search.scope === 'NAME') return ['Name', 'FirstName', 'LastName', 'Company', 'Subject'].includes(name) ? 'text' : null;
    return search.scope === 'ALL' && ['string', 'email', 'textarea'].includes(type) ? 'text' : null;
  };
  const fields = Object.entries(SCHEMA[object]).flatMap(([name, field]) => {
    const kind = how(name, field.type);
    return kind ? [{ name, kind }] : [];
  });
  return (record) =>
    fields.some(({ name, kind }) => {
      const value = fieldValue(object, record, name);
      if (typeof value !== 'string') return false;
      return kind === 'phone' ? termDigits.length >= 3 && digitsOf(value).endsWith(termDigits) : value.toLowerCase().includes(term);
    });
}

function rows(state: SalesforceState, object: SObjectName, where: Condition[]) {
  return [...state.records[object].values()].filter((record) => matchesConditions((name) => fieldValue(object, record, name), where));
}

export function restRouter(state: SalesforceState, settings: RestSettings): Router {
  const router = express.Router();

  router.get('/services/data/:version/query', (req, res) => {
    try {
      const query = parseSoql(queryText(req));
      const found = rows(state, query.object, query.where);
      const order = query.orderBy;
      if (order) {
        found.sort((a, b) => {
          const compared = String(fieldValue(query.object, a, order.field) ?? '').localeCompare(String(fieldValue(query.object, b, order.field) ?? ''));
          return order.descending ? -compared : compared;
        });
      }
      const records = found.slice(0, query.limit ?? 2000).map((record) => withAttributes(query.object, req.params.version, record, query.fields));
      res.json({ totalSize: records.length, done: true, records });
    } catch (error) {
      if (error instanceof QueryError) return sendErrors(res, 400, [error.error]);
      throw error;
    }
  });

  router.get('/services/data/:version/search', (req, res) => {
    try {
      const search = parseSosl(queryText(req));
      const indexedBefore = Date.now() - settings.searchLagMs;
      const searchRecords = search.returning.flatMap(({ object, fields, where, limit }) => {
        const hit = soslMatcher(object, search);
        return rows(state, object, where)
          .filter((record) => record.updatedAt.getTime() <= indexedBefore && hit(record))
          .slice(0, limit ?? 2000)
          .map((record) => withAttributes(object, req.params.version, record, fields));
      });
      res.json({ searchRecords });
    } catch (error) {
      if (error instanceof QueryError) return sendErrors(res, 400, [error.error]);
      throw error;
    }
  });

  router.get('/services/data/:version/limits', (_req, res) => {
    res.json({ DailyApiRequests: { Max: settings.dailyApiLimit, Remaining: Math.max(0, settings.dailyApiLimit - state.apiCallsToday) } });
  });

  router.post('/services/data/:version/sobjects/:object', (req, res) => {
    const object = objectName(req, res);
    if (!object) return;
    const parsed = fieldsSchema.safeParse(req.body);
    if (!parsed.success) return sendErrors(res, 400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'The request body must be a JSON object of field values.', fields: [] }]);
    const errors = validateWrite(state, object, parsed.data);
    if (errors.length > 0) return sendErrors(res, 400, errors);
    const now = new Date();
    const record: StoredRecord = { Id: newRecordId(state, object), fields: withDefaults(object, parsed.data), createdAt: now, updatedAt: now };
    state.records[object].set(record.Id, record);
    res.status(201).json({ id: record.Id, success: true, errors: [] });
  });

  router.get('/services/data/:version/sobjects/:object/:id', (req, res) => {
    const object = objectName(req, res);
    const record = object ? state.records[object].get(req.params.id) : undefined;
    if (!object) return;
    if (!record) return sendErrors(res, 404, NOT_FOUND);
    res.json(withAttributes(object, req.params.version, record));
  });

  router.patch('/services/data/:version/sobjects/:object/:id', (req, res) => {
    const object = objectName(req, res);
    const record = object ? state.records[object].get(req.params.id) : undefined;
    if (!object) return;
    if (!record) return sendErrors(res, 404, NOT_FOUND);
    const parsed = fieldsSchema.safeParse(req.body);
    if (!parsed.success) return sendErrors(res, 400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'The request body must be a JSON object of field values.', fields: [] }]);
    const errors = validateWrite(state, object, parsed.data, record);
    if (errors.length > 0) return sendErrors(res, 400, errors);
    Object.assign(record.fields, parsed.data);
    record.updatedAt = new Date();
    res.status(204).end();
  });

  router.delete('/services/data/:version/sobjects/:object/:id', (req, res) => {
    const object = objectName(req, res);
    if (!object) return;
    if (!state.records[object].delete(req.params.id)) return sendErrors(res, 404, NOT_FOUND);
    res.status(204).end();
  });

  return router;
}
