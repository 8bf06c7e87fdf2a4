import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AGENT_ID, FILTER_OPTIONS, listItem } from '../test/fixtures';
import { currentUrl, renderApp, sessionFor, type StubRequest } from '../test/harness';

function engagementsApi() {
  return {
    'GET /api/engagements': (request: StubRequest) => ({
      body: {
        items: request.query.get('sentiment') === 'negative' ? [listItem({ id: 'neg-1', sentiment: 'negative', reason: 'The app crashes on upload.' })] : [listItem()],
        nextCursor: null,
      },
    }),
    'GET /api/filters': FILTER_OPTIONS,
  };
}

const listRequests = (requests: StubRequest[]) => requests.filter((r) => r.path === '/api/engagements');

describe('engagement filters and the URL', () => {
  it('writes a chosen filter to the URL and asks the API for exactly that', async () => {
    const user = userEvent.setup();
    const { api } = renderApp('/app', sessionFor('supervisor'), engagementsApi());
    await screen.findByText('Customer was charged twice for the March invoice.');

    await user.selectOptions(screen.getByLabelText('Sentiment'), 'negative');
    await screen.findByText('The app crashes on upload.');
    expect(currentUrl().searchParams.get('sentiment')).toBe('negative');
    const last = listRequests(api.requests).at(-1)!;
    expect(last.query.get('sentiment')).toBe('negative');
    expect(last.query.get('sort')).toBe('ended_desc');
    // "Last 30 days" is the default: a from bound, no to bound.
    expect(last.query.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(last.query.has('to')).toBe(false);
  });

  it('restores every control from a shared URL', async () => {
    renderApp(`/app?range=7d&agentId=${AGENT_ID}&queueId=q-support&outcome=follow_up&status=ready&crm=failed&q=refund&sort=duration_desc`, sessionFor('admin'), engagementsApi());
    await screen.findByText('Customer was charged twice for the March invoice.');
    await waitFor(() => expect(screen.getByLabelText<HTMLSelectElement>('Agent').value).toBe(AGENT_ID));
    expect(screen.getByLabelText<HTMLSelectElement>('Date range').value).toBe('7d');
    expect(screen.getByLabelText<HTMLSelectElement>('Queue').value).toBe('q-support');
    expect(screen.getByLabelText<HTMLSelectElement>('Outcome').value).toBe('follow_up');
    expect(screen.getByLabelText<HTMLSelectElement>('Summary status').value).toBe('ready');
    expect(screen.getByLabelText<HTMLSelectElement>('CRM sync').value).toBe('failed');
    expect(screen.getByLabelText<HTMLSelectElement>('Sort').value).toBe('duration_desc');
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search summaries' }).value).toBe('refund');
  });

  it('ignores malformed values in a hand-edited URL instead of failing', async () => {
    const { api } = renderApp('/app?sentiment=furious&agentId=not-a-uuid&sort=sideways', sessionFor('supervisor'), engagementsApi());
    await screen.findByText('Customer was charged twice for the March invoice.');
    const request = listRequests(api.requests)[0]!;
    expect(request.query.has('sentiment')).toBe(false);
    expect(request.query.has('agentId')).toBe(false);
    expect(request.query.get('sort')).toBe('ended_desc');
  });

  it('debounces the search box into ?q= and the CSV link follows the filters', async () => {
    const user = userEvent.setup();
    const { api } = renderApp('/app?crm=failed', sessionFor('supervisor'), engagementsApi());
    await screen.findByText('Customer was charged twice for the March invoice.');
    await user.type(screen.getByRole('searchbox', { name: 'Search summaries' }), 'double charge');
    await waitFor(() => expect(currentUrl().searchParams.get('q')).toBe('double charge'));
    await waitFor(() => expect(listRequests(api.requests).at(-1)!.query.get('q')).toBe('double charge'));
    // One request per settled search, not one per keystroke.
    expect(listRequests(api.requests).filter((r) => r.query.has('q'))).toHaveLength(1);

    const csv = new URL(screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href')!, 'http://localhost');
    expect(csv.pathname).toBe('/api/engagements.csv');
    expect(csv.searchParams.get('q')).toBe('double charge');
    expect(csv.searchParams.get('crm')).toBe('failed');
    expect(csv.searchParams.has('cursor')).toBe(false);
  });

  it('clears every filter (but keeps the sort) with one button', async () => {
    const user = userEvent.setup();
    renderApp('/app?sentiment=negative&queueId=q-billing&sort=ended_asc', sessionFor('supervisor'), engagementsApi());
    await screen.findByText('The app crashes on upload.');
    const filters = screen.getByRole('region', { name: 'Filters' });
    await user.click(within(filters).getByRole('button', { name: /Clear filters \(2\)/ }));
    await waitFor(() => expect(currentUrl().search).toBe('?sort=ended_asc'));
    expect(within(filters).getByRole('button', { name: /Clear filters/ })).toHaveProperty('disabled', true);
  });

  it('shows agents their own list, without an agent filter', async () => {
    renderApp('/app', sessionFor('agent'), engagementsApi());
    await screen.findByRole('heading', { level: 1, name: 'My engagements' });
    expect(screen.queryByLabelText('Agent')).toBeNull();
  });
});
