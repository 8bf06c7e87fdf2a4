import { z } from 'zod';
import { externalCallId, type CrmCallInput, type CrmCallStatus, type CrmRecordRef } from '../adapter';
import { formatSummaryText, truncateLine } from '../format';
import { jsonRequest, type SalesforceSession } from './session';
import { recordUrl } from './settings';
import { queryPath, soqlString } from './soql';

/**
 * A call is logged as a completed Task with TaskSubtype 'Call' (which makes Salesforce show it as a
 * logged call). CallObject, Salesforce's field for the telephony system's call id, carries our
 * engagement id so a crashed job can find the Task instead of creating a second one.
 */

const SUBJECT_MAX_CHARS = 255;

const DISPOSITION: Record<CrmCallStatus, string> = {
  completed: 'Completed',
  no_answer: 'No answer',
  busy: 'Busy',
  failed: 'Failed',
  canceled: 'Canceled',
};

const createdSchema = z.object({ id: z.string(), success: z.literal(true) });
const taskQuerySchema = z.object({ records: z.array(z.object({ Id: z.string() })) });

/** ActivityDate is a date without time, so it is the call's calendar day in the org's time zone. */
export function activityDate(startedAt: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(startedAt);
}

export function salesforceTaskFields(call: CrmCallInput, timeZone: string): Record<string, string | number> {
  const fields: Record<string, string | number> = {
    Subject: truncateLine(call.title, SUBJECT_MAX_CHARS),
    Description: formatSummaryText(call.summary, { agentName: call.agentName }),
    Status: 'Completed',
    CallType: call.direction === 'inbound' ? 'Inbound' : 'Outbound',
    CallDurationInSeconds: call.durationSeconds,
    CallDisposition: DISPOSITION[call.status],
    ActivityDate: activityDate(call.startedAt, timeZone),
    CallObject: externalCallId(call.engagementId),
  };
  // Left out rather than cleared: a Who the agent linked in Salesforce stays linked.
  if (call.contact) fields.WhoId = call.contact.id;
  return fields;
}

export async function logSalesforceTask(session: SalesforceSession, call: CrmCallInput, timeZone: string): Promise<CrmRecordRef> {
  // TaskSubtype can only be set on create.
  const body = { ...salesforceTaskFields(call, timeZone), TaskSubtype: 'Call' };
  const { id } = createdSchema.parse(await session.send('log call', jsonRequest('POST', '/sobjects/Task', body)));
  return { id, url: recordUrl(session.instanceUrl(), 'Task', id) };
}

export async function updateSalesforceTask(session: SalesforceSession, ref: CrmRecordRef, call: CrmCallInput, timeZone: string): Promise<CrmRecordRef> {
  await session.send('update call', jsonRequest('PATCH', `/sobjects/Task/${encodeURIComponent(ref.id)}`, salesforceTaskFields(call, timeZone)));
  return { id: ref.id, url: recordUrl(session.instanceUrl(), 'Task', ref.id) };
}

export async function findSalesforceTask(session: SalesforceSession, engagementId: string): Promise<CrmRecordRef | null> {
  const soql = `SELECT Id FROM Task WHERE CallObject = ${soqlString(externalCallId(engagementId))} ORDER BY CreatedDate ASC LIMIT 1`;
  const [task] = taskQuerySchema.parse(await session.send('call search', { method: 'GET', url: queryPath(soql) })).records;
  return task ? { id: task.Id, url: recordUrl(session.instanceUrl(), 'Task', task.Id) } : null;
}
