import type { CrmAdapter, OnTokensRefreshed } from '../adapter';
import { DEFAULT_PHONE_REGION, type PhoneRegion } from '../phone';
import { createSalesforceContact, findSalesforceContact, type SalesforcePersonObject } from './contacts';
import { revokeSalesforceGrant } from './oauth';
import { createSalesforceSession } from './session';
import type { SalesforceApp, SalesforceCredentials } from './settings';
import { findSalesforceTask, logSalesforceTask, updateSalesforceTask } from './tasks';

export interface SalesforceAdapterOptions {
  app: SalesforceApp;
  onTokensRefreshed?: OnTokensRefreshed;
  requestTimeoutMs?: number;
  phoneRegion?: PhoneRegion;
  /** Unknown callers become Leads (the usual choice for inbound calls) or Contacts. */
  createAs?: SalesforcePersonObject;
  leadCompany?: string;
  /** The org's time zone, for the Task's ActivityDate. */
  timeZone?: string;
}

export function createSalesforceAdapter(credentials: SalesforceCredentials, options: SalesforceAdapterOptions): CrmAdapter {
  const region = options.phoneRegion ?? DEFAULT_PHONE_REGION;
  const timeZone = options.timeZone ?? 'UTC';
  const createOptions = { createAs: options.createAs ?? 'Lead', leadCompany: options.leadCompany ?? '[not provided]' } as const;
  const session = createSalesforceSession({
    app: options.app,
    credentials,
    requestTimeoutMs: options.requestTimeoutMs ?? 20_000,
    onTokensRefreshed: options.onTokensRefreshed,
  });
  return {
    kind: 'salesforce',
    findContact: (query) => findSalesforceContact(session, query, region),
    createContact: (contact) => createSalesforceContact(session, contact, createOptions),
    logCall: (call) => logSalesforceTask(session, call, timeZone),
    updateCall: (ref, call) => updateSalesforceTask(session, ref, call, timeZone),
    findCallByExternalId: (engagementId) => findSalesforceTask(session, engagementId),
    revoke: () => revokeSalesforceGrant(options.app, credentials.loginUrl, session.currentRefreshToken()),
  };
}
