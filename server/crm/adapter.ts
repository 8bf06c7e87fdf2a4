import { z } from 'zod';
import { summaryContentSchema } from '../contract/summary';

/**
 * The one interface every CRM implements. A new CRM is a new folder beside hubspot/ and salesforce/
 * plus one line in registry.ts. Everything here is ours: no SDK type crosses this boundary, and
 * failures surface only as the errors in ./errors.
 */

export const crmKindSchema = z.enum(['hubspot', 'salesforce']);

/** A person in the CRM; Salesforce distinguishes Contacts from (unconverted) Leads. */
export const crmContactSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['contact', 'lead']),
  name: z.string().optional(),
  email: z.string().optional(),
  url: z.string().url(),
});

/** Where a logged call lives, kept by the caller so later edits update the same record. */
export const crmRecordRefSchema = z.object({ id: z.string().min(1), url: z.string().url() });

export const crmContactQuerySchema = z.object({
  email: z.string().email().optional(),
  phoneE164: z.string().regex(/^\+[1-9]\d{6,14}$/).optional(),
});

export const crmNewContactSchema = crmContactQuerySchema.extend({ name: z.string().trim().min(1).max(200).optional() });

export const crmCallStatusSchema = z.enum(['completed', 'no_answer', 'busy', 'failed', 'canceled']);

export const crmCallInputSchema = z.object({
  /** The Zoom Contact Center engagement id; stored on the CRM record so a crashed job can find its work. */
  engagementId: z.string().min(1).max(200),
  title: z.string().trim().min(1),
  summary: summaryContentSchema,
  direction: z.enum(['inbound', 'outbound']),
  durationSeconds: z.number().int().nonnegative(),
  startedAt: z.date(),
  status: crmCallStatusSchema,
  contact: crmContactSchema.nullable(),
  agentName: z.string().trim().min(1).max(200).optional(),
});

export type CrmKind = z.infer<typeof crmKindSchema>;
export type CrmContact = z.infer<typeof crmContactSchema>;
export type CrmRecordRef = z.infer<typeof crmRecordRefSchema>;
export type CrmContactQuery = z.infer<typeof crmContactQuerySchema>;
export type CrmNewContact = z.infer<typeof crmNewContactSchema>;
export type CrmCallStatus = z.infer<typeof crmCallStatusSchema>;
export type CrmCallInput = z.infer<typeof crmCallInputSchema>;

export interface CrmAdapter {
  readonly kind: CrmKind;
  /** Best match by email first, then by phone; null when nobody matches. */
  findContact(query: CrmContactQuery): Promise<CrmContact | null>;
  createContact(contact: CrmNewContact): Promise<CrmContact>;
  logCall(call: CrmCallInput): Promise<CrmRecordRef>;
  updateCall(ref: CrmRecordRef, call: CrmCallInput): Promise<CrmRecordRef>;
  /** The call this integration logged for an engagement, if any (search indexes may lag a few seconds). */
  findCallByExternalId?(engagementId: string): Promise<CrmRecordRef | null>;
  /** Revokes the grant at the CRM (on disconnect). Already-revoked grants count as success. */
  revoke(): Promise<void>;
}

/** New tokens after a refresh; the caller re-encrypts and stores them before anything else uses them. */
export interface RefreshedCrmTokens {
  accessToken: string;
  /** Present when the CRM rotated it. */
  refreshToken?: string;
  expiresAt?: Date;
  /** Salesforce may move an org to another instance. */
  instanceUrl?: string;
}

export type OnTokensRefreshed = (tokens: RefreshedCrmTokens) => Promise<void> | void;

/** The marker we write into the CRM's external-id field, namespaced so other Zoom integrations never collide. */
export function externalCallId(engagementId: string): string {
  return `callrecap:${engagementId}`;
}
