import type { CategoryView, EngagementDetail, EngagementListItem } from '../../../../server/contract/api';
import type { SummaryContent } from '../../../../server/contract/summary';
import { ApiRequestError } from '../../shared/api';
import type { PanelRequest } from './panel-request';

/** The CallRecap API as the panel uses it: one function per route, typed by the shared contract. */
export interface PanelApi {
  /** The engagement by its Zoom id; null while CallRecap has not seen it (404). */
  engagementByZoomId(zoomEngagementId: string): Promise<EngagementDetail | null>;
  engagement(id: string): Promise<EngagementDetail>;
  customerHistory(id: string): Promise<EngagementListItem[]>;
  categories(): Promise<CategoryView[]>;
  saveSummary(id: string, input: { baseVersion: number; content: SummaryContent }): Promise<EngagementDetail>;
  approveSummary(id: string, version: number): Promise<EngagementDetail>;
  retryCrmSync(id: string): Promise<void>;
  startInClientSignIn(): Promise<{ codeChallenge: string; state: string }>;
  completeInClientSignIn(input: { code: string; state: string }): Promise<{ csrfToken: string }>;
}

const enc = encodeURIComponent;

export function createPanelApi(request: PanelRequest): PanelApi {
  return {
    async engagementByZoomId(zoomEngagementId) {
      try {
        return await request<EngagementDetail>(`/api/engagements/by-zoom/${enc(zoomEngagementId)}`);
      } catch (error) {
        if (error instanceof ApiRequestError && error.status === 404) return null;
        throw error;
      }
    },
    engagement: (id) => request<EngagementDetail>(`/api/engagements/${enc(id)}`),
    customerHistory: async (id) =>
      (await request<{ items: EngagementListItem[] }>(`/api/engagements/${enc(id)}/customer-history`)).items,
    categories: async () => (await request<{ items: CategoryView[] }>('/api/categories')).items,
    saveSummary: (id, input) =>
      request<EngagementDetail>(`/api/engagements/${enc(id)}/summary`, { method: 'PUT', body: input }),
    approveSummary: (id, version) =>
      request<EngagementDetail>(`/api/engagements/${enc(id)}/summary/approve`, {
        method: 'POST',
        body: { version },
      }),
    retryCrmSync: async (id) => {
      await request<unknown>(`/api/engagements/${enc(id)}/crm-sync/retry`, { method: 'POST', body: {} });
    },
    startInClientSignIn: () =>
      request<{ codeChallenge: string; state: string }>('/auth/zoom/in-client/start', {
        method: 'POST',
        body: {},
      }),
    completeInClientSignIn: (input) =>
      request<{ csrfToken: string }>('/auth/zoom/in-client/complete', { method: 'POST', body: input }),
  };
}
