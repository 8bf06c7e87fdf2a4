import { AssociationTypes } from '@hubspot/api-client';
import type { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/calls';
import { externalCallId, type CrmCallInput, type CrmCallStatus, type CrmRecordRef } from '../adapter';
import { formatSummaryHtml, truncateLine } from '../format';
import { callEq } from './search';
import type { HubSpotSession } from './session';
import { callUrl, contactUrl } from './settings';

/**
 * Calls are HubSpot engagement objects (/crm/v3/objects/calls). Our engagement id goes into
 * hs_call_external_id (namespaced, see externalCallId) so a job that crashed after creating the call
 * can find it again instead of logging it twice.
 */

const HUBSPOT_DEFINED = 'HUBSPOT_DEFINED' as AssociationSpecAssociationCategoryEnum;
const TITLE_MAX_CHARS = 255;

const STATUS: Record<CrmCallStatus, string> = {
  completed: 'COMPLETED',
  no_answer: 'NO_ANSWER',
  busy: 'BUSY',
  failed: 'FAILED',
  canceled: 'CANCELED',
};

export function hubspotCallProperties(call: CrmCallInput): Record<string, string> {
  return {
    hs_timestamp: String(call.startedAt.getTime()),
    hs_call_title: truncateLine(call.title, TITLE_MAX_CHARS),
    hs_call_body: formatSummaryHtml(call.summary, { agentName: call.agentName }),
    // Direction is from the HubSpot user's (the agent's) point of view, which is also Zoom's.
    hs_call_direction: call.direction === 'inbound' ? 'INBOUND' : 'OUTBOUND',
    hs_call_duration: String(call.durationSeconds * 1000),
    hs_call_status: STATUS[call.status],
    hs_call_external_id: externalCallId(call.engagementId),
  };
}

/** The contact's page shows the call in its timeline; a call on its own links to the call record. */
function recordRef(session: HubSpotSession, callId: string, call: CrmCallInput): CrmRecordRef {
  const url = call.contact ? contactUrl(session.app, session.portalId, call.contact.id) : callUrl(session.app, session.portalId, callId);
  return { id: callId, url };
}

export async function logHubSpotCall(session: HubSpotSession, call: CrmCallInput): Promise<CrmRecordRef> {
  const associations = call.contact
    ? [{ to: { id: call.contact.id }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: AssociationTypes.callToContact }] }]
    : [];
  const created = await session.run('log call', 'general', (apis) => apis.calls.create({ properties: hubspotCallProperties(call), associations }));
  return recordRef(session, created.id, call);
}

export async function updateHubSpotCall(session: HubSpotSession, ref: CrmRecordRef, call: CrmCallInput): Promise<CrmRecordRef> {
  await session.run('update call', 'general', (apis) => apis.calls.update(ref.id, { properties: hubspotCallProperties(call) }));
  const contact = call.contact;
  if (contact) {
    // Idempotent: re-associating the same contact is a no-op at HubSpot; a newly chosen contact gets linked.
    await session.run('associate call', 'general', (apis) => apis.associations.createDefault('calls', ref.id, 'contacts', contact.id));
  }
  return recordRef(session, ref.id, call);
}

export async function findHubSpotCall(session: HubSpotSession, engagementId: string): Promise<CrmRecordRef | null> {
  const page = await session.run('call search', 'search', (apis) =>
    apis.callSearch.doSearch({
      filterGroups: [callEq('hs_call_external_id', externalCallId(engagementId))],
      properties: ['hs_call_external_id'],
      limit: 1,
    }),
  );
  const [found] = page.results;
  return found ? { id: found.id, url: callUrl(session.app, session.portalId, found.id) } : null;
}
