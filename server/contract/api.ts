import { z } from 'zod';
import { summaryContentSchema } from './summary';

/** The HTTP API's shapes, shared by the server (which parses inputs with them) and the client. */

export const roleSchema = z.enum(['agent', 'supervisor', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const summaryStatusSchema = z.enum(['pending', 'summarizing', 'ready', 'failed', 'limit_reached', 'no_transcript']);
export const crmSyncStateSchema = z.enum(['none', 'queued', 'synced', 'failed']);
export type SummaryStatus = z.infer<typeof summaryStatusSchema>;
export type CrmSyncState = z.infer<typeof crmSyncStateSchema>;

export interface SessionInfo {
  user: { id: string; name: string; email: string | null; role: Role } | null;
  org: { id: string; name: string; isDemo: boolean; deletionScheduledFor: string | null; zoomReauthRequired: boolean } | null;
  csrfToken: string;
  demo: { enabled: boolean };
  /** "local" when summaries come from the built-in offline summarizer (no AI key configured). */
  summarizer: { provider: 'openai' | 'local'; model: string };
  billing: { enabled: boolean };
}

export interface DemoUser {
  id: string;
  name: string;
  role: Role;
}

export const demoSignInSchema = z.object({ userId: z.string().uuid() });

/** POST /auth/sign-out-everywhere: how many sessions of the user ended, this one included. */
export interface SignOutEverywhereResult {
  ended: number;
}

export interface ApiError {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

/** Filters of the engagements list (query string). */
export const engagementListQuerySchema = z.object({
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  agentId: z.string().uuid().optional(),
  queueId: z.string().max(200).optional(),
  category: z.string().max(100).optional(),
  sentiment: z.enum(['positive', 'neutral', 'negative']).optional(),
  outcome: z.enum(['resolved', 'unresolved', 'follow_up']).optional(),
  status: summaryStatusSchema.optional(),
  crm: crmSyncStateSchema.optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(['ended_desc', 'ended_asc', 'duration_desc', 'duration_asc']).default('ended_desc'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type EngagementListQuery = z.infer<typeof engagementListQuerySchema>;

export interface EngagementListItem {
  id: string;
  zoomEngagementId: string;
  channel: string;
  direction: 'inbound' | 'outbound';
  queueName: string | null;
  agent: { id: string; name: string } | null;
  consumerLabel: string | null;
  startedAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  summaryStatus: SummaryStatus | null;
  reason: string | null;
  category: string | null;
  sentiment: 'positive' | 'neutral' | 'negative' | null;
  outcome: 'resolved' | 'unresolved' | 'follow_up' | null;
  approved: boolean;
  crmSyncState: CrmSyncState;
}

export interface EngagementList {
  items: EngagementListItem[];
  nextCursor: string | null;
}

export interface SummaryVersionView {
  version: number;
  source: 'ai' | 'edit';
  editedBy: { id: string; name: string } | null;
  createdAt: string;
  content: z.infer<typeof summaryContentSchema>;
}

export interface CrmSyncAttemptView {
  id: string;
  crmKind: 'hubspot' | 'salesforce';
  result: 'created' | 'updated' | 'failed' | 'retrying';
  contactLabel: string | null;
  unattached: boolean;
  recordUrl: string | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface SummaryView {
  id: string;
  status: SummaryStatus;
  statusReason: string | null;
  currentVersion: number;
  content: z.infer<typeof summaryContentSchema> | null;
  provider: 'openai' | 'local' | null;
  model: string | null;
  approvedAt: string | null;
  approvedBy: { id: string; name: string } | null;
  crmSyncState: CrmSyncState;
  editRatio: number;
  updatedAt: string;
}

export interface EngagementDetail {
  engagement: EngagementListItem & {
    consumerNumber: string | null;
    consumerEmail: string | null;
    agents: Array<{ name: string }>;
    transcriptStatus: 'pending' | 'processed' | 'none';
    transcriptNote: string | null;
  };
  summary: SummaryView | null;
  versions: SummaryVersionView[];
  crmAttempts: CrmSyncAttemptView[];
  crmRecords: Array<{ crmKind: 'hubspot' | 'salesforce'; recordUrl: string | null; syncedVersion: number }>;
  /**
   * Grows with every change to the engagement or its summary (CRM results included). A response with a
   * lower revision than the one on screen was read before it: a live event overtook it, so drop it.
   */
  revision: number;
}

/** Saving an edit: the full edited content, and the version it was based on (optimistic concurrency). */
export const summaryEditSchema = z.object({
  baseVersion: z.number().int().min(1),
  content: summaryContentSchema,
});
export const summaryApproveSchema = z.object({ version: z.number().int().min(1) });

export interface CategoryView {
  id: string;
  name: string;
  description: string;
  position: number;
}

export const categoryInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).default(''),
});
export const categoryOrderSchema = z.object({ ids: z.array(z.string().uuid()).min(1).max(100) });

export const orgSettingsSchema = z.object({
  autoApprove: z.boolean(),
  autoSyncOnApproval: z.boolean(),
  redactPii: z.boolean(),
  crmNoMatch: z.enum(['create', 'unattached']),
});
export type OrgSettingsView = z.infer<typeof orgSettingsSchema>;

export interface UserView {
  id: string;
  name: string;
  email: string | null;
  role: Role;
  contactCenterRole: string | null;
  lastSignInAt: string | null;
}
export const roleChangeSchema = z.object({ role: roleSchema });

export interface NotificationView {
  id: string;
  kind: string;
  message: string;
  createdAt: string;
}

export interface AuditEntryView {
  id: number;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
}

/** Options for the list's filter controls. */
export interface FilterOptions {
  agents: Array<{ id: string; name: string }>;
  queues: Array<{ id: string; name: string }>;
  categories: CategoryView[];
}

export const analyticsQuerySchema = z.object({
  from: z.string().datetime({ offset: true }),
  to: z.string().datetime({ offset: true }),
  agentId: z.string().uuid().optional(),
  queueId: z.string().max(200).optional(),
});
export type AnalyticsQuery = z.infer<typeof analyticsQuerySchema>;

export interface Mix {
  positive?: number;
  neutral?: number;
  negative?: number;
  resolved?: number;
  unresolved?: number;
  follow_up?: number;
}

/** One row per agent or per queue over the period. Rates are 0..1; times in seconds. */
export interface PerformanceRow {
  id: string;
  name: string;
  engagements: number;
  averageHandleSeconds: number | null;
  sentiment: { positive: number; neutral: number; negative: number };
  outcomes: { resolved: number; unresolved: number; follow_up: number };
  approvalRate: number | null;
  editRate: number | null;
  medianSecondsToApproval: number | null;
  crmSyncSuccessRate: number | null;
}

export interface AnalyticsReport {
  period: { from: string; to: string };
  totals: PerformanceRow;
  byAgent: PerformanceRow[];
  byQueue: PerformanceRow[];
  /** Daily points across the period (UTC days). */
  trend: Array<{ day: string; engagements: number; positive: number; neutral: number; negative: number; averageSentiment: number | null }>;
  categories: Array<{ category: string; engagements: number }>;
}

export const analyticsCsvReportSchema = z.enum(['agents', 'queues', 'trend', 'categories']);

export interface IntegrationView {
  kind: 'hubspot' | 'salesforce';
  /** Whether the server has OAuth credentials for this CRM at all. */
  available: boolean;
  connection: {
    status: 'connected' | 'reauth_required';
    statusReason: string | null;
    externalAccountId: string | null;
    environment: 'production' | 'sandbox';
    connectedAt: string;
    connectedBy: string | null;
  } | null;
}

export interface PlanView {
  id: string;
  name: string;
  pricePerSeatUsd: number;
  summariesPerSeat: number | null;
  summariesFlat: number | null;
  features: string[];
}

export interface BillingView {
  enabled: boolean;
  plan: string;
  planName: string;
  seats: number;
  status: string;
  banner: 'payment_failed_grace' | 'paused' | null;
  graceEndsAt: string | null;
  currentPeriodEnd: string | null;
  usage: { used: number; limit: number; periodStart: string };
  plans: PlanView[];
  invoices: Array<{ id: string; number: string | null; status: string | null; amountDue: number; currency: string; hostedInvoiceUrl: string | null; created: string }>;
}

export const checkoutSchema = z.object({ planId: z.string().min(1).max(50), seats: z.number().int().min(1).max(10_000) });

export interface ExportView {
  id: string;
  status: 'queued' | 'running' | 'ready' | 'failed' | 'expired';
  bytes: number | null;
  createdAt: string;
  completedAt: string | null;
  expiresAt: string | null;
  error: string | null;
}

export interface AccountView {
  org: { id: string; name: string; createdAt: string };
  deletion: { requestedAt: string; scheduledFor: string; requestedBy: string | null } | null;
  exports: ExportView[];
}

/** Server-sent event on /api/engagements/:id/events: the engagement changed; here is its new state. */
export interface EngagementUpdateEvent {
  type: 'engagement.updated';
  detail: EngagementDetail;
}
