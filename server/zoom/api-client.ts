import { defaultAccountLimiter, type AccountLimiter } from './account-limiter';
import { createZoomHttp } from './api-http';
import {
  contactCenterUserResponseSchema,
  engagementListResponseSchema,
  engagementResponseSchema,
  recordingListResponseSchema,
  toContactCenterUser,
  toEngagement,
  toRecording,
  toZoomUser,
  zoomUserResponseSchema,
  type ContactCenterUser,
  type Engagement,
  type EngagementRecording,
  type ZoomUser,
} from './api-types';

export type {
  ContactCenterUser,
  Engagement,
  EngagementChannel,
  EngagementRecording,
  ZoomUser,
} from './api-types';

/**
 * The Zoom REST calls CallRecap makes, for one account. Errors are the types in ./errors: on
 * ZoomAuthError the caller refreshes the token once and retries; ZoomRateLimitedError and
 * ZoomUnavailableError mean "reschedule the job".
 */

export const DEFAULT_ZOOM_API_BASE_URL = 'https://api.zoom.us/v2';

export interface ZoomApiClientOptions {
  /** Key of the per-account concurrency pool (the Zoom account id). */
  accountId: string;
  getAccessToken: () => Promise<string>;
  baseUrl?: string;
  limiter?: AccountLimiter;
  timeoutMs?: number;
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxRetryAfterMs?: number;
  maxTranscriptBytes?: number;
  fetch?: typeof fetch;
  random?: () => number;
  now?: () => number;
}

export interface EngagementPage {
  engagements: Engagement[];
  /** Pass back to get the next page; Zoom expires it after 15 minutes. Null on the last page. */
  nextPageToken: string | null;
}

export interface TranscriptFile {
  text: string;
  contentType: string;
  format: 'vtt' | 'json' | 'text';
}

export interface ZoomApiClient {
  getMe(): Promise<ZoomUser>;
  /** The Contact Center profile, whose `roleName` is the ZCC role (Admin, Supervisor, Agent or custom). */
  getContactCenterUser(userId: string): Promise<ContactCenterUser>;
  getEngagement(engagementId: string): Promise<Engagement>;
  /** All recordings of an engagement; `transcriptUrl` is null until Zoom has transcribed it. */
  listEngagementRecordings(engagementId: string): Promise<EngagementRecording[]>;
  /** One page of engagements in [from, to]; Zoom allows at most a one-month window. */
  listEngagements(input: {
    from: Date;
    to: Date;
    nextPageToken?: string;
    pageSize?: number;
  }): Promise<EngagementPage>;
  /** Every engagement in [from, to], page by page. */
  engagementsBetween(from: Date, to: Date): AsyncGenerator<Engagement>;
  /** A recording or messaging transcript. The text is personal data: keep it out of logs. */
  downloadTranscript(url: string): Promise<TranscriptFile>;
}

const MAX_RECORDING_PAGES = 20;
const MAX_PAGE_SIZE = 100;

export function createZoomApiClient(options: ZoomApiClientOptions): ZoomApiClient {
  const http = createZoomHttp({
    accountKey: options.accountId,
    getAccessToken: options.getAccessToken,
    baseUrl: options.baseUrl ?? DEFAULT_ZOOM_API_BASE_URL,
    limiter: options.limiter ?? defaultAccountLimiter,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxRetries: options.maxRetries ?? 3,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 8_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    fetch: options.fetch ?? fetch,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  });
  const maxTranscriptBytes = options.maxTranscriptBytes ?? 20 * 1024 * 1024;

  const listEngagements: ZoomApiClient['listEngagements'] = async ({ from, to, nextPageToken, pageSize }) => {
    const page = await http.getJson(
      '/contact_center/engagements',
      {
        from: zoomDateTime(from),
        to: zoomDateTime(to),
        page_size: Math.min(pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE),
        next_page_token: nextPageToken,
      },
      engagementListResponseSchema,
    );
    return {
      engagements: (page.engagements ?? []).map(toEngagement),
      nextPageToken: page.next_page_token || null,
    };
  };

  return {
    getMe: async () => toZoomUser(await http.getJson('/users/me', {}, zoomUserResponseSchema)),

    getContactCenterUser: async (userId) =>
      toContactCenterUser(
        await http.getJson(`/contact_center/users/${segment(userId)}`, {}, contactCenterUserResponseSchema),
      ),

    getEngagement: async (engagementId) =>
      toEngagement(
        await http.getJson(
          `/contact_center/engagements/${segment(engagementId)}`,
          {},
          engagementResponseSchema,
        ),
      ),

    async listEngagementRecordings(engagementId) {
      const recordings: EngagementRecording[] = [];
      let token: string | undefined;
      for (let page = 0; page < MAX_RECORDING_PAGES; page += 1) {
        const body = await http.getJson(
          `/contact_center/engagements/${segment(engagementId)}/recordings`,
          { page_size: MAX_PAGE_SIZE, next_page_token: token },
          recordingListResponseSchema,
        );
        recordings.push(...(body.recordings ?? []).map(toRecording));
        token = body.next_page_token || undefined;
        if (!token) break;
      }
      return recordings;
    },

    listEngagements,

    async *engagementsBetween(from, to) {
      let nextPageToken: string | undefined;
      do {
        const page = await listEngagements({ from, to, nextPageToken });
        yield* page.engagements;
        nextPageToken = page.nextPageToken ?? undefined;
      } while (nextPageToken);
    },

    async downloadTranscript(url) {
      const file = await http.getFile(url, maxTranscriptBytes);
      return {
        text: file.body,
        contentType: file.contentType,
        format: formatOf(file.contentType, file.body),
      };
    },
  };
}

function segment(id: string): string {
  if (id.trim() === '') throw new TypeError('A Zoom id cannot be empty.');
  return encodeURIComponent(id);
}

/** Zoom's examples use second precision: 2021-12-10T00:00:00Z. */
function zoomDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function formatOf(contentType: string, body: string): TranscriptFile['format'] {
  if (/vtt/i.test(contentType) || body.replace(/^\uFEFF/, '').startsWith('WEBVTT')) return 'vtt';
  if (/json/i.test(contentType)) return 'json';
  return 'text';
}
